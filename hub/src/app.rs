//! Starting and stopping a hub: the store, the CA, and the two listeners. `main` and the tests
//! go through the same [`start`].

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::federation::ca::Authority;
use crate::metrics::Metrics;
use crate::store::{self, Store};
use crate::{Config, Error, api, federation, web};

/// What every handler can reach. Nothing here holds state that correctness depends on: that
/// lives in the store, so several hub processes can share one database.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub ca: Arc<Authority>,
    pub config: Arc<Config>,
    pub metrics: Arc<Metrics>,
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
        Ok(Self {
            store,
            ca: Arc::new(ca),
            config: Arc::new(config),
            metrics: Arc::new(Metrics::default()),
        })
    }
}

/// A hub that is serving.
#[derive(Debug)]
pub struct RunningHub {
    pub web_addr: SocketAddr,
    pub federation_addr: SocketAddr,
    pub state: AppState,
    shutdown: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

impl RunningHub {
    /// The federation API's base URL, as nodes reach it on loopback.
    pub fn federation_url(&self) -> String {
        format!("https://localhost:{}", self.federation_addr.port())
    }

    /// The dashboards' base URL.
    pub fn web_url(&self) -> String {
        format!("http://{}", self.web_addr)
    }

    /// Stop accepting, let open requests finish, and return.
    pub async fn stop(self) {
        let _ = self.shutdown.send(true);
        for task in self.tasks {
            let _ = tokio::time::timeout(Duration::from_secs(15), task).await;
        }
    }
}

async fn bind(addr: SocketAddr, what: &str) -> Result<TcpListener, Error> {
    TcpListener::bind(addr).await.map_err(|e| {
        Error::Config(format!(
            "cannot listen for {what} on {addr}: {e}; choose another address or stop what is \
             using it"
        ))
    })
}

/// Open everything the config names and start serving.
pub async fn start(config: Config) -> Result<RunningHub, Error> {
    let state = AppState::open(config).await?;
    serve(state).await
}

/// Start serving with an already opened state.
pub async fn serve(state: AppState) -> Result<RunningHub, Error> {
    let config = state.config.clone();
    let tls = state.ca.server_config(&config.federation_hostnames)?;
    let web_listener = bind(config.web_listen, "the web dashboards").await?;
    let fed_listener = bind(config.federation_listen, "the federation API").await?;
    let web_addr = web_listener
        .local_addr()
        .map_err(Error::io("cannot read the web address"))?;
    let federation_addr = fed_listener
        .local_addr()
        .map_err(Error::io("cannot read the federation address"))?;
    let (shutdown, signal) = watch::channel(false);

    let web_app = web::router(state.clone())
        .merge(api::router(state.clone()))
        .layer(tower_http::trace::TraceLayer::new_for_http());
    let mut web_signal = signal.clone();
    let web_task = tokio::spawn(async move {
        let stopped = async move {
            let _ = web_signal.changed().await;
        };
        if let Err(e) = axum::serve(web_listener, web_app)
            .with_graceful_shutdown(stopped)
            .await
        {
            tracing::error!(error = %e, "web server stopped");
        }
    });
    let fed_app =
        federation::router(state.clone()).layer(tower_http::trace::TraceLayer::new_for_http());
    let fed_task = tokio::spawn(federation::tls::serve(
        fed_listener,
        tls,
        fed_app,
        state.metrics.clone(),
        signal,
    ));
    tracing::info!(%web_addr, %federation_addr, "hub listening");
    Ok(RunningHub {
        web_addr,
        federation_addr,
        state,
        shutdown,
        tasks: vec![web_task, fed_task],
    })
}
