//! The clinic's roster: the names of its own staff and patient partners, entered on the node.
//! It is the strongest name list the scrubber has, because these are the names that turn up
//! in the clinic's notes.

use std::collections::HashSet;

use super::Scan;
use super::lexicon::{AMBIGUOUS, COMMON, STOP, calendar_word, fold};

/// The longest roster entry, in words.
const MAX_WORDS: usize = 5;
/// Longest accepted roster line, in characters.
const MAX_LINE: usize = 200;

#[derive(Debug, Clone, Default)]
pub struct Roster {
    /// Whole names, folded, words separated by single spaces.
    full: HashSet<String>,
    /// Single words of those names, folded, that are distinctive enough to match alone.
    parts: HashSet<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("roster line {line}: {problem}")]
pub struct RosterError {
    pub line: usize,
    pub problem: String,
}

impl Roster {
    /// Parse a roster: one person per line, blank lines and lines starting with # ignored.
    pub fn parse(text: &str) -> Result<Roster, RosterError> {
        let mut roster = Roster::default();
        for (n, raw) in text.lines().enumerate() {
            let line = raw.trim();
            let fail = |problem: String| RosterError {
                line: n + 1,
                problem,
            };
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.chars().count() > MAX_LINE {
                return Err(fail(format!(
                    "is {} characters long; a line holds one person's name, at most {MAX_LINE} characters",
                    line.chars().count()
                )));
            }
            if let Some(c) = line.chars().find(|c| {
                c.is_control() || c.is_ascii_digit() || matches!(c, '@' | ',' | ';' | '\t' | '"')
            }) {
                return Err(fail(format!(
                    "contains {c:?}; a line holds one person's name, such as \"Hannah Brooks\", with no numbers, commas or e-mail addresses"
                )));
            }
            roster.add(line).map_err(fail)?;
        }
        Ok(roster)
    }

    /// Add one person's name.
    pub fn add(&mut self, name: &str) -> Result<(), String> {
        let words: Vec<String> = name
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .map(fold)
            .collect();
        if words.is_empty() || !name.chars().any(char::is_alphabetic) {
            return Err("holds no name; write one person's name per line".into());
        }
        if words.len() > MAX_WORDS {
            return Err(format!(
                "has {} words; a name has at most {MAX_WORDS}",
                words.len()
            ));
        }
        for w in &words {
            if w.chars().count() >= 2 && !STOP.contains(w) {
                self.parts.insert(w.clone());
            }
        }
        self.full.insert(words.join(" "));
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.full.len()
    }

    pub fn is_empty(&self) -> bool {
        self.full.is_empty()
    }

    /// How many tokens of a roster name start at token `i`, if any.
    pub(super) fn match_at(&self, scan: &Scan<'_>, i: usize) -> Option<usize> {
        if self.full.is_empty() {
            return None;
        }
        // Whole names first, longest first, across spaces, hyphens and apostrophes.
        let mut phrase = String::new();
        let mut best = None;
        let mut j = i;
        for _ in 0..MAX_WORDS {
            if !scan.tok(j).is_some_and(|t| t.is_word()) {
                break;
            }
            if !phrase.is_empty() {
                phrase.push(' ');
            }
            phrase.push_str(scan.word(j));
            j += 1;
            if self.full.contains(&phrase) {
                best = Some(j - i);
            }
            let joiner = (scan.is(j, '-') || scan.is(j, '\'') || scan.is(j, '’'))
                && scan.joined(j)
                && scan.joined(j + 1);
            if joiner {
                j += 1;
            } else if !scan.spaced(j) {
                break;
            }
        }
        if best.is_some() {
            return best;
        }
        // A single part that is also an ordinary word needs a capital: "Hope" is a colleague,
        // "hope" is not. Any other part is a name however it is written ("quispe").
        let word = scan.word(i);
        let cap = scan.tok(i).is_some_and(|t| t.cap);
        let ordinary = || {
            COMMON.contains(word)
                || AMBIGUOUS.contains(word)
                || STOP.contains(word)
                || calendar_word(word)
        };
        (self.parts.contains(word) && (cap || !ordinary())).then_some(1)
    }
}
