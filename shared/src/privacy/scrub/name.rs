//! Names of patients, relatives and staff.
//!
//! The evidence, strongest first:
//! - the clinic's roster;
//! - a cue: a title before ("Dr.", "Mme", "per dr"), a credential after ("…, RN", "… np"), a
//!   relative before ("wife", "daughter"), an initial ("N. Grandone"), "per" before or "aware"
//!   after a word that no vocabulary knows, "called" before;
//! - the census lists, for a word that is no safe word (English, the SPECIALIST Lexicon, FDA
//!   substance names, clinical shorthand);
//! - a capitalised word nobody recognises in the middle of a sentence, where case can be
//!   trusted;
//! - a neighbour of a name, and a word found as a name anywhere else in the text.
//!
//! Case is evidence only where the writer used it. On a line written in capitals, or in a note
//! written in lower case, the rules rely on the lists and the cues ([`Scan::blind`]).

use super::lexicon::{self, NAME_CUES};
use super::{Category, Roster, Scan};

/// What the word lists say of a word, whatever its case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Not a name without the roster: punctuation, a number, a single letter, a function word,
    /// a title, a month, a region, an institution word.
    Never,
    /// Listed as a name and as no safe word.
    Strong,
    /// Listed as a name and as a safe word ("Grace", "Will", "Foley").
    Weak,
    /// A safe word in no name list ("Contact", "Lasix"): a name only after a title.
    Common,
    /// In no list.
    Unknown,
}

impl Class {
    /// Strong, weak or unknown: what may be a name once a cue says so.
    fn nameable(self) -> bool {
        matches!(self, Class::Strong | Class::Weak | Class::Unknown)
    }
}

/// Titles that introduce a name in any case: "Dr.", "DR", "dr", "Mrs".
pub(super) const TITLES_ANY_CASE: &[&str] = &[
    "dr",
    "drs",
    "doctor",
    "docteur",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "mme",
    "mlle",
    "prof",
    "professor",
    "professeur",
    "nurse",
    "np",
    "rabbi",
    "pastor",
    "reverend",
    "chaplain",
    "imam",
];

/// Staff roles written before a name: "resident (Baker)", "RN Sue". They are ordinary nouns
/// too ("resident aware", "pcp appt"), so the word after must look like a name.
pub(super) const STAFF: &[&str] = &[
    "resident",
    "intern",
    "fellow",
    "attending",
    "pcp",
    "rn",
    "hospitalist",
    "intensivist",
    "cardiologist",
    "surgeon",
    "neurologist",
    "nephrologist",
    "oncologist",
    "pulmonologist",
    "anesthesiologist",
    "pharmacist",
    "therapist",
];

/// How much a title says about the word after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Title {
    /// "Dr.", "Mrs": even an everyday word after it is a name, when capitalised ("Dr. Price").
    Strict,
    /// "nurse", "NP" are also nouns: the word after must not be an everyday word.
    Role,
    /// "MR" is also mitral regurgitation, "MS" mental status, "miss" a verb: the word after must
    /// be in no safe list, unless it is capitalised where case can be trusted.
    Loose,
    /// "resident", "RN": the word after must be capitalised where case can be trusted, or a
    /// longer listed name where it cannot.
    Staff,
}

fn title_kind(w: &str) -> Title {
    if STAFF.contains(&w) {
        return Title::Staff;
    }
    match w {
        "nurse" | "np" => Title::Role,
        "mr" | "ms" | "mx" | "miss" | "sister" | "father" | "m" | "me" | "pr" | "sr" => {
            Title::Loose
        }
        _ => Title::Strict,
    }
}

/// Words that end a cue before a name, besides [`NAME_CUES`]: "Dear", "spoke with", "d/w",
/// "my name is" (see [`Scan::name_cue`]).
pub(super) const CUE_WORDS: &[&str] = &[
    "dear", "hi", "hello", "hey", "bonjour", "with", "to", "by", "avec", "par", "w", "is", "est",
    "me", "for", "from",
];

/// Particles inside a surname: "van Hecke", "de Vaan", "bin Laden".
const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "da", "di", "du", "del", "della", "dos", "das", "ter", "ten",
    "bin", "ibn", "al", "el", "la", "le",
];

