//! The leads' web pages, rendered on the server from compile-time checked templates, in
//! English and French. They work without JavaScript and load nothing from elsewhere.

use askama::Template;
use askama_web::WebTemplate;
use async_trait::async_trait;
use axum::extract::State;
use tandem_shared::model::Month;
use tandem_shared::spc::{self, Chart, Request};
use tandem_web::accounts::User;
use tandem_web::chart::{Control, LineChart, Signal};
use tandem_web::pages::Chrome;
use tandem_web::series::MeasureView;
use tandem_web::{Lang, NavItem, Routes, Signed, Site, Web};

use crate::Error;
use crate::access::{self, ADMIN, Access};
use crate::api::{self, NetworkSummary};
use crate::state::AppState;

mod activity;
mod catalogue;
mod clinic;
mod completeness;
mod editor;
mod measures;
mod moderation;
mod partnership;
mod spread;
mod stories;

/// The network's pages.
pub fn routes() -> Routes<AppState, Access> {
    Routes::new()
        .get("/", Access::Signed, network_page)
        .get("/catalogue", Access::Public, catalogue::search_page)
        .get(
            "/catalogue/{slug}",
            Access::Public,
            catalogue::practice_page,
        )
        .post(
            "/catalogue/{slug}/reactions",
            Access::Public,
            catalogue::react,
        )
        .post("/catalogue/{slug}/stories", Access::Public, stories::send)
        .get(
            "/catalogue/stories/{token}",
            Access::Public,
            stories::teller_page,
        )
        .post(
            "/catalogue/stories/{token}/withdraw",
            Access::Public,
            stories::withdraw,
        )
        .get("/editor", Access::Editor, editor::editor_page)
        .get("/editor/stories", Access::Editor, moderation::list_page)
        .get(
            "/editor/stories/{id}",
            Access::Editor,
            moderation::story_form,
        )
        .post("/editor/stories/{id}", Access::Editor, moderation::decide)
        .get(
            "/editor/practices/{id}/{lang}",
            Access::Editor,
            editor::text_form,
        )
        .post(
            "/editor/practices/{id}/{lang}",
            Access::Editor,
            editor::save_text,
        )
        .get("/measures/{id}", Access::Signed, measures::measure_page)
        .get("/clinics/{id}", Access::Signed, clinic::clinic_page)
        .get(
            "/completeness",
            Access::Signed,
            completeness::completeness_page,
        )
        .get(
            "/completeness/clinics.csv",
            Access::Signed,
            completeness::clinics_csv,
        )
        .get("/activity", Access::Signed, activity::activity_page)
        .get("/activity/months.csv", Access::Signed, activity::months_csv)
        .get(
            "/activity/clinics.csv",
            Access::Signed,
            activity::clinics_csv,
        )
        .get(
            "/partnership/parity.csv",
            Access::Signed,
            partnership::parity_csv,
        )
        .get(
            "/partnership/months.csv",
            Access::Signed,
            partnership::months_csv,
        )
        .get(
            "/clinics/{id}/months.csv",
            Access::Signed,
            clinic::months_csv,
        )
        .get(
            "/partnership",
            Access::Signed,
            partnership::partnership_page,
        )
        .get("/spread", Access::Signed, spread::spread_page)
        .get("/spread/tests.csv", Access::Signed, spread::tests_csv)
        .get(
            "/partnership/matrix.csv",
            Access::Signed,
            partnership::matrix_csv,
        )
        .get(
            "/completeness/network.csv",
            Access::Signed,
            completeness::network_csv,
        )
        .get(
            "/measures/{id}/network.csv",
            Access::Signed,
            measures::network_csv,
        )
        .get(
            "/measures/{id}/clinics.csv",
            Access::Signed,
            measures::clinics_csv,
        )
        .get(
            "/measures/{id}/funnel.csv",
            Access::Signed,
            measures::funnel_csv,
        )
        .post(
            "/measures/{id}/centre-lines",
            Access::Lead,
            measures::decide,
        )
        .post(
            "/measures/{id}/centre-lines/{n}/undo",
            Access::Lead,
            measures::undo,
        )
}

#[async_trait]
impl Site for AppState {
    fn web(&self) -> &Web {
        &self.web
    }

    fn product(&self, lang: Lang) -> String {
        lang.t("hub-product")
    }

