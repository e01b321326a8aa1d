//! Importing a registry's CSV files: one file per table of the network's dictionary, read
//! strictly, checked whole, and committed all or nothing together with the months they
//! recompute. Importing the same files again changes nothing; a corrected file recomputes and
//! names the months whose values changed, which then go through the release gate as
//! revisions.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use tandem_shared::compute::check::Plan;
use tandem_shared::compute::{Dictionary, check};
use tandem_shared::model::{MeasureEntry, MeasureId, MeasureKind, Month};
use tandem_shared::protocol::Definitions;

use super::evaluate::{self, Counts};
use super::{Cell, Extract, Patient, Row, read_cell};
use crate::Error;
use crate::kind::Kind;
use crate::state::Node;

/// At most this many bad cells are listed; the rest are counted.
const LISTED: usize = 20;
/// The most rows one file may hold.
const MAX_ROWS: usize = 20_000_000;
/// How many months back a run computes, at most: ten years.
const MAX_MONTHS: i32 = 120;
/// A month is computed once the extract was taken this many days after its end, so that
/// late data entry has landed.
const SETTLE_DAYS: i64 = 14;

/// Which column of a file holds each field of a table, where it is not the field's own name.
pub type Mapping = BTreeMap<String, String>;

/// One file to import.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    /// The table it holds; found from its columns when not given.
    pub table: Option<String>,
}

/// How far reading has gone, for a progress line or bar.
#[derive(Debug, Clone, Copy)]
pub struct Progress<'a> {
    pub file: &'a str,
    pub rows: usize,
    pub bytes: u64,
    pub total_bytes: u64,
    pub elapsed: Duration,
}

impl Progress<'_> {
    pub fn rows_per_second(&self) -> f64 {
        self.rows as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// The time left for this file, from the share of its bytes read so far.
    pub fn left(&self) -> Option<Duration> {
        (self.bytes > 0 && self.total_bytes >= self.bytes).then(|| {
            let share = self.bytes as f64 / self.total_bytes as f64;
            Duration::from_secs_f64(self.elapsed.as_secs_f64() * (1.0 - share) / share)
        })
    }
}

/// The import running in the background for the pages, and how the last one ended.
#[derive(Debug, Default)]
pub struct Jobs {
    state: std::sync::Mutex<JobState>,
}

/// What the import page shows.
#[derive(Debug, Default, Clone)]
pub struct JobState {
    pub running: Option<Running>,
    pub last: Option<Finished>,
}

/// An import under way.
#[derive(Debug, Clone)]
pub struct Running {
    pub by: String,
    pub started_at: chrono::DateTime<chrono::Utc>,
    pub file: String,
    pub rows: usize,
    pub rows_per_second: f64,
    pub left: Option<Duration>,
}

/// How the last import ended.
#[derive(Debug, Clone)]
pub struct Finished {
    pub by: String,
    pub at: chrono::DateTime<chrono::Utc>,
    pub result: Result<Outcome, Refusal>,
}

/// Why an import was refused, as the page lists it.
#[derive(Debug, Clone)]
pub struct Refusal {
    pub file: String,
    pub problems: Vec<String>,
    pub more: usize,
}