/// Everyday words that follow "Dr" without being a name: "per dr orders", "DR NOTE".
const AFTER_TITLE: &[&str] = &[
    "order",
    "orders",
    "ordered",
    "note",
    "notes",
    "office",
    "team",
    "service",
    "here",
    "came",
    "saw",
    "said",
    "says",
    "states",
    "stated",
    "wants",
    "want",
    "wishes",
    "feels",
    "felt",
    "spoke",
    "called",
    "rounds",
    "rounded",
    "visit",
    "visited",
    "changed",
    "increased",
    "decreased",
    "started",
    "stopped",
    "placed",
    "recommended",
    "recommends",
    "informed",
    "consulted",
    "contacted",
    "attending",
    "resident",
    "fellow",
    "intern",
];

/// Credentials written after a name: "V. Finn, RRT", "florencia cooke np".
pub(super) const CREDENTIALS: &[&str] = &[
    "rn", "rrt", "np", "lpn", "cna", "crna", "rph", "pharmd", "msw", "licsw", "lcsw", "slp", "cns",
    "cnm", "md", "pa",
];

/// Credentials that are often something else ("MD aware", "PA line"): the words before them
/// must include one in no safe list.
const LOOSE_CREDENTIALS: &[&str] = &["md", "pa"];

/// People named after these words: "wife Helen", "daughter, Lisa Rossetti", "son William".
pub(super) const RELATIVES: &[&str] = &[
    "wife",
    "husband",
    "son",
    "daughter",
    "dtr",
    "sister",
    "brother",
    "mother",
    "mom",
    "father",
    "dad",
    "friend",
    "niece",
    "nephew",
    "grandson",
    "granddaughter",
    "grandmother",
    "grandfather",
    "aunt",
    "uncle",
    "cousin",
    "fiance",
    "fiancee",
    "girlfriend",
    "boyfriend",
    "neighbor",
    "neighbour",
    "proxy",
    "hcp",
    "guardian",
    "sons",
    "daughters",
    "dtrs",
    "sisters",
    "brothers",
    "friends",
    "nieces",
    "nephews",
    "grandsons",
    "granddaughters",
    "grandchildren",
    "children",
    "kids",
    "parents",
    "cousins",
    "siblings",
    "epouse",
    "epoux",
    "mari",
    "fils",
    "fille",
    "soeur",
    "frere",
    "mere",
    "pere",
    "tante",
    "oncle",
    "ami",
    "amie",
];

/// First names that are everyday words but, after a relative, a verb or a function word more
/// often than a name: "wife will call", "son may visit", "daughter in law".
const NOT_AFTER_RELATIVE: &[&str] = &[
    "will", "may", "see", "carry", "marry", "lean", "long", "soon", "many", "else", "young",
    "miss", "chance", "hope", "desire", "love", "page", "numbers", "echo", "manual", "major",
    "grant", "chase", "hang", "son", "man", "era", "spring", "summer", "winter", "season", "dung",
    "in", "an", "so", "my", "ma", "pa", "ha", "mi", "nu", "yon", "hung", "sung", "king", "queen",
];

/// Words after a person's name that say they were told: "Dr. Kochevar aware", "grace dudak
/// aware", "GRANDONE NOTIFIED".
pub(super) const TOLD: &[&str] = &["aware", "notified", "paged", "informed", "updated"];

