//! One clinic as the network leads read it: each measure's series with the network's centre
//! line beside it, which months it reported, and the PDSA cycles and practices it shared.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::Response;
use serde_json::Value;
use tandem_service::http::Path;
use tandem_shared::model::{Measure, Month};
use tandem_shared::privacy::DisclosurePolicy;
use tandem_web::csv::{Csv, Field};
use tandem_web::pages::Chrome;
use tandem_web::series::{self, MeasureView, SeriesPoint, Wording};
use tandem_web::{Lang, Principal, Signed};

use super::measures::series_points;
use crate::Error;
use crate::access::ClinicView;
use crate::api;
use crate::rollup::{ClinicPoint, NetworkSeries};
use crate::state::AppState;
use crate::store::Clinic;

/// A month of one measure at the clinic, for the completeness table.
pub struct Cell {
    pub text: String,
    /// "reported", "suppressed" or "missing", for the cell's style.
    pub class: &'static str,
}

pub struct CompletenessRow {
    pub month: String,
    pub cells: Vec<Cell>,
}

pub struct CycleRow {
    pub change: String,
    pub months: String,
    pub state: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "clinic.html")]
pub struct ClinicPage {
    chrome: Chrome,
    lang: Lang,
    /// The clinic's id in links (its pseudonym for a member of another clinic).
    id: String,
    name: String,
    summary: String,
    measures: Vec<MeasureView>,
    measure_titles: Vec<String>,
    completeness: Vec<CompletenessRow>,
    cycles: Vec<CycleRow>,
    practices: Vec<String>,
}

/// The clinic a path names (its id, or its pseudonym for this person), and how this person
/// sees clinics.
async fn lookup(
    state: &AppState,
    principal: &Principal,
    id: &str,
) -> Result<(ClinicView, Clinic), Error> {
    let clinics = state.store.clinics().await?;
    let view = ClinicView::new(&principal.user, state.config.clinic_names, &clinics);
    let clinic = view
        .find(id, &clinics)
        .cloned()
        .ok_or_else(|| Error::NotFound(format!("there is no clinic with id {id}")))?;
    Ok((view, clinic))
}

/// Each measure with the network's series and the clinic's own points.
async fn gather<'a>(
    state: &AppState,
    clinic: &Clinic,
    measures: &'a [Measure],
    policy: &DisclosurePolicy,
) -> Result<Vec<(&'a Measure, Arc<NetworkSeries>, Vec<ClinicPoint>)>, Error> {
    let mut all = Vec::with_capacity(measures.len());
    for m in measures {
        let network = api::series(state, m.clone(), policy).await?;
        let values = state.store.clinic_series(&clinic.id, &m.id).await?;
        all.push((m, network, crate::rollup::clinic_points(m, &values)));
    }
    Ok(all)
}

