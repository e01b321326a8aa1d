//! Checking a computable definition against the dictionary, and resolving its names to
//! positions: the plan the node's evaluator runs. The hub runs the same check when a network
//! lead publishes definitions, so a definition that the node would refuse is never published.

use std::collections::BTreeMap;

use super::{
    Anchor, Compute, Criterion, Dictionary, FieldKind, Literal, Populations, Table, Test, Window,
};
use crate::Error;
use crate::model::{Measure, MeasureId, MeasureKind};

/// How deep criteria and tests may nest: enough for any real definition, and a bound on the
/// work a published definition can ask of a node.
const MAX_DEPTH: usize = 8;
/// How many criteria and tests one measure may hold in all.
const MAX_NODES: usize = 200;

/// A field's position: in the row's own table, or in the patient table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Row(usize),
    Patient(usize),
}

/// A literal resolved to the field's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    Boolean(bool),
    Integer(i64),
    /// A choice's position in its list.
    Choice(u16),
}

/// A row test with its fields resolved.
#[derive(Debug, Clone, PartialEq)]
pub enum Cond {
    Eq(Place, Value),
    In(Place, Vec<Value>),
    Present(Place, bool),
    Range(Place, Option<i64>, Option<i64>),
    /// The date is strictly before `days` before the anchor.
    Before(Place, u32, Anchor),
    /// The row's interval, from its date to its `until` (or ongoing), includes the anchor.
    ActiveAt(Anchor),
    Any(Vec<Cond>),
    All(Vec<Cond>),
}

/// A criterion with its tables and fields resolved.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    Exists(Rows),
    Latest(Rows, Vec<Cond>),
    Count(Rows, u32),
    Patient(Vec<Cond>),
    All(Vec<Rule>),
    Any(Vec<Rule>),
    None(Vec<Rule>),
}

/// The rows of one table in a window that pass a filter.
#[derive(Debug, Clone, PartialEq)]
pub struct Rows {
    /// The table's position among the dictionary's tables.
    pub table: usize,
    pub window: Option<Window>,
    pub filter: Vec<Cond>,
}

/// What a measure counts each month.
#[derive(Debug, Clone, PartialEq)]
pub enum Counting {
    /// Members of the population, and those of them who pass the rule.
    Proportion { population: usize, numerator: Rule },
    /// Rows counted among members of the population (every registered patient if `None`),
    /// and for a rate the members as patient-months.
    Events {
        population: Option<usize>,
        events: Rows,
        exposure: bool,
    },
}

/// Everything the node needs to compute the network's measures from an extract.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The patient table's position, and its registration fields.
    pub patients: usize,
    pub registered_from: usize,
    pub registered_until: usize,
    /// Each table's date and `until` fields (the patient table has neither).
    pub dates: Vec<(Option<usize>, Option<usize>)>,
    pub populations: Vec<(String, Vec<Rule>)>,
    pub measures: Vec<(MeasureId, Counting)>,
}

fn invalid(message: String) -> Error {
    Error::Invalid(message)
}

/// Check the dictionary, the populations and every measure that has a `compute` section,
/// and resolve them. With no dictionary, no measure may have a `compute` section.
pub fn check(
    dictionary: Option<&Dictionary>,
    populations: &Populations,
    measures: &[Measure],
) -> Result<Option<Plan>, Error> {
    let Some(dictionary) = dictionary else {
        if let Some(m) = measures.iter().find(|m| m.compute.is_some()) {
            return Err(invalid(format!(
                "measure {} has a compute section, but the definitions have no [dictionary] \
                 of the extract's tables and fields; add one",
                m.id
            )));
        }
        if !populations.is_empty() {
            return Err(invalid(
                "the definitions have [populations] but no [dictionary]; add the dictionary \
                 or remove the populations"
                    .into(),
            ));
        }
        return Ok(None);
    };
    let (patients, registered_from, registered_until, dates) = tables(dictionary)?;
    let cx = Context {
        dictionary,
        patients,
    };
    let mut names = BTreeMap::new();
    let mut resolved = Vec::new();
    for (name, population) in populations {
        let what = format!("population {name}");
        slug(&what, name)?;
        let mut budget = Budget::new(&what);
        let rules = population
            .require
            .iter()
            .map(|c| cx.rule(c, 0, &mut budget))
            .collect::<Result<Vec<_>, _>>()?;
        names.insert(name.as_str(), resolved.len());
        resolved.push((name.clone(), rules));
    }
    let mut plan = Plan {
        patients,
        registered_from,
        registered_until,
        dates,
        populations: resolved,
        measures: Vec::new(),
    };
    for m in measures {
        if let Some(compute) = &m.compute {
            let counting = cx.measure(m, compute, &names)?;
            plan.measures.push((m.id.clone(), counting));
        }
    }
    Ok(Some(plan))
}