    fn nav(&self, user: &User, lang: Lang) -> Vec<NavItem> {
        let mut items = vec![
            ("nav-network", "/"),
            ("nav-completeness", "/completeness"),
            ("nav-activity", "/activity"),
            ("nav-spread", "/spread"),
            ("nav-partnership", "/partnership"),
        ];
        if user.role == ADMIN || user.role == access::EDITOR {
            items.push(("nav-editor", "/editor"));
        }
        if user.role == ADMIN {
            items.extend([
                ("nav-clinics", "/admin/clinics"),
                ("nav-definitions", "/admin/definitions"),
                ("nav-people", "/admin/people"),
                ("nav-audit", "/admin/audit"),
            ]);
        }
        NavItem::list(lang, &items)
    }

    fn roles(&self) -> &'static [&'static str] {
        access::ROLES
    }

    fn role_label(&self, role: &str, lang: Lang) -> String {
        access::role_label(role, lang)
    }

    fn role_needs_clinic(&self, role: &str) -> bool {
        role == access::MEMBER
    }

    async fn clinic_choices(&self) -> Vec<(String, String)> {
        match self.store.clinics().await {
            Ok(clinics) => clinics
                .into_iter()
                .filter(|c| c.revoked_at.is_none())
                .map(|c| (c.id.to_string(), c.name))
                .collect(),
            Err(e) => {
                tracing::error!(error = %e, "the clinics could not be read");
                Vec::new()
            }
        }
    }

    fn manages_people(&self, user: &User) -> bool {
        user.role == ADMIN
    }

    fn login_label(&self, lang: Lang) -> String {
        lang.t("hub-login-label")
    }

    fn refuse_login(&self, login: &str) -> Option<String> {
        let address = login.split_once('@').is_some_and(|(user, domain)| {
            !user.is_empty() && domain.contains('.') && !domain.starts_with('.')
        }) && !login.contains(char::is_whitespace);
        (!address).then(|| {
            format!("{login:?} is not an e-mail address; people log in to the hub with theirs")
        })
    }
}

/// A measure on the overview: where the network stands now.
struct Card {
    m: MeasureView,
    /// "62 % in November 2026".
    latest: String,
    /// What the chart says of the latest month.
    signal: String,
}

/// Each measure's card on the overview, computed once per generation and language.
async fn overview_cards(
    state: &AppState,
    definitions: Option<tandem_shared::protocol::Definitions>,
    lang: Lang,
) -> Result<Vec<Card>, Error> {
    let mut cards = Vec::new();
    if let Some(defs) = definitions {
        for m in defs.measures {
            let series = api::series(state, m, &defs.policy).await?;
            let (options, _) = measures::chart_options(state, &series, false).await?;
            let view = measures::network_view(&series, lang, &options);
            let last = view
                .rows
                .iter()
                .zip(&series.points)
                .rev()
                .find(|(_, p)| p.value.is_some());
            // A rate says what it is per: "0.93 per 100 patient-months".
            let per = match &series.measure.kind {
                tandem_shared::model::MeasureKind::Rate { .. } => {
                    let mut h = view.value_heading.chars();
                    h.next()
                        .map(|c| format!(" {}{}", c.to_lowercase(), h.as_str()))
                        .unwrap_or_default()
                }
                _ => String::new(),
            };
            let (latest, signal) = match last {
                Some((row, p)) => (
                    lang.t_with(
                        "overview-latest",
                        &[
                            ("value", format!("{}{per}", row.value).into()),
                            ("month", lang.month(p.month.year(), p.month.number()).into()),
                        ],
                    ),
                    if row.signal.is_empty() {
                        lang.t("overview-no-signal")
                    } else {
                        lang.t_with("overview-signal", &[("signal", row.signal.clone().into())])
                    },
                ),
                None => (lang.t("overview-no-data"), String::new()),
            };
            cards.push(Card {
                m: view,
                latest,
                signal,
            });
        }
    }
    Ok(cards)
}

#[derive(Template, WebTemplate)]
#[template(path = "network.html")]
struct NetworkPage {
    chrome: Chrome,
    lang: Lang,
    summary: std::sync::Arc<NetworkSummary>,
    coverage: String,
    reporting: String,
    cards: std::sync::Arc<Vec<Card>>,
}

