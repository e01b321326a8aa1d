//! English and French: the page texts in Fluent files embedded at compile time
//! (`shared/web/locales/{en,fr}/*.ftl`), the language a person reads, and numbers and dates
//! written for that language.
//!
//! The language comes from the `lang` cookie a person set with the switch on every page, else
//! from the browser's `Accept-Language`, else English.

use std::borrow::Cow;
use std::collections::HashMap;

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use chrono::{DateTime, Datelike, Timelike, Utc};
/// A message argument, for `Lang::t_with`.
pub use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Numbers arrive formatted by [`Lang`]; no invisible isolation marks around them.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The cookie that remembers the language chosen with the switch.
pub const LANG_COOKIE: &str = "tandem_lang";

/// A language the pages are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    /// The BCP 47 code, for `lang` on `<html>` and for the switch.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// The language's own name, for the switch: "English", "Français".
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
        }
    }

    /// The other language, which the switch offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Fr,
            Lang::Fr => Lang::En,
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            _ => None,
        }
    }

    fn id(self) -> LanguageIdentifier {
        match self {
            Lang::En => fluent_templates::langid!("en"),
            Lang::Fr => fluent_templates::langid!("fr"),
        }
    }

    /// The text of a message.
    pub fn t(self, key: &str) -> String {
        LOCALES.lookup(&self.id(), key)
    }

    /// The text of a message with arguments: `lang.t_with("clinics", &[("count", n.into())])`.
    pub fn t_with(self, key: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'static>> = args
            .iter()
            .map(|(k, v)| (Cow::Borrowed(*k), v.clone()))
            .collect();
        LOCALES.lookup_with_args(&self.id(), key, &args)
    }

    /// A whole number with the thousands separated: "18,700", "18 700".
    pub fn number(self, n: u64) -> String {
        let digits = n.to_string();
        let sep = match self {
            Lang::En => ",",
            Lang::Fr => "\u{202f}",
        };
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(sep);
            }
            out.push(c);
        }
        out
    }

    /// A number with `places` decimals: "3.5", "3,5".
    pub fn decimal(self, v: f64, places: usize) -> String {
        if !v.is_finite() {
            return "–".into();
        }
        let s = format!("{:.*}", places, v.abs());
        let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
        let whole = self.number(whole.parse().unwrap_or(0));
        let sign = if v < 0.0 && s.chars().any(|c| c != '0' && c != '.') {
            "−"
        } else {
            ""
        };
        match (frac.is_empty(), self) {
            (true, _) => format!("{sign}{whole}"),
            (false, Lang::En) => format!("{sign}{whole}.{frac}"),
            (false, Lang::Fr) => format!("{sign}{whole},{frac}"),
        }
    }

    /// A share as a percentage: "75%", "75 %".
    pub fn percent(self, share: f64, places: usize) -> String {
        let n = self.decimal(share * 100.0, places);
        match self {
            Lang::En => format!("{n}%"),
            Lang::Fr => format!("{n}\u{202f}%"),
        }
    }

    /// A month of a year: "March 2026", "mars 2026".
    pub fn month(self, year: i32, month: u32) -> String {
        let name = MONTHS[self as usize]
            .get(month.saturating_sub(1) as usize)
            .copied()
            .unwrap_or("?");
        format!("{name} {year}")
    }

    /// A day: "1 December 2026", "1 décembre 2026".
    pub fn date(self, at: DateTime<Utc>) -> String {
        let name = MONTHS[self as usize]
            .get(at.month0() as usize)
            .copied()
            .unwrap_or("?");
        format!("{} {name} {}", at.day(), at.year())
    }

    /// A day and a time, in UTC: "1 December 2026, 14:05 UTC", "1 décembre 2026, 14 h 05 UTC".
    pub fn date_time(self, at: DateTime<Utc>) -> String {
        match self {
            Lang::En => format!("{}, {:02}:{:02} UTC", self.date(at), at.hour(), at.minute()),
            Lang::Fr => format!("{}, {} h {:02} UTC", self.date(at), at.hour(), at.minute()),
        }
    }
}

const MONTHS: [[&str; 12]; 2] = [
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
];

