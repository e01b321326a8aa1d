//! The scrubber's dictionaries, embedded in the binary and loaded once.
//!
//! Every entry is lower case with accents removed (see [`fold`]), so lookups ignore both.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use foldhash::fast::FixedState;

/// What the single-word lists say of a word, as bits: one lookup answers every list.
pub type Flags = u32;
pub const NAME: Flags = 1;
pub const GIVEN_NAME: Flags = 1 << 1;
pub const AMBIGUOUS_NAME: Flags = 1 << 2;
pub const COMMON_WORD: Flags = 1 << 3;
pub const CLINICAL_WORD: Flags = 1 << 4;
pub const ACRONYM: Flags = 1 << 5;
pub const STOP_WORD: Flags = 1 << 6;
pub const REGION: Flags = 1 << 7;
/// Keywords the rules look for, so a token that is none of them is passed over at once.
pub const TITLE: Flags = 1 << 8;
pub const CREDENTIAL: Flags = 1 << 9;
pub const RELATIVE: Flags = 1 << 10;
pub const TOLD_WORD: Flags = 1 << 11;
pub const INSTITUTION: Flags = 1 << 12;
pub const CALENDAR: Flags = 1 << 13;
pub const PLACE_WORD: Flags = 1 << 14;
pub const ID_KEY: Flags = 1 << 15;
pub const HOSPITAL_START: Flags = 1 << 16;
pub const CITY_START: Flags = 1 << 17;
pub const STREET_WORD: Flags = 1 << 18;
pub const DATE_WORD: Flags = 1 << 19;
pub const CUE_WORD: Flags = 1 << 20;
pub const RARE_NAME: Flags = 1 << 21;
pub const EVERYDAY_FIRST: Flags = 1 << 22;
pub const TOWN_START: Flags = 1 << 23;
pub const HOSPITAL_INITIALS: Flags = 1 << 24;
/// The flags of the place lists, which say nothing of whether a word is in a vocabulary.
pub const GAZETTEER: Flags = HOSPITAL_START | CITY_START | TOWN_START | HOSPITAL_INITIALS;

