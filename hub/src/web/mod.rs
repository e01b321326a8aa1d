//! The leads' web pages, rendered on the server from compile-time checked templates, in
//! English and French. They work without JavaScript and load nothing from elsewhere.

use askama::Template;
use askama_web::WebTemplate;
use async_trait::async_trait;
use axum::extract::State;
use tandem_web::accounts::User;
use tandem_web::pages::Chrome;
use tandem_web::series::{MeasureView, SeriesPoint, Wording, measure_view};
use tandem_web::{Lang, NavItem, Routes, Signed, Site, Web};

use crate::Error;
use crate::access::{self, ADMIN, Access};
use crate::api::{self, NetworkSummary};
use crate::state::AppState;

/// The network's pages.
pub fn routes() -> Routes<AppState, Access> {
    Routes::new().get("/", Access::Signed, network_page)
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
        let mut items = vec![("nav-network", "/")];
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

#[derive(Template, WebTemplate)]
#[template(path = "network.html")]
struct NetworkPage {
    chrome: Chrome,
    lang: Lang,
    summary: NetworkSummary,
    coverage: String,
    measures: Vec<MeasureView>,
}

async fn network_page(
    State(state): State<AppState>,
    Signed(principal): Signed,
    lang: Lang,
) -> Result<NetworkPage, Error> {
    let summary = api::summary(&state).await?;
    let mut measures = Vec::new();
    if let Some(defs) = state.store.definitions().await? {
        for m in defs.measures {
            let series = api::series(&state, m, &defs.policy).await?;
            let points: Vec<SeriesPoint> = series
                .points
                .iter()
                .map(|p| SeriesPoint {
                    month: p.month,
                    numerator: p.numerator,
                    denominator: p.denominator,
                    value: p.value,
                })
                .collect();
            let wording = Wording {
                description_key: "network-chart-description",
                caption_key: if summary.simulated {
                    "network-table-caption-simulated"
                } else {
                    "network-table-caption"
                },
            };
            let mut view = measure_view(&series.measure, &points, wording, lang);
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
            measures.push(view);
        }
    }
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
    Ok(NetworkPage {
        chrome: Chrome::new(&state, Some(&principal), lang, "/"),
        lang,
        summary,
        coverage,
        measures,
    })
}
