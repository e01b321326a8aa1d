//! The free-text scrubber: finds protected health information in improvement narratives and
//! replaces it with typed placeholders.
//!
//! It covers the HIPAA Safe Harbor identifiers that turn up in PDSA notes and practice
//! write-ups, in English and French: names, dates more specific than a year, ages over 89,
//! phone and fax numbers, e-mail addresses, URLs, IP addresses, record and other identifying
//! numbers, street addresses, postal codes, and places smaller than a region.
//!
//! The method is deterministic and needs no model: a tokenizer, patterns for the structured
//! identifiers, context rules ("Dr.", "lives at", "MRN"), the 1990 US census name lists, a list
//! of common and clinical words that are never names, and — strongest of all — the clinic's own
//! [`Roster`] of staff and patient-partner names.
//!
//! Findings carry byte spans into the input and a category, never the text found, so they may
//! be logged; the text must not be.

mod date;
mod lexicon;
mod name;
mod pattern;
mod place;
mod roster;
mod token;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

pub use lexicon::fold;
pub use roster::{Roster, RosterError};
use token::{Gap, Kind, Token};

/// What kind of identifier a finding is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Category {
    Name,
    Date,
    Age,
    Phone,
    Email,
    Url,
    Ip,
    Id,
    Address,
    #[serde(rename = "POSTAL")]
    PostalCode,
    Location,
}

impl Category {
    pub const ALL: [Category; 11] = [
        Category::Name,
        Category::Date,
        Category::Age,
        Category::Phone,
        Category::Email,
        Category::Url,
        Category::Ip,
        Category::Id,
        Category::Address,
        Category::PostalCode,
        Category::Location,
    ];

    /// The placeholder's label, also used in the corpus markup and the JSON output.
    pub fn label(self) -> &'static str {
        match self {
            Category::Name => "NAME",
            Category::Date => "DATE",
            Category::Age => "AGE",
            Category::Phone => "PHONE",
            Category::Email => "EMAIL",
            Category::Url => "URL",
            Category::Ip => "IP",
            Category::Id => "ID",
            Category::Address => "ADDRESS",
            Category::PostalCode => "POSTAL",
            Category::Location => "LOCATION",
        }
    }

    pub fn from_label(label: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.label() == label)
    }

    /// How an error message names it: "a phone number".
    pub fn describe(self) -> &'static str {
        match self {
            Category::Name => "a person's name",
            Category::Date => "a date",
            Category::Age => "an age over 89",
            Category::Phone => "a phone number",
            Category::Email => "an e-mail address",
            Category::Url => "a web address",
            Category::Ip => "an IP address",
            Category::Id => "an identifying number",
            Category::Address => "a street address",
            Category::PostalCode => "a postal code",
            Category::Location => "a place smaller than a region",
        }
    }
}

/// One identifier found in a text: its category and byte span (end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub start: usize,
    pub end: usize,
    pub category: Category,
}

/// A scrubbed text: the redacted version and what was found in the original.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scrubbed {
    pub redacted: String,
    pub findings: Vec<Finding>,
}

/// Finds identifiers using the built-in dictionaries and, optionally, a clinic's roster.
#[derive(Debug, Clone, Default)]
pub struct Scrubber {
    roster: Roster,
}

impl Scrubber {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_roster(roster: Roster) -> Self {
        Self { roster }
    }