async fn network_page(
    State(state): State<AppState>,
    Signed(principal): Signed,
    lang: Lang,
) -> Result<NetworkPage, Error> {
    let summary = api::summary(&state).await?;
    let definitions = state.store.definitions().await?;
    let reporting = definitions
        .as_ref()
        .map(|d| d.reporting)
        .unwrap_or_default();
    let due = crate::completeness::due_month(&reporting, chrono::Utc::now().date_naive());
    let key = format!("overview:{}", lang.code());
    let cards = state
        .cache
        .get(&*state.store, &key, || {
            overview_cards(&state, definitions, lang)
        })
        .await?;
    let coverage = match (summary.first_month, summary.last_month) {
        (Some(first), Some(last)) => lang.t_with(
            "network-coverage",
            &[
                ("enrolled", summary.clinics_enrolled.into()),
                ("reporting", summary.clinics_reporting.into()),
                ("months", summary.months.into()),
                ("first", lang.month(first.year(), first.number()).into()),
                ("last", lang.month(last.year(), last.number()).into()),
            ],
        ),
        _ => lang.t_with(
            "network-coverage-empty",
            &[("enrolled", summary.clinics_enrolled.into())],
        ),
    };
    let reporting = match due {
        Some(due) => {
            let key = format!("due-rates:{due}");
            let n = *state
                .cache
                .get(&*state.store, &key, || async {
                    let clinics = state.store.clinic_statuses().await?;
                    let released = state.store.reporting(due, due).await?;
                    let c = crate::completeness::compute(&clinics, &released, &reporting, due, due);
                    Ok(c.network.first().copied().unwrap_or_default())
                })
                .await?;
            lang.t_with(
                "overview-reporting",
                &[
                    ("month", lang.month(due.year(), due.number()).into()),
                    (
                        "deadline",
                        completeness::deadline(&reporting, due, lang).into(),
                    ),
                    ("reported", n.reported.into()),
                    ("expected", n.expected.into()),
                    ("missing", (n.expected - n.reported).into()),
                    ("late", (n.judged - n.on_time).into()),
                ],
            )
        }
        None => String::new(),
    };
    Ok(NetworkPage {
        chrome: Chrome::new(&state, Some(&principal), lang, "/"),
        lang,
        summary,
        coverage,
        reporting,
        cards,
    })
}

/// A series as a run chart: its median and the runs rules, described in words. Empty when
/// there is nothing to draw.
fn run_chart(
    id: &str,
    title: &str,
    points: &[(Month, Option<f64>)],
    y_max: f64,
    format: &dyn Fn(f64) -> String,
    lang: Lang,
) -> String {
    let values: Vec<f64> = points.iter().filter_map(|(_, v)| *v).collect();
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return String::new();
    };
    // The engine needs the points without gaps; put its answers back where they belong.
    let run = spc::analyse(&Request::values(Chart::Run, values)).ok();
    let mut answers = run.as_ref().map(|r| r.points.iter());
    let (mut cl, mut signals) = (Vec::new(), Vec::new());
    for (_, v) in points {
        let p = v.and_then(|_| answers.as_mut()?.next());
        cl.push(p.and_then(|p| p.cl));
        signals.push(match p {
            Some(p) if p.astronomical => Signal::BeyondLimits,
            Some(p) if p.shift || p.trend => Signal::Run,
            _ => Signal::None,
        });
    }
    let none = vec![None; cl.len()];
    let description = lang.t_with(
        "run-chart-description",
        &[
            ("title", title.to_owned().into()),
            ("months", points.len().into()),
            ("first", lang.month(first.0.year(), first.0.number()).into()),
            ("last", lang.month(last.0.year(), last.0.number()).into()),
            (
                "median",
                cl.iter()
                    .flatten()
                    .next()
                    .map_or_else(|| "–".into(), |m| format(*m))
                    .into(),
            ),
            (
                "signal",
                lang.t(if signals.iter().any(|s| *s != Signal::None) {
                    "run-chart-signal"
                } else {
                    "run-chart-no-signal"
                })
                .into(),
            ),
        ],
    );
    LineChart {
        id,
        title,
        description: &description,
        points,
        y_max,
        format,
        lang,
        goal: None,
        control: run.as_ref().map(|_| Control {
            cl: &cl,
            lcl: &none,
            ucl: &none,
            signals: &signals,
        }),
        network: None,
        suppressed: &[],
    }
    .svg()
}

