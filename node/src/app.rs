//! A node's data directory, its opened database, and starting and stopping its server. `main`
//! and the tests go through the same functions.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::config::Config;
use crate::state::{Node, NodeSite};
use crate::{Error, api, sync};

/// A node that is serving its local API (and, if asked, syncing on its schedule).
#[derive(Debug)]
pub struct RunningNode {
    pub addr: SocketAddr,
    /// Whether the pages are served over HTTPS.
    pub tls: bool,
    /// The one-time set-up address, while no one is set up on the node.
    pub setup_link: Option<String>,
    shutdown: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

impl RunningNode {
    /// The local API's base URL.
    pub fn url(&self) -> String {
        let scheme = if self.tls { "https" } else { "http" };
        format!("{scheme}://{}", self.addr)
    }

    /// Stop serving and syncing, letting open requests finish.
    pub async fn stop(self) {
        let _ = self.shutdown.send(true);
        for task in self.tasks {
            let _ = tokio::time::timeout(Duration::from_secs(15), task).await;
        }
    }
}

/// Serve the pages and the local API on the configured address, and sync on schedule if
/// `scheduled`.
pub async fn serve(mut node: Node, scheduled: bool) -> Result<RunningNode, Error> {
    // Refused before anything listens: plain HTTP on the clinic's network.
    let tls = match node.config.tls_files(&node.dir)? {
        Some((cert, key)) => Some(crate::listen::server_config(&cert, &key)?),
        None => None,
    };
    let listener = TcpListener::bind(node.config.listen).await.map_err(|e| {
        Error::Config(format!(
            "cannot listen on {}: {e}; choose another address with --listen or in {}",
            node.config.listen,
            Config::FILE
        ))
    })?;
    let addr = listener
        .local_addr()
        .map_err(Error::io("cannot read the listening address"))?;
    if node.config.public_url.is_empty() {
        // Links printed for people name the address actually bound (port 0 in tests).
        let scheme = if tls.is_some() { "https" } else { "http" };
        node.serve_at(format!("{scheme}://{addr}"));
    }
    let node = Arc::new(node);
    let setup_link = crate::pages::setup::link(&NodeSite(node.clone())).await;
    let (shutdown, signal) = watch::channel(false);
    let app = api::app(NodeSite(node.clone())).layer(tower_http::trace::TraceLayer::new_for_http());
    let served = tls.is_some();
    let limits = tandem_service::serve::Limits::default();
    let mut tasks = vec![match tls {
        Some(config) => tokio::spawn(crate::listen::serve_tls(
            listener,
            limits,
            config,
            app,
            signal.clone(),
        )),
        None => tokio::spawn(tandem_service::serve::plain(
            listener,
            limits,
            app,
            signal.clone(),
        )),
    }];
    if scheduled {
        let node = node.clone();
        tasks.push(tokio::spawn(async move {
            sync::run_schedule(&node, signal).await;
        }));
    }
    tracing::info!(%addr, "node listening");
    Ok(RunningNode {
        addr,
        tls: served,
        setup_link,
        shutdown,
        tasks,
    })
}
