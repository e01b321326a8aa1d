//! Structured identifiers: e-mail addresses, URLs, phone numbers, IP addresses and identifying
//! numbers, found by their shape and, for record numbers, by the words that introduce them.

use super::token::Kind;
use super::{Category, Scan, lexicon};

/// Words that introduce an identifying number even a few words later: "MRN 00458213",
/// "plaque de la voiture voisine, AB-123-CD".
pub(super) const STRONG_ID_KEYS: &[&str] = &[
    "mrn",
    "ssn",
    "sin",
    "nir",
    "nas",
    "chart",
    "dossier",
    "account",
    "licence",
    "license",
    "permis",
    "plate",
    "plaque",
    "immatriculation",
    "serial",
    "sn",
    "tag",
    "folder",
    "passport",
    "passeport",
    "policy",
    "insurance",
    "assurance",
    "mutuelle",
    "vitale",
    "specimen",
    "accession",
    "requisition",
    "badge",
];

/// Words that introduce one only when it follows at once: "number 12345", "ID: 4471".
pub(super) const ID_KEYS: &[&str] = &[
    "number",
    "numero",
    "no",
    "n",
    "id",
    "identifier",
    "identifiant",
    "record",
    "card",
    "carte",
    "member",
    "device",
    "case",
    "ticket",
    "compte",
];

/// Words before a pager or extension number.
pub(super) const PAGER_KEYS: &[&str] = &[
    "pager",
    "pgr",
    "pg",
    "beeper",
    "bpr",
    "ext",
    "extension",
    "poste",
    "bip",
];

/// Places in a building that identify someone when numbered: the number may be short.
pub(super) const ROOM_KEYS: &[&str] = &[
    "room", "chambre", "bed", "lit", "bay", "box", "cubicle", "suite",
];

/// Units written after a number: "40cc", "5mg", "2L".
const UNITS: &[&str] = &[
    "cc", "ccs", "ml", "mls", "l", "dl", "mg", "mgs", "mcg", "mcgs", "g", "gm", "gms", "kg", "kgs",
    "lb", "lbs", "u", "units", "iu", "meq", "mmol", "mm", "cm", "mmhg", "hr", "hrs", "h", "min",
    "mins", "sec", "s", "am", "pm", "x", "bpm", "lpm", "cmh2o", "mcgkgmin", "k", "mcq", "gtts",
    "ng", "pg", "f", "c", "th", "st", "nd", "rd", "yo", "y", "wk", "wks", "d", "day", "days",
    "cmh", "po", "pr", "iv", "amp", "amps", "sr", "sb", "af", "cchr", "mlhr", "mghr", "days",
    "hours", "weeks", "months",
];

/// A word that may stand among readings: a unit, clinical shorthand, or an everyday word of
/// three letters or more. Not a short code such as "KL" or "QHP".
fn reading_word(w: &str) -> bool {
    use super::lexicon::{CLINICAL, COMMON};
    UNITS.contains(&w) || CLINICAL.contains(w) || w.len() >= 3 && COMMON.contains(w) || w == "s"
}

fn pattern_reading_word(w: &str) -> bool {
    reading_word(w) && w.len() > 1
}

/// Whether a code of letters and digits is a reading: "40cc", "700x10", "psv5", "12X450X40",
/// "20cmH20". Each run of letters must be a unit, shorthand or an everyday word.
fn code_is_reading(folded: &str) -> bool {
    let mut rest = folded;
    while !rest.is_empty() {
        let letters = rest.len()
            - rest
                .trim_start_matches(|c: char| c.is_ascii_alphabetic())
                .len();
        if letters > 0 {
            // A single letter inside a reading: "U/O50", "100.2R", "12X450".
            if letters > 1 && !reading_word(&rest[..letters]) {
                return false;
            }
            rest = &rest[letters..];
        }
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 && letters == 0 {
            return false;
        }
        if digits > 5 {
            return false;
        }
        rest = &rest[digits..];
    }
    true
}

/// Separators inside one identifier: "QHP-204-77815", "4420/KL".
fn joiner(c: &str) -> bool {
    matches!(c, "-" | "/" | "." | "_" | "#")
}

