//! A measure as the network leads read it: the network's control chart (Laney's p′ or u′ by
//! default where the months are over-dispersed, with the plain chart a link away), the
//! clinics' series as small multiples on one scale, a funnel plot of the latest month, and the
//! data behind each as a table and a CSV download.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tandem_service::http::Path;
use tandem_service::http::Query;
use tandem_shared::model::{Measure, MeasureKind, Month};
use tandem_shared::protocol::Problem;
use tandem_shared::spc::{self, Chart, FunnelMethod, FunnelOptions, Request};
use tandem_web::chart::{FunnelChart, FunnelUnit, LineChart};
use tandem_web::csv::{Csv, Field};
use tandem_web::pages::Chrome;
use tandem_web::series::{self, ChartOptions, MeasureView, SeriesPoint, Wording};
use tandem_web::{Lang, Signed};

use crate::Error;
use crate::access::ClinicView;
use crate::access::{ADMIN, LEAD};
use crate::api;
use crate::phases;
use crate::rollup::{ClinicPoint, NetworkSeries};
use crate::state::AppState;
use crate::store::Clinic;

/// The network's months as the shared series code reads them.
pub fn series_points(series: &NetworkSeries) -> Vec<SeriesPoint> {
    series
        .points
        .iter()
        .map(|p| SeriesPoint {
            month: p.month,
            numerator: p.numerator,
            denominator: p.denominator,
            value: p.value,
        })
        .collect()
}

/// The chart options of a measure's network series: its centre-line decisions applied, and
/// the plain chart when asked.
pub async fn chart_options(
    state: &AppState,
    series: &NetworkSeries,
    plain: bool,
) -> Result<(ChartOptions, Vec<phases::Decision>), Error> {
    let decisions = phases::decisions(state.store.as_ref(), &series.measure.id).await?;
    let months: Vec<Month> = series.points.iter().map(|p| p.month).collect();
    let (breaks, freeze) = phases::applied(&decisions, &months);
    Ok((
        ChartOptions {
            plain,
            breaks,
            freeze,
        },
        decisions,
    ))
}

/// The network chart's view, with the columns only the hub has.
pub fn network_view(series: &NetworkSeries, lang: Lang, options: &ChartOptions) -> MeasureView {
    let wording = Wording {
        description_key: "network-chart-description",
        caption_key: if series.simulated {
            "network-table-caption-simulated"
        } else {
            "network-table-caption"
        },
    };
    let points = series_points(series);
    let mut view = series::measure_view_as(&series.measure, &points, &[], wording, lang, options);
    view.extra_headings = vec![
        lang.t("network-col-contributing"),
        lang.t("network-col-suppressed"),
    ];
    for (row, p) in view.rows.iter_mut().zip(&series.points) {
        row.extra = vec![
            lang.number(p.clinics_contributing),
            lang.number(p.clinics_suppressed),
        ];
    }
    view
}

/// The network's PDSA cycles completed and practices adopted, month by month, under the chart
/// and in its table: what the teams did beside what the measure did.
async fn annotate(
    state: &AppState,
    view: &mut MeasureView,
    series: &NetworkSeries,
    lang: Lang,
) -> Result<(), Error> {
    let months: Vec<Month> = series.points.iter().map(|p| p.month).collect();
    let key = format!("annotations:{}", series.measure.id);
    let counts = state
        .cache
        .get(&*state.store, &key, || async {
            let work = crate::records::Work::read(&*state.store, None).await?;
            Ok(crate::activity::annotations(
                &work,
                &series.measure.id,
                &months,
            ))
        })
        .await?;
    let (completed, adopted) = (&counts.0, &counts.1);
    let total = |v: &[u32]| v.iter().sum::<u32>();
    if total(completed) == 0 {
        return Ok(());
    }
    let rows = [
        (lang.t("measure-annotation-cycles"), completed.clone()),
        (lang.t("measure-annotation-adopted"), adopted.clone()),
    ];
    let description = lang.t_with(
        "measure-annotation-description",
        &[
            ("cycles", total(completed).into()),
            ("adopted", total(adopted).into()),
        ],
    );
    let id = format!("{}-events", series.measure.id);
    view.chart.push_str(
        &tandem_web::chart::Annotations {
            id: &id,
            description: &description,
            months: &months,
            rows: &rows,
        }
        .svg(),
    );
    view.extra_headings
        .extend(rows.iter().map(|(label, _)| label.clone()));
    for (i, row) in view.rows.iter_mut().enumerate() {
        row.extra.push(lang.number(u64::from(completed[i])));
        row.extra.push(lang.number(u64::from(adopted[i])));
    }
    Ok(())
}

