//! The public catalogue: the practices clinics chose to make public and a network editor
//! published, in plain language for patients and families.

pub mod evidence;
pub mod limits;
pub mod listing;
#[cfg(test)]
mod readability;
pub mod search;
pub mod stories;

use serde::{Deserialize, Serialize};

/// The most characters a catalogue title may have: it must fit a phone's line and a search
/// result.
pub const TITLE_CHARS: usize = 60;
const SUMMARY_CHARS: usize = 250;
const STEP_CHARS: usize = 400;
const MAX_STEPS: usize = 12;
const SECTION_CHARS: usize = 3_000;

/// What families read about a practice, in one language, as an editor wrote it from what the
/// clinic shared.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FamilyText {
    pub title: String,
    /// One sentence.
    pub summary: String,
    /// The problem, in families' words.
    pub problem: String,
    /// What you and your family can do, a step each.
    pub steps: Vec<String>,
    /// What your care team does.
    pub care_team: String,
    /// Things to think about.
    pub think_about: String,
}

/// What is wrong with a family text, field by field, so the form can say it beside each one:
/// a message of the hub's locale files (`catalogue-problem-…`) and its numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: &'static str,
    pub key: &'static str,
    pub args: Vec<(&'static str, usize)>,
}

impl Problem {
    /// The problem in words, in the editor's language.
    pub fn message(&self, lang: tandem_web::Lang) -> String {
        let args: Vec<(&'static str, tandem_web::FluentValue<'static>)> =
            self.args.iter().map(|(k, v)| (*k, (*v).into())).collect();
        lang.t_with(self.key, &args)
    }
}

impl FamilyText {
    /// Every problem with the text, in the order of the form's fields; empty when it can be
    /// saved. Lengths are counted in characters, after trimming.
    pub fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut say = |field, key, args: &[(&'static str, usize)]| {
            out.push(Problem {
                field,
                key,
                args: args.to_vec(),
            })
        };
        let chars = |s: &str| s.trim().chars().count();
        match chars(&self.title) {
            0 => say("title", "catalogue-problem-title-empty", &[]),
            n if n > TITLE_CHARS => say(
                "title",
                "catalogue-problem-title-long",
                &[("chars", n), ("max", TITLE_CHARS)],
            ),
            _ => {}
        }
        match chars(&self.summary) {
            0 => say("summary", "catalogue-problem-summary-empty", &[]),
            n if n > SUMMARY_CHARS => say(
                "summary",
                "catalogue-problem-summary-long",
                &[("chars", n), ("max", SUMMARY_CHARS)],
            ),
            _ if sentences(self.summary.trim()) > 1 => {
                say("summary", "catalogue-problem-summary-sentences", &[]);
            }
            _ => {}
        }
        if chars(&self.problem) == 0 {
            say("problem", "catalogue-problem-problem-empty", &[]);
        }
        for (field, text) in [
            ("problem", &self.problem),
            ("care_team", &self.care_team),
            ("think_about", &self.think_about),
        ] {
            let n = chars(text);
            if n > SECTION_CHARS {
                say(
                    field,
                    "catalogue-problem-section-long",
                    &[("chars", n), ("max", SECTION_CHARS)],
                );
            }
        }
        let steps: Vec<&String> = self.steps.iter().filter(|s| chars(s) > 0).collect();
        if steps.is_empty() {
            say("steps", "catalogue-problem-steps-empty", &[]);
        } else if steps.len() > MAX_STEPS {
            say(
                "steps",
                "catalogue-problem-steps-many",
                &[("steps", steps.len()), ("max", MAX_STEPS)],
            );
        }
        if let Some((i, s)) = steps
            .iter()
            .enumerate()
            .find(|(_, s)| chars(s) > STEP_CHARS)
        {
            say(
                "steps",
                "catalogue-problem-step-long",
                &[("step", i + 1), ("chars", chars(s)), ("max", STEP_CHARS)],
            );
        }
        out
    }

    /// The text as saved: fields trimmed, empty steps dropped.
    pub fn tidied(&self) -> FamilyText {
        FamilyText {
            title: self.title.trim().to_owned(),
            summary: self.summary.trim().to_owned(),
            problem: self.problem.trim().to_owned(),
            steps: self
                .steps
                .iter()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect(),
            care_team: self.care_team.trim().to_owned(),
            think_about: self.think_about.trim().to_owned(),
        }
    }

