//! The node's configuration: `tandem-node.toml` in the data directory (or `--config`), then
//! `TANDEM_NODE_*` environment variables, then command-line flags.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::Error;

pub use tandem_service::process::LogFormat;

/// Everything a node process needs to know. There are no secrets here: the node's private key
/// is a file in the data directory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Where the local API listens. Keep it on loopback unless a reverse proxy guards it.
    pub listen: SocketAddr,
    /// When to sync, as a cron expression with seconds (`0 */15 * * * *`); the five-field
    /// form (`*/15 * * * *`) is accepted and means second 0.
    pub sync_schedule: String,
    pub log_format: LogFormat,
    /// Where the clinic's team reaches the pages, as set-password links are printed for them:
    /// the address of the clinic's reverse proxy, say. Empty means `http://<listen>`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub public_url: String,
    /// The clinic's certificate (PEM, with its chain) and private key, to serve the pages over
    /// HTTPS on the clinic's network. Relative paths are taken from the data directory.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub tls_certificate: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub tls_key: String,
    /// The clinic's reverse proxy serves HTTPS and forwards to this listener: plain HTTP is then
    /// allowed on an address other than loopback.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub behind_proxy: bool,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: ([127, 0, 0, 1], 7878).into(),
            sync_schedule: "0 */15 * * * *".into(),
            log_format: LogFormat::Human,
            public_url: String::new(),
            tls_certificate: String::new(),
            tls_key: String::new(),
            behind_proxy: false,
        }
    }
}

pub use tandem_service::toml_error;

impl Config {
    /// The file name inside the data directory.
    pub const FILE: &'static str = "tandem-node.toml";

    /// Read the file, apply the environment, and check the schedule.
    pub fn load(path: &Path) -> Result<Self, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::Config(format!(
                "cannot read the config file {}: {e}; run `tandem-node init` first, or give \
                 --config",
                path.display()
            ))
        })?;
        let mut config: Config = toml::from_str(&text).map_err(|e| {
            Error::Config(format!(
                "the config file {} is not valid: {}",
                path.display(),
                toml_error(&text, &e)
            ))
        })?;
        config.apply_env(|k| std::env::var(k).ok())?;
        crate::schedule::parse_schedule(&config.sync_schedule)?;
        Ok(config)
    }

    fn apply_env(&mut self, var: impl Fn(&str) -> Option<String>) -> Result<(), Error> {
        if let Some(v) = var("TANDEM_NODE_LISTEN") {
            self.listen = v.parse().map_err(|_| {
                Error::Config(format!(
                    "TANDEM_NODE_LISTEN={v:?} is not a socket address; write it as IP:PORT, for \
                     example 127.0.0.1:7878"
                ))
            })?;
        }
        if let Some(v) = var("TANDEM_NODE_SYNC_SCHEDULE") {
            self.sync_schedule = v;
        }
        if let Some(v) = var("TANDEM_NODE_LOG_FORMAT") {
            self.log_format =
                LogFormat::parse("TANDEM_NODE_LOG_FORMAT", &v).map_err(Error::Config)?;
        }
        Ok(())
    }

    /// The certificate and key files to serve HTTPS with, if the clinic gave them; and a refusal
    /// of a listener that would put passwords on the clinic's network in plain HTTP.
    pub fn tls_files(&self, dir: &Path) -> Result<Option<(PathBuf, PathBuf)>, Error> {
        let tls = match (self.tls_certificate.trim(), self.tls_key.trim()) {
            ("", "") => None,
            (cert, key) if !cert.is_empty() && !key.is_empty() => {
                Some((dir.join(cert), dir.join(key)))
            }
            _ => {
                return Err(Error::Config(
                    "give both tls_certificate and tls_key (PEM files), or neither".into(),
                ));
            }
        };
        if tls.is_none() && !self.listen.ip().is_loopback() && !self.behind_proxy {
            return Err(Error::Config(format!(
                "listen = \"{}\" puts the pages on the clinic's network in plain HTTP, where \
                 passwords could be read on the wire; give tls_certificate and tls_key (a \
                 certificate for this server's name and its key, as PEM files), or, if the \
                 clinic's reverse proxy serves HTTPS in front of the node, set behind_proxy = \
                 true in {}",
                self.listen,
                Self::FILE
            )));
        }
        Ok(tls)
    }

    /// Where people reach the pages: `public_url`, or the listener.
    pub fn public_url(&self) -> String {
        if self.public_url.is_empty() {
            let scheme = if self.tls_certificate.is_empty() {
                "http"
            } else {
                "https"
            };
            format!("{scheme}://{}", self.listen)
        } else {
            self.public_url.trim_end_matches('/').to_owned()
        }
    }

    /// How the clinic's team logs in, with the pages at `public_url`.
    pub fn web(&self, public_url: String) -> tandem_web::WebConfig {
        tandem_web::WebConfig {
            cookie: "tandem_node_session",
            secure_cookies: public_url.starts_with("https://"),
            idle: chrono::Duration::minutes(60),
            absolute: chrono::Duration::hours(12),
            link_lifetime: chrono::Duration::hours(72),
            public_url,
        }
    }

    /// The config as TOML, for `init` to write.
    pub fn to_toml(&self) -> String {
        toml::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_example_config_is_valid() {
        let config: Config = toml::from_str(include_str!("../../deploy/node.toml")).unwrap();
        assert_eq!(config, Config::default());
    }

    #[test]
    fn a_bad_schedule_or_address_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(Config::FILE);
        std::fs::write(&path, "sync_schedule = \"every quarter hour\"\n").unwrap();
        let err = Config::load(&path).unwrap_err();
        assert!(err.to_string().contains("every quarter hour"), "{err}");
        std::fs::write(&path, Config::default().to_toml()).unwrap();
        assert_eq!(Config::load(&path).unwrap(), Config::default());
        let mut c = Config::default();
        assert!(
            c.apply_env(|k| (k == "TANDEM_NODE_LISTEN").then(|| "nowhere".into()))
                .is_err()
        );
    }

    #[test]
    fn the_clinic_network_needs_tls_or_a_proxy() {
        let dir = Path::new("/data");
        let mut c = Config::default();
        assert_eq!(c.tls_files(dir).unwrap(), None, "loopback is fine in HTTP");
        c.listen = ([0, 0, 0, 0], 7878).into();
        let err = c.tls_files(dir).unwrap_err().to_string();
        assert!(
            err.contains("plain HTTP") && err.contains("behind_proxy"),
            "{err}"
        );
        c.behind_proxy = true;
        assert_eq!(c.tls_files(dir).unwrap(), None);
        c.behind_proxy = false;
        c.tls_certificate = "tls/cert.pem".into();
        assert!(c.tls_files(dir).unwrap_err().to_string().contains("both"));
        c.tls_key = "/etc/tandem/key.pem".into();
        assert_eq!(
            c.tls_files(dir).unwrap(),
            Some((dir.join("tls/cert.pem"), "/etc/tandem/key.pem".into()))
        );
        assert!(c.public_url().starts_with("https://"));
    }
}
