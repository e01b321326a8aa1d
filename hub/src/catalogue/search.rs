//! The catalogue's search terms, the same for both engines: words folded to lower case without
//! accents and stemmed (Snowball), so that "soins" finds "soin" and "etude" finds "étude".
//! SQLite's FTS5 and PostgreSQL's full-text search index and rank these terms, so a search
//! answers alike on either engine and neither needs a language configuration of its own.

use rust_stemmers::{Algorithm, Stemmer};
use tandem_shared::model::Language;
use tandem_shared::privacy::scrub::fold;

/// What a search keeps of what was typed: the first characters and the first words. More is
/// cut, not refused: a parent who pastes a paragraph still gets results.
pub const MAX_QUERY_CHARS: usize = 200;
pub const MAX_QUERY_WORDS: usize = 8;

/// Words that say nothing about a practice, in either language, folded ("a" is French "has").
const STOP: &[&str] = &[
    "a", "about", "an", "and", "are", "as", "at", "au", "aux", "avec", "be", "by", "ce", "ces",
    "dans", "de", "des", "du", "elle", "en", "est", "et", "for", "from", "how", "i", "il", "in",
    "is", "it", "je", "l", "la", "le", "les", "leur", "mon", "my", "nos", "notre", "of", "on",
    "or", "ou", "our", "par", "pour", "qu", "que", "qui", "sa", "se", "ses", "son", "sur", "the",
    "to", "un", "une", "vos", "votre", "we", "what", "with", "you", "your",
];

fn algorithm(lang: Language) -> Algorithm {
    match lang {
        Language::En => Algorithm::English,
        Language::Fr => Algorithm::French,
    }
}

/// The folded words of a text, stop words left out.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(fold)
        .filter(|w| !STOP.contains(&w.as_str()))
}

/// What the index holds for a text written in `lang`: its terms, space-separated.
pub fn index_terms(text: &str, lang: Language) -> String {
    let stemmer = Stemmer::create(algorithm(lang));
    let mut out = String::with_capacity(text.len());
    for w in words(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&stemmer.stem(&w));
    }
    out
}

/// One word of a query: the terms it may match. A practice not yet translated is indexed in
/// its own language, so each word is stemmed both ways ("soins" is "soin" in French and
/// "soin" in English; "families" is "famili" in English and "famil" in French).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryWord(pub Vec<String>);

/// What someone typed, as words to match all of; empty when nothing in it is searchable.
pub fn query(text: &str) -> Vec<QueryWord> {
    // Cut at a word's end, so that no half word is searched for.
    let text: String = match text.char_indices().nth(MAX_QUERY_CHARS) {
        Some((end, c)) => {
            let kept = &text[..end];
            if c.is_alphanumeric() {
                kept.trim_end_matches(char::is_alphanumeric).to_owned()
            } else {
                kept.to_owned()
            }
        }
        None => text.to_owned(),
    };
    let (en, fr) = (
        Stemmer::create(Algorithm::English),
        Stemmer::create(Algorithm::French),
    );
    let mut out: Vec<QueryWord> = Vec::new();
    for w in words(&text) {
        let mut terms = vec![en.stem(&w).into_owned()];
        let f = fr.stem(&w).into_owned();
        if !terms.contains(&f) {
            terms.push(f);
        }
        let word = QueryWord(terms);
        if !out.contains(&word) {
            out.push(word);
        }
        if out.len() == MAX_QUERY_WORDS {
            break;
        }
    }
    out
}

/// The query as an FTS5 match expression: every word, each one of its terms. Terms are
/// letters and digits only, and quoted, so nothing typed is read as FTS5 syntax.
pub fn fts5(words: &[QueryWord]) -> String {
    join(words, " AND ", " OR ", |t| format!("\"{t}\""))
}

/// The query for PostgreSQL's `to_tsquery('simple', …)`, in its syntax, each term quoted.
pub fn tsquery(words: &[QueryWord]) -> String {
    join(words, " & ", " | ", |t| format!("'{t}'"))
}

fn join(words: &[QueryWord], and: &str, or: &str, quote: impl Fn(&str) -> String) -> String {
    words
        .iter()
        .map(|w| {
            let terms: Vec<String> = w.0.iter().map(|t| quote(t)).collect();
            format!("({})", terms.join(or))
        })
        .collect::<Vec<_>>()
        .join(and)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Does a query match an indexed text, as both engines read them (every word, any term)?
    fn finds(q: &str, text: &str, lang: Language) -> bool {
        let index = index_terms(text, lang);
        let terms: Vec<&str> = index.split(' ').collect();
        let words = query(q);
        !words.is_empty()
            && words
                .iter()
                .all(|w| w.0.iter().any(|t| terms.contains(&t.as_str())))
    }

    #[test]
    fn french_plurals_and_accents_meet_in_the_same_terms() {
        assert!(finds(
            "soins",
            "Un soin de la peau chaque soir",
            Language::Fr
        ));
        assert!(finds(
            "etude",
            "Une étude menée dans trois cliniques",
            Language::Fr
        ));
        assert!(finds(
            "ÉTUDES",
            "Une étude menée dans trois cliniques",
            Language::Fr
        ));
        assert!(finds(
            "infirmières",
            "Appeler l'infirmière de garde",
            Language::Fr
        ));
        assert!(!finds("soins", "Un repas chaque soir", Language::Fr));
    }

    #[test]
    fn english_stems_and_a_french_query_finds_an_english_practice() {
        assert!(finds("flares", "A written plan for a flare", Language::En));
        assert!(finds(
            "planning visits",
            "We plan each visit together",
            Language::En
        ));
        // Not yet translated: the French word that is also English still finds it.
        assert!(finds(
            "transition",
            "Transition to adult care",
            Language::En
        ));
    }

    #[test]
    fn stop_words_are_left_out_and_every_other_word_must_match() {
        assert_eq!(query("the and les de"), Vec::new());
        assert!(finds("the flare plan", "A flare plan", Language::En));
        assert!(!finds("flare diet", "A flare plan", Language::En));
    }

    #[test]
    fn nothing_typed_is_read_as_search_syntax() {
        let words = query(r#"pain" OR x* NEAR(a) 'drop ; --"#);
        assert_eq!(
            fts5(&words),
            r#"("pain") AND ("x") AND ("near") AND ("drop")"#
        );
        assert_eq!(tsquery(&words), "('pain') & ('x') & ('near') & ('drop')");
        assert_eq!(fts5(&query("pain")), r#"("pain")"#);
        assert_eq!(tsquery(&query("soins")), "('soin')");
        assert_eq!(
            fts5(&query("families")),
            r#"("famili" OR "famil")"#,
            "both languages' stems"
        );
    }

    #[test]
    fn long_queries_are_cut_not_refused() {
        let long = "asthma ".repeat(1_000) + &(0..50).map(|i| format!("w{i} ")).collect::<String>();
        let words = query(&long);
        assert_eq!(
            words.len(),
            1,
            "the repeated word once; the rest beyond 200 characters"
        );
        let many: String = (0..40).map(|i| format!("word{i} ")).collect();
        assert_eq!(query(&many).len(), MAX_QUERY_WORDS);
    }
}