/// Which chart the page shows: `?chart=plain` for the chart without Laney's adjustment.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartQuery {
    chart: Option<String>,
    overdispersion: Option<String>,
    /// The page of small multiples, from 1.
    page: Option<usize>,
}

/// The small multiples' pages: (link, label, current), keeping the page's other choices.
fn pager(
    query: &ChartQuery,
    page: usize,
    pages: usize,
    total: usize,
    lang: Lang,
) -> Vec<(String, String, bool)> {
    if pages < 2 {
        return Vec::new();
    }
    // Both were checked against their few allowed values before the page was drawn.
    let mut keep = String::new();
    for (k, v) in [
        ("chart", &query.chart),
        ("overdispersion", &query.overdispersion),
    ] {
        if let Some(v) = v {
            keep.push_str(&format!("&{k}={v}"));
        }
    }
    let shown = |p: usize| -> Vec<usize> {
        // The first, the last, and two either side of the current.
        (1..=pages)
            .filter(|&k| k == 1 || k == pages || k.abs_diff(p) <= 2)
            .collect()
    };
    shown(page)
        .into_iter()
        .map(|k| {
            let from = (k - 1) * PER_PAGE + 1;
            let to = (k * PER_PAGE).min(total);
            (
                format!("?page={k}{keep}#clinics-heading"),
                lang.t_with("measure-page", &[("from", from.into()), ("to", to.into())]),
                k == page,
            )
        })
        .collect()
}

impl ChartQuery {
    fn plain(&self) -> Result<bool, Error> {
        flag(self.chart.as_deref(), "chart", "plain", "default")
    }

    fn overdispersion(&self) -> Result<bool, Error> {
        flag(
            self.overdispersion.as_deref(),
            "overdispersion",
            "on",
            "off",
        )
    }
}

fn flag(given: Option<&str>, name: &str, yes: &str, no: &str) -> Result<bool, Error> {
    match given {
        None => Ok(false),
        Some(v) if v == yes => Ok(true),
        Some(v) if v == no => Ok(false),
        Some(v) => Err(Error::Request(Box::new(Problem::new(
            400,
            "bad-query",
            "Unknown choice",
            format!("{name}={v:?} is not a choice here: use {name}={yes} or {name}={no}"),
        )))),
    }
}

/// One clinic's series, aligned to the network's months.
struct ClinicSeries {
    /// The id this person uses for the clinic.
    id: String,
    name: String,
    points: Vec<Option<ClinicPoint>>,
}

/// Clinics on one page of small multiples.
pub const PER_PAGE: usize = 60;

/// The enrolled clinics in the order the page lists them, in the names this person may read:
/// their own clinic first, then by name.
fn listed<'a>(
    view: &ClinicView,
    clinics: &'a [Clinic],
    lang: Lang,
) -> Vec<(&'a Clinic, String, String)> {
    let mut out: Vec<(bool, &Clinic, String, String)> = clinics
        .iter()
        .filter(|c| c.revoked_at.is_none())
        .map(|c| (view.own() != Some(&c.id), c, view.id(c), view.name(c, lang)))
        .collect();
    out.sort_by(|a, b| (a.0, &a.3).cmp(&(b.0, &b.3)));
    out.into_iter()
        .map(|(_, c, id, name)| (c, id, name))
        .collect()
}

