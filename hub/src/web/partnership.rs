//! The partnership page: where patients and families are partners in the network's work, as
//! a Place × Phase heat map (with a table beside it), the Parity scorecard, and the monthly
//! share of cycles with partners involved.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::Response;
use tandem_service::http::Query;
use tandem_shared::model::{Month, Phase, Place};
use tandem_web::csv::{Csv, Field};
use tandem_web::pages::Chrome;
use tandem_web::{Lang, Signed};

use super::{ClinicOption, ClinicQuery};
use crate::Error;
use crate::api;
use crate::partnership::{self, Cell, FACTORS, MIN_CELL, PLACES};
use crate::state::AppState;

const MONTHS: i32 = 36;

pub struct HeatCell {
    /// "62 %" or "–".
    pub share: String,
    /// "31 of 50".
    pub count: String,
    /// For the cell's background: a step from 0 to 4, or "few".
    pub class: String,
    /// The whole cell in words, for a screen reader and a tooltip.
    pub label: String,
}

pub struct HeatRow {
    pub place: String,
    pub cells: Vec<HeatCell>,
}

pub struct ListRow {
    pub place: String,
    pub phase: String,
    pub cycles: u32,
    pub involved: u32,
    pub share: String,
    pub few: bool,
}

pub struct FactorRow {
    pub name: String,
    pub about: String,
    pub count: String,
    pub share: String,
    /// Whole percent, for the bar's width.
    pub width: u32,
}

#[derive(Template, WebTemplate)]
#[template(path = "partnership.html")]
pub struct PartnershipPage {
    chrome: Chrome,
    lang: Lang,
    simulated: bool,
    heading: String,
    lede: String,
    action: &'static str,
    options: Vec<ClinicOption>,
    query: String,
    phases: Vec<String>,
    heat: Vec<HeatRow>,
    list: Vec<ListRow>,
    factors: Vec<FactorRow>,
    team: String,
    chart: String,
    months: Vec<TrendRow>,
    matrix_lede: String,
}

pub struct TrendRow {
    pub month: String,
    pub cycles: u32,
    pub involved: u32,
    pub share: String,
}

/// The run chart's months: up to the latest cycle's start, from the first month with a cycle
/// in the last three years.
fn trend(depths: &[partnership::CycleDepth]) -> Vec<(Month, Cell)> {
    let Some(last) = depths.iter().map(|d| d.start).max() else {
        return Vec::new();
    };
    let from = last.plus(1 - MONTHS).unwrap_or(last);
    partnership::monthly(depths, from, last)
        .into_iter()
        .skip_while(|(_, c)| c.cycles == 0)
        .collect()
}

fn share(lang: Lang, c: &Cell) -> String {
    c.share().map_or_else(|| "–".into(), |s| lang.percent(s, 0))
}

