//! Scoring the scrubber on labelled text: the corpus under `tests/corpus/deid/` and, as an extra
//! check, the JSONL sets in `../shared/data/deid/`.
//!
//! Scores are token-level, as in the i2b2 de-identification evaluations: a token is a run of
//! letters and digits; it is identifying if a labelled span covers any of it, and caught if a
//! finding covers any of it. Recall per category counts its labelled tokens caught by a finding
//! of any category (a date scrubbed as an identifier has still left the text); precision per
//! category counts the tokens its findings cover that are labelled identifying.

use std::collections::BTreeMap;
use std::fmt;

use tandem_shared::privacy::scrub::{Category, Finding, Scrubber};

/// The corpus written for Tandem, in English and French.
pub const CORPUS: &[(&str, &str)] = &[
    ("en", include_str!("../corpus/deid/en.txt")),
    ("fr", include_str!("../corpus/deid/fr.txt")),
];

/// Narratives written after the rules were settled (see the file's header for how it was used).
pub const HOLDOUT: &str = include_str!("../corpus/deid/holdout.txt");

/// One labelled text. A span's category is `None` when the set labels something that is not a
/// Safe Harbor identifier (a job title, a nationality); its tokens then count neither way.
#[derive(Debug, Clone)]
pub struct Document {
    pub id: String,
    pub text: String,
    pub spans: Vec<(usize, usize, Option<Category>)>,
}

/// Parse the corpus markup: documents separated by lines holding only `---`, `#` comment lines,
/// and spans written `{{CATEGORY|text}}`.
pub fn parse_corpus(name: &str, source: &str) -> Result<Vec<Document>, String> {
    let mut docs = Vec::new();
    let mut body = String::new();
    let flush = |body: &mut String, docs: &mut Vec<Document>| -> Result<(), String> {
        let trimmed = body.trim();
        if !trimmed.is_empty() {
            let id = format!("{name}-{}", docs.len() + 1);
            docs.push(parse_document(&id, trimmed)?);
        }
        body.clear();
        Ok(())
    };
    for line in source.lines() {
        if line.trim() == "---" {
            flush(&mut body, &mut docs)?;
        } else if !line.starts_with('#') {
            body.push_str(line);
            body.push('\n');
        }
    }
    flush(&mut body, &mut docs)?;
    Ok(docs)
}

fn parse_document(id: &str, marked: &str) -> Result<Document, String> {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut rest = marked;
    while let Some(open) = rest.find("{{") {
        text.push_str(&rest[..open]);
        let inner = &rest[open + 2..];
        let close = inner
            .find("}}")
            .ok_or(format!("{id}: a span is not closed"))?;
        let (label, content) = inner[..close]
            .split_once('|')
            .ok_or(format!("{id}: a span has no | between category and text"))?;
        let category =
            Category::from_label(label).ok_or(format!("{id}: unknown category {label}"))?;
        spans.push((text.len(), text.len() + content.len(), Some(category)));
        text.push_str(content);
        rest = &inner[close + 2..];
    }
    text.push_str(rest);
    Ok(Document {
        id: id.to_owned(),
        text,
        spans,
    })
}

/// The built-in corpus, every document.
pub fn corpus() -> Vec<Document> {
    CORPUS
        .iter()
        .flat_map(|(name, source)| {
            parse_corpus(name, source).unwrap_or_else(|e| panic!("corpus {name}: {e}"))
        })
        .collect()
}

/// Read a JSONL set: `{"id", "text", "spans": [{"start", "end", "type"}]}` with character
/// offsets. Types outside the Safe Harbor list are kept as unlabelled-but-ignored spans.
pub fn parse_jsonl(source: &str) -> Result<Vec<Document>, String> {
    source
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(n, line)| {
            let v: serde_json::Value =
                serde_json::from_str(line).map_err(|e| format!("line {}: {e}", n + 1))?;
            let text = v["text"]
                .as_str()
                .ok_or(format!("line {}: no text", n + 1))?;
            // Offsets are in characters; the scrubber works in bytes.
            let byte = |c: u64| {
                text.char_indices()
                    .nth(c as usize)
                    .map_or(text.len(), |(b, _)| b)
            };
            let spans = v["spans"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|s| {
                    // The set's category when it gives one, else its entity type.
                    let kind = s["category"].as_str().or(s["type"].as_str()).unwrap_or("");
                    let category = safe_harbor(&kind.to_ascii_lowercase());
                    (
                        byte(s["start"].as_u64().unwrap_or(0)),
                        byte(s["end"].as_u64().unwrap_or(0)),
                        category,
                    )
                })
                .collect();
            Ok(Document {
                id: v["id"].as_str().unwrap_or("").to_owned(),
                text: text.to_owned(),
                spans,
            })
        })
        .collect()
}

/// The patient a PhysioNet note belongs to: its id is `patient-note`.
pub fn patient(doc: &Document) -> &str {
    doc.id.split('-').next().unwrap_or(&doc.id)
}

/// Whether a patient's notes belong to the held-out part of a set: the notes of one patient in
/// three (patient numbers that leave 1 when divided by 3; other ids by a stable hash), so no
/// patient's names, wards or dates are in both parts. The rules are tuned on the other part only.
pub fn held_out(patient: &str) -> bool {
    let n = patient.parse::<u64>().unwrap_or_else(|_| {
        // FNV-1a: stable across builds and platforms.
        patient.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    });
    n % 3 == 1
}