pub async fn clinic_page(
    State(state): State<AppState>,
    Signed(principal): Signed,
    Path(id): Path<String>,
    lang: Lang,
) -> Result<ClinicPage, Error> {
    let (view, clinic) = lookup(&state, &principal, &id).await?;
    let clinic = &clinic;
    let name = view.name(clinic, lang);
    let defs = api::definitions(&state).await?;
    let month_name = |m: Month| lang.month(m.year(), m.number());
    let mut measures = Vec::new();
    let mut titles = Vec::new();
    // Month → one cell per measure.
    let mut grid: std::collections::BTreeMap<Month, Vec<Option<bool>>> = Default::default();
    let count = defs.measures.len();
    let (mut reported, mut suppressed) = (0usize, 0usize);
    for (k, (m, network, points)) in gather(&state, clinic, &defs.measures, &defs.policy)
        .await?
        .iter()
        .enumerate()
    {
        for month in network.points.iter().map(|p| p.month) {
            grid.entry(month).or_insert_with(|| vec![None; count]);
        }
        for p in points {
            grid.entry(p.month).or_insert_with(|| vec![None; count])[k] = Some(p.suppressed);
            if p.suppressed {
                suppressed += 1;
            } else {
                reported += 1;
            }
        }
        let own: Vec<SeriesPoint> = points
            .iter()
            .map(|p| SeriesPoint {
                month: p.month,
                numerator: p.numerator.unwrap_or(0),
                denominator: p.denominator.unwrap_or(0),
                value: p.value,
            })
            .collect();
        let wording = Wording {
            description_key: "clinic-chart-description",
            caption_key: "clinic-table-caption",
        };
        let mut v = series::measure_view_beside(m, &own, &series_points(network), wording, lang);
        v.id = format!("{}-{}", m.id, k);
        titles.push(m.text_in(lang.code()).0.to_owned());
        measures.push(v);
    }
    let expected = grid.len() * count;
    let completeness = grid
        .iter()
        .rev()
        .map(|(month, cells)| CompletenessRow {
            month: month_name(*month),
            cells: cells
                .iter()
                .map(|c| match c {
                    Some(false) => Cell {
                        text: lang.t("clinic-reported"),
                        class: "reported",
                    },
                    Some(true) => Cell {
                        text: lang.t("clinic-suppressed"),
                        class: "suppressed",
                    },
                    None => Cell {
                        text: lang.t("clinic-missing"),
                        class: "missing",
                    },
                })
                .collect(),
        })
        .collect();
    let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).unwrap_or("").to_owned();
    let mut cycles: Vec<(String, CycleRow)> = state
        .store
        .records("cycle", Some(&clinic.id))
        .await?
        .iter()
        .filter_map(|(_, body)| serde_json::from_str::<Value>(body).ok())
        .map(|c| {
            let start = text(&c, "start");
            let end = text(&c, "end");
            let when = |s: &str| s.parse::<Month>().map(&month_name).unwrap_or_default();
            let months = if end.is_empty() {
                lang.t_with("clinic-cycle-since", &[("start", when(&start).into())])
            } else {
                lang.t_with(
                    "clinic-cycle-from-to",
                    &[("start", when(&start).into()), ("end", when(&end).into())],
                )
            };
            let decision = c
                .get("act")
                .and_then(|a| a.get("decision"))
                .and_then(Value::as_str)
                .map(str::to_owned);
            let state = match decision {
                Some(d) => lang.t(&format!("clinic-decision-{d}")),
                None => lang.t(&format!("clinic-status-{}", text(&c, "status"))),
            };
            (
                start,
                CycleRow {
                    change: text(&c, "change_idea"),
                    months,
                    state,
                },
            )
        })
        .collect();
    cycles.sort_by(|a, b| b.0.cmp(&a.0));
    let practices: Vec<String> = state
        .store
        .records("practice", Some(&clinic.id))
        .await?
        .iter()
        .filter_map(|(_, body)| serde_json::from_str::<Value>(body).ok())
        .map(|p| text(&p, "title"))
        .collect();
    let share = if expected == 0 {
        0.0
    } else {
        reported as f64 / expected as f64
    };
    let summary = lang.t_with(
        "clinic-summary",
        &[
            ("reported", reported.into()),
            ("suppressed", suppressed.into()),
            ("expected", expected.into()),
            (
                "missing",
                expected.saturating_sub(reported + suppressed).into(),
            ),
            ("share", lang.percent(share, 0).into()),
        ],
    );
    Ok(ClinicPage {
        chrome: Chrome::new(&state, Some(&principal), lang, "/"),
        lang,
        id: view.id(clinic),
        name,
        summary,
        measures,
        measure_titles: titles,
        completeness,
        cycles: cycles.into_iter().map(|(_, c)| c).collect(),
        practices,
    })
}

/// Every month of every measure at the clinic, with the network's value beside it, as CSV: the
/// page's charts and its completeness table in one file.
pub async fn months_csv(
    State(state): State<AppState>,
    Signed(principal): Signed,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let (view, clinic) = lookup(&state, &principal, &id).await?;
    let defs = api::definitions(&state).await?;
    let mut csv = Csv::new(&[
        "clinic",
        "measure",
        "month",
        "status",
        "numerator",
        "denominator",
        "value",
        "network_value",
    ]);
    let all = gather(&state, &clinic, &defs.measures, &defs.policy).await?;
    // The page's months: every month the network or the clinic has, for every measure.
    let months: BTreeSet<Month> = all
        .iter()
        .flat_map(|(_, network, own)| {
            network
                .points
                .iter()
                .map(|p| p.month)
                .chain(own.iter().map(|p| p.month))
        })
        .collect();
    for (m, network, own) in &all {
        let own: BTreeMap<Month, &ClinicPoint> = own.iter().map(|p| (p.month, p)).collect();
        let network: BTreeMap<Month, Option<f64>> =
            network.points.iter().map(|p| (p.month, p.value)).collect();
        for month in &months {
            let p = own.get(month);
            let shown = p.filter(|p| !p.suppressed);
            csv.push(vec![
                Field::text(view.id(&clinic)),
                Field::text(m.id.to_string()),
                Field::text(month.to_string()),
                Field::text(match p {
                    Some(p) if p.suppressed => "suppressed",
                    Some(_) => "reported",
                    None => "missing",
                }),
                Field::optional(shown.and_then(|p| p.numerator)),
                Field::optional(shown.and_then(|p| p.denominator)),
                Field::optional(shown.and_then(|p| p.value)),
                Field::optional(network.get(month).copied().flatten()),
            ]);
        }
    }
    Ok(csv.download(&format!("{}-months.csv", view.id(&clinic))))
}