/// Every single word of the lists, with the lists it is on.
static WORDS: LazyLock<HashMap<&'static str, Flags, FixedState>> = LazyLock::new(|| {
    let lists: [(&'static str, Flags, bool); 11] = [
        (include_str!("lexicon/names.txt"), NAME, false),
        (include_str!("lexicon/given.txt"), GIVEN_NAME, false),
        (include_str!("lexicon/ambiguous.txt"), AMBIGUOUS_NAME, false),
        (include_str!("lexicon/common.txt"), COMMON_WORD, false),
        (include_str!("lexicon/clinical.txt"), CLINICAL_WORD, true),
        (include_str!("lexicon/acronyms.txt"), ACRONYM, false),
        (include_str!("lexicon/rare.txt"), RARE_NAME, false),
        (
            include_str!("lexicon/everyday_first.txt"),
            EVERYDAY_FIRST,
            false,
        ),
        (include_str!("lexicon/stop.txt"), STOP_WORD, true),
        (include_str!("lexicon/regions.txt"), REGION, false),
        (
            include_str!("lexicon/hospital_initials.txt"),
            HOSPITAL_INITIALS,
            false,
        ),
    ];
    let mut words = HashMap::with_capacity_and_hasher(600_000, FixedState::default());
    for (source, flag, several) in lists {
        for line in source.lines().filter(|l| !l.starts_with('#')) {
            let line = line.trim();
            let entries: Box<dyn Iterator<Item = &'static str>> = if several {
                Box::new(line.split_whitespace())
            } else if line.is_empty() || line.contains(' ') {
                // Phrases live in their own sets.
                Box::new(std::iter::empty())
            } else {
                Box::new(std::iter::once(line))
            };
            for w in entries {
                *words.entry(w).or_insert(0) |= flag;
            }
        }
    }
    let keywords: [(&[&'static str], Flags); 22] = [
        (TITLES, TITLE),
        (super::name::TITLES_ANY_CASE, TITLE),
        (super::name::STAFF, TITLE),
        (super::name::CREDENTIALS, CREDENTIAL),
        (super::name::RELATIVES, RELATIVE),
        (super::name::TOLD, TOLD_WORD),
        (INSTITUTIONS, INSTITUTION),
        (WEEKDAYS, CALENDAR),
        (ORDINALS, DATE_WORD),
        (super::date::HOLIDAYS, DATE_WORD),
        (super::date::HOLIDAY_STARTS, DATE_WORD),
        (NAME_CUES, CUE_WORD),
        (super::name::CUE_WORDS, CUE_WORD),
        (super::place::MOVED, PLACE_WORD),
        (super::place::LIVES, PLACE_WORD),
        (super::place::SEEN, PLACE_WORD),
        (super::place::PLACE_CUES, PLACE_WORD),
        (super::place::CARE_CUES, PLACE_WORD),
        (super::pattern::STRONG_ID_KEYS, ID_KEY),
        (super::pattern::ID_KEYS, ID_KEY),
        (super::pattern::ROOM_KEYS, ID_KEY),
        (super::pattern::PAGER_KEYS, ID_KEY),
    ];
    for (list, flag) in keywords {
        for w in list {
            *words.entry(*w).or_insert(0) |= flag;
        }
    }
    for (m, _) in MONTHS {
        *words.entry(*m).or_insert(0) |= CALENDAR;
    }
    for street in super::place::STREET_TYPES
        .iter()
        .chain(super::place::RUE_TYPES)
    {
        *words.entry(*street).or_insert(0) |= STREET_WORD;
    }
    let first_words = |source: &'static str, flag: Flags, words: &mut HashMap<_, _, _>| {
        for line in source.lines().filter(|l| !l.starts_with('#')) {
            if let Some(first) = line.split_whitespace().next() {
                *words.entry(first).or_insert(0) |= flag;
            }
        }
    };
    for hospitals in HOSPITAL_LISTS {
        first_words(hospitals, HOSPITAL_START, &mut words);
    }
    first_words(include_str!("lexicon/cities.txt"), CITY_START, &mut words);
    first_words(include_str!("lexicon/towns.txt"), TOWN_START, &mut words);
    words
});

/// The lists a folded word is on.
pub fn flags(folded: &str) -> Flags {
    WORDS.get(folded).copied().unwrap_or(0)
}

