//! What may leave a clinic: the release gate for free text, and disclosure control for counts.
//!
//! The node applies these rules when it builds a release; the hub applies the same rules again
//! to everything it receives, however it was produced.
//!
//! Free text is scrubbed by [`scrub::Scrubber`] on the node, reviewed by a person, and passes
//! [`release_text`] on its way out; the hub checks it again for structured identifiers with
//! [`check_text`].

pub mod scrub;

use serde::{Deserialize, Serialize};

use crate::Error;

/// Free text that has passed the release gate. Only [`release_text`] makes one in Rust code;
/// text deserialised from the wire is checked again by the hub before it is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ReleasedText(String);

impl ReleasedText {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for ReleasedText {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// Pass one field of free text through the release gate.
pub fn release_text(field: &str, text: &str) -> Result<ReleasedText, Error> {
    check_text(field, text)?;
    Ok(ReleasedText(text.to_owned()))
}

/// Check released text for structured identifiers — e-mail addresses, phone numbers, web
/// and IP addresses, national identifiers — which no review may let through. The hub runs this on
/// everything it receives; names and dates need the clinic's context, so only the node finds
/// those.
pub fn check_text(field: &str, text: &str) -> Result<(), Error> {
    match find_identifier(text) {
        Some(finding) => Err(Error::IdentifyingText {
            field: field.to_owned(),
            finding,
        }),
        None => Ok(()),
    }
}

/// What the first structured identifier in `text` is, if there is one.
pub fn find_identifier(text: &str) -> Option<&'static str> {
    scrub::find_structured(text)
        .first()
        .map(|f| f.category.describe())
}

mod disclosure;

pub use disclosure::{
    Contributors, DisclosurePolicy, SeriesPoint, check_released, check_series, disclose,
    disclose_series, small_difference,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn obvious_emails_and_phones_are_refused() {
        for text in [
            "write to jane.doe@example.org for the form",
            "call 555-123-4567 after clinic",
            "pager 555-1234",
            "appeler le 06 12 34 56 78",
            "joindre au +33 6 12 34 56 78",
            "number 0612345678",
        ] {
            assert!(release_text("summary", text).is_err(), "{text}");
        }
        let err = release_text("do.happened", "mail a@b.co").unwrap_err();
        assert_eq!(
            err.to_string(),
            "do.happened appears to contain an e-mail address; remove it or replace it with a \
             placeholder before release"
        );
    }

    #[test]
    fn ordinary_numbers_pass_the_text_gate() {
        for text in [
            "41 of 60 patients were in remission in 2026-03",
            "from 2021-2026 remission rose from 50 % to 75 %",
            "we met on 2026-03-14 at 10.30 with 12 15 18 20 22 children",
            "doses of 2.5 mg/kg, then 5",
            "@mention in the team chat",
        ] {
            assert!(release_text("summary", text).is_ok(), "{text}");
        }
    }
}
