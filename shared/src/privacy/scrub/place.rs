//! Street addresses, postal codes, and places smaller than a region: towns, neighbourhoods,
//! and named hospitals, schools and other institutions.

use super::lexicon::{self, CITIES, INSTITUTIONS, REGIONS, STOP};
use super::token::Kind;
use super::{Category, Scan};

const STREET_TYPES: &[&str] = &[
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
const RUE_TYPES: &[&str] = &[
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
/// Words after which a capitalised unknown word is a place: "lives in Oakville".
const PLACE_CUES: &[&str] = &[
    "in", "at", "to", "from", "near", "a", "habite", "vers", "pres", "outside", "around",
];

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
            let end =
                if RUE_TYPES.contains(&self.word(j)) && self.tok(j).is_some_and(|t| t.is_word()) {
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
    }

    /// After "rue": connectors and capitalised words up to punctuation.
    fn french_street(&self, mut j: usize) -> Option<usize> {
        let start = j;
        while j < self.len() && j < start + 8 {
            let t = self.tokens[j];
            let w = self.word(j);
            let hyphen = (self.is(j, '-') || self.is(j, '\'') || self.is(j, '’')) && self.joined(j);
            if t.cap || CONNECTORS.contains(&w) || hyphen || (t.is_number() && j == start) {
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
        if DIRECTIONS.contains(&self.word(j)) && self.tok(j).is_some_and(|t| t.cap) {
            j += 1 + usize::from(self.is(j + 1, '.'));
        }
        let start = j;
        while j < start + 5
            && self
                .tok(j)
                .is_some_and(|t| t.cap && t.is_word() || t.kind == Kind::Number && j == start)
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
            let town = self.tok(end).is_some_and(|t| t.cap && t.is_word()) && self.spaced(end);
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
        while self.tok(j).is_some_and(|t| t.cap && t.is_word()) && j < i + 6 {
            j += 1;
            let hyphen = (self.is(j, '-') || self.is(j, '\''))
                && self.joined(j)
                && self.joined(j + 1)
                && self.tok(j + 1).is_some_and(|t| t.cap);
            if hyphen {
                j += 1;
            } else if !(self.spaced(j) && self.tok(j).is_some_and(|t| t.cap && t.is_word())) {
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
            if !(t.cap && t.is_word() && INSTITUTIONS.contains(&self.word(i)) && self.free(i)) {
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
                if pt.cap
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
                if self.tok(next).is_some_and(|t| t.cap && t.is_word())
                    && joined_next
                    && !STOP.contains(self.word(next))
                {
                    to = self.capitalised_run(next);
                    continue;
                }
                if self.tok(next).is_some_and(|t| t.cap && t.is_word()) && joined_next && next == to
                {
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

    /// Towns from the list, and "Town, ON".
    pub(super) fn cities(&mut self) {
        let mut phrase = String::new();
        let mut i = 0;
        while i < self.len() {
            let t = self.tokens[i];
            if !(t.cap && t.is_word() && self.free(i)) {
                i += 1;
                continue;
            }
            // The longest listed name of up to four words from here.
            let mut found = None;
            phrase.clear();
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
                if CITIES.contains(&phrase) {
                    found = Some(j);
                }
            }
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
            // "Oakville, ON": a capitalised run before a province or state code.
            let end = self.capitalised_run(i);
            let province = self.is(end, ',')
                && PROVINCES.contains(&self.raw(end + 1))
                && self.tok(end + 1).is_some_and(|t| t.upper);
            if province && !self.sentence_start(i) && self.all_free(i, end) {
                self.mark(i, end, Category::Location);
                i = end;
                continue;
            }
            i += 1;
        }
    }

    /// A capitalised word nobody claimed, after "in", "to", "from", "à": "drove to Fort Erie".
    pub(super) fn cued_places(&mut self) {
        for i in 1..self.len() {
            let t = self.tokens[i];
            let w = self.word(i);
            if !(t.cap && t.is_word() && !t.upper && self.free(i) && self.spaced(i))
                || self.sentence_start(i)
            {
                continue;
            }
            let cue = PLACE_CUES.contains(&self.word(i - 1)) && !self.tokens[i - 1].cap;
            let known = STOP.contains(w)
                || REGIONS.contains(w)
                || lexicon::AMBIGUOUS.contains(w)
                || lexicon::calendar_word(w)
                || INSTITUTIONS.contains(&w);
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
