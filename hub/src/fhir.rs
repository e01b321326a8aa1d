//! FHIR R4 exports a registry can read (`application/fhir+json`): the network's measures as
//! `Measure` resources, and a month's figures as `summary` `MeasureReport`s following the Da
//! Vinci DEQM summary conventions (populations `initial-population`, `denominator`,
//! `numerator` with counts, `measureScore` from 0 to 1, `improvementNotation`, `reporter`,
//! `period` from the month's first to its last day).
//!
//! A suppressed count is never a number here: it is left out and marked with the
//! `data-absent-reason` extension (`masked`).

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};
use tandem_service::http::Query;
use tandem_shared::model::{Direction, Measure, MeasureKind, Month};
use tandem_shared::protocol::Problem;
use tandem_web::{Lang, Signed};

use crate::Error;
use crate::access::ClinicView;
use crate::api;
use crate::state::AppState;

const SCORING: &str = "http://terminology.hl7.org/CodeSystem/measure-scoring";
const IMPROVEMENT: &str = "http://terminology.hl7.org/CodeSystem/measure-improvement-notation";
const POPULATION: &str = "http://terminology.hl7.org/CodeSystem/measure-population";
const ABSENT: &str = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

fn coding(system: &str, code: &str) -> Value {
    json!({"coding": [{"system": system, "code": code}]})
}

fn fhir(body: Value) -> Response {
    (
        [(header::CONTENT_TYPE, "application/fhir+json; charset=utf-8")],
        body.to_string(),
    )
        .into_response()
}

fn bad(detail: String) -> Error {
    Error::Request(Box::new(Problem::new(
        400,
        "bad-search",
        "The search cannot be answered",
        detail,
    )))
}

/// A search's answer; FHIR allows no empty array, so no match means no `entry`.
fn searchset(entries: Vec<Value>) -> Value {
    let mut bundle = json!({
        "resourceType": "Bundle",
        "type": "searchset",
        "total": entries.len(),
    });
    if !entries.is_empty() {
        bundle["entry"] = Value::Array(entries);
    }
    bundle
}

/// The canonical URL of a measure: the hub's public address, as registries resolve it.
fn canonical(state: &AppState, measure: &Measure) -> String {
    format!(
        "{}/api/v1/fhir/Measure/{}",
        state.config.public_url(),
        measure.id
    )
}

/// A FHIR `name`: a computer-friendly name starting with a capital ("PatientsInRemission").
fn computable_name(id: &str) -> String {
    let name: String = id
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect();
    if name.starts_with(|c: char| c.is_ascii_uppercase()) {
        name
    } else {
        format!("M{name}")
    }
}

/// The scoring of each kind of measure, and the populations it reports.
fn scoring(kind: &MeasureKind) -> (&'static str, &'static [&'static str]) {
    match kind {
        MeasureKind::Proportion => (
            "proportion",
            &["initial-population", "denominator", "numerator"],
        ),
        MeasureKind::Rate { .. } => ("ratio", &["initial-population", "denominator", "numerator"]),
        MeasureKind::Count => ("cohort", &["initial-population"]),
        MeasureKind::Continuous { .. } => (
            "continuous-variable",
            &["initial-population", "measure-population"],
        ),
    }
}

/// A population's name as a CQL definition would spell it.
fn population_name(code: &str) -> &'static str {
    match code {
        "initial-population" => "Initial Population",
        "denominator" => "Denominator",
        "numerator" => "Numerator",
        _ => "Measure Population",
    }
}

fn improvement(measure: &Measure) -> Value {
    coding(
        IMPROVEMENT,
        match measure.better {
            Direction::HigherIsBetter => "increase",
            Direction::LowerIsBetter => "decrease",
        },
    )
}