fn slug(what: &str, name: &str) -> Result<(), Error> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(invalid(format!(
            "{what}: the name {name:?} must be 1 to 64 lowercase letters, digits, '_' or '-'"
        )))
    }
}

type Layout = (usize, usize, usize, Vec<(Option<usize>, Option<usize>)>);

/// Check the tables on their own: names, keys, the patient table and every table's dates.
fn tables(d: &Dictionary) -> Result<Layout, Error> {
    if d.tables.is_empty() || d.tables.len() > 32 {
        return Err(invalid(
            "the dictionary must have 1 to 32 tables, one of them the patient table".into(),
        ));
    }
    let mut seen = std::collections::HashSet::new();
    let mut patient_table = None;
    let mut dates = Vec::new();
    for (t, table) in d.tables.iter().enumerate() {
        let what = format!("dictionary table {}", table.name);
        slug(&what, &table.name)?;
        if !seen.insert(&table.name) {
            return Err(invalid(format!("{what} is defined twice")));
        }
        if table.fields.is_empty() || table.fields.len() > 100 {
            return Err(invalid(format!("{what} must have 1 to 100 fields")));
        }
        let mut fields = std::collections::HashSet::new();
        for f in &table.fields {
            slug(&format!("{what}, field {}", f.name), &f.name)?;
            if !fields.insert(&f.name) {
                return Err(invalid(format!(
                    "{what}: field {} is defined twice",
                    f.name
                )));
            }
            match &f.kind {
                FieldKind::Integer { min, max } if min > max => {
                    return Err(invalid(format!(
                        "{what}, field {}: min {min} is above max {max}",
                        f.name
                    )));
                }
                FieldKind::Choice { values } if values.is_empty() || values.len() > 1000 => {
                    return Err(invalid(format!(
                        "{what}, field {}: a choice needs 1 to 1000 values",
                        f.name
                    )));
                }
                FieldKind::Choice { values } => {
                    let mut codes = std::collections::HashSet::new();
                    if let Some(v) = values.iter().find(|v| !codes.insert(*v) || v.is_empty()) {
                        return Err(invalid(format!(
                            "{what}, field {}: the value {v:?} is empty or listed twice",
                            f.name
                        )));
                    }
                }
                _ => {}
            }
        }
        let field_of = |name: &str, purpose: &str| -> Result<usize, Error> {
            table
                .fields
                .iter()
                .position(|f| f.name == name)
                .ok_or_else(|| {
                    invalid(format!(
                        "{what}: its {purpose} {name:?} is not one of its fields"
                    ))
                })
        };
        let date_field = |name: &str, purpose: &str, optional: bool| -> Result<usize, Error> {
            let i = field_of(name, purpose)?;
            let f = &table.fields[i];
            if f.kind != FieldKind::Date || f.optional != optional {
                return Err(invalid(format!(
                    "{what}: its {purpose} {name:?} must be a{} date field",
                    if optional { "n optional" } else { " required" }
                )));
            }
            Ok(i)
        };
        if table.key.is_empty() {
            return Err(invalid(format!("{what}: name the fields of its key")));
        }
        for k in &table.key {
            let i = field_of(k, "key field")?;
            if table.fields[i].optional {
                return Err(invalid(format!("{what}: key field {k} cannot be optional")));
            }
        }
        let patient = field_of(&d.patient_key, "patient key")?;
        if table.fields[patient].kind != FieldKind::Key || table.fields[patient].optional {
            return Err(invalid(format!(
                "{what}: the patient key {} must be a required field of type \"key\"",
                d.patient_key
            )));
        }
        match &table.registration {
            Some(r) => {
                if patient_table.is_some() {
                    return Err(invalid(format!(
                        "{what}: only one table, the patient table, has a registration"
                    )));
                }
                if table.key != [d.patient_key.clone()] || table.date.is_some() {
                    return Err(invalid(format!(
                        "{what}: the patient table's key is the patient key alone, and it has \
                         no date"
                    )));
                }
                let from = date_field(&r.from, "registration start", false)?;
                let until = date_field(&r.until, "registration end", true)?;
                patient_table = Some((t, from, until));
                dates.push((None, None));
            }
            None => {
                let Some(date) = &table.date else {
                    return Err(invalid(format!(
                        "{what}: name the date field its rows are dated by (date = \"…\")"
                    )));
                };
                let date = date_field(date, "date", false)?;
                let until = match &table.until {
                    Some(u) => Some(date_field(u, "until", true)?),
                    None => None,
                };
                dates.push((Some(date), until));
            }
        }
    }
    let (p, from, until) = patient_table.ok_or_else(|| {
        invalid(
            "the dictionary needs a patient table: the one with registration = { from = …, \
             until = … }"
                .into(),
        )
    })?;
    Ok((p, from, until, dates))
}

