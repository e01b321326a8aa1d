//! Names of patients, relatives and staff.
//!
//! A capitalised word is a name when the clinic's roster lists it, when a title or a cue comes
//! before it ("Dr.", "Mme", "called"), when the census lists it and it is not also an everyday
//! word, or when it stands beside another name ("Grace Whitfield", "Tomasz Wiśniewski"). A
//! capitalised word nobody recognises in the middle of a sentence is most likely a name too.

use super::lexicon::{self, AMBIGUOUS, COMMON, GIVEN, NAME_CUES, NAMES, REGIONS, STOP, TITLES};
use super::{Category, Roster, Scan};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Not a candidate: lower case, punctuation, an acronym, or a word that is never a name.
    Never,
    /// Listed as a name and not an everyday word.
    Strong,
    /// Listed as a name but also an everyday word ("Grace", "Will").
    Weak,
    /// An ordinary English word in no name list ("Contact"): a name only after a title or a
    /// cue.
    Common,
    /// Capitalised but in no list.
    Unknown,
}

impl Scan<'_> {
    fn class(&self, i: usize) -> Class {
        let t = self.tokens[i];
        let w = self.word(i);
        if !t.is_word() || !t.cap || t.upper || w.chars().count() < 2 {
            return Class::Never;
        }
        if STOP.contains(w)
            || REGIONS.contains(w)
            || lexicon::calendar_word(w)
            || lexicon::INSTITUTIONS.contains(&w)
            || TITLES.contains(&w)
        {
            return Class::Never;
        }
        if GIVEN.contains(w) {
            Class::Strong
        } else if AMBIGUOUS.contains(w) {
            Class::Weak
        } else if NAMES.contains(w) {
            Class::Strong
        } else if COMMON.contains(w) {
            Class::Common
        } else {
            Class::Unknown
        }
    }

    pub(super) fn names(&mut self, roster: &Roster) {
        let n = self.len();
        let mut name = vec![false; n];
        // The roster first: whole names, then single parts, case aside.
        let mut i = 0;
        while i < n {
            if self.free(i)
                && self.tokens[i].is_word()
                && let Some(len) = roster.match_at(self, i)
            {
                name[i..i + len].fill(true);
                i += len;
                continue;
            }
            i += 1;
        }
        let classes: Vec<Class> = (0..n)
            .map(|i| {
                if self.free(i) {
                    self.class(i)
                } else {
                    Class::Never
                }
            })
            .collect();
        for i in 0..n {
            if !self.free(i) || name[i] {
                continue;
            }
            let t = self.tokens[i];
            let w = self.word(i);
            // A title: "Dr. Okafor", "Mme Gagnon", "Nurse Patel", "M. Lambert".
            let titled = TITLES.contains(&w)
                && t.is_word()
                && (t.cap || matches!(w, "dr" | "nurse" | "doctor" | "docteur"))
                && (w != "m" || self.is(i + 1, '.'));
            // An initial: "A. Kowalczyk".
            let initial = !titled
                && t.is_word()
                && t.cap
                && self.raw(i).chars().count() == 1
                && self.is(i + 1, '.')
                && matches!(classes.get(i + 2), Some(Class::Strong | Class::Unknown));
            if titled || initial {
                let mut j = i + 1 + usize::from(self.is(i + 1, '.'));
                if initial {
                    name[i] = true;
                }
                let start = j;
                while j < n
                    && j < start + 3
                    && self
                        .tok(j)
                        .is_some_and(|t| t.cap && t.is_word() && !t.upper)
                    && (self.spaced(j) || j == start)
                    && self.free(j)
                    && !STOP.contains(self.word(j))
                {
                    name[j] = true;
                    j += 1;
                    // An initial inside: "Dr. J. Smith".
                    if self.is(j, '.') && self.raw(j - 1).chars().count() == 1 {
                        j += 1;
                    }
                }
                continue;
            }
            // A cue: "called Sunny", "qu'on l'appelle « Titou »".
            if NAME_CUES.contains(&w) && t.is_word() {
                let mut j = i + 1;
                while j < i + 3 && self.tok(j).is_some_and(|t| !t.is_alnum()) {
                    j += 1;
                }
                if matches!(
                    classes.get(j),
                    Some(Class::Strong | Class::Weak | Class::Unknown)
                ) {
                    name[j] = true;
                }
                continue;
            }
            // "Margaux (15 ans)", "Marcus (17)": a capitalised word before an age.
            let aged = self.is(i + 1, '(') && self.number(i + 2).is_some_and(|a| a < 30);
            match classes[i] {
                Class::Strong => name[i] = true,
                Class::Weak | Class::Unknown if aged => name[i] = true,
                // "the Okonkwo family": an unknown capitalised word mid-sentence.
                Class::Unknown if !self.sentence_start(i) && !self.place_cued(i) => {
                    name[i] = self.raw(i).chars().count() >= 3;
                }
                _ => {}
            }
        }
        // Neighbours of names: "Grace Whitfield", "Campbell-Osei", "O'Connell".
        // Passes alternate direction, so a chain grows to its end in one pass either way.
        for pass in 0.. {
            let mut grew = false;
            let order: Box<dyn Iterator<Item = usize>> = if pass % 2 == 0 {
                Box::new(0..n)
            } else {
                Box::new((0..n).rev())
            };
            for i in order {
                if name[i] || !self.free(i) {
                    continue;
                }
                let c = classes[i];
                let candidate = match c {
                    Class::Weak => true,
                    // At a sentence start only before a name: "Joaquim Oliveira mentors…".
                    Class::Unknown => {
                        !self.sentence_start(i)
                            || self.hyphen_next(i)
                            || name.get(i + 1) == Some(&true) && self.spaced(i + 1)
                    }
                    Class::Strong | Class::Common | Class::Never => false,
                };
                // "O'" and "D'" before a capitalised surname.
                let apostrophe_prefix = self.tokens[i].cap
                    && matches!(self.raw(i), "O" | "D" | "Mc" | "Mac")
                    && (self.is(i + 1, '\'') || self.is(i + 1, '’'))
                    && self.joined(i + 1)
                    && name.get(i + 2) == Some(&true);
                if apostrophe_prefix {
                    name[i] = true;
                    grew = true;
                    continue;
                }
                if !candidate {
                    continue;
                }
                let left = i > 0 && name[i - 1] && self.spaced(i);
                let right = i + 1 < n && name[i + 1] && self.spaced(i + 1);
                let left_hyphen = i > 1
                    && name[i - 2]
                    && self.is(i - 1, '-')
                    && self.joined(i - 1)
                    && self.joined(i);
                let right_hyphen = i + 2 < n && name[i + 2] && self.hyphen_next(i);
                if left || right || left_hyphen || right_hyphen {
                    name[i] = true;
                    grew = true;
                }
            }
            if !grew {
                break;
            }
        }
        // A word of a name found once is a name everywhere in the text: "… replied to Brooks".
        let known: std::collections::HashSet<&str> = (0..n)
            .filter(|&i| name[i] && self.tokens[i].is_word())
            .map(|i| self.word(i))
            .collect();
        for i in 0..n {
            if !name[i] && classes[i] != Class::Never && known.contains(self.word(i)) {
                name[i] = true;
            }
        }
        // Mark each run of name tokens, with the hyphens and apostrophes that join them.
        let mut i = 0;
        while i < n {
            if !name[i] {
                i += 1;
                continue;
            }
            let mut end = i + 1;
            loop {
                if end < n && name[end] && self.spaced(end) {
                    end += 1;
                } else if end + 1 < n
                    && name[end + 1]
                    && ((self.is(end, '-') || self.is(end, '\'') || self.is(end, '’'))
                        && self.joined(end)
                        && self.joined(end + 1)
                        || self.is(end, '.') && self.raw(end - 1).chars().count() == 1)
                {
                    end += 2;
                } else {
                    break;
                }
            }
            if self.all_free(i, end) {
                self.mark(i, end, Category::Name);
            }
            i = end;
        }
    }

    fn hyphen_next(&self, i: usize) -> bool {
        self.is(i + 1, '-')
            && self.joined(i + 1)
            && self.joined(i + 2)
            && self.tok(i + 2).is_some_and(|t| t.cap)
    }

    fn place_cued(&self, i: usize) -> bool {
        i > 0
            && matches!(
                self.word(i - 1),
                "in" | "to" | "from" | "near" | "a" | "habite" | "vers" | "pres"
            )
            && !self.tokens[i - 1].cap
    }
}