impl Scan<'_> {
    /// What the lists say of token `i`, whatever its case.
    fn lexical(&self, i: usize) -> Class {
        use lexicon::{
            ACRONYM, AMBIGUOUS_NAME, CLINICAL_WORD, COMMON_WORD, CREDENTIAL, GIVEN_NAME,
            INSTITUTION, NAME, REGION, RELATIVE, STOP_WORD, TITLE, TOLD_WORD,
        };
        let t = self.tokens[i];
        let w = self.word(i);
        let f = self.flag(i);
        if !t.is_word() || w.chars().count() < 2 {
            return Class::Never;
        }
        // "Virginia" is a state and a name: a name only with a cue.
        if f & REGION != 0 && f & NAME != 0 {
            return Class::Weak;
        }
        if f & (STOP_WORD | REGION | TITLE | CREDENTIAL | RELATIVE | TOLD_WORD | INSTITUTION) != 0
            || lexicon::calendar_word(w)
        {
            return Class::Never;
        }
        let acronym = t.upper && f & ACRONYM != 0;
        if f & GIVEN_NAME != 0 {
            Class::Strong
        } else if f & AMBIGUOUS_NAME != 0 {
            Class::Weak
        } else if f & NAME != 0 {
            if f & CLINICAL_WORD != 0 || acronym {
                Class::Weak
            } else {
                Class::Strong
            }
        } else if f & (COMMON_WORD | CLINICAL_WORD) != 0 || acronym {
            Class::Common
        } else {
            Class::Unknown
        }
    }

    /// Whether token `i` has the shape of a name where case can be trusted: capitalised, not an
    /// acronym, not a product written in camel case ("BariAir", "PVCs"), though "McDonald" is.
    fn name_shaped(&self, i: usize) -> bool {
        let t = self.tokens[i];
        if !t.is_word() || !t.cap || t.upper {
            return false;
        }
        let raw = self.raw(i);
        let inner_capital = raw.chars().skip(1).any(char::is_uppercase);
        !inner_capital
            || [
                "Mc", "Mac", "De", "Di", "Da", "Du", "La", "Le", "Van", "Von",
            ]
            .iter()
            .any(|p| raw.starts_with(p) && raw[p.len()..].starts_with(char::is_uppercase))
    }

    /// Whether token `i` is a single letter, as in "N. Grandone" or "dr d ross". In lower case,
    /// "a", "i" and "x" are words.
    fn initial(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return false };
        // Not a letter of an abbreviation: "o.r.", "I.S.", "U/O.".
        if !t.is_word() || self.raw(i).chars().count() != 1 || i > 0 && self.joined(i) {
            return false;
        }
        t.cap || self.blind(i) && !matches!(self.word(i), "a" | "i" | "x" | "y" | "e")
    }

    /// The words of a name from `j`, after a cue: an optional initial, then up to three words
    /// that `fits` accepts, with "O'Brien" joins. Gives the tokens it takes.
    fn name_run(
        &self,
        mut j: usize,
        classes: &[Class],
        fits: impl Fn(usize) -> bool,
    ) -> Vec<usize> {
        let mut taken = Vec::new();
        let start = j;
        while j < self.len() && taken.len() < 4 {
            if !self.free(j) || (j > start && !self.spaced(j) && !self.joined_name(j)) {
                break;
            }
            if self.initial(j) && j + 1 < self.len() {
                // "L." or "d" before a surname.
                let next = j + 1 + usize::from(self.is(j + 1, '.'));
                let apostrophe = (self.is(j + 1, '\'') || self.is(j + 1, '’'))
                    && self.joined(j + 1)
                    && self.joined(j + 2);
                if apostrophe && classes.get(j + 2).is_some_and(|c| c.nameable()) {
                    taken.extend([j, j + 2]);
                    j += 3;
                    continue;
                }
                if self.spaced(next) && classes.get(next).is_some_and(|c| c.nameable()) {
                    taken.push(j);
                    j = next;
                    continue;
                }
                break;
            }
            if !fits(j) {
                break;
            }
            taken.push(j);
            j += 1;
            // "williams-nuzzo", "Campbell-Osei".
            if self.is(j, '-')
                && self.joined(j)
                && self.joined(j + 1)
                && classes.get(j + 1).is_some_and(|c| c.nameable())
            {
                j += 1;
            }
        }
        taken
    }

    /// Whether token `j` is joined to a name before it by a hyphen or an apostrophe.
    fn joined_name(&self, j: usize) -> bool {
        j >= 1
            && self.joined(j)
            && (self.is(j - 1, '-') || self.is(j - 1, '\'') || self.is(j - 1, '’'))
    }

    /// Whether the words ending at token `i` introduce a person: "called", "spoke with",
    /// "discussed with", "d/w", "seen by", "Dear", "my name is".
    fn name_cue(&self, i: usize) -> bool {
        let t = self.tokens[i];
        if !t.is_word() || self.flag(i) & lexicon::CUE_WORD == 0 {
            return false;
        }
        let w = self.word(i);
        if NAME_CUES.contains(&w) || matches!(w, "dear" | "hi" | "hello" | "hey" | "bonjour") {
            return true;
        }
        let before = |k: usize| i >= k && self.tok(i - k).is_some_and(|t| t.is_word());
        match w {
            // "signed out to Mike", "report from Rhonda", "handed off to Kelly".
            "to" | "from"
                if (1..=3).any(|k| {
                    before(k)
                        && matches!(
                            self.word(i - k),
                            "signed" | "handed" | "report" | "handoff" | "received"
                        )
                        && (1..k).all(|m| {
                            matches!(
                                self.word(i - m),
                                "out" | "off" | "over" | "given" | "pt" | "patient"
                            )
                        })
                }) =>
            {
                true
            }
            "with" | "to" | "by" | "avec" | "par" => {
                before(1)
                    && matches!(
                        self.word(i - 1),
                        "spoke"
                            | "speak"
                            | "talked"
                            | "talk"
                            | "discussed"
                            | "met"
                            | "seen"
                            | "evaluated"
                            | "examined"
                            | "consulted"
                            | "reviewed"
                            | "signed"
                            | "pronounced"
                            | "parle"
                            | "vu"
                            | "vue"
                            | "rencontre"
                    )
            }
            // "d/w Dr. Kearns": discussed with.
            "w" => i >= 2 && self.is(i - 1, '/') && self.word(i - 2) == "d" && self.joined(i),
            "is" | "est" => before(1) && matches!(self.word(i - 1), "name" | "nom"),
            // "asking for Frank", "calling out for Mary".
            "for" => (1..=2).any(|k| {
                before(k)
                    && matches!(
                        self.word(i - k),
                        "asks"
                            | "asking"
                            | "asked"
                            | "calling"
                            | "calls"
                            | "crying"
                            | "yelling"
                            | "looking"
                    )
            }),
            "me" => before(1) && matches!(self.word(i - 1), "call" | "calls"),
            _ => false,
        }
    }

    /// If token `i` is a title, where the name after it starts and what the title says.
    fn title(&self, i: usize) -> Option<(usize, Title)> {
        let t = self.tokens[i];
        if !t.is_word() || self.flag(i) & lexicon::TITLE == 0 {
            return None;
        }
        let w = self.word(i);
        let cased = t.cap && !t.upper || self.shouted_at(i);
        if !(TITLES_ANY_CASE.contains(&w) || STAFF.contains(&w) || cased) {
            return None;
        }
        // "M." is a title only with its full stop; "Me" and "Pr" only capitalised.
        if w == "m" && !(self.is(i + 1, '.') && t.cap) || matches!(w, "me" | "pr") && !t.cap {
            return None;
        }
        let kind = title_kind(w);
        let mut j = i + 1;
        // "Dr. Okafor", but "NP." ends a sentence about nasal prongs.
        if self.is(j, '.') && self.joined(j) && kind != Title::Role {
            j += 1;
        }
        if self.is(j, ',') || kind == Title::Staff && (self.is(j, '(') || self.is(j, ':')) {
            j += 1;
        }
        Some((j, kind))
    }

    pub(super) fn names(&mut self, roster: &Roster) {
        let n = self.len();
        let mut name = vec![false; n];
        // The roster first: whole names, then single parts, case aside.
        let mut i = 0;
        while i < n {
            if self.free(i)
                && self.tokens[i].is_word()
                && let Some(len) = roster.match_at(self, i)
            {
                name[i..i + len].fill(true);
                i += len;
                continue;
            }
            i += 1;
        }
        // What the lists say of each free token, and what its shape allows of that.
        let (lexical, classes): (Vec<Class>, Vec<Class>) = (0..n)
            .map(|i| {
                if !self.free(i) {
                    return (Class::Never, Class::Never);
                }
                let c = self.lexical(i);
                let shaped = self.blind(i) || self.name_shaped(i);
                (c, if shaped { c } else { Class::Never })
            })
            .unzip();
        let mark = |tokens: Vec<usize>, name: &mut Vec<bool>| {
            for k in tokens {
                name[k] = true;
            }
        };
        for i in 0..n {
            if !self.free(i) || name[i] {
                continue;
            }
            let t = self.tokens[i];
            let w = self.word(i);
            // A title: "Dr. Okafor", "DR. L. RUUSKA", "per dr williams-nuzzo", "Mme Gagnon".
            if let Some((j, kind)) = self.title(i) {
                let first = j;
                let run = self.name_run(j, &lexical, |k| {
                    let c = lexical[k];
                    let shaped = self.name_shaped(k) && !self.blind(k);
                    if k != first {
                        return (c.nameable() || c == Class::Common) && shaped
                            || c.nameable()
                                && self.blind(k)
                                && self.raw(k).len() >= 3
                                && !lexicon::misspelt(self.word(k));
                    }
                    match kind {
                        // "DR TYRO": after "Dr", even an everyday word, where case says nothing.
                        Title::Strict => {
                            c.nameable()
                                || c == Class::Common
                                    && (shaped || self.blind(k) && self.raw(k).len() >= 3)
                                    && !AFTER_TITLE.contains(&self.word(k))
                        }
                        // "per rn lisa": a word listed only as a name, in any case.
                        Title::Staff => {
                            c.nameable() && shaped
                                || c == Class::Strong
                                    && self.raw(k).len() >= if self.blind(k) { 4 } else { 3 }
                        }
                        // "IV NURSE VIRGINIA SALLESE": an everyday word before a surname.
                        Title::Role | Title::Loose => {
                            matches!(c, Class::Strong | Class::Unknown)
                                || c == Class::Weak
                                    && (shaped
                                        || self.spaced(k + 1)
                                            && matches!(
                                                lexical.get(k + 1),
                                                Some(Class::Strong | Class::Unknown)
                                            ))
                        }
                    }
                });
                mark(run, &mut name);
                continue;
            }
            // An initial: "A. Kowalczyk", "N. GRANDONE".
            if self.initial(i)
                && self.is(i + 1, '.')
                && matches!(lexical.get(i + 2), Some(Class::Strong | Class::Unknown))
                && (classes[i + 2] != Class::Never)
                && self.spaced(i + 2)
                && (!self.blind(i + 2)
                    || self.raw(i + 2).len() >= 5 && !lexicon::misspelt(self.word(i + 2)))
            {
                name[i] = true;
                name[i + 2] = true;
                continue;
            }
            // "Brenda P Lemon", "Mimount Y. Bijster": a middle initial between capitalised
            // words, one of them a name or a word of no list.
            if self.initial(i) && t.cap && i > 0 && !self.blind(i) && self.spaced(i) {
                let after = i + 1 + usize::from(self.is(i + 1, '.'));
                let shaped = |k: usize| k < n && self.name_shaped(k) && lexical[k] != Class::Never;
                if shaped(i - 1)
                    && shaped(after)
                    && self.spaced(after)
                    && (matches!(lexical[i - 1], Class::Strong | Class::Unknown)
                        || matches!(lexical[after], Class::Strong | Class::Unknown))
                {
                    name[i - 1] = true;
                    name[i] = true;
                    name[after] = true;
                    continue;
                }
            }
            // A cue: "called Sunny", "spoke with Rakusin", "d/w Kearns", "Dear Hannah", "qu'on
            // l'appelle « Titou »".
            if self.name_cue(i) {
                let mut j = i + 1;
                while j < i + 3 && self.tok(j).is_some_and(|t| !t.is_alnum()) {
                    j += 1;
                }
                let by_shape = matches!(
                    classes.get(j),
                    Some(Class::Strong | Class::Weak | Class::Unknown)
                ) && !self.blind(j);
                // Where case says nothing, "call HO" is a house officer: a longer listed name,
                // or a longer word of no list that is no misspelling.
                let listed = lexical.get(j) == Some(&Class::Strong) && self.raw(j).len() >= 4
                    || lexical.get(j) == Some(&Class::Unknown)
                        && self.raw(j).len() >= 5
                        && !lexicon::misspelt(self.word(j));
                if by_shape || listed {
                    let run = self.name_run(j, &lexical, |k| {
                        k == j
                            || lexical[k].nameable()
                                && (self.name_shaped(k) && !self.blind(k)
                                    || self.blind(k) && lexical[k] != Class::Weak)
                    });
                    mark(run, &mut name);
                }
                continue;
            }
            // A relative: "wife Helen", "his wife, Janet logan", "significant other (charlie)".
            let relative = self.flag(i) & lexicon::RELATIVE != 0
                || w == "other" && i > 0 && self.word(i - 1) == "significant";
            if relative && t.is_word() {
                let mut j = i + 1;
                while j < i + 3 && (self.is(j, ',') || self.is(j, ':') || self.is(j, '(')) {
                    j += 1;
                }
                // Where case says nothing, "wife states" is no name: a listed name, or a word of
                // no list that is no misspelling.
                let first = lexical.get(j).copied().unwrap_or(Class::Never);
                // "SON JOHN", "wife sandy": a first name that is an everyday word too.
                let given = j < n
                    && first == Class::Weak
                    && self.flag(j) & lexicon::EVERYDAY_FIRST != 0
                    && !NOT_AFTER_RELATIVE.contains(&self.word(j));
                let fits = given
                    || if j < n && self.blind(j) {
                        first == Class::Strong
                            || first == Class::Unknown && !lexicon::misspelt_from(self.word(j), 6)
                    } else {
                        // "wife jane": a word listed only as a name, even written in lower case.
                        first.nameable() && classes[j] != Class::Never
                            || first == Class::Strong && self.raw(j).chars().count() >= 3
                    };
                if fits {
                    let run = self.name_run(j, &lexical, |k| {
                        let shaped = self.name_shaped(k) && !self.blind(k);
                        k == j
                            || lexical[k].nameable() && (shaped || lexical[k] != Class::Weak)
                            || lexical[k] == Class::Common && shaped
                    });
                    mark(run, &mut name);
                }
                continue;
            }
            // "per Douglass", "per d ross": a listed name or an unknown word after "per".
            if w == "per" && t.is_word() {
                let j = i + 1;
                let listed = |k: usize| {
                    lexical.get(k) == Some(&Class::Strong)
                        || lexical.get(k) == Some(&Class::Unknown)
                            && self.raw(k).len() >= 5
                            && !lexicon::misspelt(self.word(k))
                };
                // "Per Gray": an everyday word that is also a name, capitalised where case can
                // be trusted, though not a device ("per Foley").
                let cased = lexical.get(j) == Some(&Class::Weak)
                    && classes[j] != Class::Never
                    && !self.blind(j)
                    && self.flag(j) & lexicon::CLINICAL_WORD == 0;
                if self.initial(j) || listed(j) || cased {
                    let run = self.name_run(j, &lexical, |k| listed(k) || k == j && cased);
                    if run.iter().any(|&k| !self.initial(k)) {
                        mark(run, &mut name);
                    }
                }
                continue;
            }
            // "Margaux (15 ans)", "Marcus (17)": a capitalised word before an age.
            let aged = self.is(i + 1, '(') && self.number(i + 2).is_some_and(|a| a < 30);
            match classes[i] {
                // Where case tells nothing, a short listed name is as likely an abbreviation
                // ("min", "vea").
                // Nor is a rare surname ("BUTH", "NORE" are slips).
                Class::Strong
                    if !self.blind(i)
                        || self.raw(i).len() >= 4 && self.flag(i) & lexicon::RARE_NAME == 0 =>
                {
                    name[i] = true
                }
                Class::Weak | Class::Unknown if aged => name[i] = true,
                // "the Okonkwo family": an unknown capitalised word mid-sentence.
                Class::Unknown
                    if !self.blind(i)
                        && !self.sentence_start(i)
                        && !self.place_cued(i)
                        && !lexicon::misspelt(w) =>
                {
                    name[i] = self.raw(i).chars().count() >= 3;
                }
                _ => {}
            }
        }
        // A credential after a name: "ROBERT V. DEGIORGIO, RRT", "irene snell, rn".
        for c in 0..n {
            // "R.N.", "M.D." spelt with full stops.
            let dotted = self.raw(c).len() == 1
                && self.is(c + 1, '.')
                && self.joined(c + 1)
                && self.joined(c + 2)
                && self.raw(c + 2).len() == 1;
            let spelt = if dotted {
                format!("{}{}", self.word(c), self.word(c + 2))
            } else {
                String::new()
            };
            if !dotted && self.flag(c) & lexicon::CREDENTIAL == 0 {
                continue;
            }
            let w = if dotted { spelt.as_str() } else { self.word(c) };
            if !self.tokens[c].is_word() || !CREDENTIALS.contains(&w) || !self.free(c) {
                continue;
            }
            // A credential ends its phrase: "V. Finn, RRT", "cooke np into eval", not "pa line".
            let after = if dotted {
                c + 3 + usize::from(self.is(c + 3, '.'))
            } else {
                c + 1
            };
            let next = self.word(after);
            let ends = self.tok(after).is_none_or(|t| {
                t.kind == super::Kind::Punct
                    || t.gap == super::Gap::Line
                    || TOLD.contains(&next)
                    || !LOOSE_CREDENTIALS.contains(&w)
                        && matches!(
                            next,
                            "into"
                                | "in"
                                | "here"
                                | "at"
                                | "to"
                                | "called"
                                | "came"
                                | "saw"
                                | "was"
                                | "is"
                        )
            });
            let mut j = c;
            if j > 0 && self.is(j - 1, ',') {
                j -= 1;
            }
            let mut run = Vec::new();
            while j > 0 && run.len() < 4 {
                let k = j - 1;
                let ok = lexical[k].nameable() || self.initial(k) || name[k];
                if !ok || !self.free(k) {
                    if self.is(k, '.') && k > 0 && self.initial(k - 1) {
                        j = k;
                        continue;
                    }
                    if (self.is(k, '\'') || self.is(k, '’')) && k > 0 && self.initial(k - 1) {
                        j = k;
                        continue;
                    }
                    break;
                }
                run.push(k);
                j = k;
                if !(self.spaced(k)
                    || self.joined_name(k)
                    || self.joined(k) && k > 0 && self.is(k - 1, '.'))
                {
                    break;
                }
            }
            let words: Vec<usize> = run.iter().copied().filter(|&k| !self.initial(k)).collect();
            let loose = LOOSE_CREDENTIALS.contains(&w);
            let strong = words
                .iter()
                .any(|&k| matches!(lexical[k], Class::Strong | Class::Unknown) || name[k]);
            // "skin care RN": an everyday word that is also a surname needs company.
            let supported = strong
                || run.len() > words.len()
                || words.iter().any(|&k| self.name_shaped(k) && !self.blind(k));
            if ends && !words.is_empty() && supported && (!loose || strong) {
                mark(run, &mut name);
            }
        }
        // "Dr. Kochevar aware", "grace dudak aware": told about something.
        for a in 1..n {
            if self.flag(a) & lexicon::TOLD_WORD == 0 {
                continue;
            }
            let k = a - 1;
            let fits = self.spaced(a)
                && self.free(k)
                && (lexical[k] == Class::Strong && self.raw(k).len() >= 3
                    || lexical[k] == Class::Unknown
                        && self.raw(k).len() >= 4
                        && (self.blind(k) || self.name_shaped(k))
                        && !lexicon::misspelt(self.word(k)));
            if fits {
                name[k] = true;
            }
        }
        // Names joined by "and": "sons Peter and Paul", "wife Joan & daughter". The other word
        // looks like a name: capitalised where case can be trusted, or listed only as a name.
        for i in 1..n.saturating_sub(1) {
            if !(matches!(self.word(i), "and" | "et" | "or" | "ou") || self.is(i, '&'))
                || !self.spaced(i)
                || !self.spaced(i + 1)
            {
                continue;
            }
            let looks = |k: usize| {
                self.free(k)
                    && match lexical[k] {
                        Class::Strong => self.raw(k).chars().count() >= 3,
                        Class::Weak | Class::Unknown => {
                            self.name_shaped(k) && !self.blind(k) && !self.sentence_start(k)
                        }
                        Class::Common | Class::Never => false,
                    }
            };
            if name[i - 1] && !name[i + 1] && looks(i + 1) {
                name[i + 1] = true;
            } else if name[i + 1] && !name[i - 1] && looks(i - 1) {
                name[i - 1] = true;
            }
        }
        // Neighbours of names: "Grace Whitfield", "Campbell-Osei", "O'Connell", "mary theresa
        // kondouli". Passes alternate direction, so a chain grows to its end in one pass.
        for pass in 0.. {
            let mut grew = false;
            let order: Box<dyn Iterator<Item = usize>> = if pass % 2 == 0 {
                Box::new(0..n)
            } else {
                Box::new((0..n).rev())
            };
            for i in order {
                if name[i] || !self.free(i) {
                    continue;
                }
                let c = classes[i];
                let candidate = match c {
                    // Where case says nothing, an everyday word joins a name only as the given
                    // name before it: "grace dudak", not "WILLIAM WENT".
                    Class::Weak => !self.blind(i) || name.get(i + 1) == Some(&true),
                    // At a sentence start only before a name: "Joaquim Oliveira mentors…".
                    Class::Unknown => {
                        (!self.sentence_start(i)
                            || self.hyphen_next(i)
                            || name.get(i + 1) == Some(&true) && self.spaced(i + 1))
                            && !(self.blind(i) && lexicon::misspelt(self.word(i)))
                    }
                    // On a shouted line or in a flat text, a listed name beside a name.
                    Class::Strong => self.blind(i),
                    // "nurse kathy hoyt": a word listed only as a name, written in lower case.
                    Class::Never => lexical[i] == Class::Strong && self.raw(i).chars().count() >= 3,
                    Class::Common => false,
                };
                // "Jennifer B Eiffel": a middle initial without its full stop.
                if self.initial(i)
                    && i > 0
                    && i + 1 < n
                    && name[i - 1]
                    && name[i + 1]
                    && self.spaced(i)
                    && self.spaced(i + 1)
                {
                    name[i] = true;
                    grew = true;
                    continue;
                }
                // "O'" and "D'" before a capitalised surname.
                let apostrophe_prefix = (self.tokens[i].cap || self.blind(i))
                    && matches!(self.word(i), "o" | "d" | "mc" | "mac")
                    && (self.is(i + 1, '\'') || self.is(i + 1, '’'))
                    && self.joined(i + 1)
                    && name.get(i + 2) == Some(&true);
                if apostrophe_prefix {
                    name[i] = true;
                    grew = true;
                    continue;
                }
                if !candidate {
                    continue;
                }
                let left = i > 0 && name[i - 1] && self.spaced(i);
                let right = i + 1 < n && name[i + 1] && self.spaced(i + 1);
                let left_hyphen = i > 1
                    && name[i - 2]
                    && self.is(i - 1, '-')
                    && self.joined(i - 1)
                    && self.joined(i);
                let right_hyphen = i + 2 < n && name[i + 2] && self.hyphen_next(i);
                if left || right || left_hyphen || right_hyphen {
                    name[i] = true;
                    grew = true;
                }
            }
            if !grew {
                break;
            }
        }
        // A word of a name found once is a name everywhere in the text, in any case:
        // "… replied to Brooks", "DR KLEIN … klein".
        let known: std::collections::HashSet<&str> = (0..n)
            .filter(|&i| name[i] && self.tokens[i].is_word() && self.raw(i).chars().count() >= 2)
            .filter(|&i| lexical[i].nameable() || classes[i] != Class::Never)
            .map(|i| self.word(i))
            .collect();
        for i in 0..n {
            // "Dr. Price" makes "Price" a name again, not "the price of".
            let may = match lexical[i] {
                Class::Strong | Class::Unknown => true,
                Class::Weak | Class::Common => self.name_shaped(i) || self.blind(i),
                Class::Never => false,
            };
            if !name[i] && self.free(i) && may && known.contains(self.word(i)) {
                name[i] = true;
            }
        }
        // Mark each run of name tokens, with the hyphens, apostrophes and initials' full stops
        // that join them.
        let mut i = 0;
        while i < n {
            if !name[i] {
                i += 1;
                continue;
            }
            let mut end = i + 1;
            loop {
                if end < n && name[end] && self.spaced(end) {
                    end += 1;
                } else if end + 1 < n
                    && name[end + 1]
                    && PARTICLES.contains(&self.word(end))
                    && self.tok(end).is_some_and(|t| t.is_word() && !t.upper)
                    && self.spaced(end)
                    && self.spaced(end + 1)
                    && self.free(end)
                {
                    // "Gijsbrecht van Hecke", "Christiane S. de Vaan".
                    end += 2;
                } else if end + 1 < n
                    && name[end + 1]
                    && ((self.is(end, '-') || self.is(end, '\'') || self.is(end, '’'))
                        && self.joined(end)
                        && self.joined(end + 1)
                        || self.is(end, '.') && self.raw(end - 1).chars().count() == 1)
                {
                    end += 2;
                } else {
                    break;
                }
            }
            if self.all_free(i, end) {
                self.mark(i, end, Category::Name);
            }
            i = end;
        }
    }

    fn hyphen_next(&self, i: usize) -> bool {
        self.is(i + 1, '-')
            && self.joined(i + 1)
            && self.joined(i + 2)
            && self.tok(i + 2).is_some_and(|t| t.cap || self.blind(i + 2))
    }

    fn place_cued(&self, i: usize) -> bool {
        i > 0
            && matches!(
                self.word(i - 1),
                "in" | "to" | "from" | "near" | "a" | "habite" | "vers" | "pres"
            )
            && !self.tokens[i - 1].cap
    }
}