    /// This scrubber, also knowing `names` as if the roster listed them: the people found in
    /// one text of a document are then found in its other texts too.
    pub fn knowing<'n>(&self, names: impl IntoIterator<Item = &'n str>) -> Self {
        let mut roster = self.roster.clone();
        for name in names {
            // A finding too long for a roster entry is still redacted where it was found.
            let _ = roster.add(name);
        }
        Self { roster }
    }

    /// Every identifier in `text`, in order, without overlaps.
    pub fn find(&self, text: &str) -> Vec<Finding> {
        let mut scan = Scan::new(text);
        scan.emails();
        scan.urls();
        scan.ip_addresses();
        scan.dates();
        scan.national_ids();
        scan.keyed_ids();
        scan.phones();
        scan.pagers();
        scan.ages();
        scan.addresses();
        scan.postal_codes();
        scan.institutions();
        scan.cities();
        scan.care_places();
        scan.hospital_initials();
        scan.names(&self.roster);
        scan.cued_places();
        scan.loose_ids();
        scan.finish()
    }

    /// The text with every finding replaced by its placeholder.
    pub fn scrub(&self, text: &str) -> Scrubbed {
        let findings = self.find(text);
        Scrubbed {
            redacted: redact(text, &findings),
            findings,
        }
    }
}

/// Only the structured identifiers, which patterns find without dictionaries: what the hub
/// checks again in every text it receives.
pub fn find_structured(text: &str) -> Vec<Finding> {
    let mut scan = Scan::new(text);
    scan.emails();
    scan.urls();
    scan.phones();
    scan.pagers();
    scan.ip_addresses();
    scan.national_ids();
    scan.finish()
}

/// A stretch of a text between findings, or one finding: what a reviewer sees highlighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece<'t> {
    pub text: &'t str,
    pub start: usize,
    pub end: usize,
    /// The finding this piece is, or `None` for the words between findings.
    pub category: Option<Category>,
}

/// A text cut at its findings, in order; findings that overlap an earlier one or do not fall
/// on character boundaries are left in the plain pieces.
pub fn pieces<'t>(text: &'t str, findings: &[Finding]) -> Vec<Piece<'t>> {
    let mut out = Vec::with_capacity(findings.len() * 2 + 1);
    let mut at = 0;
    let plain = |start: usize, end: usize| Piece {
        text: &text[start..end],
        start,
        end,
        category: None,
    };
    for f in findings {
        let (start, end) = (f.start.min(text.len()), f.end.min(text.len()));
        if start < at
            || start >= end
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            continue;
        }
        if start > at {
            out.push(plain(at, start));
        }
        out.push(Piece {
            category: Some(f.category),
            ..plain(start, end)
        });
        at = end;
    }
    if at < text.len() {
        out.push(plain(at, text.len()));
    }
    out
}

/// Replace each finding with a typed placeholder. Names are numbered so the same person keeps
/// the same placeholder throughout a text ("[NAME-1] … [NAME-1]"), including when only the
/// surname comes back later.
pub fn redact(text: &str, findings: &[Finding]) -> String {
    Placeholders::default().redact(text, findings)
}

/// The numbering of the people in one document, kept across its texts (the fields of one
/// record), so that two people never share a placeholder and one person keeps theirs.
#[derive(Debug, Default)]
pub struct Placeholders {
    people: HashMap<String, usize>,
    count: usize,
}

impl Placeholders {
    /// Replace each finding in `text` with its typed placeholder, numbering names as the
    /// document goes.
    pub fn redact(&mut self, text: &str, findings: &[Finding]) -> String {
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for f in findings {
            if f.start < at || f.end > text.len() || f.start > f.end {
                continue;
            }
            out.push_str(&text[at..f.start]);
            if f.category == Category::Name {
                let parts: Vec<String> = text[f.start..f.end]
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|p| p.chars().count() > 1)
                    .map(fold)
                    .collect();
                let known = parts.iter().rev().find_map(|p| self.people.get(p).copied());
                let number = known.unwrap_or_else(|| {
                    self.count += 1;
                    self.count
                });
                for p in parts {
                    self.people.entry(p).or_insert(number);
                }
                out.push_str(&format!("[NAME-{number}]"));
            } else {
                out.push('[');
                out.push_str(f.category.label());
                out.push(']');
            }
            at = f.end;
        }
        out.push_str(&text[at..]);
        out
    }
}

