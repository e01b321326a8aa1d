//! Families' stories of a practice: what a teller may send, how long their own words are kept,
//! and what the scrubber shows the moderator. A story is never shown on submission: a
//! moderator reads it, edits it, and publishes it or declines it with a reason.

use chrono::TimeDelta;
use tandem_shared::privacy::scrub::{Finding, Scrubber};

/// The shortest story worth a moderator's time, in characters.
pub const MIN_CHARS: usize = 40;
/// The longest story, in characters: about a page.
pub const MAX_CHARS: usize = 3000;
/// The longest reason for declining, in characters.
pub const MAX_REASON: usize = 500;
/// How long the teller's own words are kept after a decision, for moderators only.
pub const KEEP_ORIGINAL: TimeDelta = TimeDelta::days(30);
/// How long a story waits for a moderator before it is declined and its words deleted.
pub const LONGEST_WAIT: TimeDelta = TimeDelta::days(60);

/// What is wrong with a story as sent, each with its message key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    Short,
    Long,
    /// The teller did not say it is their own or their family's experience.
    NotOwn,
    /// The teller did not agree that a moderator reads and edits it.
    NoConsent,
}

impl Problem {
    pub fn key(self) -> &'static str {
        match self {
            Problem::Short => "catalogue-story-problem-short",
            Problem::Long => "catalogue-story-problem-long",
            Problem::NotOwn => "catalogue-story-problem-own",
            Problem::NoConsent => "catalogue-story-problem-agree",
        }
    }

    /// What a teller or moderator reads of it.
    pub fn message(self, lang: tandem_web::Lang) -> String {
        lang.t_with(
            self.key(),
            &[
                ("min", MIN_CHARS.into()),
                ("max", lang.number(MAX_CHARS as u64).into()),
            ],
        )
    }
}

/// A story's words as kept: line ends made `\n`, control characters gone, spaces trimmed.
pub fn tidy(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect::<String>()
        .trim()
        .to_owned()
}

/// Whether words are long enough and short enough to be a story.
pub fn length_problem(text: &str) -> Option<Problem> {
    match text.chars().count() {
        n if n < MIN_CHARS => Some(Problem::Short),
        n if n > MAX_CHARS => Some(Problem::Long),
        _ => None,
    }
}

/// What is wrong with a story as a family sends it (its words tidied).
pub fn problems(text: &str, own: bool, agree: bool) -> Vec<Problem> {
    let mut out: Vec<Problem> = length_problem(text).into_iter().collect();
    if !own {
        out.push(Problem::NotOwn);
    }
    if !agree {
        out.push(Problem::NoConsent);
    }
    out
}

/// What identifies someone in a story, found by the scrubber the clinics' releases go
/// through (without a clinic's roster, which the hub does not have).
pub fn findings(text: &str) -> Vec<Finding> {
    Scrubber::new().find(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tandem_shared::privacy::scrub::{Category, pieces};

    #[test]
    fn a_story_needs_words_and_both_ticks() {
        assert_eq!(
            problems("Too short.", false, false),
            [Problem::Short, Problem::NotOwn, Problem::NoConsent]
        );
        let fine = "We kept a food diary for a month and brought it to every visit.";
        assert!(problems(fine, true, true).is_empty());
        assert_eq!(problems(&"word ".repeat(700), true, true), [Problem::Long]);
        assert_eq!(tidy("  a\r\nb\u{0}c\u{7} "), "a\nbc");
    }

    #[test]
    fn the_scrubber_marks_what_identifies_and_leaves_the_rest() {
        let text = "My son Thomas Tremblay was diagnosed on 12 March 2024. Call me at \
                    514-555-0199. The nurse's phone calls helped us.";
        let found = findings(text);
        let categories: Vec<Category> = found.iter().map(|f| f.category).collect();
        assert!(categories.contains(&Category::Name), "{found:?}");
        assert!(categories.contains(&Category::Date), "{found:?}");
        assert!(categories.contains(&Category::Phone), "{found:?}");
        let marked: Vec<&str> = pieces(text, &found)
            .into_iter()
            .filter(|p| p.category.is_some())
            .map(|p| p.text)
            .collect();
        assert!(marked.iter().any(|m| m.contains("Tremblay")), "{marked:?}");
        assert!(!marked.iter().any(|m| m.contains("nurse")), "{marked:?}");
        let whole: String = pieces(text, &found).iter().map(|p| p.text).collect();
        assert_eq!(whole, text);
    }
}
