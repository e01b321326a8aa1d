//! How easy a text is to read, a hint for writers of family texts (never a gate: the formulas
//! count only sentence and word length) and a check on the catalogue's own fixed texts: Flesch Reading Ease and the Flesch–Kincaid grade for English, Kandel and
//! Moles' adaptation of Flesch for French. The target is a reading age of 9 to 11: a
//! Flesch–Kincaid grade of 6 or less (a US grade plus five is an age), and a reading ease of
//! 70 or more ("fairly easy" and easier) in either language.
//!
//! Syllables are counted by rule (groups of vowels, a silent final "e"), as the formulas'
//! authors and most tools do; a count is off by one now and then, which moves a score by a
//! point or two on a paragraph.

use crate::model::Language;
use crate::privacy::scrub::fold;

/// A Flesch–Kincaid grade at or below this reads at age 11 or younger.
pub const MAX_GRADE: f64 = 6.0;
/// A reading ease (Flesch, or Kandel–Moles for French) at or above this is "fairly easy".
pub const MIN_EASE: f64 = 70.0;

/// How a reading ease reads, from easiest to hardest.
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

/// A text's counts and scores.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    pub sentences: usize,
    pub words: usize,
    pub syllables: usize,
    /// Flesch Reading Ease for English, Kandel–Moles for French: higher is easier.
    pub ease: f64,
    /// The Flesch–Kincaid grade (English only; its French equivalent has no agreed form).
    pub grade: Option<f64>,
}

impl Score {
    /// Whether the text reads at the target age: easy enough, and (in English) at grade 6.
    pub fn plain(&self) -> bool {
        self.ease >= MIN_EASE && self.grade.is_none_or(|g| g <= MAX_GRADE)
    }

    pub fn band(&self) -> Band {
        match self.ease {
            s if s >= 70.0 => Band::Easy,
            s if s >= 60.0 => Band::Plain,
            s if s >= 50.0 => Band::FairlyDifficult,
            s if s >= 30.0 => Band::Difficult,
            _ => Band::VeryDifficult,
        }
    }
}

/// The score of a text, or `None` when it has no words.
pub fn score(text: &str, lang: Language) -> Option<Score> {
    let words: Vec<String> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .map(fold)
        .collect();
    if words.is_empty() {
        return None;
    }
    // A sentence ends at . ! ? or a line break (a list item, a heading), and has a word in it.
    let sentences = text
        .split(['.', '!', '?', '\n', ';'])
        .filter(|s| s.chars().any(char::is_alphabetic))
        .count()
        .max(1);
    let syllables: usize = words.iter().map(|w| syllables(w, lang)).sum();
    let (w, s, y) = (words.len() as f64, sentences as f64, syllables as f64);
    let (per_sentence, per_word) = (w / s, y / w);
    let (ease, grade) = match lang {
        Language::En => (
            206.835 - 1.015 * per_sentence - 84.6 * per_word,
            Some(0.39 * per_sentence + 11.8 * per_word - 15.59),
        ),
        Language::Fr => (207.0 - 1.015 * per_sentence - 73.6 * per_word, None),
    };
    Some(Score {
        sentences,
        words: words.len(),
        syllables,
        ease,
        grade,
    })
}

fn vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// Syllables of a folded word: its groups of vowels, less a silent ending.
fn syllables(word: &str, lang: Language) -> usize {
    let w: Vec<char> = word
        .chars()
        .filter(|c| c.is_alphabetic())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if w.iter().all(|c| !vowel(*c)) {
        // "Dr", "mg", "TV": read as one.
        return 1;
    }
    let mut groups = 0;
    let mut previous = false;
    for &c in &w {
        let v = vowel(c);
        if v && !previous {
            groups += 1;
        }
        previous = v;
    }
    let ends = |s: &str| word.ends_with(s);
    let n = w.len();
    let silent = match lang {
        // "care", "plan-ned", but "simple", "see", "the".
        Language::En => {
            (ends("e") && !ends("le") && !ends("ee") && n > 3)
                || (ends("es") && n > 4 && !ends("ses") && !ends("ces") && !ends("ges"))
                || (ends("ed") && n > 4 && !ends("ted") && !ends("ded"))
        }
        // "famille", "équipes", "parlent": the final e is not said.
        Language::Fr => ends("e") || ends("es") || (ends("ent") && n > 4),
    };
    if silent && groups > 1 {
        groups - 1
    } else {
        groups
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_by_rule() {
        for (word, n) in [
            ("cat", 1),
            ("care", 1),
            ("family", 3),
            ("together", 3),
            ("simple", 2),
            ("visits", 2),
            ("planned", 1),
            ("started", 2),
            ("see", 1),
            ("the", 1),
            ("readability", 5),
            ("mg", 1),
        ] {
            assert_eq!(syllables(word, Language::En), n, "{word}");
        }
        for (word, n) in [
            ("famille", 2),
            ("enfants", 2),
            ("soins", 1),
            ("equipe", 2),
            ("etude", 2),
            ("parlent", 1),
            ("medecin", 3),
        ] {
            assert_eq!(syllables(word, Language::Fr), n, "{word}");
        }
    }

    #[test]
    fn the_formulas_as_published() {
        // 6 words, 1 sentence, 6 syllables.
        let s = score("The cat sat on the mat.", Language::En).unwrap();
        assert_eq!((s.words, s.sentences, s.syllables), (6, 1, 6));
        assert!((s.ease - (206.835 - 1.015 * 6.0 - 84.6)).abs() < 1e-9);
        assert!((s.grade.unwrap() - (0.39 * 6.0 + 11.8 - 15.59)).abs() < 1e-9);
        let f = score("Le chat dort.", Language::Fr).unwrap();
        assert_eq!((f.words, f.syllables), (3, 3));
        assert!((f.ease - (207.0 - 1.015 * 3.0 - 73.6)).abs() < 1e-9);
        assert_eq!(f.grade, None);
        assert_eq!(score(" … 12 ", Language::En), None);
    }

    #[test]
    fn plain_writing_passes_and_dense_writing_does_not() {
        let plain = score(
            "Write down what you eat each day. Bring the list to your next visit. \
             Your nurse will look at it with you.",
            Language::En,
        )
        .unwrap();
        assert!(plain.plain(), "{plain:?}");
        let dense = score(
            "Standardised documentation of nutritional intake facilitates multidisciplinary \
             evaluation of therapeutic effectiveness during subsequent consultations.",
            Language::En,
        )
        .unwrap();
        assert!(!dense.plain(), "{dense:?}");
        assert_eq!(plain.band(), Band::Easy);
        assert_eq!(dense.band(), Band::VeryDifficult);
        let simple_fr = score(
            "Notez ce que vous mangez chaque jour. Apportez la liste à votre visite. \
             L'infirmière la lira avec vous.",
            Language::Fr,
        )
        .unwrap();
        assert!(simple_fr.plain(), "{simple_fr:?}");
    }
}
