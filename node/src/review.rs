//! Review before release: every free-text field is scrubbed, the clinic's recorded choices are
//! applied (a redaction added, or a false one removed), and the result is what leaves.
//!
//! A choice is tied to the exact text it was made on, by its SHA-256: once the text changes the
//! offsets mean nothing, so the choice stops applying (it stays on record).

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tandem_shared::Error;
use tandem_shared::privacy::scrub::{self, Category, Scrubber};
use tandem_shared::privacy::{self, ReleasedText};

use crate::kind::Kind;

/// Add a redaction the scrubber missed, or remove one it got wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Add,
    Remove,
}

/// A person's choice about one span of one field's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub kind: Kind,
    pub id: String,
    pub field: String,
    /// The SHA-256 of the field's text the choice was made on.
    pub text_sha256: String,
    pub action: Action,
    pub start: usize,
    pub end: usize,
    pub category: Category,
    pub decided_by: String,
    #[serde(default)]
    pub decided_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// Who found a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Scrubber,
    Staff,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ReviewedFinding {
    pub start: usize,
    pub end: usize,
    pub category: Category,
    pub source: Source,
}

/// One field as the reviewer sees it: the original, what will leave, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FieldReview {
    pub field: String,
    pub original: String,
    pub text_sha256: String,
    pub redacted: String,
    /// The spans that are redacted, in order.
    pub findings: Vec<ReviewedFinding>,
    /// Spans the scrubber found that staff said are not identifying.
    pub dismissed: Vec<ReviewedFinding>,
}

/// The review of one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ItemReview {
    pub kind: Kind,
    pub id: String,
    pub fields: Vec<FieldReview>,
}

pub fn sha256(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// Check a choice against the text it is about, before it is recorded.
pub fn check_choice(choice: &Choice, text: &str) -> Result<(), Error> {
    let invalid = |m: String| Err(Error::Invalid(m));
    if sha256(text) != choice.text_sha256 {
        return invalid(format!(
            "the text of {} has changed since it was reviewed; build the release again and \
             choose on the new text",
            choice.field
        ));
    }
    if choice.start >= choice.end || choice.end > text.len() {
        return invalid(format!(
            "the span {}..{} is not inside {} ({} bytes); give byte offsets with start < end",
            choice.start,
            choice.end,
            choice.field,
            text.len()
        ));
    }
    if !text.is_char_boundary(choice.start) || !text.is_char_boundary(choice.end) {
        return invalid(format!(
            "the span {}..{} splits a character; offsets are in bytes of the UTF-8 text",
            choice.start, choice.end
        ));
    }
    tandem_shared::validate::text("decided_by", &choice.decided_by, 200, true)
}

/// Scrubs the fields of one record and applies the clinic's choices, keeping what it did.
#[derive(Debug)]
pub struct Review<'a> {
    scrubber: &'a Scrubber,
    /// The scrubber also knowing the names found anywhere in the record (see [`Review::learn`]).
    knowing: Option<Scrubber>,
    choices: &'a [Choice],
    /// One numbering of people across the record's fields.
    placeholders: scrub::Placeholders,
    pub fields: Vec<FieldReview>,
}

impl<'a> Review<'a> {
    /// `choices` are the ones recorded for this record.
    pub fn new(scrubber: &'a Scrubber, choices: &'a [Choice]) -> Self {
        Self {
            scrubber,
            knowing: None,
            choices,
            placeholders: scrub::Placeholders::default(),
            fields: Vec::new(),
        }
    }

