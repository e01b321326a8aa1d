//! Identifiers written by people: measure ids, clinic ids and tags are short lowercase slugs.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize};

use crate::Error;

fn is_slug(s: &str) -> bool {
    let bytes = s.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 64
        && bytes[0].is_ascii_lowercase() | bytes[0].is_ascii_digit()
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
}

/// The OpenAPI schema of a slug: what [`is_slug`] accepts.
fn slug_schema(what: &str) -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::Type::String)
        .pattern(Some(SLUG_PATTERN))
        .description(Some(format!("A {what}: 1 to 64 lowercase letters, digits and hyphens, starting with a letter or digit")))
        .into()
}

/// [`is_slug`] as a regular expression, for API documents.
pub const SLUG_PATTERN: &str = "^[a-z0-9][a-z0-9-]{0,63}$";

macro_rules! slug {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Check and wrap an identifier.
            pub fn new(s: impl Into<String>) -> Result<Self, Error> {
                let s = s.into();
                if is_slug(&s) {
                    Ok(Self(s))
                } else {
                    Err(Error::InvalidSlug { what: $what, input: s })
                }
            }

            /// The identifier as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self, Error> {
                Self::new(s)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Self::new(s).map_err(serde::de::Error::custom)
            }
        }

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                slug_schema($what)
            }
        }

        impl utoipa::ToSchema for $name {}
    };
}

slug!(
    /// A measure's network-wide id, such as `remission`.
    MeasureId,
    "measure id"
);
slug!(
    /// A clinic's network-wide id, such as `riverside-children`. The hub's certificate for the
    /// clinic's node carries it, and it is the only identity the hub trusts.
    ClinicId,
    "clinic id"
);
slug!(
    /// A condition or topic tag on a practice, such as `ibd` or `transition`.
    Tag,
    "tag"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_accept_lowercase_words_and_refuse_the_rest() {
        assert!(MeasureId::new("remission").is_ok());
        assert!(MeasureId::new("visit-score-2").is_ok());
        for bad in ["", "Remission", "-lead", "a b", "é", &"x".repeat(65)] {
            let err = MeasureId::new(bad).unwrap_err();
            assert!(err.to_string().contains("lowercase letters"), "{err}");
        }
        let parsed: Result<ClinicId, _> = serde_json::from_str("\"Bad Id\"");
        assert!(parsed.is_err());
    }
}
