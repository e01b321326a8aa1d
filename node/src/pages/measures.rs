//! The clinic's measures: each one's months, its run and control chart with their signals,
//! and the form that enters a month by hand. Measures the network computes from the extract
//! are computed on import instead.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tandem_service::http::Path;
use tandem_service::http::Query;
use tandem_shared::model::{Family, Measure, MeasureEntry, MeasureKind, Month};
use tandem_web::pages::Chrome;
use tandem_web::series::{MeasureView, SeriesPoint, Wording, measure_view, measure_view_beside};
use tandem_web::{Lang, Principal, Routes, Rule, Signed};

use crate::Error;
use crate::access::Access;
use crate::kind::Kind;
use crate::state::NodeSite;

pub fn routes() -> Routes<NodeSite, Access> {
    Routes::new()
        .get("/measures", Access::Team, list)
        .get("/measures/{id}", Access::Team, one)
        .post("/measures/{id}", Access::Record, enter)
}

/// Every month the clinic recorded, by measure id, oldest first: one read for pages that
/// show every measure.
pub async fn all_entries(
    node: &NodeSite,
) -> Result<std::collections::HashMap<String, Vec<MeasureEntry>>, Error> {
    let mut out: std::collections::HashMap<String, Vec<MeasureEntry>> = Default::default();
    for r in node.store.records(Kind::MeasureValue).await? {
        if let Ok(e) = serde_json::from_str::<MeasureEntry>(&r.body) {
            out.entry(e.measure.to_string()).or_default().push(e);
        }
    }
    for list in out.values_mut() {
        list.sort_by_key(|e| e.month);
    }
    Ok(out)
}

/// The months the clinic recorded for one measure, oldest first.
pub async fn entries(node: &NodeSite, measure: &Measure) -> Result<Vec<MeasureEntry>, Error> {
    Ok(all_entries(node)
        .await?
        .remove(measure.id.as_str())
        .unwrap_or_default())
}

pub fn point(kind: &MeasureKind, e: &MeasureEntry) -> SeriesPoint {
    let (n, d) = (e.numerator.unwrap_or(0), e.denominator.unwrap_or(0));
    SeriesPoint {
        month: e.month,
        numerator: n,
        denominator: d,
        value: kind.value(n, d, e.value.unwrap_or(0.0) * d as f64),
    }
}

/// The network's months of each measure as last synced, by measure id, as chart points.
pub async fn network_points(
    node: &NodeSite,
) -> Result<std::collections::HashMap<String, Vec<SeriesPoint>>, Error> {
    let defs = node.store.definitions().await?;
    Ok(node
        .store
        .network()
        .await?
        .into_iter()
        .filter_map(|n| {
            let m = defs
                .iter()
                .flat_map(|d| &d.measures)
                .find(|m| m.id == n.measure)?;
            let points = n
                .months
                .iter()
                .map(|x| SeriesPoint {
                    month: x.month,
                    numerator: x.numerator,
                    denominator: x.denominator,
                    value: m.kind.value(
                        x.numerator,
                        x.denominator,
                        x.value.unwrap_or(0.0) * x.denominator as f64,
                    ),
                })
                .collect();
            Some((n.measure.to_string(), points))
        })
        .collect())
}

/// The last month that has ended: the one a team enters next.
pub fn due_month() -> Month {
    Month::current()
        .plus(-1)
        .unwrap_or_else(|_| Month::current())
}

/// Whether the network computes this measure from the extract.
fn computed(measure: &Measure) -> bool {
    measure.compute.is_some()
}

#[derive(Debug)]
struct MeasureRow {
    id: String,
    title: String,
    title_lang: &'static str,
    about: String,
    source: String,
    latest: String,
    due: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "measures.html")]
struct ListPage {
    chrome: Chrome,
    lang: Lang,
    rows: Vec<MeasureRow>,
    due_month: String,
    extract: String,
}

fn about(measure: &Measure, lang: Lang) -> String {
    let family = lang.t(match measure.family {
        Family::Outcome => "series-family-outcome",
        Family::Process => "series-family-process",
        Family::Balancing => "series-family-balancing",
    });
    let better = lang.t(match measure.better {
        tandem_shared::model::Direction::HigherIsBetter => "series-higher-better",
        tandem_shared::model::Direction::LowerIsBetter => "series-lower-better",
    });
    format!("{family} · {better}")
}