/// These clinics' series of a measure, aligned to `months`, in one read (`all`: every
/// clinic's, without naming them in the query).
async fn clinic_series(
    state: &AppState,
    clinics: &[(&Clinic, String, String)],
    all: bool,
    measure: &Measure,
    months: &[Month],
) -> Result<Vec<ClinicSeries>, Error> {
    let (Some(first), Some(last)) = (months.first(), months.last()) else {
        return Ok(Vec::new());
    };
    let ids: Vec<tandem_shared::model::ClinicId> = clinics.iter().map(|c| c.0.id.clone()).collect();
    let mut values = state
        .store
        .measure_values(&measure.id, (!all).then_some(ids.as_slice()), *first, *last)
        .await?;
    values.sort_by(|a, b| (&a.clinic, a.month).cmp(&(&b.clinic, b.month)));
    let mut by_clinic: std::collections::HashMap<_, Vec<_>> = std::collections::HashMap::new();
    for v in values {
        by_clinic
            .entry(v.clinic.clone())
            .or_insert_with(Vec::new)
            .push(v);
    }
    Ok(clinics
        .iter()
        .map(|(clinic, id, name)| {
            let values = by_clinic.remove(&clinic.id).unwrap_or_default();
            let by_month: std::collections::HashMap<Month, ClinicPoint> =
                crate::rollup::clinic_points(measure, &values)
                    .into_iter()
                    .map(|p| (p.month, p))
                    .collect();
            ClinicSeries {
                id: id.clone(),
                name: name.clone(),
                points: months.iter().map(|m| by_month.get(m).cloned()).collect(),
            }
        })
        .collect())
}

/// A clinic's chart among the small multiples.
#[derive(Clone)]
pub struct Multiple {
    pub id: String,
    pub name: String,
    pub chart: String,
}

/// The funnel of the latest month, with its table.
#[derive(Clone)]
pub struct Funnel {
    /// The table's caption.
    pub table: String,
    pub chart: String,
    pub rows: Vec<FunnelRow>,
    pub note: String,
    pub overdispersion: bool,
}

#[derive(Clone)]
pub struct FunnelRow {
    pub clinic: String,
    pub numerator: String,
    pub denominator: String,
    pub value: String,
    pub z: String,
    pub position: String,
}

#[derive(Clone, Template, WebTemplate)]
#[template(path = "measure.html")]
pub struct MeasurePage {
    chrome: Chrome,
    lang: Lang,
    m: MeasureView,
    simulated: bool,
    multiples: Vec<Multiple>,
    multiples_note: String,
    /// Links to the other pages of small multiples, when there are more than one.
    pager: Vec<(String, String, bool)>,
    funnel: Option<Funnel>,
    funnel_absent: String,
    may_decide: bool,
    decided: Vec<DecisionRow>,
    /// The engine's suggested breaks: (month as written in forms, the offer in words).
    suggestions: Vec<(String, String)>,
    month_choices: Vec<(String, String)>,
}

/// A centre-line decision as the page lists it.
#[derive(Clone)]
pub struct DecisionRow {
    pub id: u32,
    pub what: String,
    pub note: String,
    pub by: String,
    pub undone: Option<String>,
}

/// Everything the page and its downloads read.
struct Loaded {
    series: std::sync::Arc<NetworkSeries>,
    /// The clinics shown: one page of them, or all for a download.
    clinics: Vec<ClinicSeries>,
    months: Vec<Month>,
    /// The funnel of the latest month at least two clinics released, computed once per
    /// generation with the clinics' ids as labels, or why there is none.
    funnel: Result<std::sync::Arc<FunnelData>, NoFunnel>,
    /// The name this person reads for each enrolled clinic.
    names: std::collections::HashMap<tandem_shared::model::ClinicId, String>,
    /// Clinics enrolled, and the page shown (from 1) of how many.
    total: usize,
    page: usize,
    pages: usize,
}

/// What to read: one page of clinics (from 1), every clinic, or none but the funnel's.
#[derive(Clone, Copy)]
enum Clinics {
    Page(usize),
    All,
    None,
}

