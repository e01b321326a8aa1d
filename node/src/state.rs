//! An opened node: its data directory, its configuration and its database. Everything a
//! request handler or a sync needs comes from here; it imports no router, so the routers and
//! [`crate::app`] read it from above.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::FromRef;
use tandem_web::Web;

use crate::Error;
use crate::config::Config;
use crate::schedule;
use crate::store::NodeStore;

/// An opened node: its data directory, configuration and database.
#[derive(Debug)]
pub struct Node {
    pub dir: PathBuf,
    pub config: Config,
    pub store: NodeStore,
    /// The clinic team's people, sessions and tokens, and how they log in.
    pub web: Web,
    /// The extract import the pages started, if any, and how the last one ended.
    pub imports: Arc<crate::extract::import::Jobs>,
    /// Whether someone has set the node up, and the key of the set-up address until then.
    pub setup: Arc<crate::pages::setup::Setup>,
    /// Woken when the lead changes the sync schedule, so the schedule task takes it at once.
    pub schedule_changed: Arc<tokio::sync::Notify>,
}

/// An opened node as the routers hold it: shared, and known to the web foundation as a site.
#[derive(Debug, Clone)]
pub struct NodeSite(pub Arc<Node>);

impl std::ops::Deref for NodeSite {
    type Target = Node;

    fn deref(&self) -> &Node {
        &self.0
    }
}

impl FromRef<NodeSite> for Arc<Node> {
    fn from_ref(site: &NodeSite) -> Arc<Node> {
        site.0.clone()
    }
}

fn web(store: &NodeStore, config: &Config) -> Web {
    Web {
        accounts: Arc::new(store.accounts()),
        config: Arc::new(config.web(config.public_url())),
    }
}

impl Node {
    pub const DATABASE: &'static str = "node.db";

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
        schedule::parse_schedule(&config.sync_schedule)?;
        std::fs::create_dir_all(dir)
            .map_err(Error::io(format!("cannot create {}", dir.display())))?;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .map_err(Error::io(format!("cannot restrict {}", dir.display())))?;
        let store = NodeStore::open(&dir.join(Self::DATABASE)).await?;
        std::fs::write(&config_path, config.to_toml())
            .map_err(Error::io(format!("cannot write {}", config_path.display())))?;
        Ok(Node {
            dir: dir.to_owned(),
            web: web(&store, &config),
            config,
            store,
            imports: Default::default(),
            setup: Default::default(),
            schedule_changed: Default::default(),
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
            web: web(&store, &config),
            config,
            store,
            imports: Default::default(),
            setup: Default::default(),
            schedule_changed: Default::default(),
        })
    }

    /// The sync schedule in force: the one the lead set on the settings page, else the config
    /// file's. Returns the expression and whether it came from the settings page.
    pub async fn sync_schedule(&self) -> Result<(String, bool), Error> {
        match self
            .store
            .setting(crate::store::settings::SYNC_SCHEDULE)
            .await?
        {
            Some(s) if !s.trim().is_empty() && schedule::parse_schedule(&s).is_ok() => {
                Ok((s, true))
            }
            _ => Ok((self.config.sync_schedule.clone(), false)),
        }
    }

    /// Serve the pages at `public_url` from now on (the address a listener actually bound).
    pub fn serve_at(&mut self, public_url: String) {
        self.web.config = Arc::new(self.config.web(public_url));
    }
}