    /// Everything a search looks in, the title apart.
    pub fn body(&self) -> String {
        let mut parts = vec![
            self.summary.as_str(),
            &self.problem,
            &self.care_team,
            &self.think_about,
        ];
        parts.extend(self.steps.iter().map(String::as_str));
        parts.join("\n")
    }
}

/// Sentences in a short text: ends of sentence followed by more words. "e.g." and decimals
/// are not ends, being followed by no space or by lower case.
fn sentences(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let mut n = 1;
    for (i, c) in chars.iter().enumerate() {
        if matches!(c, '.' | '!' | '?') {
            let rest = &chars[i + 1..];
            let mut after = rest.iter().skip_while(|c| c.is_whitespace());
            let spaced = rest.first().is_some_and(|c| c.is_whitespace());
            if spaced && after.next().is_some_and(|c| c.is_uppercase()) {
                n += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> FamilyText {
        FamilyText {
            title: "A written plan for flares".into(),
            summary:
                "A plan you write with your care team says what to do when symptoms come back."
                    .into(),
            problem: "When a flare starts at night, families do not know who to call.".into(),
            steps: vec!["Write the plan at your next visit.".into(), "  ".into()],
            care_team: "The nurse checks the plan with you twice a year.".into(),
            think_about: String::new(),
        }
    }

    #[test]
    fn a_complete_text_has_no_problems_and_is_tidied() {
        assert_eq!(good().problems(), Vec::new());
        assert_eq!(good().tidied().steps.len(), 1, "the empty step is dropped");
    }

    #[test]
    fn each_problem_names_its_field_and_its_numbers() {
        let mut t = good();
        t.title = "x".repeat(61);
        t.summary = "One sentence. And another one.".into();
        t.steps = vec![" ".into()];
        t.problem = String::new();
        let p = t.problems();
        let fields: Vec<(&str, &str)> = p.iter().map(|p| (p.field, p.key)).collect();
        assert_eq!(
            fields,
            [
                ("title", "catalogue-problem-title-long"),
                ("summary", "catalogue-problem-summary-sentences"),
                ("problem", "catalogue-problem-problem-empty"),
                ("steps", "catalogue-problem-steps-empty"),
            ]
        );
        assert_eq!(p[0].args, [("chars", 61), ("max", 60)]);
        // A title of 60 characters, accents counted once each, is fine.
        t.title = "é".repeat(60);
        assert!(t.problems().iter().all(|p| p.field != "title"));
        t.steps = vec!["a".repeat(401)];
        let long = t
            .problems()
            .into_iter()
            .find(|p| p.field == "steps")
            .unwrap();
        assert_eq!(long.args, [("step", 1), ("chars", 401), ("max", 400)]);
    }

    #[test]
    fn every_problem_reads_in_both_languages_with_its_numbers() {
        let t = FamilyText {
            title: "x".repeat(61),
            summary: "y".repeat(251),
            problem: "z".repeat(3_001),
            steps: (0..13).map(|_| "a".repeat(401)).collect(),
            ..good()
        };
        let mut keys: Vec<&str> = t.problems().iter().map(|p| p.key).collect();
        let empty = FamilyText::default().problems();
        keys.extend(empty.iter().map(|p| p.key));
        let summaries = FamilyText {
            summary: "One. Two.".into(),
            ..good()
        };
        keys.extend(summaries.problems().iter().map(|p| p.key));
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), 10, "every kind of problem: {keys:?}");
        for p in t
            .problems()
            .iter()
            .chain(&empty)
            .chain(&summaries.problems())
        {
            for lang in [tandem_web::Lang::En, tandem_web::Lang::Fr] {
                let m = p.message(lang);
                assert!(!m.contains("catalogue-problem") && !m.contains('$'), "{m}");
                for (_, n) in &p.args {
                    assert!(m.contains(&n.to_string()), "{lang:?} {m}");
                }
            }
        }
        assert_eq!(
            t.problems()[0].message(tandem_web::Lang::Fr),
            "Le titre compte 61 caractères : raccourcissez-le à 60 au plus."
        );
    }

    #[test]
    fn a_summary_with_an_abbreviation_or_a_decimal_is_one_sentence() {
        assert_eq!(sentences("Take 2.5 ml, e.g. with food, then rest."), 1);
        assert_eq!(sentences("Call us. We answer at night."), 2);
        assert_eq!(sentences("Why? Because it helps."), 2);
    }
}
