//! How easy a plain-language text is to read: Flesch Reading Ease for English and its French
//! adaptation by Kandel and Moles. A guide for writers of family summaries, never a gate: the
//! formulas count only sentence and word length.

use crate::model::Language;

/// A text's reading ease and what went into it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reading {
    /// Higher is easier; 60 and above reads as plain language.
    pub score: f64,
    pub sentences: usize,
    pub words: usize,
    pub syllables: usize,
}

/// How a score reads, from easiest to hardest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Band {
    Easy,
    Plain,
    FairlyDifficult,
    Difficult,
    VeryDifficult,
}

/// Below this many words a score says little.
pub const FEW_WORDS: usize = 30;

impl Reading {
    pub fn band(&self) -> Band {
        match self.score {
            s if s >= 70.0 => Band::Easy,
            s if s >= 60.0 => Band::Plain,
            s if s >= 50.0 => Band::FairlyDifficult,
            s if s >= 30.0 => Band::Difficult,
            _ => Band::VeryDifficult,
        }
    }
}

/// The reading ease of a text written in `language`; `None` when it has no words.
pub fn reading_ease(text: &str, language: Language) -> Option<Reading> {
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphabetic() || c == '\'' || c == '’' || c == '-'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()))
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return None;
    }
    // A sentence ends at . ! ? or a line break that ends a paragraph or a list item.
    let sentences = text
        .split(['.', '!', '?', '\n'])
        .filter(|s| s.chars().any(char::is_alphabetic))
        .count()
        .max(1);
    let syllables: usize = words
        .iter()
        .map(|w| match language {
            Language::En => english_syllables(w),
            Language::Fr => french_syllables(w),
        })
        .sum();
    let per_sentence = words.len() as f64 / sentences as f64;
    let per_word = syllables as f64 / words.len() as f64;
    let score = match language {
        Language::En => 206.835 - 1.015 * per_sentence - 84.6 * per_word,
        Language::Fr => 207.0 - 1.015 * per_sentence - 73.6 * per_word,
    };
    Some(Reading {
        score,
        sentences,
        words: words.len(),
        syllables,
    })
}

/// Groups of vowels in a word, the usual estimate of its syllables.
fn vowel_groups(word: &str, vowels: &str) -> usize {
    let mut groups = 0;
    let mut in_vowel = false;
    for c in word.chars() {
        let v = vowels.contains(c);
        if v && !in_vowel {
            groups += 1;
        }
        in_vowel = v;
    }
    groups
}

fn english_syllables(word: &str) -> usize {
    let w = word.to_lowercase().replace(['\'', '’'], "");
    let w = w.as_str();
    let mut n = vowel_groups(w, "aeiouy");
    // A final silent e ("plan-e"), but not "-le" ("ta-ble") or a word's only vowel ("the").
    if n > 1 && w.ends_with('e') && !w.ends_with("le") && !w.ends_with("ee") {
        n -= 1;
    }
    // "-ed" is silent except after t or d ("plann-ed" but "want-ed").
    if n > 1 && w.ends_with("ed") && !(w.ends_with("ted") || w.ends_with("ded")) {
        n -= 1;
    }
    n.max(1)
}

fn french_syllables(word: &str) -> usize {
    let w = word.to_lowercase();
    let w = w
        .rsplit(['\'', '’'])
        .next()
        .unwrap_or(w.as_str())
        .to_owned();
    let mut n = vowel_groups(&w, "aeiouyàâäéèêëîïôöùûüÿœæ");
    // The mute e of the end of a word ("ca-ble", "fa-milles", "par-lent").
    if n > 1 && (w.ends_with('e') || w.ends_with("es") || w.ends_with("ent")) {
        n -= 1;
    }
    n.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(text: &str, language: Language) -> f64 {
        reading_ease(text, language).expect("words").score
    }

    #[test]
    fn short_plain_sentences_score_high_and_long_technical_ones_low() {
        // Six one-syllable words in one sentence: 206.835 - 1.015 * 6 - 84.6 = 116.145.
        let r = reading_ease("The cat sat on the mat.", Language::En).unwrap();
        assert_eq!((r.sentences, r.words, r.syllables), (1, 6, 6));
        assert!((r.score - 116.145).abs() < 1e-9);
        let plain = "Your nurse will call you a week after a flare. She will ask how you feel. \
                     Tell her what helps and what does not.";
        let dense = "Standardised pre-visit ascertainment of corticosteroid exposure \
                     facilitates identification of patients requiring immunomodulatory \
                     escalation according to institutional protocols.";
        assert!(
            score(plain, Language::En) >= 70.0,
            "{}",
            score(plain, Language::En)
        );
        assert!(
            score(dense, Language::En) < 0.0,
            "{}",
            score(dense, Language::En)
        );
        assert_eq!(
            reading_ease(plain, Language::En).unwrap().band(),
            Band::Easy
        );
    }

    #[test]
    fn french_counts_mute_endings_and_elisions() {
        assert_eq!(french_syllables("familles"), 2);
        assert_eq!(french_syllables("parlent"), 1);
        assert_eq!(french_syllables("l'infirmière"), 3);
        assert_eq!(french_syllables("rémission"), 3);
        let plain = "L'infirmière vous appelle une semaine après une poussée. Elle vous \
                     demande comment vous allez.";
        let dense = "L'identification systématique des expositions aux corticostéroïdes \
                     préalablement à la consultation facilite l'intensification \
                     thérapeutique conformément aux protocoles institutionnels.";
        assert!(
            score(plain, Language::Fr) > 60.0,
            "{}",
            score(plain, Language::Fr)
        );
        assert!(
            score(dense, Language::Fr) < 30.0,
            "{}",
            score(dense, Language::Fr)
        );
    }

    #[test]
    fn english_endings() {
        assert_eq!(english_syllables("table"), 2);
        assert_eq!(english_syllables("the"), 1);
        assert_eq!(english_syllables("planned"), 1);
        assert_eq!(english_syllables("wanted"), 2);
        assert_eq!(english_syllables("phone"), 1);
        assert_eq!(english_syllables("remission"), 3);
        assert!(reading_ease("  … 42 ", Language::En).is_none());
    }
}
