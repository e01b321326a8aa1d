//! A node's data directory, its opened database, and starting and stopping its server. `main`
//! and the tests go through the same functions.

use std::net::SocketAddr;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::config::Config;
use crate::store::NodeStore;
use crate::{Error, sync, web};

/// An opened node: its data directory, configuration and database.
#[derive(Debug)]
pub struct Node {
    pub dir: PathBuf,
    pub config: Config,
    pub store: NodeStore,
}

impl Node {
    const DATABASE: &'static str = "node.db";

    /// Create a data directory with a config file and an empty database.
    pub async fn init(dir: &Path, config: Config) -> Result<Node, Error> {
        let config_path = dir.join(Config::FILE);
        if config_path.exists() {
            return Err(Error::Conflict(format!(
                "{} is already initialised (it has {}); use it as it is, or choose another \
                 directory",
                dir.display(),
                Config::FILE
            )));
        }
        sync::parse_schedule(&config.sync_schedule)?;
        std::fs::create_dir_all(dir)
            .map_err(Error::io(format!("cannot create {}", dir.display())))?;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .map_err(Error::io(format!("cannot restrict {}", dir.display())))?;
        let store = NodeStore::open(&dir.join(Self::DATABASE)).await?;
        std::fs::write(&config_path, config.to_toml())
            .map_err(Error::io(format!("cannot write {}", config_path.display())))?;
        Ok(Node {
            dir: dir.to_owned(),
            config,
            store,
        })
    }

    /// Open an initialised data directory; `config` overrides where the config file is.
    pub async fn open(dir: &Path, config: Option<&Path>) -> Result<Node, Error> {
        let config_path = config.map_or_else(|| dir.join(Config::FILE), Path::to_owned);
        let config = Config::load(&config_path)?;
        if !dir.join(Self::DATABASE).exists() {
            return Err(Error::Config(format!(
                "{} holds no node database; run `tandem-node init --data-dir {}` first",
                dir.display(),
                dir.display()
            )));
        }
        let store = NodeStore::open(&dir.join(Self::DATABASE)).await?;
        Ok(Node {
            dir: dir.to_owned(),
            config,
            store,
        })
    }
}

/// A node that is serving its local API (and, if asked, syncing on its schedule).
#[derive(Debug)]
pub struct RunningNode {
    pub addr: SocketAddr,
    shutdown: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

impl RunningNode {
    /// The local API's base URL.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stop serving and syncing, letting open requests finish.
    pub async fn stop(self) {
        let _ = self.shutdown.send(true);
        for task in self.tasks {
            let _ = tokio::time::timeout(Duration::from_secs(15), task).await;
        }
    }
}

/// Serve the local API on the configured address, and sync on schedule if `scheduled`.
pub async fn serve(node: Arc<Node>, scheduled: bool) -> Result<RunningNode, Error> {
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
    let (shutdown, signal) = watch::channel(false);
    let app = web::router(node.clone()).layer(tower_http::trace::TraceLayer::new_for_http());
    let mut stopped = signal.clone();
    let mut tasks = vec![tokio::spawn(async move {
        let stop = async move {
            let _ = stopped.changed().await;
        };
        if let Err(e) = axum::serve(listener, app)
            .with_graceful_shutdown(stop)
            .await
        {
            tracing::error!(error = %e, "local API stopped");
        }
    })];
    if scheduled {
        let schedule = sync::parse_schedule(&node.config.sync_schedule)?;
        let node = node.clone();
        tasks.push(tokio::spawn(async move {
            sync::run_schedule(&node, schedule, signal).await;
        }));
    }
    tracing::info!(%addr, "node listening");
    Ok(RunningNode {
        addr,
        shutdown,
        tasks,
    })
}
