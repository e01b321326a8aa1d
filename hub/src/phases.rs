//! Centre-line phases as learning networks draw them: a lead accepts one of the engine's
//! suggested breaks (or sets a break, or a frozen baseline, by hand) with a note saying why;
//! the decision is stored, audited and drawn as a stepped centre line, and can be undone.
//!
//! The decisions of a measure are one small document in the store's settings, so a backup or
//! a move to another store carries them with everything else. An undone decision stays in the
//! document, marked, so the history is never lost.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tandem_shared::model::{MeasureId, Month};

use crate::Error;
use crate::store::Store;

/// What a decision does to the chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A new centre line from this month on.
    Break,
    /// The first centre line and limits come from the months up to and including this one,
    /// and are extended over the months after it.
    Freeze,
}

impl Kind {
    pub fn parse(s: &str) -> Result<Self, Error> {
        match s {
            "break" => Ok(Self::Break),
            "freeze" => Ok(Self::Freeze),
            other => Err(invalid(format!(
                "{other:?} is no kind of centre-line decision: choose break or freeze"
            ))),
        }
    }
}

/// Who took a decision back, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Undone {
    pub by: String,
    pub at: DateTime<Utc>,
}

/// One decision about a measure's centre line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// 1, 2, … within the measure, never reused.
    pub id: u32,
    pub kind: Kind,
    pub month: Month,
    pub note: String,
    pub by: String,
    pub at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undone: Option<Undone>,
}

/// The longest note a decision keeps.
pub const NOTE_MAX: usize = 500;

fn key(measure: &MeasureId) -> String {
    format!("centre-lines:{measure}")
}

fn invalid(detail: String) -> Error {
    Error::Rule(tandem_shared::Error::Invalid(detail))
}

/// Every decision about a measure's centre line, undone ones too, oldest first.
pub async fn decisions(store: &dyn Store, measure: &MeasureId) -> Result<Vec<Decision>, Error> {
    match store.setting(&key(measure)).await? {
        Some(body) => serde_json::from_str(&body).map_err(|e| {
            Error::Schema(format!(
                "the centre-line decisions of {measure} cannot be read: {e}"
            ))
        }),
        None => Ok(Vec::new()),
    }
}

async fn save(store: &dyn Store, measure: &MeasureId, all: &[Decision]) -> Result<(), Error> {
    let body = serde_json::to_string(all)
        .map_err(|e| Error::Schema(format!("centre-line decisions: {e}")))?;
    store.set_setting(&key(measure), &body).await
}

/// The decisions in force.
pub fn active(all: &[Decision]) -> impl Iterator<Item = &Decision> {
    all.iter().filter(|d| d.undone.is_none())
}

/// What the decisions in force ask of the SPC engine for a series of `months`: the breaks
/// ("a new part after point k") and the frozen baseline ("points 1 to k").
pub fn applied(all: &[Decision], months: &[Month]) -> (Vec<usize>, Option<usize>) {
    let index = |m: Month| months.iter().position(|x| *x == m);
    let mut breaks: Vec<usize> = active(all)
        .filter(|d| d.kind == Kind::Break)
        .filter_map(|d| index(d.month))
        .filter(|&i| i > 0)
        .collect();
    breaks.sort_unstable();
    breaks.dedup();
    let freeze = active(all)
        .filter(|d| d.kind == Kind::Freeze)
        .filter_map(|d| index(d.month))
        .map(|i| i + 1)
        // A baseline must end before the first break.
        .find(|&k| breaks.first().is_none_or(|&b| k <= b));
    (breaks, freeze)
}