/// Split a set by patient into the part rules may be tuned on and the held-out part.
pub fn split_by_patient(docs: Vec<Document>) -> (Vec<Document>, Vec<Document>) {
    docs.into_iter().partition(|d| !held_out(patient(d)))
}

fn safe_harbor(kind: &str) -> Option<Category> {
    Some(match kind {
        "name" | "person" => Category::Name,
        "date" | "date_time" => Category::Date,
        "phone" | "fax" | "phone_number" => Category::Phone,
        "email" | "email_address" => Category::Email,
        "url" => Category::Url,
        "ip" | "ip_address" => Category::Ip,
        "mrn" | "ssn" | "us_ssn" | "account" | "health_plan" | "license" | "us_driver_license"
        | "device" | "vehicle" | "credit_card" | "iban_code" => Category::Id,
        "street_address" => Category::Address,
        "zip_code" => Category::PostalCode,
        "geo" | "gpe" | "location" => Category::Location,
        _ => return None,
    })
}

/// Token counts for one category.
#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    /// Labelled tokens of this category.
    pub labelled: usize,
    /// Of those, caught by a finding of any category (the text is gone either way).
    pub caught: usize,
    /// Of those, caught by a finding of their own category (the placeholder is right too).
    pub typed: usize,
    /// Tokens covered by findings of this category.
    pub flagged: usize,
    /// Of those, labelled identifying.
    pub flagged_right: usize,
}

impl Counts {
    pub fn recall(&self) -> f64 {
        ratio(self.caught, self.labelled)
    }
    /// Recall counting only findings of the token's own category.
    pub fn typed_recall(&self) -> f64 {
        ratio(self.typed, self.labelled)
    }
    pub fn precision(&self) -> f64 {
        ratio(self.flagged_right, self.flagged)
    }
    fn add(&mut self, other: &Counts) {
        self.labelled += other.labelled;
        self.caught += other.caught;
        self.typed += other.typed;
        self.flagged += other.flagged;
        self.flagged_right += other.flagged_right;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// A scored run over a set of documents.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub documents: usize,
    pub chars: usize,
    pub per_category: BTreeMap<Category, Counts>,
    /// Every missed labelled token and every wrongly flagged one, for reading.
    pub misses: Vec<String>,
    pub false_alarms: Vec<String>,
}

impl Report {
    pub fn overall(&self) -> Counts {
        let mut all = Counts::default();
        for c in self.per_category.values() {
            all.add(c);
        }
        all
    }
    pub fn category(&self, c: Category) -> Counts {
        self.per_category.get(&c).copied().unwrap_or_default()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<10} {:>8} {:>8} {:>8} {:>8} {:>10}",
            "category", "tokens", "recall", "typed", "flagged", "precision"
        )?;
        for (c, n) in &self.per_category {
            writeln!(
                f,
                "{:<10} {:>8} {:>8.3} {:>8.3} {:>8} {:>10.3}",
                c.label(),
                n.labelled,
                n.recall(),
                n.typed_recall(),
                n.flagged,
                n.precision()
            )?;
        }
        let all = self.overall();
        write!(
            f,
            "{:<10} {:>8} {:>8.3} {:>8.3} {:>8} {:>10.3}",
            "all",
            all.labelled,
            all.recall(),
            all.typed_recall(),
            all.flagged,
            all.precision()
        )
    }
}

/// Run the scrubber over every document and score it.
pub fn evaluate(scrubber: &Scrubber, docs: &[Document]) -> Report {
    let mut report = Report::default();
    for doc in docs {
        let findings = scrubber.find(&doc.text);
        score(doc, &findings, &mut report);
    }
    report
}

fn score(doc: &Document, findings: &[Finding], report: &mut Report) {
    report.documents += 1;
    report.chars += doc.text.chars().count();
    for (start, end) in alnum_tokens(&doc.text) {
        let covers = |a: usize, b: usize| a < end && start < b;
        let label = doc.spans.iter().find(|s| covers(s.0, s.1));
        let found = findings.iter().find(|f| covers(f.start, f.end));
        let token = &doc.text[start..end];
        match label {
            Some((_, _, None)) => continue,
            Some((_, _, Some(c))) => {
                let n = report.per_category.entry(*c).or_default();
                n.labelled += 1;
                if found.is_some() {
                    n.caught += 1;
                    if findings
                        .iter()
                        .any(|f| f.category == *c && covers(f.start, f.end))
                    {
                        n.typed += 1;
                    }
                } else {
                    report.misses.push(format!(
                        "{} {}: {token:?} in {:?}",
                        doc.id,
                        c.label(),
                        context(&doc.text, start, end)
                    ));
                }
            }
            None => {}
        }
        if let Some(f) = found {
            let n = report.per_category.entry(f.category).or_default();
            n.flagged += 1;
            if label.is_some() {
                n.flagged_right += 1;
            } else {
                report.false_alarms.push(format!(
                    "{} {}: {token:?} in {:?}",
                    doc.id,
                    f.category.label(),
                    context(&doc.text, start, end)
                ));
            }
        }
    }
}

/// The token with a few words either side, on one line, for reading a miss.
fn context(text: &str, start: usize, end: usize) -> String {
    let mut from = start.saturating_sub(30);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (end + 30).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    format!(
        "{}[{}]{}",
        &text[from..start],
        &text[start..end],
        &text[end..to]
    )
    .replace(['\n', '\r'], " ")
}

/// Byte ranges of the runs of letters and digits in `text`.
pub fn alnum_tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}