/// The working state of one scan: the tokens, their folded forms, and which are taken.
struct Scan<'t> {
    text: &'t str,
    tokens: Vec<Token>,
    folded: String,
    spans: Vec<(u32, u32)>,
    taken: Vec<bool>,
    /// What the word lists say of each token (0 for anything but a word).
    flags: Vec<lexicon::Flags>,
    /// Tokens on a line written in capitals, where case tells nothing about names.
    shouted: Vec<bool>,
    /// The text is written in lower case even at sentence starts, so a lower-case word may be a
    /// name ("dr. cozzi aware").
    flat: bool,
    findings: Vec<Finding>,
}

impl<'t> Scan<'t> {
    fn new(text: &'t str) -> Self {
        let tokens = token::tokenize(text);
        let mut folded = String::with_capacity(text.len() + 16);
        let mut spans = Vec::with_capacity(tokens.len());
        let mut flags = Vec::with_capacity(tokens.len());
        let mut word = String::new();
        for t in &tokens {
            let start = folded.len() as u32;
            if t.kind != Kind::Punct {
                lexicon::fold_into(t.text(text), &mut word);
                folded.push_str(&word);
            }
            flags.push(if t.kind == Kind::Word {
                lexicon::flags(&word)
            } else {
                0
            });
            spans.push((start, folded.len() as u32));
        }
        let taken = vec![false; tokens.len()];
        let mut scan = Self {
            text,
            tokens,
            folded,
            spans,
            taken,
            flags,
            shouted: Vec::new(),
            flat: false,
            findings: Vec::new(),
        };
        scan.read_case();
        scan
    }

    /// Work out where case can be trusted. A line whose words are mostly in capitals is
    /// shouted; a short line takes the text's habit. A text whose sentences mostly start in lower
    /// case is flat.
    fn read_case(&mut self) {
        let n = self.len();
        let wordy = |t: &Token| t.is_word() && t.len() >= 2;
        let (mut words, mut upper) = (0usize, 0usize);
        for t in self.tokens.iter().filter(|t| wordy(t)) {
            words += 1;
            upper += usize::from(t.upper);
        }
        let text_shouted = words >= 3 && upper * 10 >= words * 6;
        self.shouted = vec![false; n];
        let mut start = 0;
        while start < n {
            let mut end = start + 1;
            while end < n && self.tokens[end].gap != Gap::Line {
                end += 1;
            }
            let (mut w, mut u) = (0usize, 0usize);
            for t in self.tokens[start..end].iter().filter(|t| wordy(t)) {
                w += 1;
                u += usize::from(t.upper);
            }
            let line = if w >= 3 {
                u * 10 >= w * 6
            } else {
                text_shouted && u == w
            };
            self.shouted[start..end].fill(line);
            start = end;
        }
        let (mut starts, mut lower) = (0usize, 0usize);
        for i in 0..n {
            let t = self.tokens[i];
            if wordy(&t) && !self.shouted_at(i) && self.sentence_start(i) {
                starts += 1;
                lower += usize::from(!t.cap);
            }
        }
        self.flat = starts >= 3 && lower * 3 > starts * 2;
    }

    /// What the word lists say of token `i` (nothing, past the end).
    fn flag(&self, i: usize) -> lexicon::Flags {
        self.flags.get(i).copied().unwrap_or(0)
    }

    /// Whether token `i` is on a shouted line (false past the end).
    fn shouted_at(&self, i: usize) -> bool {
        self.shouted.get(i).copied().unwrap_or(false)
    }

