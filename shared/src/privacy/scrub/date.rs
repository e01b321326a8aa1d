//! Dates more specific than a year, numeric or written, in English and French: "3/14",
//! "14/03/2025", "2025-08-31", "March 4", "14 May 2025", "le 3 juillet", "the third of July",
//! "June 2024". A year on its own is not identifying and stays.

use super::lexicon::{self, ORDINALS, WEEKDAYS};
use super::{Category, Scan};

/// English month names that are also everyday words need a capital: "May 4" but not "may 4".
const CAPITAL_ONLY: &[&str] = &[
    "may", "mar", "march", "jan", "sept", "sep", "dec", "oct", "nov",
];

/// Holidays, by name: dates of a year.
pub(super) const HOLIDAYS: &[&str] = &[
    "christmas",
    "xmas",
    "thanksgiving",
    "easter",
    "halloween",
    "hanukkah",
    "chanukah",
    "passover",
    "noel",
    "paques",
    "toussaint",
    "yom",
    "diwali",
    "kwanzaa",
];

/// Events whose date may be written with a dash: "admitted 10-18", not "by 2-3 breaths".
const EVENT_CUES: &[&str] = &[
    "admitted",
    "admit",
    "readmitted",
    "discharged",
    "dc",
    "dced",
    "extubated",
    "intubated",
    "placed",
    "inserted",
    "removed",
    "started",
    "since",
    "until",
    "transferred",
    "transfered",
    "dated",
    "dos",
    "doa",
    "born",
];

/// First words of holidays of two words: "New Year's", "Memorial Day".
pub(super) const HOLIDAY_STARTS: &[&str] = &[
    "new",
    "memorial",
    "labor",
    "labour",
    "independence",
    "victoria",
    "canada",
    "valentine",
    "valentines",
    "boxing",
    "remembrance",
];

/// How sure a cue makes a date.
enum Cue {
    /// "admitted", "since", "until", or a date just before.
    Strong,
    /// "on", also said of settings: "on 5/5".
    On,
}

/// Words after which numbers such as "3/14" are a date.
const DATE_CUES: &[&str] = &[
    "on",
    "off",
    "since",
    "until",
    "til",
    "till",
    "from",
    "admitted",
    "admit",
    "adm",
    "readmitted",
    "dc",
    "dced",
    "discharged",
    "placed",
    "started",
    "stopped",
    "began",
    "thru",
    "through",
    "due",
    "dated",
    "done",
    "removed",
    "inserted",
    "changed",
    "sp",
    "date",
    "dos",
    "doa",
    "extubated",
    "extubate",
    "intubated",
    "transferred",
    "transfered",
    "seen",
    "le",
    "du",
    "au",
    "depuis",
    "last",
    "by",
];

/// Words right before or after numbers such as "5/5" that make them a reading, not a date,
/// besides the ventilator modes below.
const READING_WORDS: &[&str] = &[
    "setting",
    "settings",
    "strength",
    "strengths",
    "grade",
    "murmur",
    "sem",
    "hsm",
    "bp",
    "nbp",
    "abp",
    "map",
    "rate",
    "ratio",
    "tv",
    "vt",
    "fio2",
    "score",
    "pain",
    "scale",
    "cmh2o",
    "cm",
    "mmhg",
    "ie",
    "x",
    "gcs",
    "rass",
    "apgar",
    "motor",
    "grip",
    "pulses",
    "equal",
    "bilat",
    "flowby",
    "tidal",
    "abg",
    "vbg",
    "co",
    "ci",
    "svr",
    "liter",
    "liters",
    "l",
    "ml",
    "cc",
    "units",
    "tab",
    "tabs",
    "ns",
    "nss",
    "bld",
    "blood",
    "cultures",
    "culture",
];

/// Ventilator modes, which make numbers a setting a few words on: "CPAP .5%, 5/8".
const VENTILATION: &[&str] = &[
    "ps",
    "psv",
    "peep",
    "cpap",
    "bipap",
    "epap",
    "ipap",
    "simv",
    "imv",
    "prvc",
    "ips",
    "wean",
    "weaned",
    "weaning",
    "ventilation",
    "vent",
];

fn is_year(n: u32, digits: usize) -> bool {
    (digits == 4 && (1900..=2100).contains(&n)) || digits == 2
}

