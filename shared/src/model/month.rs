//! Calendar months, the period of every measure.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Error;

/// A calendar month such as 2026-03. It cannot be the 13th month, and its year lies in
/// 1900..=2999, so that a typo such as 20226 is caught at the edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    year: u16,
    month: u8,
}

impl Month {
    /// A month from its year and its number (1 = January).
    pub fn new(year: i32, month: u32) -> Result<Self, Error> {
        if (1900..=2999).contains(&year) && (1..=12).contains(&month) {
            Ok(Self {
                year: year as u16,
                month: month as u8,
            })
        } else {
            Err(Error::InvalidMonth {
                input: format!("{year:04}-{month:02}"),
            })
        }
    }

    /// The month a date falls in.
    pub fn of(date: NaiveDate) -> Self {
        Self {
            year: date.year().clamp(1900, 2999) as u16,
            month: date.month() as u8,
        }
    }

    /// The latest month that has started anywhere on Earth (UTC+14), so that a clinic east
    /// of Greenwich can report a month on its first day.
    pub fn current() -> Self {
        Self::of((chrono::Utc::now() + chrono::Duration::hours(14)).date_naive())
    }

    pub fn year(self) -> i32 {
        i32::from(self.year)
    }

    pub fn number(self) -> u32 {
        u32::from(self.month)
    }

    /// The month's first day.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year(), self.number(), 1).unwrap_or(NaiveDate::MIN)
    }

    /// The month's last day.
    pub fn last_day(self) -> NaiveDate {
        let (y, m) = match self.month {
            12 => (self.year() + 1, 1),
            m => (self.year(), u32::from(m) + 1),
        };
        NaiveDate::from_ymd_opt(y, m, 1)
            .and_then(|d| d.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }

    /// Months since January of year 0: consecutive months have consecutive indices.
    pub fn index(self) -> i32 {
        self.year() * 12 + self.number() as i32 - 1
    }

    /// The month with the given [`index`](Self::index).
    pub fn from_index(index: i32) -> Result<Self, Error> {
        Self::new(index.div_euclid(12), (index.rem_euclid(12) + 1) as u32)
    }

    /// The month `n` months after this one (before it, for negative `n`).
    pub fn plus(self, n: i32) -> Result<Self, Error> {
        Self::from_index(self.index() + n)
    }

    /// Every month from `self` to `last`, both included.
    pub fn through(self, last: Month) -> impl Iterator<Item = Month> {
        (self.index()..=last.index()).filter_map(|i| Month::from_index(i).ok())
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for Month {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let bad = || Error::InvalidMonth {
            input: s.to_owned(),
        };
        let (y, m) = s.split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.len() != 2 || !(y.bytes().chain(m.bytes())).all(|b| b.is_ascii_digit())
        {
            return Err(bad());
        }
        let (y, m) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
        Self::new(y, m).map_err(|_| bad())
    }
}

impl utoipa::PartialSchema for Month {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::Type::String)
            .pattern(Some("^(19|2[0-9])[0-9]{2}-(0[1-9]|1[0-2])$"))
            .description(Some("A month, YYYY-MM, from 1900-01 to 2999-12"))
            .examples([serde_json::json!("2026-10")])
            .into()
    }
}

impl utoipa::ToSchema for Month {}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_parse_print_and_count() {
        let m: Month = "2026-03".parse().unwrap();
        assert_eq!(m.to_string(), "2026-03");
        assert_eq!(m.plus(10).unwrap().to_string(), "2027-01");
        assert_eq!(m.plus(-3).unwrap().to_string(), "2025-12");
        assert_eq!(Month::from_index(m.index()).unwrap(), m);
        let first: Month = "2025-11".parse().unwrap();
        assert_eq!(first.through(m).count(), 5);
    }

    #[test]
    fn impossible_months_are_refused_with_the_expected_form() {
        for bad in [
            "2026-13", "2026-00", "2026-3", "26-03", "2026/03", "", "abcd-ef", "20226-03",
        ] {
            let err = bad.parse::<Month>().unwrap_err();
            assert!(err.to_string().contains("YYYY-MM"), "{bad}: {err}");
        }
        assert!(serde_json::from_str::<Month>("\"2026-13\"").is_err());
        assert!(serde_json::from_str::<Month>("202603").is_err());
    }
}
