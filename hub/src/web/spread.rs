//! The spread of practices: for each practice, the cycles that tested it at other clinics,
//! what those teams decided, whose version each adapted, and what each adopting clinic's chart
//! did after it made the practice its own. The chain from a change idea to the cycles that
//! tested it to the charts that moved is the point of the page.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::Response;
use tandem_service::http::Query;
use tandem_shared::model::{ActDecision, ClinicId, Month};
use tandem_web::csv::{Csv, Field};
use tandem_web::pages::Chrome;
use tandem_web::{Lang, Signed};

use super::{ClinicOption, ClinicQuery};
use crate::Error;
use crate::api;
use crate::spread::{self, After, Spread, Test};
use crate::state::AppState;

/// Months in each practice's adoption chart, at most.
const MONTHS: i32 = 120;

pub struct TestRow {
    pub clinic_id: String,
    pub clinic: String,
    pub started: String,
    pub decision: String,
    pub version: String,
    pub measure: String,
    pub measure_id: String,
    pub after: String,
    pub after_class: &'static str,
}

pub struct PracticeView {
    pub anchor: String,
    pub title: String,
    pub text_lang: &'static str,
    pub shared_by: String,
    pub summary: String,
    pub outcome: String,
    pub parent: Option<(String, String)>,
    pub children: Vec<(String, String)>,
    pub chart: String,
    pub chart_title: String,
    pub tests: Vec<TestRow>,
}

/// A line of the provenance tree.
pub struct TreeLine {
    pub depth: usize,
    pub anchor: String,
    pub title: String,
    pub text_lang: &'static str,
    pub clinic: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "spread.html")]
pub struct SpreadPage {
    chrome: Chrome,
    lang: Lang,
    simulated: bool,
    lede: String,
    action: &'static str,
    options: Vec<ClinicOption>,
    tree: Vec<TreeLine>,
    practices: Vec<PracticeView>,
}