#[cfg(test)]
mod tests {
    use super::super::Scrubber;
    use super::*;

    fn names(text: &str) -> Vec<&str> {
        Scrubber::new()
            .find(text)
            .into_iter()
            .filter(|f| f.category == Category::Name)
            .map(|f| &text[f.start..f.end])
            .collect()
    }

    #[test]
    fn titles_lists_and_neighbours() {
        assert_eq!(
            names("Dr. Okafor met Grace Whitfield."),
            ["Okafor", "Grace Whitfield"]
        );
        assert_eq!(names("Mme Gagnon et M. Lambert"), ["Gagnon", "Lambert"]);
        assert_eq!(
            names("The nurse lead, Tomasz Wiśniewski, noted it."),
            ["Tomasz Wiśniewski"]
        );
        assert_eq!(
            names("Joanne O'Connell is the contact"),
            ["Joanne O'Connell"]
        );
        assert_eq!(
            names("Nia Campbell-Osei explained it"),
            ["Nia Campbell-Osei"]
        );
    }

    #[test]
    fn everyday_words_are_not_names() {
        assert!(names("Plan: we will study the plan. Study: it worked. Act: adopt.").is_empty());
        assert!(names("Will the team hope for a grant? May be.").is_empty());
        assert!(names("Crohn's disease and ulcerative colitis in PDSA 3").is_empty());
    }
}