async fn load(
    state: &AppState,
    principal: &tandem_web::Principal,
    id: &str,
    lang: Lang,
    which: Clinics,
    overdispersion: bool,
) -> Result<Loaded, Error> {
    let defs = api::definitions(state).await?;
    let measure = api::find_measure(&defs, id)?;
    let series = api::series(state, measure, &defs.policy).await?;
    let months: Vec<Month> = series.points.iter().map(|p| p.month).collect();
    let all = state.store.clinics().await?;
    let view = ClinicView::new(&principal.user, state.config.clinic_names, &all);
    let listed = listed(&view, &all, lang);
    let total = listed.len();
    let pages = total.div_ceil(PER_PAGE).max(1);
    let (page, shown): (usize, &[_]) = match which {
        Clinics::All => (1, &listed),
        Clinics::None => (1, &[]),
        Clinics::Page(p) => {
            let p = p.clamp(1, pages);
            let from = (p - 1) * PER_PAGE;
            (p, &listed[from.min(total)..(from + PER_PAGE).min(total)])
        }
    };
    let clinics = clinic_series(
        state,
        shown,
        matches!(which, Clinics::All),
        &series.measure,
        &months,
    )
    .await?;
    let funnel = funnel_data(state, &series, overdispersion).await?;
    let names = listed
        .iter()
        .map(|(c, _, name)| (c.id.clone(), name.clone()))
        .collect();
    Ok(Loaded {
        series,
        clinics,
        months,
        funnel,
        names,
        total,
        page,
        pages,
    })
}

pub async fn measure_page(
    State(state): State<AppState>,
    Signed(principal): Signed,
    Path(id): Path<String>,
    Query(query): Query<ChartQuery>,
    lang: Lang,
) -> Result<MeasurePage, Error> {
    let (plain, overdispersion) = (query.plain()?, query.overdispersion()?);
    // Everything but the frame is the same for everyone who sees the clinics alike: drawn
    // once per generation.
    let viewer = match principal.user.clinic.as_deref() {
        Some(c) if principal.user.role == crate::access::MEMBER => format!("member:{c}"),
        _ => "named".to_owned(),
    };
    let key = format!(
        "measure-page:{id}:{}:{plain}:{overdispersion}:{}:{viewer}",
        lang.code(),
        query.page.unwrap_or(1)
    );
    let drawn = state
        .cache
        .get(&*state.store, &key, || {
            draw_measure_page(&state, &principal, &id, &query, lang)
        })
        .await?;
    let mut page = (*drawn).clone();
    page.chrome = Chrome::new(&state, Some(&principal), lang, "/");
    page.may_decide = matches!(principal.user.role.as_str(), ADMIN | LEAD);
    Ok(page)
}