/// A list of folded words or phrases: single words answer from the shared table; phrases ("nova
/// scotia", "holy cross") from a set of their own.
#[derive(Debug)]
pub enum Lexicon {
    Words(Flags),
    Phrases(LazyLock<HashSet<&'static str, FixedState>>),
}

impl Lexicon {
    pub fn contains(&self, folded: &str) -> bool {
        match self {
            Lexicon::Words(flag) => flags(folded) & flag != 0,
            Lexicon::Phrases(set) => set.contains(folded),
        }
    }
}

/// One entry per line: words or phrases of words separated by single spaces.
fn phrases(source: &'static str) -> HashSet<&'static str, FixedState> {
    source
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// Census surnames that are safe words and first names that are everyday words: names only
/// with context.
pub static AMBIGUOUS: Lexicon = Lexicon::Words(AMBIGUOUS_NAME);
/// Safe words that no name list holds (English, the SPECIALIST Lexicon, FDA substance names):
/// capitalised, they start a sentence or a heading ("Contact", "Lasix") rather than name
/// someone.
pub static COMMON: Lexicon = Lexicon::Words(COMMON_WORD);
/// Acronyms of the SPECIALIST Lexicon ("PICC", "ABG"): safe words only when written in
/// capitals.
pub static ACRONYMS: Lexicon = Lexicon::Words(ACRONYM);
/// Clinical shorthand, units, devices and products the general sources miss.
pub static CLINICAL: Lexicon = Lexicon::Words(CLINICAL_WORD);
/// Words that are never names without a title or the roster.
pub static STOP: Lexicon = Lexicon::Words(STOP_WORD);
/// Cities and towns.
pub static CITIES: Lexicon = Lexicon::Phrases(LazyLock::new(|| {
    phrases(include_str!("lexicon/cities.txt"))
}));
/// The hand-written list of hospital names and the one built from CMS's list of US hospitals.
const HOSPITAL_LISTS: [&str; 2] = [
    include_str!("lexicon/hospitals.txt"),
    include_str!("lexicon/us_hospitals.txt"),
];
/// Names hospitals go by without the word "hospital": "Holy Cross", "Sacred Heart", "Franklin
/// Square".
pub static HOSPITALS: Lexicon = Lexicon::Phrases(LazyLock::new(|| {
    HOSPITAL_LISTS.into_iter().flat_map(phrases).collect()
}));
/// Towns of the United States and Canada of 1,000 people or more (GeoNames), beside the
/// hand-written [`CITIES`], which a narrative names without a cue.
pub static TOWNS: Lexicon =
    Lexicon::Phrases(LazyLock::new(|| phrases(include_str!("lexicon/towns.txt"))));
/// Regions and countries, which are not identifying.
pub static REGIONS: Lexicon = Lexicon::Phrases(LazyLock::new(|| {
    phrases(include_str!("lexicon/regions.txt"))
}));

/// Whether a folded word is a safe word: on the general or clinical lists and no name.
fn safe_word(c: &str) -> bool {
    let f = flags(c);
    f & (COMMON_WORD | CLINICAL_WORD) != 0 && f & NAME == 0
}

/// Whether `w` is a safe word misspelt: one letter dropped, added, changed or two swapped from
/// a word of the safe lists ("visisted", "Digixin", "notifed"). Only words of seven letters or
/// more, where one slip rarely turns a word into somebody's name ("Zwarts" is one from "warts").
pub fn misspelt(w: &str) -> bool {
    misspelt_from(w, 7)
}

/// Whether two neighbouring letters of `w` swapped give a safe word: "htis", "teh". Short
/// words slip this way most.
pub fn transposed(w: &str) -> bool {
    let mut b = w.as_bytes().to_vec();
    (0..b.len().saturating_sub(1)).any(|i| {
        b.swap(i, i + 1);
        let safe = std::str::from_utf8(&b).is_ok_and(safe_word);
        b.swap(i, i + 1);
        safe && b[i] != b[i + 1]
    })
}

/// [`misspelt`] for words of `min` letters or more: six where case says nothing about names
/// anyway ("WIFE AGRESS").
pub fn misspelt_from(w: &str, min: usize) -> bool {
    if w.len() < min || !w.bytes().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    let safe = |c: &[u8]| std::str::from_utf8(c).is_ok_and(safe_word);
    let b = w.as_bytes();
    let mut c: Vec<u8> = Vec::with_capacity(b.len() + 1);
    for i in 0..b.len() {
        // Dropped.
        c.clear();
        c.extend_from_slice(&b[..i]);
        c.extend_from_slice(&b[i + 1..]);
        if safe(&c) {
            return true;
        }
        // Swapped with the next.
        if i + 1 < b.len() {
            c.clear();
            c.extend_from_slice(b);
            c.swap(i, i + 1);
            if safe(&c) {
                return true;
            }
        }
        // Changed.
        c.clear();
        c.extend_from_slice(b);
        for l in b'a'..=b'z' {
            if l != b[i] {
                c[i] = l;
                if safe(&c) {
                    return true;
                }
            }
        }
    }
    // Added.
    for i in 0..=b.len() {
        for l in b'a'..=b'z' {
            c.clear();
            c.extend_from_slice(&b[..i]);
            c.push(l);
            c.extend_from_slice(&b[i..]);
            if safe(&c) {
                return true;
            }
        }
    }
    false
}

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
    flags(folded) & CALENDAR != 0 || flags(folded.trim_end_matches('s')) & CALENDAR != 0
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
    "rabbi",
    "pastor",
    "reverend",
    "rev",
    "chaplain",
    "imam",
    "me",
    "maitre",
    "m",
    "sr",
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
    "manor",
    "lodge",
    "hosp",
    "memorial",
    "ctr",
    "campus",
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
