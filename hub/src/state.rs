//! What every handler of the hub can reach: the store, the CA, the configuration, the
//! metrics, and the people who use its pages. It imports no router, so the routers and [`crate::app`] read it from above.

use std::sync::Arc;

use tandem_web::Web;

use crate::federation::ca::Authority;
use crate::metrics::Metrics;
use crate::store::{self, Store};
use crate::{Config, Error};

/// What every handler can reach. Nothing here holds state that correctness depends on: that
/// lives in the store, so several hub processes can share one database.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub ca: Arc<Authority>,
    pub config: Arc<Config>,
    pub metrics: Arc<Metrics>,
    /// People, sessions and tokens, and how they log in.
    pub web: Web,
    /// Held while a centre-line decision is read, changed and written back, so that two
    /// leads deciding at once do not lose one of the decisions (on one hub process).
    pub decisions: Arc<tokio::sync::Mutex<()>>,
    /// What the dashboards computed, until what they were computed from changes.
    pub cache: Arc<crate::cache::Cache>,
    /// How often each address may react to the catalogue's practices.
    pub reactions: Arc<crate::catalogue::limits::Limiter>,
    /// How often each address may send a story.
    pub stories: Arc<crate::catalogue::limits::Limiter>,
    /// How often each clinic's node may call the federation API.
    pub clinic_limits: Arc<crate::federation::limit::ClinicLimiter>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl AppState {
    /// Open the store and load (or create) the CA, as configured.
    pub async fn open(config: Config) -> Result<Self, Error> {
        let store = store::open_at(&config.store_location()).await?;
        let ca = Authority::load_or_create(&config.data_dir.join("ca"), &config.network_name)?;
        let web = Web {
            accounts: store.accounts(),
            config: Arc::new(config.web(config.public_url())?),
        };
        Ok(Self {
            web,
            store,
            ca: Arc::new(ca),
            metrics: Arc::new(Metrics::default()),
            decisions: Arc::default(),
            cache: Arc::default(),
            reactions: Arc::default(),
            stories: Arc::default(),
            clinic_limits: Arc::new(crate::federation::limit::ClinicLimiter::new(
                config.clinic_requests_per_minute,
            )),
            config: Arc::new(config),
        })
    }
}