/// Record a decision, after checking it makes sense for the measure's `months`.
pub async fn decide(
    store: &dyn Store,
    measure: &MeasureId,
    months: &[Month],
    kind: Kind,
    month: Month,
    note: &str,
    by: &str,
) -> Result<Decision, Error> {
    let note = note.trim();
    if note.is_empty() {
        return Err(invalid(
            "write a note saying why the centre line changes (what changed in the care, or why this baseline)"
                .into(),
        ));
    }
    if note.chars().count() > NOTE_MAX {
        return Err(invalid(format!(
            "the note is {} characters long; keep it to {NOTE_MAX}",
            note.chars().count()
        )));
    }
    let Some(i) = months.iter().position(|m| *m == month) else {
        return Err(invalid(format!(
            "{month} is not a month of this measure's series: choose one between {} and {}",
            months.first().map(ToString::to_string).unwrap_or_default(),
            months.last().map(ToString::to_string).unwrap_or_default()
        )));
    };
    let mut all = decisions(store, measure).await?;
    match kind {
        Kind::Break if i == 0 => {
            return Err(invalid(format!(
                "a new centre line cannot start at {month}, the series' first month: choose a later one"
            )));
        }
        Kind::Break if active(&all).any(|d| d.kind == Kind::Break && d.month == month) => {
            return Err(Error::Conflict(format!(
                "a centre line already starts at {month}"
            )));
        }
        Kind::Freeze if i < 1 => {
            return Err(invalid(
                "a baseline needs at least two months: choose a later month to end it".into(),
            ));
        }
        Kind::Freeze if active(&all).any(|d| d.kind == Kind::Freeze) => {
            return Err(Error::Conflict(
                "the baseline is already frozen: undo that decision first".into(),
            ));
        }
        Kind::Freeze
            if active(&all)
                .filter(|d| d.kind == Kind::Break)
                .any(|d| d.month <= month) =>
        {
            return Err(invalid(format!(
                "a baseline ending in {month} would run past a centre line that starts earlier: \
                 end it before the first break, or undo the break"
            )));
        }
        _ => {}
    }
    let decision = Decision {
        id: all.iter().map(|d| d.id).max().unwrap_or(0) + 1,
        kind,
        month,
        note: note.to_owned(),
        by: by.to_owned(),
        at: Utc::now(),
        undone: None,
    };
    all.push(decision.clone());
    save(store, measure, &all).await?;
    Ok(decision)
}

/// Take decision `id` back.
pub async fn undo(
    store: &dyn Store,
    measure: &MeasureId,
    id: u32,
    by: &str,
) -> Result<Decision, Error> {
    let mut all = decisions(store, measure).await?;
    let Some(d) = all.iter_mut().find(|d| d.id == id) else {
        return Err(Error::NotFound(format!(
            "{measure} has no centre-line decision {id}"
        )));
    };
    if d.undone.is_some() {
        return Err(Error::Conflict(format!("decision {id} was already undone")));
    }
    d.undone = Some(Undone {
        by: by.to_owned(),
        at: Utc::now(),
    });
    let taken = d.clone();
    save(store, measure, &all).await?;
    Ok(taken)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decision(id: u32, kind: Kind, month: &str, undone: bool) -> Decision {
        Decision {
            id,
            kind,
            month: month.parse().unwrap(),
            note: "n".into(),
            by: "lena".into(),
            at: Utc::now(),
            undone: undone.then(|| Undone {
                by: "lena".into(),
                at: Utc::now(),
            }),
        }
    }

    #[test]
    fn decisions_in_force_become_breaks_and_a_baseline() {
        let months: Vec<Month> = "2025-01"
            .parse::<Month>()
            .unwrap()
            .through("2025-12".parse().unwrap())
            .collect();
        let all = [
            decision(1, Kind::Break, "2025-07", false),
            decision(2, Kind::Break, "2025-04", true),
            decision(3, Kind::Freeze, "2025-03", false),
            decision(4, Kind::Break, "2024-01", false),
        ];
        // July is point 7: a new part after point 6. The baseline is points 1 to 3. April was
        // undone; a month outside the series does nothing.
        assert_eq!(applied(&all, &months), (vec![6], Some(3)));
    }
}