async fn draw_measure_page(
    state: &AppState,
    principal: &tandem_web::Principal,
    id: &str,
    query: &ChartQuery,
    lang: Lang,
) -> Result<MeasurePage, Error> {
    let (plain, overdispersion) = (query.plain()?, query.overdispersion()?);
    let Loaded {
        series,
        clinics,
        months,
        funnel: funnel_rows,
        names,
        total,
        page,
        pages,
    } = load(
        state,
        principal,
        id,
        lang,
        Clinics::Page(query.page.unwrap_or(1)),
        overdispersion,
    )
    .await?;
    let (options, decisions) = chart_options(state, &series, plain).await?;
    let mut m = network_view(&series, lang, &options);
    annotate(state, &mut m, &series, lang).await?;
    let may_decide = matches!(principal.user.role.as_str(), ADMIN | LEAD);
    let month_name = |m: Month| lang.month(m.year(), m.number());
    let decided: Vec<DecisionRow> = decisions
        .iter()
        .rev()
        .map(|d| DecisionRow {
            id: d.id,
            what: lang.t_with(
                match d.kind {
                    phases::Kind::Break => "phase-break",
                    phases::Kind::Freeze => "phase-freeze",
                },
                &[("month", month_name(d.month).into())],
            ),
            note: d.note.clone(),
            by: lang.t_with(
                "phase-by",
                &[
                    ("who", d.by.clone().into()),
                    ("when", d.at.format("%Y-%m-%d").to_string().into()),
                ],
            ),
            undone: d.undone.as_ref().map(|u| {
                lang.t_with(
                    "phase-undone",
                    &[
                        ("who", u.by.clone().into()),
                        ("when", u.at.format("%Y-%m-%d").to_string().into()),
                    ],
                )
            }),
        })
        .collect();
    let suggestions: Vec<(String, String)> = m
        .suggested
        .iter()
        .map(|m| {
            (
                m.to_string(),
                lang.t_with("phase-suggested", &[("month", month_name(*m).into())]),
            )
        })
        .collect();
    let month_choices: Vec<(String, String)> = months
        .iter()
        .map(|m| (m.to_string(), month_name(*m)))
        .collect();
    let measure = &series.measure;

    // One scale for every clinic: the largest value any of them, or the network, shows.
    let every: Vec<SeriesPoint> = clinics
        .iter()
        .flat_map(|c| c.points.iter().flatten())
        .map(|p| SeriesPoint {
            month: p.month,
            numerator: p.numerator.unwrap_or(0),
            denominator: p.denominator.unwrap_or(0),
            value: p.value,
        })
        .chain(series_points(&series))
        .collect();
    let (format, y_max, _) = series::scale(measure, &every, 0.0, lang);
    let (title, _, _) = measure.text_in(lang.code());
    let multiples = clinics
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let points: Vec<(Month, Option<f64>)> = months
                .iter()
                .zip(&c.points)
                .map(|(m, p)| (*m, p.as_ref().and_then(|p| p.value)))
                .collect();
            let suppressed: Vec<bool> = c
                .points
                .iter()
                .map(|p| p.as_ref().is_some_and(|p| p.suppressed))
                .collect();
            let reported = points.iter().filter(|(_, v)| v.is_some()).count();
            let withheld = suppressed.iter().filter(|s| **s).count();
            let description = lang.t_with(
                "measure-multiple-description",
                &[
                    ("clinic", c.name.clone().into()),
                    ("title", title.to_owned().into()),
                    ("reported", reported.into()),
                    ("suppressed", withheld.into()),
                    ("months", months.len().into()),
                ],
            );
            let id = format!("clinic-{}", i + 1);
            Multiple {
                id: c.id.clone(),
                name: c.name.clone(),
                chart: LineChart {
                    id: &id,
                    title: &c.name,
                    description: &description,
                    points: &points,
                    y_max,
                    format: &*format,
                    lang,
                    goal: measure.goal,
                    control: None,
                    network: None,
                    suppressed: &suppressed,
                }
                .svg(),
            }
        })
        .collect();
    let (funnel, funnel_absent) = match funnel(measure, &funnel_rows, &names, lang, overdispersion)
    {
        Ok(f) => (Some(f), String::new()),
        Err(why) => (None, why),
    };
    Ok(MeasurePage {
        chrome: Chrome::new(state, Some(principal), lang, "/"),
        lang,
        m,
        simulated: series.simulated,
        multiples,
        multiples_note: lang.t_with("measure-multiples-note", &[("count", total.into())]),
        pager: pager(query, page, pages, total, lang),
        funnel,
        funnel_absent,
        may_decide,
        decided,
        suggestions,
        month_choices,
    })
}

#[derive(Debug, Deserialize)]
pub struct DecisionForm {
    kind: String,
    month: String,
    #[serde(default)]
    note: String,
}

/// `POST /measures/{id}/centre-lines`: accept a suggested break, or set one or a baseline.
pub async fn decide(
    State(state): State<AppState>,
    Signed(principal): Signed,
    Path(id): Path<String>,
    Form(form): Form<DecisionForm>,
) -> Result<Response, Error> {
    let defs = api::definitions(&state).await?;
    let measure = api::find_measure(&defs, &id)?;
    let series = api::series(&state, measure, &defs.policy).await?;
    let months: Vec<Month> = series.points.iter().map(|p| p.month).collect();
    let kind = phases::Kind::parse(&form.kind)?;
    let month: Month = form.month.trim().parse().map_err(|_| {
        Error::Rule(tandem_shared::Error::Invalid(format!(
            "{:?} is not a month: write it as YYYY-MM",
            form.month
        )))
    })?;
    let _one_at_a_time = state.decisions.lock().await;
    let d = phases::decide(
        state.store.as_ref(),
        &series.measure.id,
        &months,
        kind,
        month,
        &form.note,
        &principal.user.login,
    )
    .await?;
    tandem_web::people::audit(
        &state.web,
        &principal.user.login,
        "centre-line-decided",
        series.measure.id.as_str(),
        &format!("{} {}: {}", form.kind, d.month, d.note),
    )
    .await;
    Ok(Redirect::to(&format!("/measures/{id}#centre-lines")).into_response())
}