async fn judged(
    state: &AppState,
    work: &crate::records::Work,
    all: &[Spread<'_>],
) -> Result<Vec<Vec<spread::Judged>>, Error> {
    spread::judge(
        state.store.as_ref(),
        &api::definitions(state).await?,
        work,
        all,
    )
    .await
}

fn after_text(after: Option<After>, lang: Lang) -> (String, &'static str) {
    match after {
        Some(After::Better) => (lang.t("spread-after-better"), "better"),
        Some(After::Worse) => (lang.t("spread-after-worse"), "worse"),
        Some(After::NoSignal) => (lang.t("spread-after-none"), "none"),
        Some(After::TooFewMonths) => (lang.t("spread-after-too-few"), "too-few"),
        None => (String::new(), "not-adopted"),
    }
}

fn decision_text(t: &Test<'_>, lang: Lang) -> String {
    let month = |m: Month| lang.month(m.year(), m.number());
    match (t.decision(), crate::activity::completed_in(t.cycle)) {
        (Some(d), Some(end)) => lang.t_with(
            "spread-decided",
            &[
                (
                    "decision",
                    lang.t(match d {
                        ActDecision::Adopt => "clinic-decision-adopt",
                        ActDecision::Adapt => "clinic-decision-adapt",
                        ActDecision::Abandon => "clinic-decision-abandon",
                        ActDecision::Continue => "clinic-decision-continue",
                    })
                    .into(),
                ),
                ("month", month(end).into()),
            ],
        ),
        _ => lang.t("spread-still-testing"),
    }
}

pub async fn spread_page(
    State(state): State<AppState>,
    Signed(principal): Signed,
    Query(query): Query<ClinicQuery>,
    lang: Lang,
) -> Result<SpreadPage, Error> {
    // Spread is across clinics: always read the whole network, then narrow what is shown.
    let mut r = super::narrowed(&state, &principal, &ClinicQuery::default(), lang).await?;
    let (chosen, options) = super::chosen_clinic(&r.view, &r.clinics, &query, lang)?;
    let chosen = chosen.map(|c| c.id.clone());
    r.options = options;
    let all = spread::spread(&r.work);
    let judged = judged(&state, &r.work, &all).await?;
    let by_id: HashMap<&ClinicId, &crate::store::Clinic> =
        r.clinics.iter().map(|c| (&c.id, c)).collect();
    let clinic_name = |id: &ClinicId| {
        by_id
            .get(id)
            .map_or_else(|| id.to_string(), |c| r.view.name(c, lang))
    };
    let clinic_id = |id: &ClinicId| {
        by_id
            .get(id)
            .map_or_else(|| id.to_string(), |c| r.view.id(c))
    };
    let anchor = |i: usize| format!("practice-{}", i + 1);
    let month = |m: Month| lang.month(m.year(), m.number());
    let last = Month::of(chrono::Utc::now().date_naive());
    let mut practices = Vec::new();
    let (mut adopters_anywhere, mut shown) = (std::collections::BTreeSet::new(), 0usize);
    for (i, (s, judged)) in all.iter().zip(&judged).enumerate() {
        // A clinic's view: the practices it shared, and those it tested.
        let involved = chosen
            .as_ref()
            .is_none_or(|c| s.clinic == c || s.tests.iter().any(|t| t.clinic == c));
        for t in &s.tests {
            if t.adopted().is_some() {
                adopters_anywhere.insert(t.clinic);
            }
        }
        if !involved {
            continue;
        }
        shown += 1;
        let count = |d: ActDecision| s.tests.iter().filter(|t| t.decision() == Some(d)).count();
        let clinics: std::collections::BTreeSet<&ClinicId> =
            s.tests.iter().map(|t| t.clinic).collect();
        let still = s.tests.iter().filter(|t| t.decision().is_none()).count();
        let summary = lang.t_with(
            "spread-tested",
            &[
                ("cycles", s.tests.len().into()),
                ("clinics", clinics.len().into()),
                ("adopt", count(ActDecision::Adopt).into()),
                ("adapt", count(ActDecision::Adapt).into()),
                ("abandon", count(ActDecision::Abandon).into()),
                ("testing", still.into()),
            ],
        );
        let after = |a: After| judged.iter().filter(|j| j.after == Some(a)).count();
        let adopted = judged.iter().filter(|j| j.after.is_some()).count();
        let outcome = if adopted == 0 {
            String::new()
        } else {
            lang.t_with(
                "spread-outcome",
                &[
                    ("adopted", adopted.into()),
                    ("better", after(After::Better).into()),
                    ("worse", after(After::Worse).into()),
                    ("none", after(After::NoSignal).into()),
                    ("few", after(After::TooFewMonths).into()),
                ],
            )
        };
        let title = |k: usize| all[k].practice.title.as_str().to_owned();
        let chart_title = lang.t_with(
            "spread-chart-title",
            &[("practice", s.practice.title.as_str().to_owned().into())],
        );
        let chart = match s.tests.iter().map(|t| t.cycle.start).min() {
            Some(first) if s.tests.iter().any(|t| t.adopted().is_some()) => {
                let end = s
                    .tests
                    .iter()
                    .filter_map(|t| crate::activity::completed_in(t.cycle))
                    .max()
                    .unwrap_or(first)
                    .min(last);
                // From the first test, so the line starts at none; at most ten years.
                let from = first.max(end.plus(1 - MONTHS).unwrap_or(first));
                let points: Vec<(Month, Option<f64>)> =
                    spread::adopters_by_month(&s.tests, from, end)
                        .into_iter()
                        .map(|(m, n)| (m, Some(f64::from(n))))
                        .collect();
                let largest = points.iter().filter_map(|(_, v)| *v).fold(0.0, f64::max);
                let format = |v: f64| lang.number(v.round() as u64);
                super::adoption_chart(&anchor(i), &chart_title, &points, largest, &format, lang)
            }
            _ => String::new(),
        };
        let tests = s
            .tests
            .iter()
            .zip(judged)
            .map(|(t, j)| {
                let (after, after_class) = after_text(j.after, lang);
                TestRow {
                    clinic_id: clinic_id(t.clinic),
                    clinic: clinic_name(t.clinic),
                    started: month(t.cycle.start),
                    decision: decision_text(t, lang),
                    version: t
                        .version
                        .filter(|v| *v != i)
                        .map_or_else(String::new, title),
                    measure: j
                        .measure
                        .as_ref()
                        .map_or_else(String::new, |m| m.text_in(lang.code()).0.to_owned()),
                    measure_id: j
                        .measure
                        .as_ref()
                        .map_or_else(String::new, |m| m.id.to_string()),
                    after,
                    after_class,
                }
            })
            .collect();
        practices.push(PracticeView {
            anchor: anchor(i),
            title: title(i),
            text_lang: s.practice.language.code(),
            shared_by: lang.t_with(
                "spread-shared-by",
                &[("clinic", clinic_name(s.clinic).into())],
            ),
            summary,
            outcome,
            parent: s.parent.map(|p| (anchor(p), title(p))),
            children: all
                .iter()
                .enumerate()
                .filter(|(_, c)| c.parent == Some(i))
                .map(|(k, _)| (anchor(k), title(k)))
                .collect(),
            chart,
            chart_title,
            tests,
        });
    }
    // The provenance tree: each original practice, with the versions adapted from it below.
    let mut tree = Vec::new();
    fn walk(all: &[Spread<'_>], i: usize, depth: usize, out: &mut Vec<(usize, usize)>) {
        out.push((depth, i));
        if depth < 8 {
            for (k, c) in all.iter().enumerate() {
                if c.parent == Some(i) && k != i {
                    walk(all, k, depth + 1, out);
                }
            }
        }
    }
    let mut order = Vec::new();
    for (i, s) in all.iter().enumerate() {
        if s.parent.is_none() {
            walk(&all, i, 0, &mut order);
        }
    }
    for (depth, i) in order {
        if practices.iter().any(|p| p.anchor == anchor(i)) {
            tree.push(TreeLine {
                depth,
                anchor: anchor(i),
                title: all[i].practice.title.as_str().to_owned(),
                text_lang: all[i].practice.language.code(),
                clinic: clinic_name(all[i].clinic),
            });
        }
    }
    let lede = if all.is_empty() {
        lang.t("spread-none")
    } else {
        lang.t_with(
            "spread-lede",
            &[
                ("practices", all.len().into()),
                ("clinics", adopters_anywhere.len().into()),
                ("shown", shown.into()),
            ],
        )
    };
    Ok(SpreadPage {
        chrome: Chrome::new(&state, Some(&principal), lang, "/spread"),
        lang,
        simulated: api::simulated(&state).await?,
        lede,
        action: "/spread",
        options: std::mem::take(&mut r.options),
        tree,
        practices,
    })
}

/// Every test of every practice, with the judgement of its clinic's chart, as CSV.
pub async fn tests_csv(
    State(state): State<AppState>,
    Signed(principal): Signed,
    lang: Lang,
) -> Result<Response, Error> {
    let r = super::narrowed(&state, &principal, &ClinicQuery::default(), lang).await?;
    let all = spread::spread(&r.work);
    let judged = judged(&state, &r.work, &all).await?;
    let by_id: HashMap<&ClinicId, &crate::store::Clinic> =
        r.clinics.iter().map(|c| (&c.id, c)).collect();
    let id = |c: &ClinicId| by_id.get(c).map_or_else(|| c.to_string(), |k| r.view.id(k));
    let mut csv = Csv::new(&[
        "practice",
        "practice_title",
        "shared_by",
        "adapted_from",
        "clinic",
        "cycle_started",
        "decision",
        "decided",
        "measure",
        "after_adoption",
    ]);
    for (s, judged) in all.iter().zip(&judged) {
        for (t, j) in s.tests.iter().zip(judged) {
            csv.push(vec![
                Field::text(s.practice.id.to_string()),
                Field::text(s.practice.title.as_str()),
                Field::text(id(s.clinic)),
                Field::optional(s.parent.map(|p| all[p].practice.id)),
                Field::text(id(t.clinic)),
                Field::text(t.cycle.start.to_string()),
                Field::optional(t.decision().map(|d| match d {
                    ActDecision::Adopt => "adopt",
                    ActDecision::Adapt => "adapt",
                    ActDecision::Abandon => "abandon",
                    ActDecision::Continue => "continue",
                })),
                Field::optional(t.decision().and(crate::activity::completed_in(t.cycle))),
                Field::optional(j.measure.as_ref().map(|m| m.id.to_string())),
                Field::optional(j.after.map(|a| match a {
                    After::Better => "better",
                    After::Worse => "worse",
                    After::NoSignal => "no_signal",
                    After::TooFewMonths => "too_few_months",
                })),
            ]);
        }
    }
    Ok(csv.download("practice-spread.csv"))
}
