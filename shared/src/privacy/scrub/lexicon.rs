//! The scrubber's dictionaries, embedded in the binary and loaded once.
//!
//! Every entry is lower case with accents removed (see [`fold`]), so lookups ignore both.

use std::collections::HashSet;
use std::sync::LazyLock;

/// A set of folded words or phrases.
#[derive(Debug)]
pub struct Lexicon(HashSet<&'static str>);

impl Lexicon {
    fn load(source: &'static str) -> Self {
        Lexicon(
            source
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect(),
        )
    }
    pub fn contains(&self, folded: &str) -> bool {
        self.0.contains(folded)
    }
}

/// First names and surnames from the 1990 US census (public domain).
pub static NAMES: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::load(include_str!("lexicon/names.txt")));
/// Given names common in Canadian and French clinics that the census misses.
pub static GIVEN: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::load(include_str!("lexicon/given.txt")));
/// Census names that are also ordinary English words: names only with context.
pub static AMBIGUOUS: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::load(include_str!("lexicon/ambiguous.txt")));
/// Ordinary English words that no name list holds: capitalised, they start a sentence or a
/// heading ("Contact", "Huddle") rather than name someone.
pub static COMMON: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::load(include_str!("lexicon/common.txt")));
/// Words that are never names without a title or the roster.
pub static STOP: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::load(include_str!("lexicon/stop.txt")));
/// Cities and towns.
pub static CITIES: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::load(include_str!("lexicon/cities.txt")));
/// Regions and countries, which are not identifying.
pub static REGIONS: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::load(include_str!("lexicon/regions.txt")));

/// Lower case, with the accents of Latin letters removed: "Benoît" → "benoit".
pub fn fold_into(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        let plain = match c.to_lowercase().next().unwrap_or(c) {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ą' | 'ā' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ę' | 'ě' | 'ē' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'ů' | 'ū' => 'u',
            'ý' | 'ÿ' => 'y',
            'ś' | 'š' | 'ş' => 's',
            'ź' | 'ż' | 'ž' => 'z',
            'ł' => 'l',
            'ř' => 'r',
            'ğ' => 'g',
            'đ' | 'ď' => 'd',
            'ť' => 't',
            'æ' => {
                out.push('a');
                'e'
            }
            'œ' => {
                out.push('o');
                'e'
            }
            'ß' => {
                out.push('s');
                's'
            }
            other => other,
        };
        out.push(plain);
    }
}

pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out);
    out
}

pub const MONTHS: &[(&str, u8)] = &[
    ("january", 1),
    ("jan", 1),
    ("janvier", 1),
    ("janv", 1),
    ("february", 2),
    ("feb", 2),
    ("fevrier", 2),
    ("fevr", 2),
    ("fev", 2),
    ("march", 3),
    ("mar", 3),
    ("mars", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("avr", 4),
    ("may", 5),
    ("mai", 5),
    ("june", 6),
    ("jun", 6),
    ("juin", 6),
    ("july", 7),
    ("jul", 7),
    ("juillet", 7),
    ("juil", 7),
    ("august", 8),
    ("aug", 8),
    ("aout", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("septembre", 9),
    ("october", 10),
    ("oct", 10),
    ("octobre", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("december", 12),
    ("dec", 12),
    ("decembre", 12),
];

pub fn month(folded: &str) -> Option<u8> {
    MONTHS.iter().find(|(m, _)| *m == folded).map(|(_, n)| *n)
}

pub const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
];

/// Month and weekday names, singular or plural: never names or places on their own.
pub fn calendar_word(folded: &str) -> bool {
    month(folded).is_some()
        || WEEKDAYS.contains(&folded)
        || WEEKDAYS.contains(&folded.trim_end_matches('s'))
}

/// Written ordinal days: "third", "twenty-first" is "twenty" "-" "first".
pub const ORDINALS: &[&str] = &[
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "thirtieth",
    "premier",
];

/// Titles and roles that come before a person's name.
pub const TITLES: &[&str] = &[
    "dr",
    "doctor",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "prof",
    "professor",
    "nurse",
    "sister",
    "father",
    "mme",
    "mlle",
    "mmes",
    "pr",
    "docteur",
    "professeur",
    "madame",
    "monsieur",
    "mademoiselle",
    "me",
    "maitre",
    "m",
    "sr",
    "rn",
    "np",
];

/// Words after which the next capitalised word is somebody's name.
pub const NAME_CUES: &[&str] = &[
    "called",
    "named",
    "nicknamed",
    "call",
    "pager",
    "paged",
    "cc",
    "appelle",
    "appelait",
    "nomme",
    "nommee",
    "prenomme",
    "prenommee",
    "surnomme",
    "surnommee",
    "dit",
    "dite",
];

/// Words that make a capitalised phrase an institution, when they are part of it.
pub const INSTITUTIONS: &[&str] = &[
    "hospital",
    "hopital",
    "clinic",
    "clinique",
    "centre",
    "center",
    "chu",
    "chum",
    "chru",
    "elementary",
    "school",
    "ecole",
    "college",
    "lycee",
    "university",
    "universite",
    "institute",
    "institut",
    "infirmary",
    "pharmacy",
    "pharmacie",
    "church",
    "eglise",
    "library",
    "academy",
    "medical",
    "health",
    "sante",
    "polyclinique",
    "hospice",
    "residence",
    "ehpad",
];