impl Scan<'_> {
    pub(super) fn dates(&mut self) {
        let mut i = 0;
        while i < self.len() {
            let end = if self.free(i) {
                self.numeric_date(i)
                    .or_else(|| self.written_date(i))
                    .or_else(|| self.ordinal_day(i))
                    .or_else(|| self.holiday(i))
                    .or_else(|| self.history_year(i))
                    .or_else(|| self.short_year(i))
            } else {
                None
            };
            match end {
                Some(end) => {
                    // The time a date is stamped with is part of it: "2010-12-13 02:43:15.476".
                    let end = self.clock_end(end).unwrap_or(end);
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

    /// 14/03/2025, 3/14/25, 2025-08-31, 31.08.2025, 2024-06, 3/14, 15/09, 11/92.
    fn numeric_date(&self, i: usize) -> Option<usize> {
        // Not the tail of a longer dotted or dashed number ("172.16.4.22", "R-118-4471"),
        // unless it ends a range of dates: "intubated 6/30-7/2".
        if i >= 2
            && self.joined(i)
            && self
                .tok(i - 1)
                .is_some_and(|t| t.kind == super::Kind::Punct)
            && !self.is(i - 1, '(')
            && self.tok(i - 2).is_some_and(|t| t.is_alnum())
            && self.joined(i - 1)
            && (!self.is(i - 1, '-') || self.free(i - 2))
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
            // "CPAP/PSV 12/10/40%" is a ventilator setting.
            let reading = self.is(i + 5, '%') || lc == 2 && self.reading(i, i + 5);
            return ((dmy || ymd) && !reading).then_some(i + 5);
        }
        if self.raw(i + 3) == sep
            && self.joined(i + 3)
            && self.joined(i + 4)
            && self.tok(i + 4).is_some_and(|t| t.is_alnum())
        {
            return None;
        }
        // Year and month: 2024-06 or 06/2024; month and two-digit year: 11/92.
        let ym = sep != "." && la == 4 && is_year(a, 4) && lb == 2 && (1..=12).contains(&b);
        let my = sep == "/"
            && la <= 2
            && (1..=12).contains(&a)
            && (lb == 4 && is_year(b, 4) || lb == 2 && b > 31);
        // Day and month: 3/14, 15/09. Not "24/7", a ratio out of 10, a decimal, a fraction
        // ("1 1/2"), or a reading ("PS 5/5", "PSV of 10/5", "5/5 strength").
        // A cue makes it a date, though "on" alone does not make "on 5/5" or "on 5/5/" one.
        // A clock time after it is a cue too: "(10/17 0500)", "7/22 14:30".
        let cue = self
            .date_cue(i)
            .or_else(|| self.clock_after(i + 3).then_some(Cue::Strong));
        let chained = (self.is(i + 3, '/') || self.is(i + 3, '-')) && self.joined(i + 3);
        let dm = sep == "/"
            && la <= 2
            && lb <= 2
            && day_month(a, b)
            && !self.is(i + 3, '%')
            && match cue {
                Some(Cue::Strong) => true,
                Some(Cue::On) => !chained && a != b,
                None => b != 10 && !self.reading(i, i + 3) && !self.fraction(a, b),
            };
        // "admitted 10-18": a dash only with a cue, as ranges use it too.
        let dashed = sep == "-"
            && la <= 2
            && lb <= 2
            && day_month(a, b)
            && matches!(cue, Some(Cue::Strong))
            && (i.saturating_sub(3)..i)
                .rev()
                .find(|&k| self.tok(k).is_some_and(|t| t.is_word()))
                .is_some_and(|k| EVENT_CUES.contains(&self.word(k)))
            && !self
                .tok(i + 3)
                .is_some_and(|t| t.is_alnum() && self.joined(i + 3));
        (ym || my || dm || dashed).then_some(i + 3)
    }

    /// Where a clock time written with colons that starts at token `k` ends: "14:30",
    /// "02:43:15", "02:43:15.476824".
    fn clock_end(&self, k: usize) -> Option<usize> {
        if !self.clock_after(k) || !self.is(k + 1, ':') {
            return None;
        }
        let mut end = k + 3;
        let two_digits = |t: usize| self.number(t).is_some() && self.raw(t).len() == 2;
        if self.is(end, ':') && self.joined(end) && self.joined(end + 1) && two_digits(end + 1) {
            end += 2;
            if self.is(end, '.')
                && self.joined(end)
                && self.joined(end + 1)
                && self.number(end + 1).is_some()
            {
                end += 2;
            }
        }
        Some(end)
    }

    /// Whether token `k` starts a clock time, spaced from what is before it: "0500", "14:30".
    fn clock_after(&self, k: usize) -> bool {
        if !self.spaced(k) || self.raw(k).len() > 4 {
            return false;
        }
        let Some(hm) = self.number(k) else {
            return false;
        };
        let colon = self.is(k + 1, ':') && self.joined(k + 1) && self.joined(k + 2);
        let (h, m, digits) = if colon {
            match self.number(k + 2) {
                Some(m) if self.raw(k + 2).len() == 2 => (hm, m, self.raw(k).len()),
                _ => return false,
            }
        } else {
            (hm / 100, hm % 100, self.raw(k).len())
        };
        let whole = colon && digits <= 2 || !colon && digits == 4;
        let ends = self
            .tok(k + if colon { 3 } else { 1 })
            .is_none_or(|t| !t.is_alnum() || self.spaced(k + if colon { 3 } else { 1 }));
        whole && h <= 23 && m <= 59 && ends
    }

    /// Holidays, which are dates too: "home for Christmas", "à Noël".
    fn holiday(&self, i: usize) -> Option<usize> {
        let t = self.tok(i)?;
        if !t.is_word() || !(t.cap || self.blind(i)) || self.flag(i) & lexicon::DATE_WORD == 0 {
            return None;
        }
        let w = self.word(i);
        if HOLIDAYS.contains(&w) {
            return Some(i + 1);
        }
        // "New Year's", "Memorial Day", "Jour de l'An".
        let next = self.word(i + 1);
        let two = matches!(
            (w, next),
            ("new", "year" | "years")
                | (
                    "memorial"
                        | "labor"
                        | "labour"
                        | "independence"
                        | "victoria"
                        | "canada"
                        | "thanksgiving"
                        | "valentine"
                        | "valentines"
                        | "boxing"
                        | "remembrance",
                    "day"
                )
        );
        if two && self.spaced(i + 1) {
            let mut end = i + 2;
            if (self.is(end, '\'') || self.is(end, '’')) && self.word(end + 1) == "s" {
                end += 2;
            }
            if matches!(self.word(end), "day" | "eve") && self.spaced(end) {
                end += 1;
            }
            return Some(end);
        }
        None
    }

    /// "on the 11th.": an ordinal day with no month, after "the", ending its phrase.
    fn ordinal_day(&self, i: usize) -> Option<usize> {
        let t = self.tok(i)?;
        if t.kind != super::Kind::Code || i == 0 || self.word(i - 1) != "the" {
            return None;
        }
        let end = self.day(i)?;
        let ends = self
            .tok(end)
            .is_none_or(|t| !t.is_alnum() || t.gap == super::Gap::Line);
        ends.then_some(end)
    }

    /// A year in a patient's history: "S/P CABG 1957, 1971", "diagnosed 2019", "since 2006".
    /// A year alone is no Safe Harbor identifier, and improvement narratives keep theirs ("in
    /// 2024 we held two slots"); beside a procedure or a diagnosis it dates an event of one
    /// person's life.
    fn history_year(&self, i: usize) -> Option<usize> {
        let n = self.number(i)?;
        if self.raw(i).len() != 4 || !(1900..=2100).contains(&n) || !self.spaced(i) {
            return None;
        }
        // Not a time: "@ 2000", "~ 1930", "1900-0730".
        let joined_after = self.tok(i + 1).is_some_and(|_| self.joined(i + 1));
        let timed =
            i > 0 && (self.is(i - 1, '@') || self.is(i - 1, '~') || self.word(i - 1) == "at");
        if joined_after && !self.is(i + 1, ',') && !self.is(i + 1, '.') || timed {
            return None;
        }
        // Another year of the list just before: "1957, 1971".
        let listed = i >= 2
            && self.is(i - 1, ',')
            && self
                .findings
                .last()
                .is_some_and(|f| f.category == Category::Date && f.end == self.tokens[i - 2].end);
        let k = i.checked_sub(1)?;
        let w = self.word(k);
        let t = self.tokens[k];
        let procedure = t.is_word()
            && t.upper
            && (2..=5).contains(&t.len())
            && self.flag(k) & (lexicon::ACRONYM | lexicon::CLINICAL_WORD) != 0;
        let cue = matches!(
            w,
            "since"
                | "born"
                | "diagnosed"
                | "dx"
                | "dxd"
                | "hx"
                | "sp"
                | "underwent"
                | "nee"
                | "depuis"
                | "diagnostique"
                | "diagnostiquee"
        );
        (listed || procedure || cue).then_some(i + 1)
    }

    /// "'09 PTCA": a year written with an apostrophe and two digits.
    fn short_year(&self, i: usize) -> Option<usize> {
        let t = self.tok(i)?;
        let apostrophe = i > 0 && (self.is(i - 1, '\'') || self.is(i - 1, '’'));
        let opens = i < 2 || !self.joined(i - 1) || !self.tok(i - 2).is_some_and(|t| t.is_alnum());
        let alone = self
            .tok(i + 1)
            .is_none_or(|n| !n.is_alnum() || !self.joined(i + 1));
        (t.is_number() && t.len() == 2 && apostrophe && self.joined(i) && opens && alone)
            .then_some(i + 1)
    }

    /// What a word just before token `i` says of the numbers after it: "admitted 8/2", "on 3/14".
    fn date_cue(&self, i: usize) -> Option<Cue> {
        let k = (i.saturating_sub(3)..i)
            .rev()
            .find(|&k| self.tok(k).is_some_and(|t| t.is_word()));
        if k.is_some_and(|k| self.word(k) == "on") {
            return Some(Cue::On);
        }
        self.date_cued(i).then_some(Cue::Strong)
    }

    /// Whether a word just before token `i` says a date follows: "admitted 8/2", "weaned off
    /// 9/7", or another date does: "8/9 or 8/10".
    fn date_cued(&self, i: usize) -> bool {
        // Another date just before: "8/9 or 8/10", "6/30-7/2".
        let start = self.tokens[i].start;
        if self.findings.last().is_some_and(|f| {
            f.category == Category::Date
                && f.end <= start
                && start - f.end <= 5
                && self.text[f.end..start]
                    .chars()
                    .all(|c| !c.is_alphanumeric() || c == 'o' || c == 'r')
        }) {
            return true;
        }
        let mut k = i;
        for _ in 0..2 {
            let Some(p) = k.checked_sub(1) else {
                return false;
            };
            k = p;
            if !self.tok(k).is_some_and(|t| t.is_word()) {
                continue;
            }
            return DATE_CUES.contains(&self.word(k)) || WEEKDAYS.contains(&self.word(k));
        }
        false
    }

    /// Whether the numbers from `i` to `end` read as a measurement: a setting, a strength or a
    /// score named just before or just after.
    fn reading(&self, i: usize, end: usize) -> bool {
        let mut words = (i.saturating_sub(6)..i)
            .rev()
            .filter(|&k| self.tok(k).is_some_and(|t| t.is_word()))
            .filter(|&k| !matches!(self.word(k), "of" | "at" | "on" | "to"));
        let nearest = words.next();
        let adjacent = |k: usize| (k + 1..i).all(|m| !self.tokens[m].is_alnum());
        let reading =
            |k: usize| READING_WORDS.contains(&self.word(k)) || VENTILATION.contains(&self.word(k));
        let before = nearest.is_some_and(|k| adjacent(k) && reading(k))
            || nearest
                .into_iter()
                .chain(words.take(2))
                .any(|k| VENTILATION.contains(&self.word(k)));
        let after = self.tok(end).is_some_and(|t| t.is_word()) && reading(end)
            || self.word(end) == "of" && reading(end + 1);
        let chained = self.is(end, '/') && self.joined(end);
        before || after || chained
    }

    /// "1/2", "3/4": a common fraction, or the same number twice ("5/5").
    fn fraction(&self, a: u32, b: u32) -> bool {
        let common = a < b && matches!(b, 2 | 3 | 4 | 8);
        common || a == b
    }
    /// A month name with a day or a year, in either order, with its ordinal forms.
    fn written_date(&self, i: usize) -> Option<usize> {
        let t = self.tok(i)?;
        if t.is_word()
            && self.flag(i) & (lexicon::CALENDAR | lexicon::DATE_WORD) == 0
            && !matches!(self.word(i), "twenty" | "thirty")
        {
            return None;
        }
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
                } else if self.is(end, ',')
                    && self.spaced(end + 1)
                    && self
                        .tok(end + 1)
                        .is_some_and(|t| t.is_number() && t.len() == 2)
                    && !self
                        .tok(end + 2)
                        .is_some_and(|t| t.is_word() && self.joined(end + 2))
                {
                    // "28 Oct, 88".
                    end += 2;
                }
                return Some(end);
            }
            return None;
        }
        // "may 16, 2015" in lower case: only a whole date.
        if self.month_in_lower_case(i) {
            let after = i + 1;
            let end = self.day(after).filter(|_| self.number(after).is_some())?;
            return (self.is(end, ',') && self.year_at(end + 1).is_some()).then_some(end + 2);
        }
        // Month first: "March 4", "Jan. 12", "October 3, 2024", "June 2024", "March of 1993".
        if self.month_at(i) {
            let after = self.after_month(i);
            if self.word(after) == "of"
                && self.spaced(after)
                && let Some(y) = self.year_at(after + 1)
            {
                return Some(y);
            }
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

    /// "may", "mar" and the like written in lower case, which are words more often than months.
    fn month_in_lower_case(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.is_word() && !t.cap) && CAPITAL_ONLY.contains(&self.word(i))
    }

    fn month_at(&self, i: usize) -> bool {
        let w = self.word(i);
        let Some(t) = self.tok(i) else { return false };
        t.is_word()
            && self.flag(i) & lexicon::CALENDAR != 0
            && lexicon::month(w).is_some()
            && (t.cap || !CAPITAL_ONLY.contains(&w))
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