#[cfg(test)]
mod tests {
    use super::super::Scrubber;
    use super::*;

    fn names(text: &str) -> Vec<&str> {
        Scrubber::new()
            .find(text)
            .into_iter()
            .filter(|f| f.category == Category::Name)
            .map(|f| &text[f.start..f.end])
            .collect()
    }

    #[test]
    fn titles_lists_and_neighbours() {
        assert_eq!(
            names("Dr. Okafor met Grace Whitfield."),
            ["Okafor", "Grace Whitfield"]
        );
        assert_eq!(names("Mme Gagnon et M. Lambert"), ["Gagnon", "Lambert"]);
        assert_eq!(
            names("The nurse lead, Tomasz Wiśniewski, noted it."),
            ["Tomasz Wiśniewski"]
        );
        assert_eq!(
            names("Joanne O'Connell is the contact"),
            ["Joanne O'Connell"]
        );
        assert_eq!(
            names("Nia Campbell-Osei explained it"),
            ["Nia Campbell-Osei"]
        );
    }

    #[test]
    fn everyday_words_are_not_names() {
        assert!(names("Plan: we will study the plan. Study: it worked. Act: adopt.").is_empty());
        assert!(names("Will the team hope for a grant? May be.").is_empty());
        assert!(names("Crohn's disease and ulcerative colitis in PDSA 3").is_empty());
    }
}