/// The top of a chart's y axis for counts: a round number above the largest.
fn count_axis(largest: f64) -> f64 {
    let top = (largest * 1.2).max(4.0);
    let step = 10f64.powf(top.log10().floor());
    (top / step).ceil() * step
}

/// `?clinic=ID`: a page narrowed to one clinic, named as this person may name it.
#[derive(Debug, Default, serde::Deserialize)]
pub struct ClinicQuery {
    clinic: Option<String>,
}

/// A choice in a page's clinic filter.
#[derive(Debug)]
pub struct ClinicOption {
    pub id: String,
    pub name: String,
    pub selected: bool,
}

/// The clinic a page is narrowed to (if any), and the choices of its filter.
fn chosen_clinic<'a>(
    view: &crate::access::ClinicView,
    clinics: &'a [crate::store::Clinic],
    query: &ClinicQuery,
    lang: Lang,
) -> Result<(Option<&'a crate::store::Clinic>, Vec<ClinicOption>), Error> {
    let given = query
        .clinic
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let chosen = match given {
        None => None,
        Some(id) => Some(view.find(id, clinics).ok_or_else(|| {
            Error::NotFound(format!(
                "there is no clinic with id {id}; choose one from the list, or leave it empty \
                 for the whole network"
            ))
        })?),
    };
    let mut options: Vec<ClinicOption> = clinics
        .iter()
        .filter(|c| c.revoked_at.is_none())
        .map(|c| ClinicOption {
            id: view.id(c),
            name: view.name(c, lang),
            selected: chosen.is_some_and(|x| x.id == c.id),
        })
        .collect();
    options.sort_by(|a, b| a.name.cmp(&b.name));
    Ok((chosen, options))
}

/// What a page narrowed by [`ClinicQuery`] reads: the clinics, the released work of the one
/// chosen (or of all), and the filter's choices.
struct Narrowed {
    clinics: Vec<crate::store::Clinic>,
    view: crate::access::ClinicView,
    chosen: Option<tandem_shared::model::ClinicId>,
    options: Vec<ClinicOption>,
    work: crate::records::Work,
}

impl Narrowed {
    fn chosen(&self) -> Option<&crate::store::Clinic> {
        let id = self.chosen.as_ref()?;
        self.clinics.iter().find(|c| &c.id == id)
    }

    /// `?clinic=…` for the page's downloads, as this person names the clinic.
    fn query(&self) -> String {
        self.chosen()
            .map_or_else(String::new, |c| format!("?clinic={}", self.view.id(c)))
    }
}

async fn narrowed(
    state: &AppState,
    principal: &tandem_web::Principal,
    query: &ClinicQuery,
    lang: Lang,
) -> Result<Narrowed, Error> {
    let clinics = state.store.clinics().await?;
    let view = crate::access::ClinicView::new(&principal.user, state.config.clinic_names, &clinics);
    let (chosen, options) = chosen_clinic(&view, &clinics, query, lang)?;
    let chosen = chosen.map(|c| c.id.clone());
    let work = crate::records::Work::read(&*state.store, chosen.as_ref()).await?;
    Ok(Narrowed {
        clinics,
        view,
        chosen,
        options,
        work,
    })
}

/// A count that only grows (clinics that had adopted a practice, month by month), as a plain
/// line: runs rules mean nothing on a running total.
fn adoption_chart(
    id: &str,
    title: &str,
    points: &[(Month, Option<f64>)],
    largest: f64,
    format: &dyn Fn(f64) -> String,
    lang: Lang,
) -> String {
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return String::new();
    };
    let description = lang.t_with(
        "spread-chart-description",
        &[
            ("title", title.to_owned().into()),
            ("first", lang.month(first.0.year(), first.0.number()).into()),
            ("last", lang.month(last.0.year(), last.0.number()).into()),
            ("clinics", format(last.1.unwrap_or(0.0)).into()),
        ],
    );
    LineChart {
        id,
        title,
        description: &description,
        points,
        y_max: count_axis(largest),
        format,
        lang,
        goal: None,
        control: None,
        network: None,
        suppressed: &[],
    }
    .svg()
}