/// `POST /measures/{id}/centre-lines/{n}/undo`.
pub async fn undo(
    State(state): State<AppState>,
    Signed(principal): Signed,
    Path((id, n)): Path<(String, u32)>,
) -> Result<Response, Error> {
    let measure = api::find_measure(&api::definitions(&state).await?, &id)?;
    let _one_at_a_time = state.decisions.lock().await;
    let d = phases::undo(state.store.as_ref(), &measure.id, n, &principal.user.login).await?;
    tandem_web::people::audit(
        &state.web,
        &principal.user.login,
        "centre-line-undone",
        measure.id.as_str(),
        &format!("decision {} ({:?} {})", d.id, d.kind, d.month),
    )
    .await;
    Ok(Redirect::to(&format!("/measures/{id}#centre-lines")).into_response())
}

/// The funnel's clinics in its month (by id, with numerator and denominator), and the engine's
/// answer for them, in the same order.
pub struct FunnelData {
    month: Month,
    shown: Vec<(tandem_shared::model::ClinicId, u64, u64)>,
    r: spc::Response,
}

/// Why a measure has no funnel plot.
#[derive(Clone)]
enum NoFunnel {
    ProportionsOnly,
    TooFew,
    Engine(String),
}

/// The funnel of the latest month two clinics or more released: every clinic's value in it,
/// read and analysed once per generation.
async fn funnel_data(
    state: &AppState,
    series: &NetworkSeries,
    overdispersion: bool,
) -> Result<Result<std::sync::Arc<FunnelData>, NoFunnel>, Error> {
    if !matches!(series.measure.kind, MeasureKind::Proportion) {
        return Ok(Err(NoFunnel::ProportionsOnly));
    }
    let latest = series
        .points
        .iter()
        .rev()
        .find(|p| p.clinics_contributing >= 2 && p.value.is_some())
        .map(|p| p.month);
    let Some(month) = latest else {
        return Ok(Err(NoFunnel::TooFew));
    };
    let key = format!("funnel:{}:{month}:{overdispersion}", series.measure.id);
    let measure = &series.measure;
    let analysed = state
        .cache
        .get(&*state.store, &key, || async {
            let values = state
                .store
                .measure_values(&measure.id, None, month, month)
                .await?;
            let mut shown: Vec<_> = values
                .into_iter()
                .filter_map(|v| match (v.suppressed, v.numerator, v.denominator) {
                    (false, Some(n), Some(d)) if d > 0 => Some((v.clinic, n, d)),
                    _ => None,
                })
                .collect();
            shown.sort_by(|a, b| a.0.cmp(&b.0));
            if shown.len() < 2 {
                return Ok(Err(NoFunnel::TooFew));
            }
            let mut request = Request::counts(
                Chart::Funnel,
                shown.iter().map(|s| s.1 as f64).collect(),
                shown.iter().map(|s| s.2 as f64).collect(),
            );
            request.funnel = Some(FunnelOptions {
                method: Some(FunnelMethod::Exact),
                overdispersion: Some(overdispersion),
                target: None,
            });
            Ok(match spc::analyse(&request) {
                Ok(r) => Ok(std::sync::Arc::new(FunnelData { month, shown, r })),
                Err(e) => Err(NoFunnel::Engine(e.to_string())),
            })
        })
        .await?;
    Ok((*analysed).clone())
}

/// Clinics listed in the funnel's table beyond which only those outside the limits are.
const FUNNEL_TABLE_ALL: usize = 100;