pub async fn partnership_page(
    State(state): State<AppState>,
    Signed(principal): Signed,
    Query(query): Query<ClinicQuery>,
    lang: Lang,
) -> Result<PartnershipPage, Error> {
    let mut r = super::narrowed(&state, &principal, &query, lang).await?;
    let options = std::mem::take(&mut r.options);
    let heading = match r.chosen() {
        Some(c) => lang.t_with(
            "partnership-title-clinic",
            &[("clinic", r.view.name(c, lang).into())],
        ),
        None => lang.t("partnership-title"),
    };
    let depths = partnership::cycle_depths(&r.work.cycles, &r.work.profiles);
    let m = partnership::matrix(&depths);
    let place = |p: Place| lang.t(&format!("partnership-place-{}", p.key()));
    let phase = |p: Phase| lang.t(&format!("partnership-phase-{}", p.key()));
    let heat = PLACES
        .iter()
        .zip(&m)
        .map(|(p, row)| HeatRow {
            place: place(*p),
            cells: Phase::ALL
                .iter()
                .zip(row)
                .map(|(ph, c)| {
                    let count = lang.t_with(
                        "partnership-count",
                        &[("involved", c.involved.into()), ("cycles", c.cycles.into())],
                    );
                    HeatCell {
                        share: share(lang, c),
                        label: lang.t_with(
                            if c.few() {
                                "partnership-cell-few"
                            } else {
                                "partnership-cell"
                            },
                            &[
                                ("place", place(*p).into()),
                                ("phase", phase(*ph).into()),
                                ("share", share(lang, c).into()),
                                ("count", count.clone().into()),
                            ],
                        ),
                        count,
                        class: match c.share() {
                            _ if c.few() => "few".into(),
                            Some(s) => format!("heat-{}", ((s * 4.0).round() as u32).min(4)),
                            None => "few".into(),
                        },
                    }
                })
                .collect(),
        })
        .collect();
    let list = PLACES
        .iter()
        .zip(&m)
        .flat_map(|(p, row)| Phase::ALL.iter().zip(row).map(move |(ph, c)| (*p, *ph, *c)))
        .map(|(p, ph, c)| ListRow {
            place: place(p),
            phase: phase(ph),
            cycles: c.cycles,
            involved: c.involved,
            share: share(lang, &c),
            few: c.few(),
        })
        .collect();
    let card = partnership::scorecard(&r.work.profiles);
    let factors = FACTORS
        .iter()
        .zip(card.factors)
        .map(|(name, yes)| {
            let s = (card.profiles > 0).then(|| f64::from(yes) / f64::from(card.profiles));
            FactorRow {
                name: lang.t(&format!("partnership-factor-{name}")),
                about: lang.t(&format!("partnership-factor-{name}-about")),
                count: lang.t_with(
                    "partnership-profiles-count",
                    &[("yes", yes.into()), ("profiles", card.profiles.into())],
                ),
                share: s.map_or_else(|| "–".into(), |s| lang.percent(s, 0)),
                width: s.map_or(0, |s| (s * 100.0).round() as u32),
            }
        })
        .collect();
    let team = match (card.median_patients, card.median_professionals) {
        (Some(p), Some(q)) => lang.t_with(
            "partnership-team",
            &[
                ("patients", format!("{p}").into()),
                ("professionals", format!("{q}").into()),
            ],
        ),
        _ => String::new(),
    };
    let involved = depths.iter().filter(|d| d.involved()).count();
    let lede = if depths.is_empty() {
        lang.t("partnership-none")
    } else {
        lang.t_with(
            "partnership-lede",
            &[
                ("cycles", depths.len().into()),
                ("involved", involved.into()),
                (
                    "share",
                    lang.percent(involved as f64 / depths.len() as f64, 0)
                        .into(),
                ),
                ("without", (r.work.cycles.len() - depths.len()).into()),
            ],
        )
    };
    let trend = trend(&depths);
    let chart = if trend.is_empty() {
        String::new()
    } else {
        let points: Vec<(Month, Option<f64>)> =
            trend.iter().map(|(m, c)| (*m, c.share())).collect();
        let format = |v: f64| lang.percent(v, 0);
        super::run_chart(
            "partners-involved",
            &lang.t("partnership-chart-title"),
            &points,
            1.0,
            &format,
            lang,
        )
    };
    let months = trend
        .iter()
        .rev()
        .map(|(m, c)| TrendRow {
            month: lang.month(m.year(), m.number()),
            cycles: c.cycles,
            involved: c.involved,
            share: share(lang, c),
        })
        .collect();
    Ok(PartnershipPage {
        chrome: Chrome::new(&state, Some(&principal), lang, "/partnership"),
        lang,
        simulated: api::simulated(&state).await?,
        heading,
        lede,
        action: "/partnership",
        options,
        query: r.query(),
        phases: Phase::ALL.iter().map(|p| phase(*p)).collect(),
        heat,
        list,
        factors,
        team,
        chart,
        months,
        matrix_lede: lang.t_with("partnership-matrix-lede", &[("min", MIN_CELL.into())]),
    })
}

/// The Place × Phase matrix as CSV, a row a cell.
pub async fn matrix_csv(
    State(state): State<AppState>,
    Signed(principal): Signed,
    Query(query): Query<ClinicQuery>,
    lang: Lang,
) -> Result<Response, Error> {
    let r = super::narrowed(&state, &principal, &query, lang).await?;
    let m = partnership::matrix(&partnership::cycle_depths(&r.work.cycles, &r.work.profiles));
    let mut csv = Csv::new(&[
        "place",
        "phase",
        "cycles",
        "involved_or_more",
        "share",
        "too_few_to_compare",
    ]);
    for (p, row) in PLACES.iter().zip(&m) {
        for (ph, c) in Phase::ALL.iter().zip(row) {
            csv.push(vec![
                Field::text(p.key()),
                Field::text(ph.key()),
                Field::number(c.cycles),
                Field::number(c.involved),
                Field::optional(c.share()),
                Field::text(if c.few() { "yes" } else { "no" }),
            ]);
        }
    }
    Ok(csv.download("partnership-matrix.csv"))
}

/// The Parity scorecard as CSV, a row a factor.
pub async fn parity_csv(
    State(state): State<AppState>,
    Signed(principal): Signed,
    Query(query): Query<ClinicQuery>,
    lang: Lang,
) -> Result<Response, Error> {
    let r = super::narrowed(&state, &principal, &query, lang).await?;
    let card = partnership::scorecard(&r.work.profiles);
    let mut csv = Csv::new(&["factor", "profiles_with_it", "profiles", "share"]);
    for (name, yes) in FACTORS.iter().zip(card.factors) {
        csv.push(vec![
            Field::text(*name),
            Field::number(yes),
            Field::number(card.profiles),
            Field::optional((card.profiles > 0).then(|| f64::from(yes) / f64::from(card.profiles))),
        ]);
    }
    Ok(csv.download("partnership-parity.csv"))
}

/// The run chart's months as CSV.
pub async fn months_csv(
    State(state): State<AppState>,
    Signed(principal): Signed,
    Query(query): Query<ClinicQuery>,
    lang: Lang,
) -> Result<Response, Error> {
    let r = super::narrowed(&state, &principal, &query, lang).await?;
    let depths = partnership::cycle_depths(&r.work.cycles, &r.work.profiles);
    let mut csv = Csv::new(&["month", "cycles_started", "involved_or_more", "share"]);
    for (m, c) in trend(&depths) {
        csv.push(vec![
            Field::text(m.to_string()),
            Field::number(c.cycles),
            Field::number(c.involved),
            Field::optional(c.share()),
        ]);
    }
    Ok(csv.download("partnership-months.csv"))
}