impl Jobs {
    pub fn state(&self) -> JobState {
        self.state.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Mark an import as started, unless one is running already.
    pub fn start(&self, by: &str) -> bool {
        let Ok(mut s) = self.state.lock() else {
            return false;
        };
        if s.running.is_some() {
            return false;
        }
        s.running = Some(Running {
            by: by.to_owned(),
            started_at: chrono::Utc::now(),
            file: String::new(),
            rows: 0,
            rows_per_second: 0.0,
            left: None,
        });
        true
    }

    pub fn progress(&self, p: &Progress<'_>) {
        if let Ok(mut s) = self.state.lock()
            && let Some(r) = s.running.as_mut()
        {
            r.file = p.file.to_owned();
            r.rows = p.rows;
            r.rows_per_second = p.rows_per_second();
            r.left = p.left();
        }
    }

    pub fn finish(&self, by: &str, result: Result<Outcome, Error>) {
        let result = result.map_err(|e| match e {
            Error::Extract(bad) => Refusal {
                file: bad.file,
                problems: bad.problems,
                more: bad.more,
            },
            other => Refusal {
                file: String::new(),
                problems: vec![if other.problem().status >= 500 {
                    tracing::error!(error = %other, "an import failed");
                    "the import failed on the server; the cause is in the node's log".to_owned()
                } else {
                    other.to_string()
                }],
                more: 0,
            },
        });
        if let Ok(mut s) = self.state.lock() {
            s.running = None;
            s.last = Some(Finished {
                by: by.to_owned(),
                at: chrono::Utc::now(),
                result,
            });
        }
    }
}

/// What an import did: counts, tables and months, never a row.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Outcome {
    pub tables: Vec<TableOutcome>,
    /// The months computed, first and last.
    pub months: Option<(Month, Month)>,
    /// Values computed for the first time.
    pub added: Vec<(MeasureId, Month)>,
    /// Values that differ from the ones computed before: each is a revision to review.
    pub changed: Vec<(MeasureId, Month)>,
    pub patients: usize,
    pub rows: usize,
}

impl Outcome {
    pub fn nothing_changed(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.tables.iter().all(|t| t.same)
    }
}

/// One file as imported.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TableOutcome {
    pub table: String,
    pub file: String,
    pub rows: usize,
    /// The file is the one imported last time.
    pub same: bool,
    /// Columns of the file that no field of the table reads; they are not kept.
    pub unused_columns: Vec<String>,
}

/// A table's rows as read from a file or from the database.
pub(crate) struct Parsed {
    pub table: usize,
    pub file: String,
    pub sha256: String,
    /// Each row's source line, its cells, and its cells as stored.
    pub rows: Vec<(u64, Row, String)>,
    pub unused_columns: Vec<String>,
}

/// The problems that stop an import, with where each is.
struct Problems {
    file: String,
    listed: Vec<String>,
    more: usize,
}

impl Problems {
    fn new(file: &str) -> Self {
        Self {
            file: file.to_owned(),
            listed: Vec::new(),
            more: 0,
        }
    }

    fn add(&mut self, problem: String) {
        if self.listed.len() < LISTED {
            self.listed.push(problem);
        } else {
            self.more += 1;
        }
    }

    fn into_result(self) -> Result<(), Error> {
        if self.listed.is_empty() {
            return Ok(());
        }
        Err(Error::Extract(Box::new(crate::error::BadExtract {
            file: self.file,
            problems: self.listed,
            more: self.more,
        })))
    }
}

/// The network's dictionary and plan, or why measures cannot be computed yet.
pub fn plan(defs: Option<&Definitions>) -> Result<(&Dictionary, Plan), Error> {
    let defs = defs.ok_or_else(|| {
        Error::Conflict(
            "the node has no definitions from the network yet; sync first, so it knows the \
             extract's tables"
                .into(),
        )
    })?;
    let dictionary = defs.dictionary.as_ref().ok_or_else(|| {
        Error::Conflict(
            "the network's definitions have no data dictionary, so no measure is computed from \
             an extract; enter the monthly values by hand"
                .into(),
        )
    })?;
    let plan = check(Some(dictionary), &defs.populations, &defs.measures)?
        .ok_or_else(|| Error::Schema("the network's dictionary did not resolve".into()))?;
    Ok((dictionary, plan))
}