/// The funnel plot of the latest month any two clinics reported, or why there is none.
fn funnel(
    measure: &Measure,
    data: &Result<std::sync::Arc<FunnelData>, NoFunnel>,
    names: &std::collections::HashMap<tandem_shared::model::ClinicId, String>,
    lang: Lang,
    overdispersion: bool,
) -> Result<Funnel, String> {
    let FunnelData { month, shown, r } = match data {
        Ok(d) => &**d,
        Err(NoFunnel::ProportionsOnly) => return Err(lang.t("measure-funnel-proportions-only")),
        Err(NoFunnel::TooFew) => return Err(lang.t("measure-funnel-too-few")),
        Err(NoFunnel::Engine(e)) => return Err(e.clone()),
    };
    let name = |id: &tandem_shared::model::ClinicId| names.get(id).cloned().unwrap_or_default();
    let target = r.target.unwrap_or(0.0);
    let tau2 = r.overdispersion.map_or(0.0, |o| o.tau2);
    let n_max = shown.iter().map(|s| s.2).max().unwrap_or(1) as f64;
    let n_min = (shown.iter().map(|s| s.2).min().unwrap_or(1) as f64 / 2.0).max(5.0);
    let curve: Vec<(f64, [f64; 4])> = (0..=40)
        .map(|k| {
            let n = (n_min * (n_max * 1.05 / n_min).powf(f64::from(k) / 40.0)).round();
            let l = spc::funnel::limits_at(FunnelMethod::Exact, target, n, tau2);
            (n, [l.lower_998, l.lower_95, l.upper_95, l.upper_998])
        })
        .collect();
    let units: Vec<FunnelUnit> = r
        .units
        .iter()
        .zip(shown)
        .filter_map(|(u, s)| {
            Some(FunnelUnit {
                label: name(&s.0),
                n: u.n,
                y: u.y?,
                outside_95: u.outside_95,
                outside_998: u.outside_998,
            })
        })
        .collect();
    let month = lang.month(month.year(), month.number());
    let format = |v: f64| lang.percent(v, 0);
    let (title, _, _) = measure.text_in(lang.code());
    let outside = units.iter().filter(|u| u.outside_95).count();
    let description = lang.t_with(
        "measure-funnel-description",
        &[
            ("title", title.to_owned().into()),
            ("month", month.clone().into()),
            ("clinics", units.len().into()),
            ("outside", outside.into()),
            ("target", lang.percent(target, 1).into()),
        ],
    );
    // The axis in steps of 5 points around the clinics, with room for the limits of the
    // middle-sized ones.
    let (low, high) = units
        .iter()
        .map(|u| u.y)
        .fold((target, target), |(l, h), y| (l.min(y), h.max(y)));
    let step = 0.05;
    let y_min = ((low - step) / step).floor().max(0.0) * step;
    let y_max = ((high + step) / step).ceil().min(1.0 / step) * step;
    let chart = FunnelChart {
        id: "funnel",
        title: &lang.t_with("measure-funnel-title", &[("month", month.clone().into())]),
        description: &description,
        units: &units,
        target,
        curve: &curve,
        y_min,
        y_max,
        format: &format,
        lang,
    }
    .svg();
    // A large network's table lists the clinics outside the limits; the CSV has them all.
    let every = r.units.len() <= FUNNEL_TABLE_ALL;
    let mut listed: Vec<_> = r
        .units
        .iter()
        .zip(shown)
        .filter(|(u, _)| every || u.outside_95)
        .collect();
    listed.sort_by_key(|(u, s)| (!u.outside_998, !u.outside_95, name(&s.0)));
    let rows = listed
        .into_iter()
        .map(|(u, s)| FunnelRow {
            clinic: name(&s.0),
            numerator: lang.number(s.1),
            denominator: lang.number(s.2),
            value: u.y.map(|v| lang.percent(v, 1)).unwrap_or_default(),
            z: u.z.map(|z| lang.decimal(z, 2)).unwrap_or_default(),
            position: lang.t(if u.outside_998 {
                "measure-funnel-outside-998"
            } else if u.outside_95 {
                "measure-funnel-outside-95"
            } else {
                "measure-funnel-inside"
            }),
        })
        .collect();
    let table = if every {
        lang.t_with("measure-funnel-table", &[("month", month.into())])
    } else {
        lang.t_with(
            "measure-funnel-table-outside",
            &[("month", month.into()), ("clinics", r.units.len().into())],
        )
    };
    Ok(Funnel {
        table,
        chart,
        rows,
        note: description,
        overdispersion,
    })
}