    /// Whether token `i` is a word capitalised as a proper noun's may be. On a shouted line
    /// every word is in capitals, so only a word that is no everyday word may be one.
    fn capital(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return false };
        if !t.is_word() || !t.cap {
            return false;
        }
        if !self.shouted_at(i) {
            return true;
        }
        self.flag(i)
            & (lexicon::COMMON_WORD
                | lexicon::CLINICAL_WORD
                | lexicon::STOP_WORD
                | lexicon::ACRONYM
                | lexicon::AMBIGUOUS_NAME)
            == 0
    }

    /// Whether case says nothing about token `i`: its line is shouted, or it is lower case in a
    /// flat text.
    fn blind(&self, i: usize) -> bool {
        self.shouted_at(i) || self.flat && self.tok(i).is_some_and(|t| !t.cap)
    }

    fn len(&self) -> usize {
        self.tokens.len()
    }

    fn tok(&self, i: usize) -> Option<&Token> {
        self.tokens.get(i)
    }

    /// The token's text, lower case and without accents ("" for punctuation or out of range).
    fn word(&self, i: usize) -> &str {
        match self.spans.get(i) {
            Some(&(a, b)) => &self.folded[a as usize..b as usize],
            None => "",
        }
    }

    fn raw(&self, i: usize) -> &'t str {
        self.tokens.get(i).map_or("", |t| t.text(self.text))
    }

    fn free(&self, i: usize) -> bool {
        self.taken.get(i).is_some_and(|t| !t)
    }

    fn all_free(&self, from: usize, to: usize) -> bool {
        (from..to).all(|i| self.free(i))
    }

    /// Whether token `i` is the punctuation character `c`.
    fn is(&self, i: usize, c: char) -> bool {
        self.tok(i).is_some_and(|t| t.is(self.text, c))
    }

    /// Whether token `i` touches the token before it.
    fn joined(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.gap == Gap::None)
    }

    /// Whether token `i` follows the one before on the same line with a space between.
    fn spaced(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.gap == Gap::Space)
    }

    fn number(&self, i: usize) -> Option<u32> {
        match self.tok(i) {
            Some(t) if t.kind == Kind::Number && t.len() <= 9 => self.raw(i).parse().ok(),
            _ => None,
        }
    }

    /// Whether token `i` starts a sentence: nothing before it but opening quotes or brackets
    /// since the line start or the end of the last sentence.
    fn sentence_start(&self, i: usize) -> bool {
        if i >= self.len() {
            return true;
        }
        let mut j = i;
        loop {
            if self.tokens[j].gap == Gap::Line || j == 0 {
                return true;
            }
            let prev = &self.tokens[j - 1];
            if prev.kind != Kind::Punct {
                return false;
            }
            let p = prev.text(self.text);
            if matches!(p, "." | "!" | "?" | ":" | ";" | "•" | "…") {
                return true;
            }
            if !matches!(
                p,
                "«" | "\"" | "“" | "'" | "‘" | "(" | "[" | "-" | "–" | "—" | "*"
            ) {
                return false;
            }
            j -= 1;
        }
    }

    /// Record tokens `from..to` as one finding.
    fn mark(&mut self, from: usize, to: usize, category: Category) {
        if from >= to || to > self.len() {
            return;
        }
        for t in &mut self.taken[from..to] {
            *t = true;
        }
        self.findings.push(Finding {
            start: self.tokens[from].start,
            end: self.tokens[to - 1].end,
            category,
        });
    }

    /// Record a byte span found by a pattern, taking the tokens it overlaps.
    fn mark_bytes(&mut self, start: usize, end: usize, category: Category) {
        let from = self.tokens.partition_point(|t| t.end <= start);
        let to = self.tokens.partition_point(|t| t.start < end);
        if !self.all_free(from, to) {
            return;
        }
        for t in &mut self.taken[from..to] {
            *t = true;
        }
        self.findings.push(Finding {
            start,
            end,
            category,
        });
    }

    fn finish(mut self) -> Vec<Finding> {
        self.findings
            .sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
        let mut out: Vec<Finding> = Vec::with_capacity(self.findings.len());
        for f in self.findings {
            match out.last_mut() {
                Some(last) if f.start < last.end => last.end = last.end.max(f.end),
                _ => out.push(f),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;