/// The language of a request: the switch's cookie, else the browser's preference, else English.
pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> Lang {
    if let Some(lang) = cookie.and_then(Lang::parse) {
        return lang;
    }
    let Some(accept) = accept_language else {
        return Lang::En;
    };
    let requested = fluent_langneg::accepted_languages::parse(accept);
    let available = [
        fluent_templates::langid!("en"),
        fluent_templates::langid!("fr"),
    ];
    let default = fluent_templates::langid!("en");
    let chosen = fluent_langneg::negotiate_languages(
        &requested,
        &available,
        Some(&default),
        fluent_langneg::NegotiationStrategy::Lookup,
    );
    match chosen.first().map(|l| l.language.as_str()) {
        Some("fr") => Lang::Fr,
        _ => Lang::En,
    }
}

/// The value of one cookie in a request's `Cookie` headers.
pub fn cookie<'a>(parts: &'a Parts, name: &str) -> Option<&'a str> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let accept = parts
            .headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok());
        Ok(negotiate(cookie(parts, LANG_COOKIE), accept))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::path::Path;

    /// The message ids of every `.ftl` file of one language.
    fn keys(lang: &str) -> BTreeSet<String> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang);
        let mut keys = BTreeSet::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let file = path.file_name().unwrap().to_string_lossy().to_string();
            for line in std::fs::read_to_string(&path).unwrap().lines() {
                if let Some((id, _)) = line.split_once('=')
                    && !line.starts_with([' ', '#', '.', '*', '['])
                    && !id.trim().is_empty()
                {
                    keys.insert(format!("{file}: {}", id.trim()));
                }
            }
        }
        keys
    }

    #[test]
    fn every_message_exists_in_both_languages() {
        let (en, fr) = (keys("en"), keys("fr"));
        assert!(!en.is_empty());
        let only_en: Vec<_> = en.difference(&fr).collect();
        let only_fr: Vec<_> = fr.difference(&en).collect();
        assert!(
            only_en.is_empty() && only_fr.is_empty(),
            "only in English: {only_en:?}; only in French: {only_fr:?}"
        );
    }

    #[test]
    fn no_message_is_defined_twice() {
        // Fluent refuses a bundle with a message defined twice, and every page would then fail.
        for lang in ["en", "fr"] {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("locales")
                .join(lang);
            let mut seen = BTreeSet::new();
            for entry in std::fs::read_dir(&dir).unwrap() {
                for line in std::fs::read_to_string(entry.unwrap().path())
                    .unwrap()
                    .lines()
                {
                    if let Some((id, _)) = line.split_once('=')
                        && !line.starts_with([' ', '#', '.', '*', '['])
                        && !id.trim().is_empty()
                    {
                        assert!(
                            seen.insert(id.trim().to_owned()),
                            "{lang}: {} twice",
                            id.trim()
                        );
                    }
                }
            }
        }
        assert_eq!(Lang::En.t("node-save"), "Save");
    }

    #[test]
    fn languages_come_from_the_cookie_then_the_browser() {
        assert_eq!(negotiate(Some("fr"), Some("en-GB")), Lang::Fr);
        assert_eq!(negotiate(None, Some("fr-CA,fr;q=0.9,en;q=0.8")), Lang::Fr);
        assert_eq!(negotiate(None, Some("FR-ca")), Lang::Fr);
        assert_eq!(negotiate(None, Some("de-DE")), Lang::En);
        assert_eq!(negotiate(Some("xx"), None), Lang::En);
    }

    #[test]
    fn numbers_and_dates_are_written_for_the_language() {
        assert_eq!(Lang::En.number(18_700), "18,700");
        assert_eq!(Lang::Fr.number(18_700), "18\u{202f}700");
        assert_eq!(Lang::Fr.number(700), "700");
        assert_eq!(Lang::En.decimal(3.456, 1), "3.5");
        assert_eq!(Lang::Fr.decimal(1234.5, 1), "1\u{202f}234,5");
        assert_eq!(Lang::Fr.percent(0.75, 0), "75\u{202f}%");
        assert_eq!(Lang::En.percent(0.755, 1), "75.5%");
        let at = DateTime::parse_from_rfc3339("2026-12-01T14:05:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(Lang::En.date_time(at), "1 December 2026, 14:05 UTC");
        assert_eq!(Lang::Fr.date(at), "1 décembre 2026");
        assert_eq!(Lang::Fr.month(2026, 8), "août 2026");
    }

    #[test]
    fn messages_read_in_each_language() {
        assert_eq!(Lang::En.t("login-title"), "Log in");
        assert_eq!(Lang::Fr.t("login-title"), "Se connecter");
    }
}
