//! Dates more specific than a year, numeric or written, in English and French: "3/14",
//! "14/03/2025", "2025-08-31", "March 4", "14 May 2025", "le 3 juillet", "the third of July",
//! "June 2024". A year on its own is not identifying and stays.

use super::lexicon::{self, ORDINALS, WEEKDAYS};
use super::{Category, Scan};

/// English month names that are also everyday words need a capital: "May 4" but not "may 4".
const CAPITAL_ONLY: &[&str] = &[
    "may", "mar", "march", "jan", "sept", "sep", "dec", "oct", "nov",
];

fn is_year(n: u32, digits: usize) -> bool {
    (digits == 4 && (1900..=2100).contains(&n)) || digits == 2
}

impl Scan<'_> {
    pub(super) fn dates(&mut self) {
        let mut i = 0;
        while i < self.len() {
            let end = if self.free(i) {
                self.numeric_date(i).or_else(|| self.written_date(i))
            } else {
                None
            };
            match end {
                Some(end) => {
                    let start = self.weekday_before(i);
                    if self.all_free(start, end) {
                        self.mark(start, end, Category::Date);
                    }
                    i = end;
                }
                None => i += 1,
            }
        }
    }

    /// 14/03/2025, 3/14/25, 2025-08-31, 31.08.2025, 2024-06, 3/14, 15/09.
    fn numeric_date(&self, i: usize) -> Option<usize> {
        // Not the tail of a longer dotted or dashed number: "172.16.4.22", "R-118-4471".
        if i >= 2
            && self.joined(i)
            && self
                .tok(i - 1)
                .is_some_and(|t| t.kind == super::Kind::Punct)
            && !self.is(i - 1, '(')
            && self.tok(i - 2).is_some_and(|t| t.is_alnum())
            && self.joined(i - 1)
        {
            return None;
        }
        let a = self.number(i)?;
        let sep = self.raw(i + 1);
        if !matches!(sep, "/" | "-" | ".") || !self.joined(i + 1) || !self.joined(i + 2) {
            return None;
        }
        let b = self.number(i + 2)?;
        let (la, lb) = (self.raw(i).len(), self.raw(i + 2).len());
        let day_month = |x: u32, y: u32| {
            (1..=31).contains(&x) && (1..=12).contains(&y)
                || (1..=12).contains(&x) && (1..=31).contains(&y)
        };
        let third = self.raw(i + 3) == sep && self.joined(i + 3) && self.joined(i + 4);
        if third {
            let c = self.number(i + 4)?;
            let lc = self.raw(i + 4).len();
            let dmy = la <= 2 && lb <= 2 && day_month(a, b) && is_year(c, lc);
            let ymd = la == 4
                && is_year(a, 4)
                && (1..=12).contains(&b)
                && lb <= 2
                && (1..=31).contains(&c)
                && lc <= 2;
            return (dmy || ymd).then_some(i + 5);
        }
        if self.raw(i + 3) == sep
            && self.joined(i + 3)
            && self.joined(i + 4)
            && self.tok(i + 4).is_some_and(|t| t.is_alnum())
        {
            return None;
        }
        // Year and month: 2024-06 or 06/2024.
        let ym = sep != "." && la == 4 && is_year(a, 4) && lb == 2 && (1..=12).contains(&b);
        let my = sep == "/" && lb == 4 && is_year(b, 4) && la <= 2 && (1..=12).contains(&a);
        // Day and month: 3/14, 15/09. Not "24/7", a ratio out of 10 or a decimal.
        let dm =
            sep == "/" && la <= 2 && lb <= 2 && day_month(a, b) && b != 10 && !self.is(i + 3, '%');
        (ym || my || dm).then_some(i + 3)
    }

    /// A month name with a day or a year, in either order, with its ordinal forms.
    fn written_date(&self, i: usize) -> Option<usize> {
        // Day first: "14 May 2025", "1er octobre", "21st of August", "third of July".
        if let Some(after_day) = self.day(i) {
            let mut m = after_day;
            if matches!(self.word(m), "of" | "de") {
                m += 1;
            }
            if self.month_at(m) {
                let mut end = self.after_month(m);
                if let Some(y) = self.year_at(end) {
                    end = y;
                }
                return Some(end);
            }
            return None;
        }
        // Month first: "March 4", "Jan. 12", "October 3, 2024", "June 2024".
        if self.month_at(i) {
            let after = self.after_month(i);
            if let Some(end) = self.day(after).filter(|_| {
                self.number(after)
                    .is_none_or(|_| self.raw(after).len() <= 2)
            }) {
                let mut end = end;
                let comma = self.is(end, ',') && self.year_at(end + 1).is_some();
                if comma {
                    end += 1;
                }
                if let Some(y) = self.year_at(end) {
                    return Some(y);
                }
                return (!comma).then_some(end);
            }
            return self.year_at(after);
        }
        None
    }

    fn month_at(&self, i: usize) -> bool {
        let w = self.word(i);
        let Some(t) = self.tok(i) else { return false };
        t.is_word() && lexicon::month(w).is_some() && (t.cap || !CAPITAL_ONLY.contains(&w))
    }

    /// The token after a month name, past an abbreviation's full stop.
    fn after_month(&self, i: usize) -> usize {
        if self.is(i + 1, '.') && self.joined(i + 1) && self.raw(i).len() <= 4 {
            i + 2
        } else {
            i + 1
        }
    }

    /// A day of the month at `i`: 4, 21st, 1er, third. Gives the token after it.
    fn day(&self, i: usize) -> Option<usize> {
        let t = self.tok(i)?;
        let w = self.word(i);
        if let Some(n) = self.number(i) {
            return ((1..=31).contains(&n) && t.len() <= 2).then_some(i + 1);
        }
        if t.kind == super::Kind::Code {
            let digits = w.trim_end_matches(|c: char| c.is_alphabetic());
            let suffix = &w[digits.len()..];
            let n: u32 = digits.parse().ok()?;
            let ordinal = matches!(suffix, "st" | "nd" | "rd" | "th" | "er" | "e");
            return ((1..=31).contains(&n) && ordinal).then_some(i + 1);
        }
        // Written ordinals: "third", "twenty-first".
        if ORDINALS.contains(&w) {
            return Some(i + 1);
        }
        if matches!(w, "twenty" | "thirty")
            && self.is(i + 1, '-')
            && ORDINALS.contains(&self.word(i + 2))
        {
            return Some(i + 3);
        }
        None
    }

    fn year_at(&self, i: usize) -> Option<usize> {
        let n = self.number(i)?;
        (self.raw(i).len() == 4 && (1900..=2100).contains(&n) && self.spaced(i)).then_some(i + 1)
    }

    /// A weekday just before a date belongs to it: "Monday 9 June", "mardi 14 mai".
    fn weekday_before(&self, i: usize) -> usize {
        let comma = usize::from(i >= 2 && self.is(i - 1, ','));
        match i.checked_sub(1 + comma) {
            Some(w) if WEEKDAYS.contains(&self.word(w)) && self.free(w) => w,
            _ => i,
        }
    }

    /// Ages over 89: "a 94-year-old", "aged 92", "93 ans". Only the number is identifying.
    pub(super) fn ages(&mut self) {
        for i in 0..self.len() {
            let Some(n) = self.number(i) else { continue };
            if !(90..=130).contains(&n) || !self.free(i) {
                continue;
            }
            let mut next = i + 1;
            if self.is(next, '-') {
                next += 1;
            }
            let after = matches!(
                self.word(next),
                "year" | "years" | "yr" | "yrs" | "yo" | "ans" | "an" | "y"
            );
            let before = i > 0
                && matches!(self.word(i - 1), "aged" | "age" | "agee" | "age:" | "ages")
                || i > 1
                    && self.word(i - 1) == "de"
                    && matches!(self.word(i - 2), "age" | "agee" | "ages" | "agees")
                || i > 1 && self.is(i - 1, ':') && self.word(i - 2) == "age";
            // "the grandmother is 94", "elle a 93 ans".
            let person = |k: usize| {
                matches!(
                    self.word(k),
                    "grandmother"
                        | "grandfather"
                        | "grandparent"
                        | "patient"
                        | "patiente"
                        | "mother"
                        | "father"
                        | "she"
                        | "he"
                        | "elle"
                        | "il"
                        | "resident"
                        | "husband"
                        | "wife"
                        | "mere"
                        | "pere"
                        | "aunt"
                        | "uncle"
                )
            };
            let stated = i >= 2
                && matches!(
                    self.word(i - 1),
                    "is" | "was" | "turned" | "turns" | "est" | "a"
                )
                && (i.saturating_sub(4)..i - 1).any(person);
            if after || before || stated {
                self.mark(i, i + 1, Category::Age);
            }
        }
    }
}