struct Hashing<R> {
    inner: R,
    sha: Sha256,
    bytes: u64,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.sha.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The column each field is read from.
fn columns(table: &tandem_shared::compute::Table, mapping: Option<&Mapping>) -> Vec<String> {
    table
        .fields
        .iter()
        .map(|f| {
            mapping
                .and_then(|m| m.get(&f.name))
                .cloned()
                .unwrap_or_else(|| f.name.clone())
        })
        .collect()
}

/// The table whose required columns the header holds: the named one, or the only one that
/// fits.
fn which_table(
    d: &Dictionary,
    named: Option<&str>,
    header: &[String],
    mappings: &HashMap<String, Mapping>,
    file: &str,
) -> Result<usize, Error> {
    let missing = |t: &tandem_shared::compute::Table| -> Vec<String> {
        let cols = columns(t, mappings.get(&t.name));
        t.fields
            .iter()
            .zip(cols)
            .filter(|(f, c)| !f.optional && !header.iter().any(|h| h == c))
            .map(|(f, c)| {
                if f.name == *c {
                    c
                } else {
                    format!("{c} (for {})", f.name)
                }
            })
            .collect()
    };
    if let Some(name) = named {
        let (i, t) = super::table(d, name).ok_or_else(|| {
            Error::Conflict(format!(
                "{file}: there is no table {name:?} in the network's dictionary; tables are: {}",
                d.tables
                    .iter()
                    .map(|t| t.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
        let gone = missing(t);
        if !gone.is_empty() {
            return Err(Error::Conflict(format!(
                "{file}: the header has no column {} for table {name}; rename the columns, or \
                 map them with --map {name}.FIELD=COLUMN",
                gone.join(", ")
            )));
        }
        return Ok(i);
    }
    let fits: Vec<usize> = (0..d.tables.len())
        .filter(|i| missing(&d.tables[*i]).is_empty())
        .collect();
    match fits[..] {
        [one] => Ok(one),
        [] => Err(Error::Conflict(format!(
            "{file}: its columns ({}) fit no table of the network's dictionary ({}); name the \
             table with --table, and map columns with --map TABLE.FIELD=COLUMN",
            header.join(", "),
            d.tables
                .iter()
                .map(|t| t.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
        _ => Err(Error::Conflict(format!(
            "{file}: its columns fit several tables ({}); name the one it holds with --table",
            fits.iter()
                .map(|i| d.tables[*i].name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// Read one file whole, checking every cell. Nothing is kept if any cell is wrong.
pub(crate) fn read_file(
    d: &Dictionary,
    source: &Source,
    mappings: &HashMap<String, Mapping>,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<Parsed, Error> {
    let started = Instant::now();
    let file = file_name(&source.path);
    let handle = std::fs::File::open(&source.path)
        .map_err(Error::io(format!("cannot open {}", source.path.display())))?;
    let total_bytes = handle.metadata().map(|m| m.len()).unwrap_or(0);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .has_headers(true)
        .from_reader(Hashing {
            inner: std::io::BufReader::with_capacity(1 << 16, handle),
            sha: Sha256::new(),
            bytes: 0,
        });
    let bad_csv = |e: csv::Error| {
        let line = e.position().map(|p| p.line()).unwrap_or(0);
        Error::Extract(Box::new(crate::error::BadExtract {
            file: file.clone(),
            problems: vec![match e.kind() {
                csv::ErrorKind::UnequalLengths {
                    expected_len, len, ..
                } => format!(
                    "line {line}: it has {len} cells where the header has {expected_len}; \
                     check for a missing or extra comma, or a quote left open"
                ),
                csv::ErrorKind::Utf8 { .. } => {
                    format!("line {line}: the text is not UTF-8; save the file as CSV UTF-8")
                }
                _ => format!("line {line}: the file cannot be read as CSV ({e})"),
            }],
            more: 0,
        }))
    };
    let header: Vec<String> = reader
        .headers()
        .map_err(&bad_csv)?
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_owned())
        .collect();
    let t = which_table(d, source.table.as_deref(), &header, mappings, &file)?;
    let table = &d.tables[t];
    let cols = columns(table, mappings.get(&table.name));
    let at: Vec<Option<usize>> = cols
        .iter()
        .map(|c| header.iter().position(|h| h == c))
        .collect();
    let unused_columns = header
        .iter()
        .filter(|h| !cols.contains(h))
        .cloned()
        .collect();
    let key: Vec<usize> = table
        .key
        .iter()
        .filter_map(|k| table.fields.iter().position(|f| &f.name == k))
        .collect();
    let dates = table
        .date
        .as_ref()
        .and_then(|n| table.fields.iter().position(|f| &f.name == n))
        .zip(
            table
                .until
                .as_ref()
                .and_then(|n| table.fields.iter().position(|f| &f.name == n)),
        );
    let mut problems = Problems::new(&file);
    let mut keys: HashMap<String, u64> = HashMap::new();
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut texts = Vec::with_capacity(table.fields.len());
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(bad_csv(e)),
        }
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        if rows.len() >= MAX_ROWS {
            return Err(Error::Conflict(format!(
                "{file} has more than {MAX_ROWS} rows; split the extract by table"
            )));
        }
        texts.clear();
        let mut cells = Vec::with_capacity(table.fields.len());
        let mut ok = true;
        for (field, column) in table.fields.iter().zip(&at) {
            let text = column.and_then(|c| record.get(c)).unwrap_or("");
            match read_cell(&field.kind, field.optional, text) {
                Ok((cell, canonical)) => {
                    cells.push(cell);
                    texts.push(canonical);
                }
                Err(why) => {
                    ok = false;
                    let column = column.map_or(field.name.as_str(), |c| header[c].as_str());
                    problems.add(format!("line {line}, column {column}: {why}"));
                }
            }
        }
        if !ok {
            continue;
        }
        if let Some((date, until)) = dates
            && let (Cell::Date(from), Cell::Date(to)) = (cells[date], cells[until])
            && to < from
        {
            problems.add(format!(
                "line {line}, column {}: the end date is before the start date {}",
                table.fields[until].name, texts[date]
            ));
            continue;
        }
        let k = key
            .iter()
            .map(|i| texts[*i].as_str())
            .collect::<Vec<_>>()
            .join("\u{1f}");
        if let Some(first) = keys.get(&k) {
            problems.add(format!(
                "line {line}: it repeats the key ({}) of line {first}; each row of {} needs its \
                 own",
                table.key.join(", "),
                table.name
            ));
            continue;
        }
        keys.insert(k, line);
        rows.push((line, cells.into_boxed_slice(), texts.join("\u{1f}")));
        if rows.len() % 50_000 == 0 {
            progress(Progress {
                file: &file,
                rows: rows.len(),
                bytes: reader.get_ref().bytes,
                total_bytes,
                elapsed: started.elapsed(),
            });
        }
    }
    problems.into_result()?;
    let inner = reader.into_inner();
    progress(Progress {
        file: &file,
        rows: rows.len(),
        bytes: inner.bytes,
        total_bytes: inner.bytes,
        elapsed: started.elapsed(),
    });
    Ok(Parsed {
        table: t,
        file,
        sha256: hex::encode(inner.sha.finalize()),
        rows,
        unused_columns,
    })
}

/// Rows as stored, read back with the current dictionary.
pub(crate) fn read_stored(
    d: &Dictionary,
    table: usize,
    file: String,
    sha256: String,
    stored: Vec<(i64, String)>,
) -> Result<Parsed, Error> {
    let t = &d.tables[table];
    let mut rows = Vec::with_capacity(stored.len());
    for (line, text) in stored {
        let cells = text
            .split('\u{1f}')
            .zip(&t.fields)
            .map(|(text, f)| read_cell(&f.kind, f.optional, text).map(|(c, _)| c))
            .collect::<Result<Vec<_>, _>>();
        match cells {
            Ok(cells) if cells.len() == t.fields.len() => {
                rows.push((line as u64, cells.into_boxed_slice(), text));
            }
            _ => {
                return Err(Error::Conflict(format!(
                    "the stored {} no longer fit the network's dictionary (version {}); import \
                     the table again",
                    t.name, d.version
                )));
            }
        }
    }
    Ok(Parsed {
        table,
        file,
        sha256,
        rows,
        unused_columns: Vec::new(),
    })
}

/// Put the tables together by patient. Every row must belong to a patient of the patient
/// table.
pub(crate) fn assemble(
    d: &Dictionary,
    plan: &Plan,
    tables: &mut [Parsed],
) -> Result<Extract, Error> {
    let patient_key = |t: usize| {
        d.tables[t]
            .fields
            .iter()
            .position(|f| f.name == d.patient_key)
            .unwrap_or(0)
    };
    let Some(patients) = tables.iter().find(|p| p.table == plan.patients) else {
        return Err(Error::Conflict(format!(
            "there is no {} table yet; import it with (or before) the others",
            d.tables[plan.patients].name
        )));
    };
    let key = patient_key(plan.patients);
    let mut index: HashMap<String, usize> = HashMap::with_capacity(patients.rows.len());
    let mut out = Vec::with_capacity(patients.rows.len());
    for (_, cells, text) in &patients.rows {
        let k = text.split('\u{1f}').nth(key).unwrap_or("");
        index.insert(k.to_owned(), out.len());
        out.push(Patient {
            cells: cells.clone(),
            tables: vec![Vec::new(); d.tables.len()],
        });
    }
    let mut rows = 0;
    for parsed in tables.iter_mut().filter(|p| p.table != plan.patients) {
        let key = patient_key(parsed.table);
        let mut problems = Problems::new(&parsed.file);
        for (line, cells, text) in &mut parsed.rows {
            let k = text.split('\u{1f}').nth(key).unwrap_or("");
            match index.get(k) {
                // Moved, not copied: a million rows are held once.
                Some(i) => out[*i].tables[parsed.table].push(std::mem::take(cells)),
                None => problems.add(format!(
                    "line {line}: patient {k:?} is not in the {} table",
                    d.tables[plan.patients].name
                )),
            }
        }
        problems.into_result()?;
        rows += parsed.rows.len();
    }
    for patient in &mut out {
        for (t, rows) in patient.tables.iter_mut().enumerate() {
            if let (Some(date), _) = plan.dates[t] {
                rows.sort_by_key(|r| r[date].date());
            }
        }
    }
    Ok(Extract {
        patients: out,
        rows,
    })
}

/// The months an extract taken on `extracted_on` computes: from the first month a patient
/// was registered (at most ten years back) to the last month that ended at least two weeks
/// before the extract.
pub fn months(plan: &Plan, extract: &Extract, extracted_on: NaiveDate) -> Option<(Month, Month)> {
    let last = Month::of(extracted_on - chrono::Duration::days(SETTLE_DAYS))
        .plus(-1)
        .ok()?;
    let first_day = extract
        .patients
        .iter()
        .filter_map(|p| p.cells[plan.registered_from].date())
        .min()?;
    let first = Month::of(NaiveDate::from_num_days_from_ce_opt(first_day)?);
    let floor = last.plus(1 - MAX_MONTHS).ok()?;
    let first = first.max(floor);
    (first <= last).then_some((first, last))
}

/// The entries computed for each measure and month, as the node stores them.
pub fn entries(
    defs: &Definitions,
    computed: Vec<(MeasureId, Vec<(Month, Counts)>)>,
) -> Vec<MeasureEntry> {
    let mut out = Vec::new();
    for (id, months) in computed {
        let Some(measure) = defs.measure(&id) else {
            continue;
        };
        for (month, c) in months {
            let (numerator, denominator) = match measure.kind {
                MeasureKind::Count => (Some(c.numerator), None),
                _ => (Some(c.numerator), Some(c.denominator)),
            };
            out.push(MeasureEntry {
                measure: id.clone(),
                month,
                numerator,
                denominator,
                value: None,
            });
        }
    }
    out
}

/// Import files, recompute every month, and commit both at once. `by` is who imported.
pub async fn import(
    node: &Node,
    sources: Vec<Source>,
    mapping_changes: &[(String, String, String)],
    extracted_on: NaiveDate,
    by: &str,
    mut progress: impl FnMut(Progress<'_>) + Send + 'static,
) -> Result<Outcome, Error> {
    let defs = node.store.definitions().await?;
    let (dictionary, plan) = plan(defs.as_ref())?;
    let dictionary = dictionary.clone();
    let defs = defs.as_ref().ok_or(Error::NotEnrolled)?;
    let mut mappings = node.store.extract_mappings().await?;
    for (table, field, column) in mapping_changes {
        let Some((_, t)) = super::table(&dictionary, table) else {
            return Err(Error::Conflict(format!(
                "--map {table}.{field}: there is no table {table:?} in the network's dictionary"
            )));
        };
        if !t.fields.iter().any(|f| &f.name == field) {
            return Err(Error::Conflict(format!(
                "--map {table}.{field}: table {table} has no field {field:?}; its fields are: {}",
                t.fields
                    .iter()
                    .map(|f| f.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        mappings
            .entry(table.clone())
            .or_default()
            .insert(field.clone(), column.clone());
    }
    // Reading and computing take seconds on a big extract: off the async workers.
    let (fresh, dictionary, mappings) = blocking(move || {
        let mut fresh: Vec<Parsed> = Vec::new();
        let mut seen = HashSet::new();
        for source in &sources {
            let parsed = read_file(&dictionary, source, &mappings, &mut progress)?;
            if !seen.insert(parsed.table) {
                return Err(Error::Conflict(format!(
                    "two files hold table {}; import one file per table",
                    dictionary.tables[parsed.table].name
                )));
            }
            fresh.push(parsed);
        }
        Ok((fresh, dictionary, mappings))
    })
    .await?;
    let stored = node.store.extract_files().await?;
    let mut tables = Vec::new();
    let mut outcome = Vec::new();
    for parsed in fresh {
        let name = &dictionary.tables[parsed.table].name;
        let same = stored.get(name).is_some_and(|f| {
            f.sha256 == parsed.sha256 && f.dictionary_version == dictionary.version
        });
        outcome.push(TableOutcome {
            table: name.clone(),
            file: parsed.file.clone(),
            rows: parsed.rows.len(),
            same,
            unused_columns: parsed.unused_columns.clone(),
        });
        tables.push((parsed, !same));
    }
    for (i, t) in dictionary.tables.iter().enumerate() {
        if tables.iter().any(|(p, _)| p.table == i) {
            continue;
        }
        if let Some(f) = stored.get(&t.name) {
            let rows = node.store.extract_rows(&t.name).await?;
            let parsed = read_stored(&dictionary, i, f.file.clone(), f.sha256.clone(), rows)?;
            tables.push((parsed, false));
        }
    }
    let (parsed, write): (Vec<Parsed>, Vec<bool>) = tables.into_iter().unzip();
    let (parsed, dictionary, months, computed, patients, rows) = blocking(move || {
        let mut parsed = parsed;
        let extract = assemble(&dictionary, &plan, &mut parsed)?;
        let months = months(&plan, &extract, extracted_on);
        let computed = match months {
            Some((first, last)) => evaluate::compute(&plan, &extract, first, last),
            None => Vec::new(),
        };
        let (patients, rows) = (extract.patients.len(), extract.rows);
        Ok((parsed, dictionary, months, computed, patients, rows))
    })
    .await?;
    let entries = entries(defs, computed);
    let previous = node.store.records(Kind::MeasureValue).await?;
    let previous: HashMap<&str, &str> = previous
        .iter()
        .map(|r| (r.id.as_str(), r.body.as_str()))
        .collect();
    let mut added = Vec::new();
    let mut changed = Vec::new();
    let mut bodies = Vec::new();
    for e in &entries {
        use crate::record::Record;
        let body = serde_json::to_string(e)
            .map_err(|e| Error::Schema(format!("cannot store a computed value: {e}")))?;
        let id = e.id();
        match previous.get(id.as_str()) {
            None => added.push((e.measure.clone(), e.month)),
            Some(b) if *b != body => changed.push((e.measure.clone(), e.month)),
            Some(_) => continue,
        }
        bodies.push((id, body));
    }
    let writes: Vec<&Parsed> = parsed
        .iter()
        .zip(&write)
        .filter(|(_, w)| **w)
        .map(|(p, _)| p)
        .collect();
    let tables_written: Vec<(String, &Parsed)> = writes
        .into_iter()
        .map(|p| (dictionary.tables[p.table].name.clone(), p))
        .collect();
    node.store
        .commit_extract(
            &tables_written,
            dictionary.version,
            extracted_on,
            by,
            &mappings,
            &bodies,
        )
        .await?;
    Ok(Outcome {
        tables: outcome,
        months,
        added,
        changed,
        patients,
        rows,
    })
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, Error> + Send + 'static,
) -> Result<T, Error> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| Error::Schema(format!("the import stopped: {e}")))?
}