impl Scan<'_> {
    pub(super) fn emails(&mut self) {
        let b = self.text.as_bytes();
        let local = |c: u8| c.is_ascii_alphanumeric() || b"._%+-".contains(&c);
        let domain = |c: u8| c.is_ascii_alphanumeric() || c == b'-' || c == b'.';
        let mut at = 0;
        while let Some(off) = memchr(b'@', &b[at..]) {
            let i = at + off;
            at = i + 1;
            let mut start = i;
            while start > 0 && local(b[start - 1]) {
                start -= 1;
            }
            let mut end = i + 1;
            while end < b.len() && domain(b[end]) {
                end += 1;
            }
            while end > i + 1 && b[end - 1] == b'.' {
                end -= 1;
            }
            let host = &self.text[i + 1..end];
            let valid = start < i
                && host.rsplit_once('.').is_some_and(|(name, tld)| {
                    !name.is_empty()
                        && tld.len() >= 2
                        && tld.bytes().all(|c| c.is_ascii_alphabetic())
                });
            if valid {
                self.mark_bytes(start, end, Category::Email);
            }
        }
    }

    pub(super) fn urls(&mut self) {
        let b = self.text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let rest = &b[i..];
            let starts_word = i == 0 || !b[i - 1].is_ascii_alphanumeric();
            let scheme = [&b"https://"[..], b"http://", b"ftp://", b"www."]
                .iter()
                .any(|s| rest.len() >= s.len() && rest[..s.len()].eq_ignore_ascii_case(s));
            if !(scheme && starts_word) {
                i += 1;
                continue;
            }
            let mut end = i;
            while end < b.len()
                && !b[end].is_ascii_whitespace()
                && !b"<>\"')]".contains(&b[end])
                && b[end].is_ascii()
            {
                end += 1;
            }
            while end > i && b".,;:!?".contains(&b[end - 1]) {
                end -= 1;
            }
            self.mark_bytes(i, end, Category::Url);
            i = end.max(i + 1);
        }
    }

    pub(super) fn phones(&mut self) {
        let b = self.text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let starts = b[i].is_ascii_digit() || b[i] == b'+' || b[i] == b'(';
            // Not inside a word or a code: "R-118-4471" is one identifier.
            let inside = i > 0 && b[i - 1].is_ascii_alphanumeric()
                || i > 1 && b[i - 1] == b'-' && b[i - 2].is_ascii_alphanumeric();
            if !starts || inside {
                i += 1;
                continue;
            }
            // Digits in groups split by single separators, optionally led by + or (.
            let plus = b[i] == b'+';
            let mut groups: Vec<usize> = Vec::new();
            let mut separators = Vec::new();
            let (mut j, mut current) = (i, 0);
            while j < b.len() {
                let c = b[j];
                if c.is_ascii_digit() {
                    current += 1;
                } else if matches!(c, b' ' | b'-' | b'.' | b'(' | b')' | b'+')
                    && j + 1 < b.len()
                    // A point before a space ends a sentence, not a group.
                    && (b[j + 1].is_ascii_digit() || c != b'.' && matches!(b[j + 1], b'(' | b' '))
                {
                    if current > 0 {
                        groups.push(current);
                        separators.push(c);
                    }
                    current = 0;
                } else {
                    break;
                }
                j += 1;
            }
            if current > 0 {
                groups.push(current);
            }
            // An extension written on: "650-752-7354x549".
            let digits_from = |k: usize| b[k..].iter().take_while(|c| c.is_ascii_digit()).count();
            if current > 0 && j + 1 < b.len() && matches!(b[j], b'x' | b'X') {
                let n = digits_from(j + 1);
                if (1..=5).contains(&n)
                    && b.get(j + 1 + n).is_none_or(|c| !c.is_ascii_alphanumeric())
                {
                    j += 1 + n;
                }
            }
            // One kind of separator between groups, or a bracketed area code.
            let mixed = separators.iter().any(|&s| s != b' ' && s != b')')
                && separators.contains(&b' ')
                && b[i] != b'(';
            let followed_by_word = j < b.len() && b[j].is_ascii_alphabetic();
            let round = self.text[i..j]
                .split(|c: char| !c.is_ascii_digit())
                .filter(|g| !g.is_empty())
                .all(|g| g.ends_with('0'));
            let phone = looks_like_phone(&groups, plus, b[i], round)
                || (local_number(&groups, &separators) && phone_cue_before(&self.text[..i]));
            if !followed_by_word && !mixed && phone {
                let end = self.text[..j].trim_end_matches([' ', '.', '-']).len();
                self.mark_bytes(i, end, Category::Phone);
            }
            i = j.max(i + 1);
        }
    }

    /// Pager and extension numbers of four or five digits: "Pager: #54321", "PG 33445",
    /// "ext. 4471", "bip 2210".
    pub(super) fn pagers(&mut self) {
        for i in 0..self.len() {
            if self.flag(i) & lexicon::ID_KEY == 0
                || !PAGER_KEYS.contains(&self.word(i))
                || !self.tok(i).is_some_and(|t| t.is_word())
            {
                continue;
            }
            let mut j = i + 1;
            while j < i + 4 && self.tok(j).is_some_and(|t| !t.is_alnum()) {
                j += 1;
            }
            if self
                .tok(j)
                .is_some_and(|t| t.is_number() && (4..=5).contains(&t.len()))
                && self
                    .tok(j + 1)
                    .is_none_or(|t| !t.is_alnum() || !self.joined(j + 1))
                && self.free(j)
            {
                self.mark(j, j + 1, Category::Phone);
            }
        }
    }

    pub(super) fn ip_addresses(&mut self) {
        for i in 0..self.len() {
            let four = (0..4).all(|k| self.number(i + 2 * k).is_some_and(|n| n <= 255))
                && (0..3).all(|k| self.is(i + 2 * k + 1, '.') && self.joined(i + 2 * k + 1))
                && (1..4).all(|k| self.joined(i + 2 * k));
            // Not part of a longer dotted number: "07.81.22.45.90" is a phone number.
            let longer = |dot: usize, number: usize| {
                self.is(dot, '.') && self.joined(dot.max(number)) && self.number(number).is_some()
            };
            let alone = !(longer(i + 7, i + 8) || i >= 2 && longer(i - 1, i - 2));
            if four && alone && self.all_free(i, i + 7) {
                self.mark(i, i + 7, Category::Ip);
            }
        }
    }

    /// National identifiers and card numbers by their shape: SSN 123-45-6789, SIN 123 456 789,
    /// NIR 1 85 05 78 006 084 36, personnummer 850709-1234, cards in four groups of four.
    pub(super) fn national_ids(&mut self) {
        let mut i = 0;
        while i < self.len() {
            if !self.tok(i).is_some_and(|t| t.is_number()) || !self.free(i) {
                i += 1;
                continue;
            }
            let (mut groups, mut seps) = (vec![self.raw(i).len()], Vec::new());
            let mut j = i + 1;
            loop {
                let sep = if self.spaced(j) && self.tok(j).is_some_and(|t| t.is_number()) {
                    Some(' ')
                } else if self.joined(j)
                    && (self.is(j, '-') || self.is(j, '+'))
                    && self.joined(j + 1)
                    && self.tok(j + 1).is_some_and(|t| t.is_number())
                {
                    j += 1;
                    Some('-')
                } else {
                    None
                };
                match sep {
                    Some(s) => {
                        seps.push(s);
                        groups.push(self.raw(j).len());
                        j += 1;
                    }
                    None => break,
                }
            }
            let dashed = seps.iter().all(|&s| s == '-');
            let spaced = seps.iter().all(|&s| s == ' ');
            let id = match groups.as_slice() {
                [3, 2, 4] => dashed || spaced,
                [3, 3, 3] => spaced || dashed,
                [1, 2, 2, 2, 3, 3] | [1, 2, 2, 2, 3, 3, 2] | [1, 2, 2, 2, 6] => true,
                [6, 4] | [8, 4] => dashed,
                [4, 4, 4, 4] | [4, 6, 5] => true,
                [13] | [15] => matches!(self.raw(i).as_bytes()[0], b'1' | b'2'),
                _ => false,
            };
            if id && self.all_free(i, j) {
                self.mark(i, j, Category::Id);
            }
            i = j.max(i + 1);
        }
    }

    /// Numbers introduced by a word that says what they are.
    pub(super) fn keyed_ids(&mut self) {
        for i in 0..self.len() {
            if !self.tok(i).is_some_and(|t| t.is_word()) || self.flag(i) & lexicon::ID_KEY == 0 {
                continue;
            }
            let w = self.word(i);
            let room = ROOM_KEYS.contains(&w);
            let limit = if room {
                2
            } else if STRONG_ID_KEYS.contains(&w) {
                9
            } else if ID_KEYS.contains(&w) {
                3
            } else {
                continue;
            };
            // "n°", "no." and a bare "n" only count with their mark.
            if (w == "n" && !(self.is(i + 1, '°') || self.is(i + 1, 'º')))
                || (w == "no" && !(self.is(i + 1, '.') || self.is(i + 1, ':')))
            {
                continue;
            }
            let phone = i > 0
                && matches!(
                    self.word(i - 1),
                    "phone" | "telephone" | "fax" | "cell" | "mobile" | "pager" | "tel"
                );
            if phone {
                continue;
            }
            // "room air" is what a patient breathes.
            if room && self.word(i + 1) == "air" {
                continue;
            }
            let plate = matches!(w, "plate" | "plaque" | "immatriculation");
            let weak_key = !room && !STRONG_ID_KEYS.contains(&w);
            let mut j = i + 1;
            while j < self.len() && j <= i + limit {
                let t = self.tokens[j];
                // "ID: Tmax 99.5" is a section of a note, not an identifier.
                if weak_key && t.is_word() && !(self.word(j) == "no" || self.word(j) == "number") {
                    break;
                }
                if t.kind == Kind::Punct {
                    // A sentence ends the search; "No." is an abbreviation, not an end.
                    if matches!(self.raw(j), ";" | "!" | "?") || (self.is(j, '.') && j > i + 1) {
                        break;
                    }
                    j += 1;
                    continue;
                }
                let (end, digits, letters) = self.code_extent(j);
                if weak_key && self.measurement(j, end) && (end > j + 1 || t.kind == Kind::Code) {
                    break;
                }
                // "policy. Currently on psv5/peep5", "bed within 15MIN": a setting or a time,
                // not the identifier the key announced.
                if t.kind == Kind::Code && letters >= 2 && code_is_reading(self.word(j))
                    || room
                        && t.is_number()
                        && self
                            .tok(end)
                            .is_some_and(|n| n.is_word() && UNITS.contains(&self.word(end)))
                {
                    j = end;
                    continue;
                }
                let year =
                    end == j + 1 && self.number(j).is_some_and(|n| (1900..=2100).contains(&n));
                let percent = self.is(end, '%');
                let short_room = room && (digits > 0 || (t.is_word() && t.len() == 1 && t.cap));
                let plate_words = plate && t.upper && t.len() <= 4;
                let code = (digits >= 3 && !year && !percent) || (digits >= 1 && letters >= 1);
                if code || short_room || plate_words {
                    let mut end = end;
                    // Plates run on over a space: "BXRT 418", "AB 123 CD".
                    while plate
                        && self.spaced(end)
                        && self.tok(end).is_some_and(|n| n.is_number() || n.upper)
                    {
                        end = self.code_extent(end).0;
                    }
                    if self.all_free(j, end) {
                        self.mark(j, end, Category::Id);
                    }
                    break;
                }
                j += 1;
            }
        }
    }

    /// Long numbers and codes with no introduction: "INF-00321", "4420-KL-9981", "7730014421".
    pub(super) fn loose_ids(&mut self) {
        let mut i = 0;
        while i < self.len() {
            if !self.tok(i).is_some_and(|t| t.is_alnum()) || !self.free(i) {
                i += 1;
                continue;
            }
            if i > 0 && self.joined(i) && self.is(i - 1, '.') {
                i += 1;
                continue;
            }
            let (end, digits, letters) = self.code_extent(i);
            let groups = (i..end).filter(|&k| self.tokens[k].is_alnum()).count();
            let years = (i..end).filter(|&k| self.tokens[k].is_alnum()).all(|k| {
                self.number(k)
                    .is_some_and(|n| (1900..=2100).contains(&n) || n < 100)
            });
            let decimal = groups == 2 && self.is(i + 1, '.') && letters == 0;
            // Readings join numbers with "/" and "." ("119/51/7.39"); identifiers with "-".
            let slashed = (i..end).any(|k| self.is(k, '/') || self.is(k, '.'));
            // The letters of an identifier are a short code ("QHP-204-77815"), not words.
            let coded = (i..end).filter(|&k| self.tokens[k].is_word()).all(|k| {
                self.tokens[k].len() <= 4
                    && (self.tokens[k].upper || self.tokens[k].len() == 1)
                    && !pattern_reading_word(self.word(k))
            });
            let id = !years
                && !decimal
                && !self.measurement(i, end)
                && coded
                && (digits >= 7 && groups == 1
                    || !slashed
                        && (digits >= 7
                            || (digits >= 5 && groups >= 2)
                            || (digits >= 4 && letters >= 1)));
            if id && self.all_free(i, end) {
                self.mark(i, end, Category::Id);
            }
            i = end.max(i + 1);
        }
    }

    /// Whether the joined tokens `i..end` are readings rather than an identifier: numbers of
    /// up to four digits, numbers with a unit ("40cc", "700x10"), and clinical abbreviations,
    /// as in "100-120/50", "30-40cc/hr", "co/ci/svr-3.5/2.0/1600".
    fn measurement(&self, i: usize, end: usize) -> bool {
        (i..end)
            .filter(|&k| self.tokens[k].is_alnum())
            .all(|k| match self.tokens[k].kind {
                Kind::Number => self.raw(k).len() <= 4,
                Kind::Code => code_is_reading(self.word(k)),
                _ => {
                    let w = self.word(k);
                    reading_word(w) && (w.len() > 1 || w == "s")
                }
            })
    }

    /// The end of the identifier starting at `i` — alphanumeric tokens joined by "-", "/", "."
    /// with no spaces — and how many digits and letters it holds.
    fn code_extent(&self, i: usize) -> (usize, usize, usize) {
        let mut end = i + 1;
        while self
            .tok(end)
            .is_some_and(|t| t.kind == Kind::Punct && joiner(t.text(self.text)))
            && self.joined(end)
            && self.joined(end + 1)
            && self.tok(end + 1).is_some_and(|t| t.is_alnum())
        {
            end += 2;
        }
        let (mut digits, mut letters) = (0, 0);
        for t in &self.tokens[i..end] {
            for c in t.text(self.text).chars() {
                if c.is_ascii_digit() {
                    digits += 1;
                } else if c.is_alphabetic() {
                    letters += 1;
                }
            }
        }
        (end, digits, letters)
    }
}

