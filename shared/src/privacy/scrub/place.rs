//! Street addresses, postal codes, and places smaller than a region: towns, neighbourhoods,
//! and named hospitals, schools and other institutions.

use super::lexicon::{self, CITIES, HOSPITALS, INSTITUTIONS, REGIONS, STOP};
use super::token::Kind;
use super::{Category, Scan};

pub(super) const STREET_TYPES: &[&str] = &[
    "street",
    "st",
    "avenue",
    "ave",
    "av",
    "road",
    "rd",
    "boulevard",
    "blvd",
    "drive",
    "dr",
    "lane",
    "ln",
    "way",
    "court",
    "ct",
    "crescent",
    "cres",
    "place",
    "pl",
    "terrace",
    "circle",
    "parkway",
    "pkwy",
    "highway",
    "hwy",
    "trail",
    "square",
    "sq",
    "close",
    "row",
];
pub(super) const RUE_TYPES: &[&str] = &[
    "rue",
    "avenue",
    "av",
    "boulevard",
    "bd",
    "bld",
    "chemin",
    "ch",
    "allee",
    "impasse",
    "place",
    "route",
    "quai",
    "cours",
    "rang",
    "montee",
    "passage",
    "square",
    "voie",
    "sentier",
];
const DIRECTIONS: &[&str] = &[
    "n", "s", "e", "w", "ne", "nw", "se", "sw", "north", "south", "east", "west",
];
const UNITS: &[&str] = &[
    "apt",
    "apartment",
    "suite",
    "unit",
    "app",
    "appartement",
    "bureau",
];
/// French street-name connectors: "rue des Lilas", "chemin de la Côte".
const CONNECTORS: &[&str] = &[
    "de", "des", "du", "la", "le", "les", "l", "d", "sur", "en", "aux", "au",
];
/// Province and state codes, which end a "Town, ON" pair.
const PROVINCES: &[&str] = &[
    "ON", "QC", "BC", "AB", "MB", "SK", "NS", "NB", "NL", "PE", "YT", "NT", "NU", "AL", "AK", "AZ",
    "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME",
    "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH",
    "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC",
];
/// Verbs of moving a patient, after which a place of care follows its preposition.
pub(super) const MOVED: &[&str] = &[
    "admitted",
    "readmitted",
    "transferred",
    "transfered",
    "transfer",
    "transferring",
    "trans",
    "brought",
    "sent",
    "flighted",
    "medflighted",
    "medflight",
    "came",
    "went",
    "go",
    "going",
    "returned",
    "return",
    "presented",
    "accepted",
    "excepted",
    "screened",
    "retired",
    "arrived",
    "discharged",
    "dc",
    "dced",
    "d",
    "bed",
    "referred",
    "taken",
];

/// Verbs of care given somewhere, after which "at" names the place: "seen at BWH", "followed
/// at Lahey". Only "at": "seen by" names a person.
pub(super) const SEEN: &[&str] = &[
    "seen",
    "followed",
    "treated",
    "evaluated",
    "hospitalized",
    "hospitalised",
    "intubated",
    "stayed",
    "works",
    "worked",
    "employed",
    "volunteers",
];

/// Verbs of living somewhere: "lives in Towson", "MOVED TO ELKRIDGE".
pub(super) const LIVES: &[&str] = &[
    "lives",
    "living",
    "resides",
    "residing",
    "moved",
    "vacationing",
];

/// Words that end the name of a town: "Ellicott City", "Severna Park".
const TOWN_WORDS: &[&str] = &[
    "city", "county", "heights", "park", "hills", "beach", "falls", "springs", "village",
    "township", "junction", "harbor", "harbour",
];

/// Places in a hospital, and kinds of place, that identify nobody: "transferred to CCU".
const UNITS_OF_CARE: &[&str] = &[
    "icu",
    "ccu",
    "micu",
    "sicu",
    "csru",
    "cvicu",
    "ctic",
    "nicu",
    "picu",
    "pacu",
    "ed",
    "er",
    "or",
    "ir",
    "ep",
    "cath",
    "lab",
    "osh",
    "nh",
    "snf",
    "ltac",
    "ltach",
    "rehab",
    "floor",
    "home",
    "unit",
    "ward",
    "tele",
    "stepdown",
    "hospital",
    "hosp",
    "ct",
    "mri",
    "us",
    "echo",
    "radiology",
    "dialysis",
    "surgery",
    "hospice",
    "room",
    "bed",
    "bathroom",
    "chair",
    "vent",
];

