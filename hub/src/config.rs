//! The hub's configuration: one TOML file, then `TANDEM_HUB_*` environment variables, then
//! command-line flags.

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::Error;

pub use tandem_service::process::LogFormat;

/// Everything a hub process needs to know.
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// The network's name, shown on every page.
    pub network_name: String,
    /// Where the CA key and, by default, the SQLite database live.
    pub data_dir: PathBuf,
    /// `sqlite://PATH` or `postgres://…`. Empty means `sqlite://<data_dir>/hub.db`.
    pub database_url: String,
    /// A PostgreSQL read replica for the dashboards and the catalogue (empty: none).
    pub database_replica_url: String,
    /// The most connections this process opens to PostgreSQL. Across all hub processes, keep
    /// the total under the server's `max_connections`.
    pub database_max_connections: u32,
    /// The dashboards and JSON API, plain HTTP: put a TLS reverse proxy in front of it when it
    /// is reachable beyond the machine.
    pub web_listen: SocketAddr,
    /// The federation API that nodes call, always TLS with client certificates.
    pub federation_listen: SocketAddr,
    /// The names nodes use to reach the federation API; they go in its server certificate.
    pub federation_hostnames: Vec<String>,
    /// How long a node's client certificate is valid. Nodes renew when a third is left.
    pub certificate_days: u32,
    /// How long an enrolment code stays valid.
    pub enrolment_code_hours: u32,
    /// The largest release body accepted, in bytes.
    pub max_release_bytes: usize,
    /// Where people reach the pages, as set-password links are printed for them: the public
    /// address behind a TLS reverse proxy (`https://hub.example.org`). Empty means
    /// `http://<web_listen>`. Cookies are marked `Secure` when it starts with `https://`.
    pub public_url: String,
    /// A session ends after this many minutes without a request…
    pub session_idle_minutes: u32,
    /// …and after this many hours in any case.
    pub session_hours: u32,
    /// How long a set-password link works.
    pub password_link_hours: u32,
    /// How clinic members see the other clinics: as "Clinic 17" (`pseudonyms`) or by name
    /// (`named`), as the network agreed.
    pub clinic_names: ClinicNames,
    pub log_format: LogFormat,
    /// The most connections each listener keeps open at once (lowered to fit the process's
    /// file descriptors).
    pub max_connections: usize,
    /// How long a client may take to send a request's headers, in seconds.
    pub header_read_seconds: u64,
    /// How long a connection may stay open with nothing sent, in seconds.
    pub idle_seconds: u64,
    /// How many federation requests one clinic's node may make in a minute (and at once).
    pub clinic_requests_per_minute: u32,
}

/// The network's transparency setting: whether its clinics see each other's names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClinicNames {
    /// Other clinics appear under stable pseudonyms ("Clinic 17").
    #[default]
    Pseudonyms,
    /// Every clinic is shown by name to every member.
    Named,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            network_name: "Tandem network".into(),
            data_dir: PathBuf::from("tandem-hub-data"),
            database_url: String::new(),
            database_replica_url: String::new(),
            database_max_connections: 10,
            web_listen: ([127, 0, 0, 1], 8080).into(),
            federation_listen: ([127, 0, 0, 1], 8443).into(),
            federation_hostnames: vec!["localhost".into(), "127.0.0.1".into(), "::1".into()],
            certificate_days: 90,
            enrolment_code_hours: 7 * 24,
            max_release_bytes: 8 * 1024 * 1024,
            public_url: String::new(),
            session_idle_minutes: 60,
            session_hours: 12,
            password_link_hours: 72,
            clinic_names: ClinicNames::Pseudonyms,
            log_format: LogFormat::Human,
            max_connections: 4096,
            header_read_seconds: 30,
            idle_seconds: 60,
            clinic_requests_per_minute: 600,
        }
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("network_name", &self.network_name)
            .field("data_dir", &self.data_dir)
            .field("database_url", &redact_url(&self.database_url))
            .field(
                "database_replica_url",
                &redact_url(&self.database_replica_url),
            )
            .field("database_max_connections", &self.database_max_connections)
            .field("web_listen", &self.web_listen)
            .field("federation_listen", &self.federation_listen)
            .field("federation_hostnames", &self.federation_hostnames)
            .field("certificate_days", &self.certificate_days)
            .field("enrolment_code_hours", &self.enrolment_code_hours)
            .field("max_release_bytes", &self.max_release_bytes)
            .field("public_url", &self.public_url)
            .field("session_idle_minutes", &self.session_idle_minutes)
            .field("session_hours", &self.session_hours)
            .field("password_link_hours", &self.password_link_hours)
            .field("clinic_names", &self.clinic_names)
            .field("log_format", &self.log_format)
            .field("max_connections", &self.max_connections)
            .field("header_read_seconds", &self.header_read_seconds)
            .field("idle_seconds", &self.idle_seconds)
            .field(
                "clinic_requests_per_minute",
                &self.clinic_requests_per_minute,
            )
            .finish()
    }
}