/// One network measure as a FHIR `Measure`.
pub fn measure_resource(state: &AppState, measure: &Measure, version: u64) -> Value {
    let (scoring_code, populations) = scoring(&measure.kind);
    let population: Vec<Value> = populations
        .iter()
        .map(|code| {
            // No CQL library is published: the criteria name the population, and the
            // network's own words say what is counted (the measure's `guidance` too).
            json!({
                "code": coding(POPULATION, code),
                "description": measure.definition,
                "criteria": {"language": "text/cql", "expression": population_name(code)},
            })
        })
        .collect();
    json!({
        "resourceType": "Measure",
        "id": measure.id.as_str(),
        "url": canonical(state, measure),
        "version": version.to_string(),
        "name": computable_name(measure.id.as_str()),
        "title": measure.title,
        "status": "active",
        "description": measure.description,
        "guidance": measure.definition,
        "scoring": coding(SCORING, scoring_code),
        "improvementNotation": improvement(measure),
        "group": [{"population": population}],
    })
}

/// `GET /api/v1/fhir/Measure`: every network measure.
#[utoipa::path(
    get,
    path = "/api/v1/fhir/Measure",
    tag = "fhir",
    description = "A FHIR R4 `searchset` Bundle with one Measure per network measure: canonical \
        URL, version (the definitions version), scoring, improvementNotation and populations.",
    responses(
        (status = 200, description = "A FHIR R4 Bundle of Measure resources",
            content_type = "application/fhir+json", body = Object),
        (status = 401, description = "Not signed in", body = crate::openapi::ProblemDetails,
            content_type = "application/problem+json"),
    )
)]
pub async fn measures(State(state): State<AppState>) -> Result<Response, Error> {
    let defs = api::definitions(&state).await?;
    let entries: Vec<Value> = defs
        .measures
        .iter()
        .map(|m| {
            json!({
                "fullUrl": canonical(&state, m),
                "resource": measure_resource(&state, m, defs.version),
                "search": {"mode": "match"},
            })
        })
        .collect();
    Ok(fhir(searchset(entries)))
}

#[derive(Debug, Deserialize)]
pub struct ReportSearch {
    measure: Option<String>,
    period: Option<String>,
    clinic: Option<String>,
}

/// What a report says of one month: the counts, or none where they were suppressed.
struct Figures {
    numerator: Option<u64>,
    denominator: Option<u64>,
    score: Option<f64>,
}

/// A `count` that is a number, or marked as masked.
fn count(into: &mut serde_json::Map<String, Value>, value: Option<u64>) {
    match value {
        Some(v) => {
            into.insert("count".into(), json!(v));
        }
        None => {
            into.insert(
                "_count".into(),
                json!({"extension": [{"url": ABSENT, "valueCode": "masked"}]}),
            );
        }
    }
}

fn report(
    state: &AppState,
    measure: &Measure,
    version: u64,
    month: Month,
    reporter: &str,
    figures: &Figures,
) -> Value {
    let (_, populations) = scoring(&measure.kind);
    let population: Vec<Value> = populations
        .iter()
        .map(|code| {
            let mut p = serde_json::Map::new();
            p.insert("code".into(), coding(POPULATION, code));
            let value = match *code {
                "numerator" => figures.numerator,
                "initial-population" if matches!(measure.kind, MeasureKind::Count) => {
                    figures.numerator
                }
                _ => figures.denominator,
            };
            count(&mut p, value);
            Value::Object(p)
        })
        .collect();
    let score = match figures.score {
        Some(v) => json!({"value": v}),
        None => json!({"extension": [{"url": ABSENT, "valueCode": "masked"}]}),
    };
    json!({
        "resourceType": "MeasureReport",
        "status": "complete",
        "type": "summary",
        "measure": format!("{}|{version}", canonical(state, measure)),
        "date": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "reporter": {"display": reporter},
        "period": {
            "start": month.first_day().to_string(),
            "end": month.last_day().to_string(),
        },
        "improvementNotation": improvement(measure),
        "group": [{"population": population, "measureScore": score}],
    })
}

/// The score a report gives: a proportion (0 to 1), a ratio per exposure, a count or a mean.
fn score(kind: &MeasureKind, value: Option<f64>) -> Option<f64> {
    match kind {
        // The network's rate is per its multiplier; a FHIR ratio is per unit of exposure.
        MeasureKind::Rate { multiplier, .. } => value.map(|v| v / f64::from(*multiplier)),
        _ => value,
    }
}