/// `round`: every group ends in 0, as in the range "500-1000", which no exchange looks like.
fn looks_like_phone(groups: &[usize], plus: bool, first: u8, round: bool) -> bool {
    let digits: usize = groups.iter().sum();
    match groups {
        // North American: 555-1234, 555-123-4567, 1 555 123 4567; a bracketed area code.
        [3, 4] => first != b'(' && !round,
        [3, 3, 4] | [1, 3, 3, 4] => true,
        // Ten digits in one run: a North American or French number without separators.
        [10] => true,
        // French: 06 12 34 56 78, or 0 800 123 456.
        [2, 2, 2, 2, 2] | [1, 3, 3, 3] => first == b'0',
        _ => plus && (8..=15).contains(&digits) && groups.len() >= 2,
    }
}

/// Words that announce a phone number within the few words before it ("Desk: 07700 316 475",
/// "call me on 76 177 296", "tél. 514 555 0199").
const PHONE_CUES: &[&str] = &[
    "phone",
    "telephone",
    "tel",
    "mobile",
    "cell",
    "cellphone",
    "fax",
    "desk",
    "call",
    "calling",
    "text",
    "reach",
    "contact",
    "whatsapp",
    "tél",
    "téléphone",
    "portable",
    "cellulaire",
    "appelez",
    "appeler",
    "joindre",
    "numéro",
    "number",
];

/// Digits in the groups of a number written the local way: 7 to 13 in all, in two groups or
/// more of at least two digits, split by spaces, dashes or brackets (never points, which are
/// decimals).
fn local_number(groups: &[usize], separators: &[u8]) -> bool {
    let digits: usize = groups.iter().sum();
    (7..=13).contains(&digits)
        && groups.len() >= 2
        && groups.iter().all(|&g| g >= 2)
        && !separators.contains(&b'.')
}

/// Whether a phone cue is among the four words that end `before`.
fn phone_cue_before(before: &str) -> bool {
    before
        .rsplit(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(4)
        .any(|w| {
            let w = w.to_lowercase();
            PHONE_CUES.contains(&w.as_str())
        })
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}
