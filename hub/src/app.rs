//! Starting and stopping a hub: the two listeners over the opened [`AppState`]. `main` and the
//! tests go through the same [`start`].

use std::net::SocketAddr;
use std::time::Duration;

use std::sync::Arc;

use axum::Router;
use tandem_web::auth::RouteInfo;
use tandem_web::{Routes, guard, pages};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::access::Access;
use crate::state::AppState;
use crate::{Config, Error, admin, api, federation, web};

/// Every route of the web listener, each with who may use it.
pub fn web_routes() -> Routes<AppState, Access> {
    tandem_web::people::routes()
        .merge(web::routes())
        .merge(api::routes())
        .merge(admin::routes())
}

/// The table of the web listener's routes, for the role × route tests.
pub fn route_table() -> Vec<RouteInfo<Access>> {
    web_routes().finish().1
}

/// The web listener's application: the routes, then (outermost last) who is asking, problem
/// pages for people's browsers, and the security headers on every answer.
pub fn web_app(state: AppState) -> Router {
    let (routes, _) = web_routes().finish();
    routes
        .fallback(tandem_service::http::not_found)
        .method_not_allowed_fallback(tandem_service::http::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            state.cache.clone(),
            crate::cache::invalidate_on_write,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.web.clone(),
            tandem_web::auth::authenticate,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            pages::html_problems::<AppState>,
        ))
        .layer(axum::middleware::from_fn(guard::security_headers))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
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
pub async fn serve(mut state: AppState) -> Result<RunningHub, Error> {
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
    if config.public_url.is_empty() {
        // Links printed for people name the address actually bound (a test's port 0).
        state.web.config = Arc::new(config.web(format!("http://{web_addr}"))?);
    }
    let web_task = tokio::spawn(tandem_service::serve::plain(
        web_listener,
        config.limits(),
        web_app(state.clone()),
        signal.clone(),
    ));
    let fed_app =
        federation::router(state.clone()).layer(tower_http::trace::TraceLayer::new_for_http());
    let fed_task = tokio::spawn(federation::tls::serve(
        fed_listener,
        config.limits(),
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