struct Budget<'a> {
    what: &'a str,
    left: usize,
}

impl<'a> Budget<'a> {
    fn new(what: &'a str) -> Self {
        Self {
            what,
            left: MAX_NODES,
        }
    }

    fn spend(&mut self, depth: usize) -> Result<(), Error> {
        if depth >= MAX_DEPTH || self.left == 0 {
            return Err(invalid(format!(
                "{}: criteria nest at most {MAX_DEPTH} deep and hold at most {MAX_NODES} tests",
                self.what
            )));
        }
        self.left -= 1;
        Ok(())
    }
}

struct Context<'a> {
    dictionary: &'a Dictionary,
    patients: usize,
}

impl Context<'_> {
    fn table(&self, name: &str, what: &str) -> Result<usize, Error> {
        self.dictionary
            .tables
            .iter()
            .position(|t| t.name == name)
            .ok_or_else(|| {
                invalid(format!(
                    "{what}: there is no table {name:?} in the dictionary; tables are: {}",
                    self.dictionary
                        .tables
                        .iter()
                        .map(|t| t.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })
    }

    fn measure(
        &self,
        m: &Measure,
        c: &Compute,
        names: &BTreeMap<&str, usize>,
    ) -> Result<Counting, Error> {
        let what = format!("measure {}", m.id);
        let population = |name: &str| {
            names.get(name).copied().ok_or_else(|| {
                invalid(format!(
                    "{what}: there is no population {name:?}; define it under [populations.{name}]"
                ))
            })
        };
        let mut budget = Budget::new(&what);
        let shape = |expected: &str| {
            invalid(format!(
                "{what} is {} and is computed with {expected}",
                m.kind.name()
            ))
        };
        match (&m.kind, c) {
            (
                MeasureKind::Proportion,
                Compute {
                    denominator: Some(d),
                    numerator: Some(n),
                    exposure: None,
                    events: None,
                    among: None,
                },
            ) => Ok(Counting::Proportion {
                population: population(d)?,
                numerator: self.rule(n, 0, &mut budget)?,
            }),
            (MeasureKind::Proportion, _) => Err(shape("denominator and numerator only")),
            (
                MeasureKind::Rate { .. },
                Compute {
                    exposure: Some(e),
                    events: Some(events),
                    denominator: None,
                    numerator: None,
                    among: None,
                },
            ) => Ok(Counting::Events {
                population: Some(population(e)?),
                events: self.rows(&events.table, events.window, &events.filter, 0, &mut budget)?,
                exposure: true,
            }),
            (MeasureKind::Rate { .. }, _) => Err(shape("exposure and events only")),
            (
                MeasureKind::Count,
                Compute {
                    events: Some(events),
                    among,
                    denominator: None,
                    numerator: None,
                    exposure: None,
                },
            ) => Ok(Counting::Events {
                population: among.as_deref().map(population).transpose()?,
                events: self.rows(&events.table, events.window, &events.filter, 0, &mut budget)?,
                exposure: false,
            }),
            (MeasureKind::Count, _) => Err(shape("events, and optionally among")),
            (MeasureKind::Continuous { .. }, _) => Err(invalid(format!(
                "{what}: a continuous measure cannot be computed from an extract yet; remove \
                 its compute section and enter its values by hand"
            ))),
        }
    }

    fn rule(&self, c: &Criterion, depth: usize, budget: &mut Budget) -> Result<Rule, Error> {
        budget.spend(depth)?;
        let list = |cs: &[Criterion], budget: &mut Budget| -> Result<Vec<Rule>, Error> {
            if cs.is_empty() {
                return Err(invalid(format!(
                    "{}: all, any and none need at least one criterion",
                    budget.what
                )));
            }
            cs.iter().map(|c| self.rule(c, depth + 1, budget)).collect()
        };
        Ok(match c {
            Criterion::Exists(s) => {
                Rule::Exists(self.rows(&s.table, s.window, &s.filter, depth, budget)?)
            }
            Criterion::Latest(l) => {
                let rows = self.rows(&l.table, l.window, &l.filter, depth, budget)?;
                if l.test.is_empty() {
                    return Err(invalid(format!(
                        "{}: latest needs a test for the row it takes",
                        budget.what
                    )));
                }
                let test = self.conds(&l.test, rows.table, depth, budget)?;
                Rule::Latest(rows, test)
            }
            Criterion::Count(n) => Rule::Count(
                self.rows(&n.table, n.window, &n.filter, depth, budget)?,
                n.at_least,
            ),
            Criterion::Patient(tests) => {
                if tests.is_empty() {
                    return Err(invalid(format!("{}: patient needs a test", budget.what)));
                }
                Rule::Patient(self.conds(tests, self.patients, depth, budget)?)
            }
            Criterion::All(cs) => Rule::All(list(cs, budget)?),
            Criterion::Any(cs) => Rule::Any(list(cs, budget)?),
            Criterion::None(cs) => Rule::None(list(cs, budget)?),
        })
    }

    fn rows(
        &self,
        table: &str,
        window: Option<Window>,
        filter: &[Test],
        depth: usize,
        budget: &mut Budget,
    ) -> Result<Rows, Error> {
        let t = self.table(table, budget.what)?;
        if t == self.patients {
            return Err(invalid(format!(
                "{}: rows are selected from dated tables; test the patient table with \
                 patient = [...]",
                budget.what
            )));
        }
        if let Some(w) = window {
            let ok = match (w.months, w.days) {
                (Some(m), None) => (1..=240).contains(&m),
                (None, Some(d)) => (1..=7300).contains(&d),
                _ => false,
            };
            if !ok {
                return Err(invalid(format!(
                    "{}: a window is either months = 1 to 240 or days = 1 to 7300",
                    budget.what
                )));
            }
        }
        Ok(Rows {
            table: t,
            window,
            filter: self.conds(filter, t, depth, budget)?,
        })
    }

    fn conds(
        &self,
        tests: &[Test],
        table: usize,
        depth: usize,
        budget: &mut Budget,
    ) -> Result<Vec<Cond>, Error> {
        tests
            .iter()
            .map(|t| self.cond(t, table, depth + 1, budget))
            .collect()
    }

    fn place(
        &self,
        field: &str,
        table: usize,
        what: &str,
    ) -> Result<(Place, &FieldKind, bool), Error> {
        let d = self.dictionary;
        let patients = &d.tables[self.patients];
        let (place, t, name): (fn(usize) -> Place, &Table, &str) = match field.split_once('.') {
            Some((prefix, name)) if prefix == patients.name => (Place::Patient, patients, name),
            Some(_) => {
                return Err(invalid(format!(
                    "{what}: field {field:?} names another table; only the patient table \
                         ({}) may be named beside the row's own",
                    patients.name
                )));
            }
            None if table == self.patients => (Place::Patient, patients, field),
            None => (Place::Row, &d.tables[table], field),
        };
        let i = t
            .fields
            .iter()
            .position(|f| f.name == name)
            .ok_or_else(|| {
                invalid(format!(
                    "{what}: table {} has no field {name:?}; its fields are: {}",
                    t.name,
                    t.fields
                        .iter()
                        .map(|f| f.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })?;
        let f = &t.fields[i];
        if f.kind == FieldKind::Key {
            return Err(invalid(format!(
                "{what}: field {name} is an identifier; a definition may not test identifiers, \
                 so that it cannot single out a patient"
            )));
        }
        Ok((place(i), &f.kind, f.optional))
    }

    fn cond(
        &self,
        t: &Test,
        table: usize,
        depth: usize,
        budget: &mut Budget,
    ) -> Result<Cond, Error> {
        budget.spend(depth)?;
        let what = budget.what;
        let ops = [
            t.eq.is_some(),
            t.one_of.is_some(),
            t.present.is_some(),
            t.min.is_some() || t.max.is_some(),
            t.before.is_some(),
            t.active_at.is_some(),
            t.any.is_some(),
            t.all.is_some(),
        ];
        if ops.iter().filter(|o| **o).count() != 1 {
            return Err(invalid(format!(
                "{what}: each test has exactly one of eq, in, present, min/max, before, \
                 active_at, any or all"
            )));
        }
        let nested = t.any.as_ref().or(t.all.as_ref());
        if let Some(list) = nested {
            if t.field.is_some() || list.is_empty() {
                return Err(invalid(format!(
                    "{what}: any and all hold a non-empty list of tests, and no field"
                )));
            }
            let conds = self.conds(list, table, depth, budget)?;
            return Ok(if t.any.is_some() {
                Cond::Any(conds)
            } else {
                Cond::All(conds)
            });
        }
        if let Some(anchor) = t.active_at {
            if t.field.is_some() || table == self.patients {
                return Err(invalid(format!(
                    "{what}: active_at tests a row's interval and names no field"
                )));
            }
            if self.dictionary.tables[table].until.is_none() {
                return Err(invalid(format!(
                    "{what}: active_at needs a table of intervals (with until = …); {} has none",
                    self.dictionary.tables[table].name
                )));
            }
            return Ok(Cond::ActiveAt(anchor));
        }
        let field = t
            .field
            .as_deref()
            .ok_or_else(|| invalid(format!("{what}: name the field this test applies to")))?;
        let (place, kind, _optional) = self.place(field, table, what)?;
        let wrong = |op: &str| {
            invalid(format!(
                "{what}: {op} cannot be used on field {field}, which is {}",
                kind_name(kind)
            ))
        };
        let value = |l: &Literal| -> Result<Value, Error> {
            match (kind, l) {
                (FieldKind::Boolean, Literal::Boolean(b)) => Ok(Value::Boolean(*b)),
                (FieldKind::Integer { .. }, Literal::Integer(i)) => Ok(Value::Integer(*i)),
                (FieldKind::Choice { values }, Literal::Code(c)) => values
                    .iter()
                    .position(|v| v == c)
                    .map(|i| Value::Choice(i as u16))
                    .ok_or_else(|| {
                        invalid(format!(
                            "{what}: {c:?} is not a value of field {field}; its values are: {}",
                            values.join(", ")
                        ))
                    }),
                _ => Err(invalid(format!(
                    "{what}: field {field} is {}, and cannot be compared with {l}",
                    kind_name(kind)
                ))),
            }
        };
        if let Some(l) = &t.eq {
            return Ok(Cond::Eq(place, value(l)?));
        }
        if let Some(list) = &t.one_of {
            if list.is_empty() {
                return Err(invalid(format!("{what}: in needs at least one value")));
            }
            return Ok(Cond::In(
                place,
                list.iter().map(value).collect::<Result<_, _>>()?,
            ));
        }
        if let Some(p) = t.present {
            return Ok(Cond::Present(place, p));
        }
        if let Some(offset) = t.before {
            if *kind != FieldKind::Date {
                return Err(wrong("before"));
            }
            if offset.days > 7300 {
                return Err(invalid(format!("{what}: before counts at most 7300 days")));
            }
            return Ok(Cond::Before(place, offset.days, offset.of));
        }
        if !matches!(kind, FieldKind::Integer { .. }) {
            return Err(wrong("min and max"));
        }
        Ok(Cond::Range(place, t.min, t.max))
    }
}

fn kind_name(kind: &FieldKind) -> &'static str {
    match kind {
        FieldKind::Key => "an identifier",
        FieldKind::Date => "a date",
        FieldKind::Integer { .. } => "a whole number",
        FieldKind::Boolean => "true or false",
        FieldKind::Choice { .. } => "a choice of codes",
    }
}