/// `GET /api/v1/fhir/MeasureReport?measure=ID&period=YYYY-MM[&clinic=ID]`.
#[utoipa::path(
    get,
    path = "/api/v1/fhir/MeasureReport",
    tag = "fhir",
    description = "A FHIR R4 `searchset` Bundle of summary MeasureReports (Da Vinci DEQM \
        conventions) for the network, or one clinic, in one month. A suppressed count is \
        omitted and marked with the data-absent-reason extension (masked).",
    params(
        ("measure" = tandem_shared::model::MeasureId, Query, description = "The measure's id"),
        ("period" = Month, Query, description = "The month, YYYY-MM", example = "2026-10"),
        ("clinic" = Option<tandem_shared::model::ClinicId>, Query, description = "A clinic's id, as this person may name it"),
    ),
    responses(
        (status = 200, description = "A FHIR R4 Bundle of MeasureReport resources",
            content_type = "application/fhir+json", body = Object),
        (status = 400, description = "A missing or malformed parameter",
            body = crate::openapi::ProblemDetails, content_type = "application/problem+json"),
        (status = 404, description = "No such measure or clinic",
            body = crate::openapi::ProblemDetails, content_type = "application/problem+json"),
        (status = 422, description = "Not a measure id or not a clinic id",
            body = crate::openapi::ProblemDetails, content_type = "application/problem+json"),
    )
)]
pub async fn reports(
    State(state): State<AppState>,
    Signed(principal): Signed,
    Query(search): Query<ReportSearch>,
) -> Result<Response, Error> {
    let id = search
        .measure
        .ok_or_else(|| bad("give measure=ID (one of /api/v1/fhir/Measure)".into()))?;
    let period = search
        .period
        .ok_or_else(|| bad("give period=YYYY-MM, the month to report".into()))?;
    let month: Month = period.parse().map_err(|_| {
        bad(format!(
            "period={period:?} is not a month: write it as YYYY-MM"
        ))
    })?;
    let defs = api::definitions(&state).await?;
    let measure = api::find_measure(&defs, &id)?;
    // Who reports, and what they reported that month (none: an empty search set).
    let found: Option<(String, Figures)> = match search.clinic {
        None => {
            let series = api::series(&state, measure.clone(), &defs.policy).await?;
            series.points.iter().find(|p| p.month == month).map(|p| {
                let released = p.value.is_some();
                (
                    series_name(&state, &defs),
                    Figures {
                        numerator: released.then_some(p.numerator),
                        denominator: released.then_some(p.denominator),
                        score: score(&measure.kind, p.value),
                    },
                )
            })
        }
        Some(clinic) => {
            let clinics = state.store.clinics().await?;
            let view = ClinicView::new(&principal.user, state.config.clinic_names, &clinics);
            let found = view
                .find(&clinic, &clinics)
                .ok_or_else(|| Error::NotFound(format!("there is no clinic with id {clinic}")))?;
            let values = state.store.clinic_series(&found.id, &measure.id).await?;
            crate::rollup::clinic_points(&measure, &values)
                .into_iter()
                .find(|p| p.month == month)
                .map(|p| {
                    (
                        view.name(found, Lang::En),
                        Figures {
                            numerator: p.numerator.filter(|_| !p.suppressed),
                            denominator: p.denominator.filter(|_| !p.suppressed),
                            score: score(&measure.kind, p.value),
                        },
                    )
                })
        }
    };
    let entries: Vec<Value> = found
        .map(|(reporter, figures)| {
            report(&state, &measure, defs.version, month, &reporter, &figures)
        })
        .into_iter()
        .map(|r| json!({"resource": r, "search": {"mode": "match"}}))
        .collect();
    Ok(fhir(searchset(entries)))
}

fn series_name(state: &AppState, defs: &tandem_shared::protocol::Definitions) -> String {
    if defs.network.is_empty() {
        state.config.network_name.clone()
    } else {
        defs.network.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_computer_friendly() {
        assert_eq!(computable_name("remission"), "Remission");
        assert_eq!(
            computable_name("steroid-free_remission"),
            "SteroidFreeRemission"
        );
        assert_eq!(computable_name("3-visits"), "M3Visits");
    }
}