/// `GET /measures/{id}/network.csv`: the network's months, with the chart the page shows.
pub async fn network_csv(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let defs = api::definitions(&state).await?;
    let measure = api::find_measure(&defs, &id)?;
    let series = &api::series(&state, measure, &defs.policy).await?;
    let points = series_points(series);
    let (options, _) = chart_options(&state, series, false).await?;
    let control = series::control_chart(&series.measure, &points, &options);
    let mut csv = Csv::new(&[
        "month",
        "numerator",
        "denominator",
        "value",
        "clinics_contributing",
        "clinics_suppressed",
        "chart",
        "centre_line",
        "lower_limit",
        "upper_limit",
        "signal",
    ]);
    for (i, p) in series.points.iter().enumerate() {
        let c = control.as_ref().and_then(|(_, _, r)| r.points.get(i));
        let chart = control.as_ref().map(|(_, chart, _)| chart.name());
        let signal = c.map(|c| {
            if c.beyond_limits {
                "beyond_limits"
            } else if c.shift {
                "shift"
            } else if c.trend {
                "trend"
            } else {
                ""
            }
        });
        csv.push(vec![
            Field::text(p.month.to_string()),
            Field::number(p.numerator),
            Field::number(p.denominator),
            Field::optional(p.value),
            Field::number(p.clinics_contributing),
            Field::number(p.clinics_suppressed),
            Field::optional(chart),
            Field::optional(c.and_then(|c| c.cl)),
            Field::optional(c.and_then(|c| c.lcl)),
            Field::optional(c.and_then(|c| c.ucl)),
            Field::optional(signal),
        ]);
    }
    Ok(csv.download(&format!("{}-network.csv", series.measure.id)))
}

/// `GET /measures/{id}/funnel.csv`: the funnel's clinics, with their z-scores on the arcsine
/// scale the limits are drawn on.
pub async fn funnel_csv(
    State(state): State<AppState>,
    Signed(principal): Signed,
    Path(id): Path<String>,
    Query(query): Query<ChartQuery>,
) -> Result<Response, Error> {
    let overdispersion = query.overdispersion()?;
    let loaded = load(
        &state,
        &principal,
        &id,
        Lang::En,
        Clinics::None,
        overdispersion,
    )
    .await?;
    let mut csv = Csv::new(&[
        "month",
        "clinic",
        "numerator",
        "denominator",
        "value",
        "target",
        "z_arcsine",
        "outside_95",
        "outside_99_8",
        "overdispersion",
    ]);
    if let Ok(f) = &loaded.funnel {
        let yes = |b: bool| Field::text(if b { "yes" } else { "no" });
        let mut rows: Vec<_> =
            f.r.units
                .iter()
                .zip(&f.shown)
                .map(|(u, (id, n, d))| (loaded.names.get(id).cloned().unwrap_or_default(), u, n, d))
                .collect();
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, u, n, d) in rows {
            csv.push(vec![
                Field::text(f.month.to_string()),
                Field::text(name),
                Field::number(*n),
                Field::number(*d),
                Field::optional(u.y),
                Field::optional(f.r.target),
                Field::optional(u.z),
                yes(u.outside_95),
                yes(u.outside_998),
                yes(overdispersion),
            ]);
        }
    }
    Ok(csv.download(&format!("{}-funnel.csv", loaded.series.measure.id)))
}

/// `GET /measures/{id}/clinics.csv`: each clinic's months, a suppressed month as no number.
pub async fn clinics_csv(
    State(state): State<AppState>,
    Signed(principal): Signed,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let loaded = load(&state, &principal, &id, Lang::En, Clinics::All, false).await?;
    let mut csv = Csv::new(&[
        "clinic",
        "month",
        "numerator",
        "denominator",
        "value",
        "suppressed",
    ]);
    for c in &loaded.clinics {
        for (month, p) in loaded.months.iter().zip(&c.points) {
            let Some(p) = p else { continue };
            csv.push(vec![
                Field::text(c.name.clone()),
                Field::text(month.to_string()),
                Field::optional(p.numerator.filter(|_| !p.suppressed)),
                Field::optional(p.denominator.filter(|_| !p.suppressed)),
                Field::optional(p.value),
                Field::text(if p.suppressed { "yes" } else { "no" }),
            ]);
        }
    }
    Ok(csv.download(&format!("{}-clinics.csv", loaded.series.measure.id)))
}