async fn list(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
) -> Result<ListPage, Error> {
    let defs = node.store.definitions().await?;
    let files = node.store.extract_files().await?;
    let due = due_month();
    let mut rows = Vec::new();
    let mut all = all_entries(&node).await?;
    for m in defs.iter().flat_map(|d| &d.measures) {
        let entries = all.remove(m.id.as_str()).unwrap_or_default();
        let view = measure_view(
            m,
            &entries
                .iter()
                .map(|e| point(&m.kind, e))
                .collect::<Vec<_>>(),
            wording(),
            lang,
        );
        let latest = match (entries.last(), view.rows.last()) {
            (Some(e), Some(r)) => lang.t_with(
                "node-measure-latest",
                &[
                    ("month", lang.month(e.month.year(), e.month.number()).into()),
                    ("value", r.value.clone().into()),
                ],
            ),
            _ => lang.t("node-measure-none"),
        };
        let (title, _, title_lang) = m.text_in(lang.code());
        rows.push(MeasureRow {
            id: m.id.to_string(),
            title: title.to_owned(),
            title_lang,
            about: about(m, lang),
            source: lang.t(if computed(m) {
                "node-measure-computed"
            } else {
                "node-measure-by-hand"
            }),
            due: !computed(m) && !entries.iter().any(|e| e.month == due),
            latest,
        });
    }
    let extract = match files.values().map(|f| f.imported_at).max() {
        Some(at) => lang.t_with("node-extract-last", &[("date", lang.date_time(at).into())]),
        None => lang.t("node-extract-never"),
    };
    Ok(ListPage {
        chrome: Chrome::new(&node, Some(&principal), lang, "/measures"),
        lang,
        rows,
        due_month: lang.month(due.year(), due.number()),
        extract,
    })
}

pub fn wording() -> Wording<'static> {
    Wording {
        description_key: "node-chart-description",
        caption_key: "node-table-caption",
    }
}

/// What the entry form held, to show again with its problem.
#[derive(Debug, Default, Deserialize)]
struct EntryForm {
    #[serde(default)]
    month: String,
    #[serde(default)]
    numerator: String,
    #[serde(default)]
    denominator: String,
    #[serde(default)]
    value: String,
}

#[derive(Debug, Deserialize)]
struct Saved {
    saved: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "measure.html")]
struct OnePage {
    chrome: Chrome,
    lang: Lang,
    m: MeasureView,
    definition: String,
    /// Which numbers the form asks for, with their labels and hints.
    fields: Vec<(String, String, String, String)>,
    can_enter: bool,
    computed: bool,
    form: EntryForm,
    error: String,
    /// The language the error is written in: the shared rules write English.
    error_lang: &'static str,
    saved: String,
    max_month: String,
}

async fn measure(node: &NodeSite, id: &str) -> Result<Measure, Error> {
    let defs = node.store.definitions().await?;
    defs.and_then(|d| d.measures.into_iter().find(|m| m.id.as_str() == id))
        .ok_or_else(|| {
            Error::NotFound(format!(
                "the network defines no measure {id:?}; the measures page lists those it does"
            ))
        })
}

