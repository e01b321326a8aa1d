//! The leads' web pages, rendered on the server from compile-time checked templates, in
//! English and French. They work without JavaScript and load nothing from elsewhere.

use askama::Template;
use askama_web::WebTemplate;
use async_trait::async_trait;
use axum::extract::State;
use chrono::Datelike;
use tandem_shared::model::Month;
use tandem_web::accounts::User;
use tandem_web::pages::Chrome;
use tandem_web::series::MeasureView;
use tandem_web::{Lang, NavItem, Routes, Signed, Site, Web};

use crate::Error;
use crate::access::{self, ADMIN, Access};
use crate::api::{self, NetworkSummary};
use crate::state::AppState;

mod clinic;
mod measures;

/// The network's pages.
pub fn routes() -> Routes<AppState, Access> {
    Routes::new()
        .get("/", Access::Signed, network_page)
        .get("/measures/{id}", Access::Signed, measures::measure_page)
        .get("/clinics/{id}", Access::Signed, clinic::clinic_page)
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

/// The day of the next month by which a month's figures are due (DHIS2's "on time").
pub const REPORTING_DEADLINE_DAY: u32 = 15;

/// The latest month whose figures are due by `today`.
fn due_month(today: chrono::NaiveDate) -> Option<Month> {
    let this = Month::of(today);
    this.plus(if today.day() >= REPORTING_DEADLINE_DAY {
        -1
    } else {
        -2
    })
    .ok()
}

/// A measure on the overview: where the network stands now.
struct Card {
    m: MeasureView,
    /// "62 % in November 2026".
    latest: String,
    /// What the chart says of the latest month.
    signal: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "network.html")]
struct NetworkPage {
    chrome: Chrome,
    lang: Lang,
    summary: NetworkSummary,
    coverage: String,
    reporting: String,
    cards: Vec<Card>,
}

async fn network_page(
    State(state): State<AppState>,
    Signed(principal): Signed,
    lang: Lang,
) -> Result<NetworkPage, Error> {
    let summary = api::summary(&state).await?;
    let due = due_month(chrono::Utc::now().date_naive());
    let mut cards = Vec::new();
    let mut reported_due = 0;
    if let Some(defs) = state.store.definitions().await? {
        for m in defs.measures {
            let series = api::series(&state, m, &defs.policy).await?;
            if let Some(p) = series.points.iter().find(|p| Some(p.month) == due) {
                reported_due = reported_due.max(p.clinics_contributing + p.clinics_suppressed);
            }
            let (options, _) = measures::chart_options(&state, &series, false).await?;
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
            let reported = usize::try_from(reported_due).unwrap_or(usize::MAX);
            lang.t_with(
                "overview-reporting",
                &[
                    ("month", lang.month(due.year(), due.number()).into()),
                    ("reported", reported.into()),
                    ("enrolled", summary.clinics_enrolled.into()),
                    (
                        "late",
                        summary.clinics_enrolled.saturating_sub(reported).into(),
                    ),
                    ("day", REPORTING_DEADLINE_DAY.into()),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_is_due_on_the_fifteenth_of_the_next() {
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let month = |y, m| Month::new(y, m).unwrap();
        assert_eq!(due_month(day(2026, 12, 14)), Some(month(2026, 10)));
        assert_eq!(due_month(day(2026, 12, 15)), Some(month(2026, 11)));
        assert_eq!(due_month(day(2027, 1, 2)), Some(month(2026, 11)));
    }
}