/// Words after which a capitalised unknown word is a place: "lives in Oakville".
pub(super) const PLACE_CUES: &[&str] = &[
    "in", "at", "to", "from", "near", "a", "habite", "vers", "pres", "outside", "around",
];

/// More words after which a place of care may follow: "ASYSTOLIC ON QUARTERMAIN 6".
pub(super) const CARE_CUES: &[&str] = &["on", "by", "into"];

/// A word of the safe lists or a function word: no place on its own.
fn everyday(w: &str) -> bool {
    lexicon::COMMON.contains(w)
        || lexicon::CLINICAL.contains(w)
        || STOP.contains(w)
        || lexicon::AMBIGUOUS.contains(w)
        || lexicon::calendar_word(w)
        || REGIONS.contains(w)
}

impl Scan<'_> {
    /// "118 Birchwood Crescent", "2209 N Halsted St, Apt 3B", "14 rue des Lilas".
    pub(super) fn addresses(&mut self) {
        for i in 0..self.len() {
            if self.number(i).is_none_or(|n| n == 0 || n > 99_999) || !self.free(i) {
                continue;
            }
            let mut j = i + 1;
            if matches!(self.word(j), "bis" | "ter")
                || (self.tok(j).is_some_and(|t| t.is_word() && t.len() == 1) && self.joined(j))
            {
                j += 1;
            }
            if self.is(j, ',') {
                j += 1;
            }
            // "BLD 150 MMHG" on a shouted line is blood, not a boulevard.
            let rue = RUE_TYPES.contains(&self.word(j))
                && self.tok(j).is_some_and(|t| t.is_word())
                && !(self.shouted_at(j) && self.raw(j).len() <= 3);
            let end = if rue {
                self.french_street(j + 1)
            } else {
                self.english_street(j)
            };
            let Some(mut end) = end else { continue };
            // A unit: ", Apt 3B", "app. 4".
            let mut u = end + usize::from(self.is(end, ','));
            if UNITS.contains(&self.word(u)) {
                u += 1 + usize::from(self.is(u + 1, '.') || self.is(u + 1, '#'));
                if self.tok(u).is_some_and(|t| t.is_alnum() && t.len() <= 5) {
                    end = u + 1;
                }
            }
            if self.all_free(i, end) {
                self.mark(i, end, Category::Address);
            }
        }
        // A flat or suite on its own line or after a street the rules do not know:
        // "Apt. 559", "Suite 303", "app. 4B". Not "unit", which is also a ward.
        for i in 0..self.len() {
            if !matches!(
                self.word(i),
                "apt" | "apartment" | "suite" | "app" | "appt" | "appartement"
            ) || !(self.capital(i) || self.is(i + 1, '.'))
                || !self.free(i)
            {
                continue;
            }
            let u = i + 1 + usize::from(self.is(i + 1, '.') || self.is(i + 1, '#'));
            let numbered = self.tok(u).is_some_and(|t| t.is_alnum() && t.len() <= 5)
                && self.raw(u).bytes().any(|c| c.is_ascii_digit());
            if numbered && self.all_free(i, u + 1) {
                self.mark(i, u + 1, Category::Address);
            }
        }
    }

    /// After "rue": connectors and capitalised words up to punctuation.
    fn french_street(&self, mut j: usize) -> Option<usize> {
        let start = j;
        while j < self.len() && j < start + 8 {
            let t = self.tokens[j];
            let w = self.word(j);
            let hyphen = (self.is(j, '-') || self.is(j, '\'') || self.is(j, '’')) && self.joined(j);
            if self.capital(j) || CONNECTORS.contains(&w) || hyphen || (t.is_number() && j == start)
            {
                j += 1;
            } else {
                break;
            }
        }
        // End on a word, not on a connector or a hyphen.
        while j > start && !self.tokens[j - 1].cap && !self.tokens[j - 1].is_number() {
            j -= 1;
        }
        (j > start).then_some(j)
    }

    /// Before "Street": a direction and one to four capitalised words.
    fn english_street(&self, mut j: usize) -> Option<usize> {
        if DIRECTIONS.contains(&self.word(j)) && self.capital(j) {
            j += 1 + usize::from(self.is(j + 1, '.'));
        }
        let start = j;
        while j < start + 5
            && self
                .tok(j)
                .is_some_and(|t| self.capital(j) || t.kind == Kind::Number && j == start)
        {
            if j > start && STREET_TYPES.contains(&self.word(j)) {
                return Some(
                    j + 1 + usize::from(self.is(j + 1, '.') && !self.sentence_start(j + 2)),
                );
            }
            j += 1;
        }
        None
    }

    /// Canadian A1A 1A1, British SW1A 1AA, US ZIP after a state code, French 69003 before a town.
    pub(super) fn postal_codes(&mut self) {
        for i in 0..self.len() {
            if !self.free(i) {
                continue;
            }
            let t = self.tokens[i];
            let shape = |k: usize| -> String {
                self.raw(k)
                    .chars()
                    .map(|c| {
                        if c.is_ascii_digit() {
                            '9'
                        } else if c.is_ascii_uppercase() {
                            'A'
                        } else {
                            'x'
                        }
                    })
                    .collect()
            };
            let first = shape(i);
            let pair = self.spaced(i + 1) && self.free(i + 1);
            let second = if pair { shape(i + 1) } else { String::new() };
            let canadian = first == "A9A" && second == "9A9";
            let canadian_joined = first == "A9A9A9";
            let british = matches!(
                first.as_str(),
                "A9" | "A99" | "AA9" | "AA99" | "A9A" | "AA9A"
            ) && second == "9AA";
            if canadian || british {
                self.mark(i, i + 2, Category::PostalCode);
                continue;
            }
            if canadian_joined {
                self.mark(i, i + 1, Category::PostalCode);
                continue;
            }
            if t.kind != Kind::Number || t.len() != 5 {
                continue;
            }
            let plus4 = self.is(i + 1, '-')
                && self.joined(i + 1)
                && self.raw(i + 2).len() == 4
                && self.number(i + 2).is_some();
            let end = if plus4 { i + 3 } else { i + 1 };
            let state = i > 0 && PROVINCES.contains(&self.raw(i - 1));
            let keyword =
                i > 0 && matches!(self.word(i - 1), "zip" | "cp" | "postal" | "code" | "cedex");
            let town = self.capital(end) && self.spaced(end);
            if state || keyword || town {
                self.mark(i, end, Category::PostalCode);
                if town && !state {
                    let town_end = self.capitalised_run(end);
                    if self.all_free(end, town_end) {
                        self.mark(end, town_end, Category::Location);
                    }
                }
            }
        }
    }

    /// Capitalised words joined by spaces or hyphens from `i`: "Clermont-Ferrand", "Fort Erie".
    fn capitalised_run(&self, i: usize) -> usize {
        let mut j = i;
        while self.capital(j) && j < i + 6 {
            j += 1;
            let hyphen = (self.is(j, '-') || self.is(j, '\''))
                && self.joined(j)
                && self.joined(j + 1)
                && self.capital(j + 1);
            if hyphen {
                j += 1;
            } else if !(self.spaced(j) && self.capital(j)) {
                break;
            }
        }
        j
    }

    /// Named institutions: "St. Catherine's Hospital", "Hôpital Necker", "CHU de Nantes".
    pub(super) fn institutions(&mut self) {
        let mut i = 0;
        while i < self.len() {
            let t = self.tokens[i];
            if !(t.cap
                && t.is_word()
                && self.flag(i) & lexicon::INSTITUTION != 0
                && INSTITUTIONS.contains(&self.word(i))
                && self.free(i))
            {
                i += 1;
                continue;
            }
            // Leftwards over capitalised words, "St.", "Saint-" and possessives.
            let mut from = i;
            while let Some(p) = from.checked_sub(1) {
                let possessive = p >= 2
                    && self.word(p) == "s"
                    && (self.is(p - 1, '\'') || self.is(p - 1, '’'))
                    && self.joined(p);
                if possessive {
                    from = p - 2;
                    continue;
                }
                let dot =
                    self.is(p, '.') && p >= 1 && matches!(self.word(p - 1), "st" | "ste" | "mt");
                if dot {
                    from = p - 1;
                    continue;
                }
                if self.is(p, '-')
                    && self.joined(p)
                    && self.joined(from)
                    && p >= 1
                    && self.tokens[p - 1].cap
                {
                    from = p - 1;
                    continue;
                }
                let pt = self.tokens[p];
                let gap_ok = self.spaced(from) || self.joined(from) && !self.tokens[from].is_word();
                if self.capital(p)
                    && pt.is_word()
                    && gap_ok
                    && !STOP.contains(self.word(p))
                    && !self.sentence_start_stop(p)
                {
                    from = p;
                    continue;
                }
                break;
            }
            // Rightwards over "of"/"de" and capitalised words: "University of Toronto".
            let mut to = i + 1;
            loop {
                let connector = matches!(self.word(to), "of" | "de" | "du" | "des" | "d" | "la");
                let skip = if connector {
                    1 + usize::from(self.is(to + 1, '\''))
                } else {
                    0
                };
                let next = to + skip;
                let joined_next = self.spaced(next) || (skip > 0 && self.joined(next));
                if self.capital(next) && joined_next && !STOP.contains(self.word(next)) {
                    to = self.capitalised_run(next);
                    continue;
                }
                if self.capital(next) && joined_next && next == to {
                    to = next + 1;
                    continue;
                }
                break;
            }
            // The keyword alone ("the Clinic") names nothing.
            if to - from > 1 && self.all_free(from, to) {
                self.mark(from, to, Category::Location);
            }
            i = to.max(i + 1);
        }
    }

    fn sentence_start_stop(&self, i: usize) -> bool {
        self.sentence_start(i) && (STOP.contains(self.word(i)) || !self.tokens[i].cap)
    }

    /// The end of the longest name of `list` of up to four words from `i`, joined by spaces,
    /// hyphens or a dot ("St. Catharines", "Clermont-Ferrand"), and the name in `phrase`.
    fn listed_place(
        &self,
        i: usize,
        list: &lexicon::Lexicon,
        start: lexicon::Flags,
        phrase: &mut String,
    ) -> Option<usize> {
        let mut found = None;
        let mut longest = 0;
        phrase.clear();
        if self.flag(i) & start == 0 {
            return None;
        }
        let mut j = i;
        for words in 1..=4 {
            if words > 1 {
                let sep = self.is(j, '-') && self.joined(j) || self.spaced(j);
                let dot = self.is(j, '.') && self.joined(j);
                if dot {
                    j += 1;
                }
                if !(sep || dot) {
                    break;
                }
                if self.is(j, '-') {
                    j += 1;
                }
                if !self.tok(j).is_some_and(|t| t.is_word()) {
                    break;
                }
                phrase.push(' ');
            }
            phrase.push_str(self.word(j));
            j += 1;
            if list.contains(phrase) {
                found = Some(j);
                longest = phrase.len();
            }
        }
        phrase.truncate(longest);
        found
    }

    /// A town of the long list ([`lexicon::TOWNS`]) at `i`: one with a word of no list is a
    /// town wherever it is ("Glen Burnie", "TOWSON"); one of several everyday words or names
    /// ("Silver Spring", "Ocean City") needs capitals and "in", "from" or "near" before it or a
    /// place in the middle of a sentence where case can be trusted; a single one ("Enterprise", "Comfort", "Jackson")
    /// is left to the other rules.
    fn town_at(&self, i: usize, phrase: &mut String) -> Option<usize> {
        let end = self.listed_place(i, &lexicon::TOWNS, lexicon::TOWN_START, phrase)?;
        // "Marisol Ferndale-Ostrowski", "Dr. Ferndale": a person's name.
        let hyphened = self.is(end, '-') && self.joined(end);
        let after_name = i > 0
            && self.spaced(i)
            && self.capital(i - 1)
            && self.flag(i - 1) & (lexicon::NAME | lexicon::GIVEN_NAME | lexicon::TITLE) != 0;
        if hyphened || after_name {
            return None;
        }
        let known = lexicon::COMMON_WORD
            | lexicon::CLINICAL_WORD
            | lexicon::STOP_WORD
            | lexicon::ACRONYM
            | lexicon::NAME
            | lexicon::GIVEN_NAME
            | lexicon::AMBIGUOUS_NAME
            | lexicon::REGION;
        let plain = (i..end)
            .filter(|&k| self.tokens[k].is_word())
            .all(|k| self.flag(k) & known != 0 || self.word(k).len() < 4);
        if plain && end == i + 1 {
            return None;
        }
        let capitals = (i..end).all(|k| !self.tokens[k].is_word() || self.capital(k));
        let cued = i > 0 && matches!(self.word(i - 1), "in" | "from" | "near");
        let trusted = !self.blind(i) && !self.sentence_start(i);
        let town = (!plain || capitals && (cued || trusted)) && !REGIONS.contains(phrase);
        // "Tulare County".
        let county = matches!(self.word(end), "county" | "township" | "parish" | "borough")
            && self.spaced(end);
        town.then_some(end + usize::from(county))
    }

    /// Towns from the lists, and "Town, ON".
    pub(super) fn cities(&mut self) {
        let mut phrase = String::new();
        let mut i = 0;
        while i < self.len() {
            let t = self.tokens[i];
            if !(t.is_word() && self.free(i)) {
                i += 1;
                continue;
            }
            if !t.cap {
                if let Some(end) = self.town_at(i, &mut phrase)
                    && self.all_free(i, end)
                {
                    self.mark(i, end, Category::Location);
                    i = end;
                } else {
                    i += 1;
                }
                continue;
            }
            let found = self.listed_place(i, &CITIES, lexicon::CITY_START, &mut phrase);
            // A town name that is also an everyday word needs a cue: "in Nice".
            if let Some(end) = found {
                let everyday = end == i + 1
                    && (STOP.contains(self.word(i)) || lexicon::AMBIGUOUS.contains(self.word(i)));
                let cued = i > 0 && PLACE_CUES.contains(&self.word(i - 1));
                if (!everyday || cued) && self.all_free(i, end) && !REGIONS.contains(&phrase) {
                    self.mark(i, end, Category::Location);
                    i = end;
                    continue;
                }
            }
            if let Some(end) = self.town_at(i, &mut phrase)
                && self.all_free(i, end)
            {
                self.mark(i, end, Category::Location);
                i = end;
                continue;
            }
            // "Oakville, ON": a capitalised run before a province or state code.
            let end = self.capitalised_run(i);
            // On a shouted line "JAMES, IN TO VISIT" is no town in Indiana: the code must end
            // the phrase or come before a ZIP.
            let ends = !self.shouted_at(end)
                || self.tok(end + 2).is_none_or(|t| {
                    t.is_number() || !t.is_alnum() || t.gap == super::token::Gap::Line
                });
            let province = self.is(end, ',')
                && PROVINCES.contains(&self.raw(end + 1))
                && self.tok(end + 1).is_some_and(|t| t.upper)
                && ends;
            if province && !self.sentence_start(i) && self.all_free(i, end) {
                self.mark(i, end, Category::Location);
                i = end;
                continue;
            }
            i += 1;
        }
    }

    /// Where a patient was taken, in any case: "admitted to GH", "transfer to quartermain 2",
    /// "excepted at Holy Cross", "ASYSTOLIC ON QUARTERMAIN 6". After a verb of moving and its
    /// preposition comes a place unless it is an everyday word or a unit of the hospital
    /// ("transferred to CCU", "sent to the floor"); a known hospital name, a word of no list
    /// followed by a ward number, or "St. Agnes" is a place after any preposition.
    pub(super) fn care_places(&mut self) {
        let n = self.len();
        let mut found: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        while i < n {
            let f = self.flag(i);
            if f & (lexicon::PLACE_WORD | lexicon::HOSPITAL_START) == 0 && !self.is(i, '@') {
                i += 1;
                continue;
            }
            let w = self.word(i);
            // "Sacred Heart Memorial", "Holy Cross Rehab": a known name before an institution
            // word needs no cue.
            if let Some(end) = (f & lexicon::HOSPITAL_START != 0)
                .then(|| self.phrase_at(i, &HOSPITALS, 3))
                .flatten()
                && self.institution_tail(end) > end
                && self.free(i)
            {
                found.push((i, self.institution_tail(end)));
                i = self.institution_tail(end);
                continue;
            }
            let moved = (MOVED.contains(&w) || LIVES.contains(&w) || SEEN.contains(&w))
                && self.tok(i).is_some_and(|t| t.is_word());
            let cue = PLACE_CUES.contains(&w) && self.tok(i).is_some_and(|t| t.is_word())
                || matches!(w, "on" | "by" | "into")
                || self.is(i, '@');
            if !(moved || cue) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            if moved {
                // "transferred back to", "d/c'd to": the preposition within two words.
                let mut k = j;
                let prepositions: &[&str] = if LIVES.contains(&w) {
                    &["in", "at", "near", "to", "from"]
                } else if SEEN.contains(&w) {
                    &["at"]
                } else {
                    &["to", "into", "at", "by", "from"]
                };
                while k < i + 4 && k < n && !prepositions.contains(&self.word(k)) {
                    if self.tok(k).is_some_and(|t| t.is_word())
                        && !matches!(self.word(k), "back" | "over" | "out" | "c" | "d" | "s")
                    {
                        break;
                    }
                    k += 1;
                }
                if !prepositions.contains(&self.word(k)) {
                    i += 1;
                    continue;
                }
                j = k + 1;
            }
            // "INTUBATED AT HTIS TIME": a slip of the pen names no place.
            if SEEN.contains(&w)
                && (lexicon::misspelt(self.word(j)) || lexicon::transposed(self.word(j)))
            {
                i += 1;
                continue;
            }
            if self.word(j) == "the" {
                j += 1;
            }
            if self.is(j, '@') || self.is(j, '(') {
                j += 1;
            }
            // "bed @ gbmc", "CATH LAB @ UMMS": after "@", a word of no list.
            let at_sign = self.is(i, '@') && self.tok(j).is_some_and(|t| t.is_word()) && {
                let x = self.word(j);
                self.flag(j) & !lexicon::GAZETTEER == 0 && x.len() >= 3 && !lexicon::misspelt(x)
            };
            let end = if at_sign && self.free(j) {
                Some(self.institution_tail(j + 1))
            } else {
                self.care_place_at(j, moved)
            };
            if let Some(end) = end {
                found.push((j, end));
                i = end;
            } else {
                i += 1;
            }
        }
        // A ward or hospital found once is found everywhere in the text: "PLAN: QUARTERMAIN 2",
        // "QUARTERMAIN3 DEVELOPED".
        let mut known: Vec<String> = Vec::new();
        for &(from, to) in &found {
            for k in from..to {
                let w = self.word(k);
                if self.tokens[k].is_word() && w.len() >= 3 && !everyday(w) {
                    known.push(w.to_owned());
                }
            }
        }
        for (from, to) in found {
            if self.all_free(from, to) {
                self.mark(from, to, Category::Location);
            }
        }
        if known.is_empty() {
            return;
        }
        for k in 0..n {
            let t = self.tokens[k];
            if !self.free(k) || !t.is_alnum() || t.kind == Kind::Number {
                continue;
            }
            let w = self.word(k);
            let letters = w.trim_end_matches(|c: char| c.is_ascii_digit());
            if known.iter().any(|p| p == letters) && w.len() - letters.len() <= 2 {
                self.mark(k, k + 1, Category::Location);
            }
        }
    }

    /// A US hospital's initials written in capitals, in no other list: "W/U BY GBMC".
    pub(super) fn hospital_initials(&mut self) {
        for i in 0..self.len() {
            let t = self.tokens[i];
            if t.upper
                && t.is_word()
                && self.flag(i) & lexicon::HOSPITAL_INITIALS != 0
                && self.flag(i) & (lexicon::CLINICAL_WORD | lexicon::STOP_WORD) == 0
                && self.free(i)
            {
                self.mark(i, i + 1, Category::Location);
            }
        }
    }

    /// The end of a place of care starting at `j`, if one does.
    fn care_place_at(&self, j: usize, moved: bool) -> Option<usize> {
        let t = self.tok(j)?;
        if !t.is_alnum() || !self.free(j) {
            return None;
        }
        // "Holy Cross", "sacred heart": the longest known name.
        if let Some(end) = (self.flag(j) & lexicon::HOSPITAL_START != 0)
            .then(|| self.phrase_at(j, &HOSPITALS, 3))
            .flatten()
        {
            return Some(self.institution_tail(end));
        }
        // "St. Agnes", "St A.".
        if matches!(self.word(j), "st" | "saint" | "ste" | "sainte") && t.is_word() {
            let k = j + 1 + usize::from(self.is(j + 1, '.'));
            if self
                .tok(k)
                .is_some_and(|t| t.is_word() && (t.cap || self.blind(k)))
                && !everyday(self.word(k))
            {
                let end = k + 1 + usize::from(self.is(k + 1, '.') && self.raw(k).len() == 1);
                return Some(self.institution_tail(end));
            }
            return None;
        }
        let w = self.word(j);
        let unlisted = t.is_word() && !everyday(w) && !lexicon::ACRONYMS.contains(w);
        // "QUARTERMAIN 6", "quartermain 2", "QUARTERMAIN7": an unlisted word and a ward number.
        let ward =
            |k: usize| self.spaced(k) && self.number(k).is_some_and(|n| (1..=20).contains(&n));
        if unlisted && w.len() >= 4 && ward(j + 1) {
            return Some(j + 1);
        }
        if t.kind == Kind::Code && {
            let letters = w.trim_end_matches(|c: char| c.is_ascii_digit());
            letters.len() >= 4
                && letters.bytes().all(|c| c.is_ascii_alphabetic())
                && !everyday(letters)
                && w.len() - letters.len() <= 2
        } {
            return Some(j + 1);
        }
        if lexicon::TITLES.contains(&w) {
            return None;
        }
        // "FROM ELLICOTT CITY", "in Glen Burnie Heights": a word of no list before a word
        // that names a kind of town.
        if unlisted && w.len() >= 4 && !lexicon::misspelt(w) {
            let mut end = j + 1;
            while end < j + 3
                && self.spaced(end)
                && self.tok(end).is_some_and(|t| t.is_word())
                && !everyday(self.word(end))
            {
                end += 1;
            }
            if self.spaced(end) && TOWN_WORDS.contains(&self.word(end)) {
                return Some(end + 1);
            }
        }
        if !moved || !t.is_word() || UNITS_OF_CARE.contains(&w) {
            return None;
        }
        // "TRANSFERED FROM MEMORIAL HOSPITAL", "FROM PINE RIDGE NURSING HOME": everyday words
        // naming an institution.
        if everyday(w) {
            let mut k = j + 1;
            while k < j + 3
                && self.spaced(k)
                && self.tok(k).is_some_and(|t| t.is_word())
                && self.institution_word(k) == 0
                && !STOP.contains(self.word(k))
            {
                k += 1;
            }
            let tail = self.institution_tail(k);
            if tail > k && k > j + 1 && (t.cap || self.blind(j)) && !STOP.contains(w) {
                return Some(tail);
            }
            let tail = self.institution_tail(j + 1);
            let named = tail > j + 1
                && (t.cap || self.blind(j))
                && !STOP.contains(w)
                && !matches!(
                    w,
                    "outside"
                        | "local"
                        | "community"
                        | "another"
                        | "other"
                        | "this"
                        | "that"
                        | "same"
                        | "previous"
                        | "rehab"
                );
            return named.then_some(tail);
        }
        // After a verb of moving: "GH", "Franklin Square", "GBMC", "mazur campus"; but "a
        // card came from the Okonkwo family" is from people.
        if matches!(
            self.word(j + 1),
            "family" | "families" | "famille" | "household"
        ) {
            return None;
        }
        let mut end = j + 1;
        while end < j + 3
            && self.spaced(end)
            && self.tok(end).is_some_and(|t| t.is_word())
            && (t.upper == self.tokens[end].upper || self.blind(end))
            && !UNITS_OF_CARE.contains(&self.word(end))
            && !STOP.contains(self.word(end))
            && (!everyday(self.word(end))
                || lexicon::INSTITUTIONS.contains(&self.word(end))
                || matches!(self.word(end), "square" | "campus" | "general"))
        {
            end += 1;
        }
        Some(self.institution_tail(end))
    }

    /// Past an institution word after a place's name: "Holy Cross Rehab", "Sacred Heart
    /// Memorial", "Franklin Square Hosp".
    fn institution_tail(&self, mut end: usize) -> usize {
        while end < self.len() && self.spaced(end) && self.institution_word(end) > 0 {
            end += self.institution_word(end);
        }
        end
    }

    /// How many tokens of an institution word start at `k`: "Hospital", "Manor", or the two of
    /// "nursing home" (0 if none).
    fn institution_word(&self, k: usize) -> usize {
        if lexicon::INSTITUTIONS.contains(&self.word(k)) {
            1
        } else if self.word(k) == "nursing"
            && matches!(self.word(k + 1), "home" | "facility" | "center" | "centre")
            && self.spaced(k + 1)
        {
            2
        } else {
            0
        }
    }

    /// The end of the longest phrase of `lexicon`, up to `max` words, starting at token `i`.
    fn phrase_at(&self, i: usize, lexicon: &lexicon::Lexicon, max: usize) -> Option<usize> {
        let mut phrase = String::new();
        let mut found = None;
        let mut j = i;
        for words in 1..=max {
            if !self.tok(j).is_some_and(|t| t.is_word()) {
                break;
            }
            if words > 1 {
                phrase.push(' ');
            }
            phrase.push_str(self.word(j));
            j += 1;
            if lexicon.contains(&phrase) {
                found = Some(j);
            }
            if !self.spaced(j) {
                break;
            }
        }
        found
    }

    /// A capitalised word nobody claimed, after "in", "to", "from", "à": "drove to Fort Erie".
    /// Where case says nothing, a longer word of no list (or only a rare surname) after "from":
    /// "RETIRED TEACHER FROM DUNDALK", "originally from towson".
    pub(super) fn cued_places(&mut self) {
        for i in 1..self.len() {
            let t = self.tokens[i];
            let w = self.word(i);
            if self.blind(i) && self.word(i - 1) == "from" && t.is_word() && self.free(i) {
                let f = self.flag(i);
                let unlisted = f & !(lexicon::NAME | lexicon::RARE_NAME) == 0
                    && (f & lexicon::NAME == 0 || f & lexicon::RARE_NAME != 0);
                let place_like = w.len() >= 5
                    && w.bytes().any(|b| b"aeiouy".contains(&b))
                    && !lexicon::misspelt(w)
                    && !lexicon::transposed(w)
                    && !lexicon::calendar_word(w);
                if unlisted && place_like && self.spaced(i) {
                    self.mark(i, i + 1, Category::Location);
                    continue;
                }
            }
            if !(t.cap && t.is_word() && !t.upper && self.free(i) && self.spaced(i))
                || self.sentence_start(i)
            {
                continue;
            }
            let cue = PLACE_CUES.contains(&self.word(i - 1)) && !self.tokens[i - 1].cap;
            let known = everyday(w)
                || INSTITUTIONS.contains(&w)
                || lexicon::TITLES.contains(&w)
                || w.chars().count() < 2;
            if cue && !known {
                let end = self.capitalised_run(i);
                let region = {
                    let phrase: Vec<&str> = (i..end)
                        .map(|k| self.word(k))
                        .filter(|w| !w.is_empty())
                        .collect();
                    REGIONS.contains(&phrase.join(" "))
                };
                if !region && self.all_free(i, end) {
                    self.mark(i, end, Category::Location);
                }
            }
        }
    }
}