async fn page(
    node: &NodeSite,
    principal: &Principal,
    lang: Lang,
    m: Measure,
    form: EntryForm,
    error: (String, &'static str),
    saved: String,
) -> Result<OnePage, Error> {
    let entries = entries(node, &m).await?;
    let points: Vec<SeriesPoint> = entries.iter().map(|e| point(&m.kind, e)).collect();
    let network = network_points(node)
        .await?
        .remove(m.id.as_str())
        .unwrap_or_default();
    let view = measure_view_beside(&m, &points, &network, wording(), lang);
    let has_extract = !node.store.extract_files().await?.is_empty();
    let computed = computed(&m) && has_extract;
    let field = |name: &str, key: &str| {
        let value = match name {
            "numerator" => form.numerator.clone(),
            "denominator" => form.denominator.clone(),
            _ => form.value.clone(),
        };
        (
            name.to_owned(),
            lang.t(&format!("{key}-label")),
            lang.t(&format!("{key}-hint")),
            value,
        )
    };
    let fields = match &m.kind {
        MeasureKind::Proportion => vec![
            field("numerator", "node-entry-proportion-numerator"),
            field("denominator", "node-entry-proportion-denominator"),
        ],
        MeasureKind::Rate { .. } => vec![
            field("numerator", "node-entry-rate-numerator"),
            field("denominator", "node-entry-rate-denominator"),
        ],
        MeasureKind::Count => vec![field("numerator", "node-entry-count")],
        MeasureKind::Continuous { .. } => vec![
            field("value", "node-entry-mean"),
            field("denominator", "node-entry-observations"),
        ],
    };
    Ok(OnePage {
        chrome: Chrome::new(node, Some(principal), lang, "/measures"),
        lang,
        definition: m.definition.clone(),
        m: view,
        fields,
        can_enter: Access::Record.allows(&principal.user),
        computed,
        form,
        error_lang: error.1,
        error: error.0,
        saved,
        max_month: Month::current().to_string(),
    })
}

async fn one(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
    Path(id): Path<String>,
    Query(q): Query<Saved>,
) -> Result<OnePage, Error> {
    let m = measure(&node, &id).await?;
    let saved = q
        .saved
        .and_then(|s| s.parse::<Month>().ok())
        .map(|s| {
            lang.t_with(
                "node-entry-saved",
                &[("month", lang.month(s.year(), s.number()).into())],
            )
        })
        .unwrap_or_default();
    let form = EntryForm {
        month: due_month().to_string(),
        ..Default::default()
    };
    page(
        &node,
        &principal,
        lang,
        m,
        form,
        (String::new(), lang.code()),
        saved,
    )
    .await
}

/// A whole number from the form, or what is wrong with it.
fn count(lang: Lang, label: &str, text: &str) -> Result<Option<u64>, String> {
    let t = text.trim().replace([' ', '\u{202f}', '\u{a0}'], "");
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<u64>().map(Some).map_err(|_| {
        lang.t_with(
            "node-entry-not-count",
            &[
                ("field", label.to_owned().into()),
                ("text", text.to_owned().into()),
            ],
        )
    })
}

/// A refusal of the shared rules in the page's language where the page has the words; the
/// rules' own English otherwise, marked as English.
fn rule_problem(e: &tandem_shared::Error, lang: Lang) -> (String, &'static str) {
    use tandem_shared::Error as Rule;
    let month = |m: Month| lang.month(m.year(), m.number());
    match e {
        Rule::NumeratorAboveDenominator {
            numerator,
            denominator,
            ..
        } => (
            lang.t_with(
                "node-entry-above",
                &[
                    ("numerator", lang.number(*numerator).into()),
                    ("denominator", lang.number(*denominator).into()),
                ],
            ),
            lang.code(),
        ),
        Rule::FutureMonth { month: m, .. } => (
            lang.t_with("node-entry-future", &[("month", month(*m).into())]),
            lang.code(),
        ),
        other => (other.to_string(), "en"),
    }
}

async fn enter(
    State(node): State<NodeSite>,
    Signed(principal): Signed,
    lang: Lang,
    Path(id): Path<String>,
    Form(form): Form<EntryForm>,
) -> Result<Response, Error> {
    let m = measure(&node, &id).await?;
    let parsed = (|| -> Result<MeasureEntry, String> {
        let month: Month = form.month.trim().parse().map_err(|_| {
            lang.t_with(
                "node-entry-not-month",
                &[("text", form.month.clone().into())],
            )
        })?;
        let label = |key: &str| lang.t(&format!("{key}-label"));
        let (nk, dk) = match m.kind {
            MeasureKind::Proportion => (
                "node-entry-proportion-numerator",
                "node-entry-proportion-denominator",
            ),
            MeasureKind::Rate { .. } => {
                ("node-entry-rate-numerator", "node-entry-rate-denominator")
            }
            MeasureKind::Count => ("node-entry-count", "node-entry-count"),
            MeasureKind::Continuous { .. } => ("node-entry-mean", "node-entry-observations"),
        };
        let value = match &m.kind {
            MeasureKind::Continuous { .. } => {
                let t = form.value.trim().replace(',', ".");
                Some(t.parse::<f64>().map_err(|_| {
                    lang.t_with(
                        "node-entry-not-number",
                        &[
                            ("field", label(nk).into()),
                            ("text", form.value.clone().into()),
                        ],
                    )
                })?)
            }
            _ => None,
        };
        let numerator = match &m.kind {
            MeasureKind::Continuous { .. } => None,
            _ => count(lang, &label(nk), &form.numerator)?,
        };
        let denominator = match &m.kind {
            MeasureKind::Count => None,
            _ => count(lang, &label(dk), &form.denominator)?,
        };
        Ok(MeasureEntry {
            measure: m.id.clone(),
            month,
            numerator,
            denominator,
            value,
        })
    })();
    let refused = |error: (String, &'static str), form: EntryForm| async {
        let page = page(
            &node,
            &principal,
            lang,
            m.clone(),
            form,
            error,
            String::new(),
        )
        .await?;
        Ok::<_, Error>((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
    };
    let entry = match parsed {
        Ok(e) => e,
        Err(why) => return refused((why, lang.code()), form).await,
    };
    if m.compute.is_some() && !node.store.extract_files().await?.is_empty() {
        return refused((lang.t("node-entry-computed"), lang.code()), form).await;
    }
    match crate::record::save(&node, &entry).await {
        Ok(_) => {
            Ok(Redirect::to(&format!("/measures/{}?saved={}", m.id, entry.month)).into_response())
        }
        Err(Error::Rule(e)) => refused(rule_problem(&e, lang), form).await,
        Err(e) => Err(e),
    }
}