/// A database URL with its passwords replaced, for logs and `Debug`: the one in
/// `user:password@`, and any `password` or `sslpassword` in the query string.
pub fn redact_url(url: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let mut out = match (base.find("://"), base.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &base[scheme + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &base[..scheme + 3], &base[at..]),
                None => base.to_owned(),
            }
        }
        _ => base.to_owned(),
    };
    if let Some(query) = query {
        let pairs: Vec<String> = query
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((k, _))
                    if k.eq_ignore_ascii_case("password")
                        || k.eq_ignore_ascii_case("sslpassword") =>
                {
                    format!("{k}=***")
                }
                _ => pair.to_owned(),
            })
            .collect();
        out.push('?');
        out.push_str(&pairs.join("&"));
    }
    out
}

pub use tandem_service::toml_error;

impl Config {
    /// Read the file if one is given, then apply the environment.
    pub fn load(path: Option<&Path>) -> Result<Self, Error> {
        let mut config = match path {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| {
                    Error::Config(format!(
                        "cannot read the config file {}: {e}",
                        path.display()
                    ))
                })?;
                toml::from_str(&text).map_err(|e| {
                    Error::Config(format!(
                        "the config file {} is not valid: {}",
                        path.display(),
                        toml_error(&text, &e)
                    ))
                })?
            }
            None => Config::default(),
        };
        config.apply_env(|k| std::env::var(k).ok())?;
        config.validate()?;
        Ok(config)
    }

    /// Refuses values that would make the hub useless: a code that expires as it is printed,
    /// a certificate valid for no day, a body limit no release fits in.
    pub fn validate(&self) -> Result<(), Error> {
        let d = Config::default();
        let ranges: [(&str, u64, u64, u64, u64); 8] = [
            (
                "clinic_requests_per_minute",
                self.clinic_requests_per_minute.into(),
                10,
                1_000_000,
                d.clinic_requests_per_minute.into(),
            ),
            (
                "max_connections",
                self.max_connections as u64,
                16,
                1_000_000,
                d.max_connections as u64,
            ),
            (
                "header_read_seconds",
                self.header_read_seconds,
                1,
                600,
                d.header_read_seconds,
            ),
            ("idle_seconds", self.idle_seconds, 1, 3600, d.idle_seconds),
            (
                "enrolment_code_hours",
                self.enrolment_code_hours.into(),
                1,
                24 * 90,
                d.enrolment_code_hours.into(),
            ),
            (
                "certificate_days",
                self.certificate_days.into(),
                1,
                825,
                d.certificate_days.into(),
            ),
            (
                "database_max_connections",
                self.database_max_connections.into(),
                1,
                1000,
                d.database_max_connections.into(),
            ),
            (
                "max_release_bytes",
                self.max_release_bytes as u64,
                1024,
                1 << 30,
                d.max_release_bytes as u64,
            ),
        ];
        for (key, value, low, high, default) in ranges {
            if !(low..=high).contains(&value) {
                return Err(Error::Config(format!(
                    "{key} = {value} is out of range: set it between {low} and {high} (the \
                     default is {default})"
                )));
            }
        }
        if self
            .federation_hostnames
            .iter()
            .all(|h| h.trim().is_empty())
        {
            return Err(Error::Config(
                "federation_hostnames is empty: list the names nodes use to reach this hub, \
                 for example [\"hub.example.org\"]"
                    .into(),
            ));
        }
        Ok(())
    }

    fn apply_env(&mut self, var: impl Fn(&str) -> Option<String>) -> Result<(), Error> {
        let addr = |name: &str, v: String| {
            v.parse::<SocketAddr>().map_err(|_| {
                Error::Config(format!(
                    "{name}={v:?} is not a socket address; write it as IP:PORT, for example \
                     127.0.0.1:8080"
                ))
            })
        };
        if let Some(v) = var("TANDEM_HUB_NETWORK_NAME") {
            self.network_name = v;
        }
        if let Some(v) = var("TANDEM_HUB_DATA_DIR") {
            self.data_dir = v.into();
        }
        if let Some(v) = var("TANDEM_HUB_DATABASE_URL") {
            self.database_url = v;
        }
        if let Some(v) = var("TANDEM_HUB_DATABASE_REPLICA_URL") {
            self.database_replica_url = v;
        }
        if let Some(v) = var("TANDEM_HUB_WEB_LISTEN") {
            self.web_listen = addr("TANDEM_HUB_WEB_LISTEN", v)?;
        }
        if let Some(v) = var("TANDEM_HUB_FEDERATION_LISTEN") {
            self.federation_listen = addr("TANDEM_HUB_FEDERATION_LISTEN", v)?;
        }
        if let Some(v) = var("TANDEM_HUB_FEDERATION_HOSTNAMES") {
            self.federation_hostnames = v.split(',').map(|s| s.trim().to_owned()).collect();
        }
        if let Some(v) = var("TANDEM_HUB_MAX_RELEASE_BYTES") {
            self.max_release_bytes = v.parse().map_err(|_| {
                Error::Config(format!(
                    "TANDEM_HUB_MAX_RELEASE_BYTES={v:?} is not a number of bytes"
                ))
            })?;
        }
        if let Some(v) = var("TANDEM_HUB_PUBLIC_URL") {
            self.public_url = v;
        }
        if let Some(v) = var("TANDEM_HUB_SESSION_IDLE_MINUTES") {
            self.session_idle_minutes = v.parse().map_err(|_| {
                Error::Config(format!(
                    "TANDEM_HUB_SESSION_IDLE_MINUTES={v:?} is not a number of minutes"
                ))
            })?;
        }
        for (name, field) in [
            (
                "TANDEM_HUB_HEADER_READ_SECONDS",
                &mut self.header_read_seconds,
            ),
            ("TANDEM_HUB_IDLE_SECONDS", &mut self.idle_seconds),
        ] {
            if let Some(v) = var(name) {
                *field = v.parse().map_err(|_| {
                    Error::Config(format!("{name}={v:?} is not a number of seconds"))
                })?;
            }
        }
        if let Some(v) = var("TANDEM_HUB_CLINIC_REQUESTS_PER_MINUTE") {
            self.clinic_requests_per_minute = v.parse().map_err(|_| {
                Error::Config(format!(
                    "TANDEM_HUB_CLINIC_REQUESTS_PER_MINUTE={v:?} is not a number of requests"
                ))
            })?;
        }
        if let Some(v) = var("TANDEM_HUB_LOG_FORMAT") {
            self.log_format =
                LogFormat::parse("TANDEM_HUB_LOG_FORMAT", &v).map_err(Error::Config)?;
        }
        Ok(())
    }

    /// Where people reach the pages: `public_url`, or the web listener.
    pub fn public_url(&self) -> String {
        if self.public_url.is_empty() {
            format!("http://{}", self.web_listen)
        } else {
            self.public_url.trim_end_matches('/').to_owned()
        }
    }

    /// How people log in to this hub, with the pages at `public_url`.
    pub fn web(&self, public_url: String) -> Result<tandem_web::WebConfig, Error> {
        if self.session_idle_minutes == 0
            || self.session_hours == 0
            || self.password_link_hours == 0
        {
            return Err(Error::Config(
                "session_idle_minutes, session_hours and password_link_hours must each be at \
                 least 1"
                    .into(),
            ));
        }
        Ok(tandem_web::WebConfig {
            cookie: "tandem_hub_session",
            secure_cookies: public_url.starts_with("https://"),
            idle: chrono::Duration::minutes(self.session_idle_minutes.into()),
            absolute: chrono::Duration::hours(self.session_hours.into()),
            link_lifetime: chrono::Duration::hours(self.password_link_hours.into()),
            public_url,
        })
    }

    /// What each listener lets its clients hold.
    pub fn limits(&self) -> tandem_service::serve::Limits {
        tandem_service::serve::Limits {
            connections: self.max_connections,
            header_read: std::time::Duration::from_secs(self.header_read_seconds),
            idle: std::time::Duration::from_secs(self.idle_seconds),
        }
    }

    /// Where the store is, as configured.
    pub fn store_location(&self) -> crate::store::Location {
        crate::store::Location {
            url: self.database_url(),
            replica_url: Some(self.database_replica_url.clone()).filter(|u| !u.is_empty()),
            max_connections: self.database_max_connections,
        }
    }

    /// The database URL, defaulting to a SQLite file in the data directory.
    pub fn database_url(&self) -> String {
        if self.database_url.is_empty() {
            format!("sqlite://{}", self.data_dir.join("hub.db").display())
        } else {
            self.database_url.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_example_config_is_valid() {
        let config: Config = toml::from_str(include_str!("../../deploy/hub.toml")).unwrap();
        assert_eq!(config.federation_hostnames, ["hub.example.org"]);
        config.validate().unwrap();
        let postgres: Config =
            toml::from_str(include_str!("../../deploy/hub-postgres.toml")).unwrap();
        postgres.validate().unwrap();
    }

    #[test]
    fn passwords_never_reach_debug_output() {
        let config = Config {
            database_url: "postgres://tandem:s3cret@db.example:5432/hub".into(),
            ..Config::default()
        };
        let shown = format!("{config:?}");
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains("postgres://tandem:***@db.example:5432/hub"));
        assert_eq!(
            redact_url("postgres://db/tandem?user=t&password=s3cret&sslmode=require"),
            "postgres://db/tandem?user=t&password=***&sslmode=require"
        );
    }

    #[test]
    fn environment_overrides_the_file_and_bad_values_are_named() {
        let mut config: Config = toml::from_str("network_name = \"File\"").unwrap();
        config
            .apply_env(|k| (k == "TANDEM_HUB_NETWORK_NAME").then(|| "Env".to_string()))
            .unwrap();
        assert_eq!(config.network_name, "Env");
        let err = config
            .apply_env(|k| (k == "TANDEM_HUB_WEB_LISTEN").then(|| "localhost".to_string()))
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("TANDEM_HUB_WEB_LISTEN=\"localhost\"")
        );
        assert!(toml::from_str::<Config>("web_port = 1").is_err());
    }

    #[test]
    fn values_that_make_the_hub_useless_are_refused_by_name() {
        assert!(Config::default().validate().is_ok());
        let expired = Config {
            enrolment_code_hours: 0,
            ..Config::default()
        };
        let err = expired.validate().unwrap_err().to_string();
        assert!(
            err.contains("enrolment_code_hours = 0 is out of range: set it between 1 and 2160"),
            "{err}"
        );
        let tiny = Config {
            max_release_bytes: 10,
            ..Config::default()
        };
        assert!(
            tiny.validate()
                .unwrap_err()
                .to_string()
                .contains("max_release_bytes")
        );
        let nameless = Config {
            federation_hostnames: vec![" ".into()],
            ..Config::default()
        };
        assert!(
            nameless
                .validate()
                .unwrap_err()
                .to_string()
                .contains("federation_hostnames")
        );
    }
}