    /// Read every field of the record first, so that a person named in one field is looked
    /// for in all of them (a surname alone in another field is an ordinary word otherwise).
    pub fn learn<'t>(&mut self, fields: impl IntoIterator<Item = (&'t str, &'t str)>) {
        let mut names = Vec::new();
        for (field, text) in fields {
            let (_, findings, _) = self.findings(self.scrubber, field, text);
            names.extend(
                findings
                    .iter()
                    .filter(|f| f.category == Category::Name)
                    .filter_map(|f| text.get(f.start..f.end)),
            );
        }
        if !names.is_empty() {
            self.knowing = Some(self.scrubber.knowing(names));
        }
    }

    /// The field's text as it may leave.
    pub fn release(&mut self, field: &'static str, text: &str) -> Result<ReleasedText, Error> {
        let review = self.field(field, text);
        let released = privacy::release_text(field, &review.redacted);
        self.fields.push(review);
        released
    }

    fn field(&mut self, field: &str, text: &str) -> FieldReview {
        let scrubber = self.knowing.as_ref().unwrap_or(self.scrubber);
        let (hash, merged, dismissed) = self.findings(scrubber, field, text);
        let spans: Vec<scrub::Finding> = merged
            .iter()
            .map(|f| scrub::Finding {
                start: f.start,
                end: f.end,
                category: f.category,
            })
            .collect();
        FieldReview {
            field: field.to_owned(),
            original: text.to_owned(),
            text_sha256: hash,
            redacted: self.placeholders.redact(text, &spans),
            findings: merged,
            dismissed,
        }
    }

    /// The text's hash, what is redacted in it (the scrubber's findings and the staff's
    /// additions, merged) and what staff dismissed.
    fn findings(
        &self,
        scrubber: &Scrubber,
        field: &str,
        text: &str,
    ) -> (String, Vec<ReviewedFinding>, Vec<ReviewedFinding>) {
        let hash = sha256(text);
        let mine: Vec<&Choice> = self
            .choices
            .iter()
            .filter(|c| c.field == field && c.text_sha256 == hash)
            .collect();
        let removed = |s: usize, e: usize| {
            mine.iter()
                .any(|c| c.action == Action::Remove && c.start == s && c.end == e)
        };
        let mut findings = Vec::new();
        let mut dismissed = Vec::new();
        for f in scrubber.find(text) {
            let reviewed = ReviewedFinding {
                start: f.start,
                end: f.end,
                category: f.category,
                source: Source::Scrubber,
            };
            if removed(f.start, f.end) {
                dismissed.push(reviewed);
            } else {
                findings.push(reviewed);
            }
        }
        for c in mine.iter().filter(|c| c.action == Action::Add) {
            findings.push(ReviewedFinding {
                start: c.start,
                end: c.end,
                category: c.category,
                source: Source::Staff,
            });
        }
        // Overlapping spans merge, so the placeholders never cut a word in two.
        findings.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
        let mut merged: Vec<ReviewedFinding> = Vec::with_capacity(findings.len());
        for f in findings {
            match merged.last_mut() {
                Some(last) if f.start < last.end => last.end = last.end.max(f.end),
                _ => merged.push(f),
            }
        }
        (hash, merged, dismissed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(text: &str, action: Action, start: usize, end: usize) -> Choice {
        Choice {
            kind: Kind::Cycle,
            id: "c1".into(),
            field: "do.happened".into(),
            text_sha256: sha256(text),
            action,
            start,
            end,
            category: Category::Name,
            decided_by: "Nurse lead".into(),
            decided_at: None,
        }
    }

    #[test]
    fn choices_add_and_remove_redactions_on_the_text_they_were_made_on() {
        let scrubber = Scrubber::new();
        let text = "Dr. Okafor ran the huddle with bluebird, our parent partner.";
        let bluebird = text.find("bluebird").unwrap();
        let okafor = text.find("Okafor").unwrap();
        let choices = vec![
            choice(text, Action::Add, bluebird, bluebird + 8),
            choice(text, Action::Remove, okafor, okafor + 6),
        ];
        let mut review = Review::new(&scrubber, &choices);
        let out = review.release("do.happened", text).unwrap();
        assert_eq!(
            out.as_str(),
            "Dr. Okafor ran the huddle with [NAME-1], our parent partner."
        );
        assert_eq!(review.fields[0].dismissed.len(), 1);
        assert_eq!(review.fields[0].findings[0].source, Source::Staff);

        // The text changed: the choices no longer apply.
        let edited = format!("{text} ");
        let mut review = Review::new(&scrubber, &choices);
        let out = review.release("do.happened", &edited).unwrap();
        assert!(
            out.as_str().starts_with("Dr. [NAME-1] ran the huddle"),
            "{}",
            out.as_str()
        );
    }

    #[test]
    fn people_keep_one_number_across_the_fields_of_a_record() {
        let scrubber = Scrubber::new();
        let fields = [
            ("do.happened", "Dr. Okafor met Hannah Brooks."),
            ("do.observations", "Dr. Lefebvre and Brooks agreed."),
        ];
        let mut review = Review::new(&scrubber, &[]);
        review.learn(fields);
        let [first, second] = fields.map(|(field, text)| review.release(field, text).unwrap());
        assert_eq!(first.as_str(), "Dr. [NAME-1] met [NAME-2].");
        assert_eq!(second.as_str(), "Dr. [NAME-3] and [NAME-2] agreed.");
    }

    #[test]
    fn a_choice_must_fit_its_text() {
        let text = "Réunion avec Amélie";
        let mut c = choice(text, Action::Add, 0, 2);
        assert!(check_choice(&c, text).is_err(), "splits é");
        c.end = 100;
        assert!(check_choice(&c, text).is_err());
        c.end = 8;
        assert!(check_choice(&c, text).is_ok());
        c.text_sha256 = sha256("other");
        assert!(
            check_choice(&c, text)
                .unwrap_err()
                .to_string()
                .contains("has changed")
        );
    }
}
