//! A test kit that runs the real `tandem-hub` and `tandem-node` binaries on loopback, each in
//! its own temporary data directory, and talks to them as clinics and leads would.

use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::sync::{Arc, Once};
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::Value;
use tempfile::TempDir;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

use crate::database::{Backend, TestDatabase};

/// Assert that a problem document's `detail` says `needle`.
#[track_caller]
pub fn assert_detail(problem: &Value, needle: &str) {
    let detail = problem["detail"].as_str().unwrap_or_default();
    assert!(
        detail.contains(needle),
        "the problem should say {needle:?}: {problem}"
    );
}

/// The `Authorization` header that carries a personal API token.
pub fn bearer(token: &str) -> reqwest::header::HeaderMap {
    let mut headers = reqwest::header::HeaderMap::new();
    let value = reqwest::header::HeaderValue::from_str(&format!("Bearer {token}"))
        .expect("a token is a header value");
    headers.insert(reqwest::header::AUTHORIZATION, value);
    headers
}

/// An HTTP client that sends a personal API token with every request and follows no
/// redirects.
pub fn client_with_token(token: &str) -> reqwest::Client {
    reqwest::Client::builder()
        .default_headers(bearer(token))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("an HTTP client")
}

/// The first line of a command's standard output, which it must have run successfully to
/// print.
#[track_caller]
pub fn printed(out: &Output, what: &str) -> String {
    assert!(out.status.success(), "{what} failed: {out:?}");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .unwrap_or_default()
        .trim()
        .to_owned()
}

/// The set-password link `user add` or `user reset` printed.
#[track_caller]
pub fn printed_link(out: &Output) -> String {
    assert!(out.status.success(), "user add failed: {out:?}");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find(|l| l.contains("/set-password/"))
        .expect("a set-password link is printed")
        .trim()
        .to_owned()
}

/// A form field's value, encoded for `application/x-www-form-urlencoded`.
pub fn form_value(v: &str) -> String {
    let mut out = String::new();
    for b in v.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => {
                out.push(b as char);
            }
            b' ' => out.push('+'),
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A form body from its fields.
pub fn form(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", form_value(k), form_value(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// A browser's session on one binary's pages: its cookie and its forms' CSRF token.
#[derive(Debug, Clone)]
pub struct Session {
    pub base: String,
    pub cookie: String,
    pub csrf: String,
    http: reqwest::Client,
}

impl Session {
    /// Log in through the login form as a browser does; `None` if the login is refused.
    pub async fn log_in(base: &str, login: &str, password: &str) -> Option<Session> {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("an HTTP client");
        let response = http
            .post(format!("{base}/login"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form(&[("login", login), ("password", password)]))
            .send()
            .await
            .expect("the login page answers");
        if response.status() != StatusCode::SEE_OTHER {
            return None;
        }
        let cookie = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.contains("_session="))?
            .split(';')
            .next()?
            .to_owned();
        let mut session = Session {
            base: base.to_owned(),
            cookie,
            csrf: String::new(),
            http,
        };
        session.csrf = session.read_csrf().await;
        Some(session)
    }

    /// Follow a set-password link as its person does: choose the password and be logged in.
    pub async fn from_link(link: &str, password: &str) -> Session {
        let base = link
            .split("/set-password/")
            .next()
            .expect("a set-password link")
            .to_owned();
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("an HTTP client");
        let response = http
            .post(link)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form(&[("password", password), ("confirm", password)]))
            .send()
            .await
            .expect("the set-password page answers");
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "the password is set"
        );
        let cookie = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.contains("_session="))
            .and_then(|v| v.split(';').next())
            .expect("a session cookie")
            .to_owned();
        let mut session = Session {
            base,
            cookie,
            csrf: String::new(),
            http,
        };
        session.csrf = session.read_csrf().await;
        session
    }

    async fn read_csrf(&self) -> String {
        let account = self.page("/account").await.1;
        account
            .split("name=\"csrf\" value=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or_default()
            .to_owned()
    }

    /// GET a page as the browser: its status and text.
    pub async fn page(&self, path: &str) -> (StatusCode, String) {
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .header("cookie", &self.cookie)
            .header("accept", "text/html")
            .send()
            .await
            .expect("the page answers");
        (response.status(), response.text().await.unwrap_or_default())
    }

    /// Send a form from this site's pages (its CSRF token added unless `csrf` is false).
    pub async fn submit(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        csrf: bool,
    ) -> reqwest::Response {
        let mut fields = fields.to_vec();
        if csrf {
            fields.push(("csrf", &self.csrf));
        }
        self.http
            .post(format!("{}{path}", self.base))
            .header("cookie", &self.cookie)
            .header("accept", "text/html")
            .header("origin", &self.base)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form(&fields))
            .send()
            .await
            .expect("the form is answered")
    }

    /// The same session with its pages in `code` ("fr"), as the language switch sets them.
    pub fn in_language(&self, code: &str) -> Session {
        Session {
            cookie: format!("{}; tandem_lang={code}", self.cookie),
            ..self.clone()
        }
    }

    /// A request builder carrying the session's cookie, for anything else.
    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.http
            .request(method, format!("{}{path}", self.base))
            .header("cookie", &self.cookie)
    }
}

/// A link printed by a command, on the address a process actually listens on (the command
/// reads the configured address, and the kit's processes listen on port 0).
pub fn at(base: &str, link: &str) -> String {
    let path = link.find("/set-password/").map_or(link, |i| &link[i..]);
    format!("{base}{path}")
}

/// The login of the administrator (hub) and lead (node) the kit makes for itself.
pub const KIT_HUB_LOGIN: &str = "kit@example.org";
pub const KIT_NODE_LOGIN: &str = "Test approver";

/// Install the one crypto provider for this process.
pub fn init() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// The path of a workspace binary, built next to the test executables.
pub fn binary(name: &str) -> PathBuf {
    let var = format!("{}_BIN", name.to_uppercase().replace('-', "_"));
    if let Ok(path) = std::env::var(&var) {
        return PathBuf::from(path);
    }
    let exe = std::env::current_exe().expect("the test knows where it is");
    let mut dir = exe.parent().expect("test executables live in a directory");
    if dir.ends_with("deps") {
        dir = dir.parent().expect("deps has a parent");
    }
    let path = dir.join(name);
    assert!(
        path.exists(),
        "{} is missing: build it with `cargo build --workspace` (or run `cargo test \
         --workspace`, which builds it), or set {var}",
        path.display()
    );
    path
}

/// The network definitions shipped in `deploy/`.
pub fn definitions_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../deploy/definitions.toml")
        .canonicalize()
        .expect("deploy/definitions.toml exists")
}

fn log_file(dir: &Path, name: &str) -> Stdio {
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join(name))
        .map(Stdio::from)
        .unwrap_or_else(|_| Stdio::null())
}

/// Wait for a process's first line on stdout (its "serving" line), at most 30 seconds.
async fn first_line(child: &mut Child, what: &str, log: &Path) -> String {
    let stdout = child.stdout.take().expect("stdout is piped");
    let mut lines = BufReader::new(stdout).lines();
    match tokio::time::timeout(Duration::from_secs(30), lines.next_line()).await {
        Ok(Ok(Some(line))) => line,
        other => panic!(
            "{what} did not start ({other:?}); its log:\n{}",
            std::fs::read_to_string(log).unwrap_or_default()
        ),
    }
}

/// A `tandem-hub serve` process, on SQLite or on a fresh PostgreSQL database.
#[derive(Debug)]
pub struct HubProcess {
    child: Option<Child>,
    dir: PathBuf,
    _temp: Option<TempDir>,
    /// The PostgreSQL database, shared with sibling hubs and dropped after the last of them.
    database: Option<Arc<TestDatabase>>,
    database_url: Option<String>,
    replica_url: Option<String>,
    /// More `TANDEM_HUB_*` settings for its processes.
    env: Vec<(String, String)>,
    /// A personal API token of the kit's own administrator.
    pub token: String,
    pub web_addr: String,
    pub federation_addr: String,
}

impl HubProcess {
    /// A hub with the shipped definitions, on free loopback ports, on the engine the tests are
    /// asked to use (see [`Backend::for_hubs`]).
    pub async fn start() -> Self {
        Self::start_on(Backend::for_hubs()).await
    }

    /// A hub on a given engine.
    pub async fn start_on(backend: Backend) -> Self {
        Self::start_with(backend, &[]).await
    }

    /// A hub on a given engine, with more `TANDEM_HUB_*` settings.
    pub async fn start_with(backend: Backend, env: &[(&str, &str)]) -> Self {
        init();
        let database = TestDatabase::create(backend).await.map(Arc::new);
        assert!(
            database.is_some(),
            "a PostgreSQL hub needs {}; ./scripts/test sets it",
            crate::database::POSTGRES_VAR
        );
        let database = database.filter(|_| backend == Backend::Postgres);
        let temp = tempfile::tempdir().expect("a temp dir");
        let mut hub = HubProcess {
            child: None,
            dir: temp.path().to_owned(),
            _temp: Some(temp),
            database_url: database.as_ref().map(|d| d.url.clone()),
            replica_url: None,
            env: env
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            database,
            token: String::new(),
            web_addr: "127.0.0.1:0".into(),
            federation_addr: "127.0.0.1:0".into(),
        };
        let defs = definitions_file();
        let out = hub.cli(&["definitions", "load", defs.to_str().expect("utf-8 path")]);
        assert!(out.status.success(), "definitions load failed: {out:?}");
        hub.token = hub.kit_token();
        hub.spawn().await;
        hub
    }

    /// A second hub process on the same database and CA, as behind a load balancer; it reads
    /// its dashboards from `replica` if one is given.
    pub async fn sibling(&self, replica: Option<&str>) -> Self {
        let temp = tempfile::tempdir().expect("a temp dir");
        let ca = temp.path().join("ca");
        std::fs::create_dir_all(&ca).expect("a CA directory");
        for file in ["ca.key", "ca.crt"] {
            std::fs::copy(self.dir.join("ca").join(file), ca.join(file)).expect("the CA is copied");
        }
        let mut hub = HubProcess {
            child: None,
            dir: temp.path().to_owned(),
            _temp: Some(temp),
            database: self.database.clone(),
            database_url: self.database_url.clone(),
            replica_url: replica.map(str::to_owned),
            env: self.env.clone(),
            token: self.token.clone(),
            web_addr: "127.0.0.1:0".into(),
            federation_addr: "127.0.0.1:0".into(),
        };
        hub.spawn().await;
        hub
    }

    /// A hub serving a data directory that already exists, on `database_url` if given (else
    /// the SQLite file in the directory).
    pub async fn open(dir: &Path, database_url: Option<&str>) -> Self {
        init();
        let mut hub = HubProcess {
            child: None,
            dir: dir.to_owned(),
            _temp: None,
            database: None,
            database_url: database_url.map(str::to_owned),
            replica_url: None,
            env: Vec::new(),
            token: String::new(),
            web_addr: "127.0.0.1:0".into(),
            federation_addr: "127.0.0.1:0".into(),
        };
        hub.token = hub.kit_token();
        hub.spawn().await;
        hub
    }

    /// The kit's administrator (added unless the hub has them already), and a new token.
    fn kit_token(&self) -> String {
        let _ = self.cli(&[
            "user",
            "add",
            "--role",
            "admin",
            "--name",
            "Kit",
            KIT_HUB_LOGIN,
        ]);
        self.token_for(KIT_HUB_LOGIN)
    }

    /// Add a person with a role (and clinic); returns their set-password link.
    pub fn add_person(&self, role: &str, login: &str, clinic: Option<&str>) -> String {
        let mut args = vec!["user", "add", "--role", role, login];
        if let Some(clinic) = clinic {
            args.extend(["--clinic", clinic]);
        }
        at(&self.web_url(), &printed_link(&self.cli(&args)))
    }

    /// A new personal API token for a person.
    pub fn token_for(&self, login: &str) -> String {
        printed(
            &self.cli(&["token", "create", "--user", login]),
            "token create",
        )
    }

    /// A client that sends the kit administrator's token.
    pub fn http(&self) -> reqwest::Client {
        client_with_token(&self.token)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The bodies of the records of one kind the hub stored, read straight from its database.
    pub async fn stored_bodies(&self, kind: &str) -> Vec<String> {
        use sqlx::Connection;
        match self.database_url() {
            Some(url) => {
                let mut db = sqlx::PgConnection::connect(url)
                    .await
                    .expect("PostgreSQL opens");
                sqlx::query_scalar::<_, String>("SELECT body::text FROM records WHERE kind = $1")
                    .bind(kind)
                    .fetch_all(&mut db)
                    .await
                    .expect("records read")
            }
            None => {
                let url = format!("sqlite://{}?mode=ro", self.dir().join("hub.db").display());
                let mut db = sqlx::SqliteConnection::connect(&url)
                    .await
                    .expect("SQLite opens");
                sqlx::query_scalar::<_, String>("SELECT body FROM records WHERE kind = ?")
                    .bind(kind)
                    .fetch_all(&mut db)
                    .await
                    .expect("records read")
            }
        }
    }

    /// The hub's store, opened beside the running hub (SQLite's WAL or PostgreSQL let both
    /// write): for what no page does yet.
    pub async fn store(&self) -> std::sync::Arc<dyn tandem_hub::store::Store> {
        let url = match self.database_url() {
            Some(url) => url.to_owned(),
            None => format!("sqlite://{}", self.dir().join("hub.db").display()),
        };
        tandem_hub::store::open(&url, 2)
            .await
            .expect("the hub's store opens")
    }

    /// Hold the hub's database so that an ingest from `clinic` waits (a slow hub), until the
    /// guard is released: on SQLite a write transaction, on PostgreSQL the clinic's row lock,
    /// which is what ingest takes first.
    pub async fn hold_writes(&self, clinic: &str) -> HeldWrites {
        use sqlx::Connection;
        match self.database_url() {
            Some(url) => {
                let mut db = sqlx::PgConnection::connect(url)
                    .await
                    .expect("PostgreSQL opens");
                sqlx::raw_sql("BEGIN")
                    .execute(&mut db)
                    .await
                    .expect("BEGIN");
                sqlx::query("SELECT 1 FROM clinics WHERE id = $1 FOR UPDATE")
                    .bind(clinic)
                    .execute(&mut db)
                    .await
                    .expect("the clinic's row is locked");
                HeldWrites::Postgres(db)
            }
            None => {
                let url = format!("sqlite://{}", self.dir().join("hub.db").display());
                let mut db = sqlx::SqliteConnection::connect(&url)
                    .await
                    .expect("SQLite opens");
                sqlx::raw_sql("BEGIN IMMEDIATE")
                    .execute(&mut db)
                    .await
                    .expect("the hub's database is held");
                HeldWrites::Sqlite(db)
            }
        }
    }

    /// Move every session's start and last request back in time, as if its person had been
    /// away: the clock a session's expiry reads, set in the hub's own database.
    pub async fn age_sessions(&self, started_ago: chrono::Duration, seen_ago: chrono::Duration) {
        let now = chrono::Utc::now();
        self.set_times(
            "UPDATE web_sessions SET created_at = $1, last_seen_at = $2",
            &[now - started_ago, now - seen_ago],
        )
        .await;
    }

    /// Run one statement on the hub's own database with times bound to `$1`, `$2`…: how a
    /// test moves something into the past (an enrolment, a receipt) that it cannot wait for.
    pub async fn set_times(
        &self,
        statement: &'static str,
        times: &[chrono::DateTime<chrono::Utc>],
    ) {
        use sqlx::Connection;
        match self.database_url() {
            Some(url) => {
                let mut db = sqlx::PgConnection::connect(url)
                    .await
                    .expect("PostgreSQL opens");
                let mut q = sqlx::query(statement);
                for t in times {
                    q = q.bind(*t);
                }
                q.execute(&mut db).await.expect("the statement runs");
            }
            None => {
                let url = format!("sqlite://{}", self.dir().join("hub.db").display());
                let mut db = sqlx::SqliteConnection::connect(&url)
                    .await
                    .expect("SQLite opens");
                // SQLite takes `$1` as a named parameter, numbered in order of appearance.
                let mut q = sqlx::query(statement);
                for t in times {
                    q = q.bind(*t);
                }
                q.execute(&mut db).await.expect("the statement runs");
            }
        }
    }

    /// The `tandem-hub serve` process's id, while it runs.
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().and_then(Child::id)
    }

    /// The PostgreSQL database the hub uses, if it is on PostgreSQL.
    pub fn database_url(&self) -> Option<&str> {
        self.database_url.as_deref()
    }

    fn command(&self) -> Command {
        let mut c = Command::new(binary("tandem-hub"));
        c.env("TANDEM_HUB_DATA_DIR", self.dir())
            .env("TANDEM_HUB_NETWORK_NAME", "Test network")
            .env_remove("TANDEM_HUB_DATABASE_URL")
            .env_remove("TANDEM_HUB_CONFIG")
            .env_remove(tandem_service::fault::VARIABLE)
            .env("RUST_LOG", "info");
        if let Some(url) = self.database_url() {
            c.env("TANDEM_HUB_DATABASE_URL", url);
        }
        if let Some(url) = &self.replica_url {
            c.env("TANDEM_HUB_DATABASE_REPLICA_URL", url);
        }
        c.envs(self.env.iter().map(|(k, v)| (k, v)));
        c
    }

    async fn spawn(&mut self) {
        let log = self.dir().join("hub.log");
        let mut child = self
            .command()
            .args([
                "serve",
                "--web-listen",
                &self.web_addr,
                "--federation-listen",
                &self.federation_addr,
            ])
            .stdout(Stdio::piped())
            .stderr(log_file(self.dir(), "hub.log"))
            .kill_on_drop(true)
            .spawn()
            .expect("tandem-hub starts");
        let line = first_line(&mut child, "tandem-hub", &log).await;
        // "tandem-hub serving: dashboards http://ADDR · federation ADDR"
        let web = line
            .split("dashboards http://")
            .nth(1)
            .and_then(|s| s.split_whitespace().next())
            .unwrap_or_else(|| panic!("unexpected first line: {line}"));
        let fed = line
            .rsplit("federation ")
            .next()
            .unwrap_or_else(|| panic!("unexpected first line: {line}"));
        self.web_addr = web.to_owned();
        self.federation_addr = fed.trim().to_owned();
        self.child = Some(child);
    }

    /// Run a one-shot `tandem-hub` command against this hub's data.
    pub fn cli(&self, args: &[&str]) -> Output {
        self.cli_command()
            .args(args)
            .output()
            .expect("tandem-hub runs")
    }

    /// A one-shot `tandem-hub` command on this hub's data, with its settings.
    fn cli_command(&self) -> std::process::Command {
        let mut c = std::process::Command::new(binary("tandem-hub"));
        c.env("TANDEM_HUB_DATA_DIR", self.dir())
            .env("TANDEM_HUB_NETWORK_NAME", "Test network")
            .env_remove("TANDEM_HUB_DATABASE_URL")
            .env_remove("TANDEM_HUB_CONFIG")
            .env_remove(tandem_service::fault::VARIABLE)
            .env_remove("RUST_LOG");
        if let Some(url) = self.database_url() {
            c.env("TANDEM_HUB_DATABASE_URL", url);
        }
        c.envs(self.env.iter().map(|(k, v)| (k, v)));
        c
    }

    /// Run `tandem-hub doctor` with this hub's settings and the addresses it serves on.
    pub fn doctor(&self) -> Output {
        self.cli_command()
            .env("TANDEM_HUB_WEB_LISTEN", &self.web_addr)
            .env("TANDEM_HUB_FEDERATION_LISTEN", &self.federation_addr)
            .arg("doctor")
            .output()
            .expect("tandem-hub runs")
    }

    /// Add a clinic and return its one-time code.
    pub fn add_clinic(&self, id: &str, name: &str) -> String {
        let out = self.cli(&["clinic", "add", id, "--name", name]);
        assert!(out.status.success(), "clinic add failed: {out:?}");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .find_map(|l| l.strip_prefix("code:").map(|c| c.trim().to_owned()))
            .expect("clinic add prints a code")
    }

    /// The federation API as nodes reach it.
    pub fn federation_url(&self) -> String {
        let port = self.federation_addr.rsplit(':').next().unwrap_or("0");
        format!("https://localhost:{port}")
    }

    pub fn web_url(&self) -> String {
        format!("http://{}", self.web_addr)
    }

    /// GET a JSON document from the hub's web API, as the kit's administrator.
    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        let response = self
            .http()
            .get(format!("{}{path}", self.web_url()))
            .send()
            .await
            .expect("the hub answers");
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    /// The hub's log so far, for diagnosing a failure.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir().join("hub.log")).unwrap_or_default()
    }

    /// The hub's process counters.
    pub async fn metric(&self, name: &str) -> u64 {
        let text = reqwest::get(format!("{}/metrics", self.web_url()))
            .await
            .expect("metrics answer")
            .text()
            .await
            .unwrap_or_default();
        text.lines()
            .find_map(|l| {
                l.strip_prefix(&format!("{name} "))
                    .and_then(|v| v.trim().parse().ok())
            })
            .unwrap_or_else(|| panic!("no metric {name} in:\n{text}"))
    }

    /// Kill the hub at once, as a crash or power cut would.
    pub async fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.start_kill();
            let _ = child.wait().await;
        }
    }

    /// Start the hub again on the same data and ports, with the crash point `fault` armed
    /// (see `tandem_service::fault`), or none.
    pub async fn restart_with_fault(&mut self, fault: Option<&str>) {
        let variable = tandem_service::fault::VARIABLE;
        self.env.retain(|(k, _)| k != variable);
        if let Some(point) = fault {
            self.env.push((variable.to_owned(), point.to_owned()));
        }
        self.restart().await;
    }

    /// Whether the `tandem-hub serve` process has ended (a crash point stopped it, say),
    /// waiting up to `within`.
    pub async fn ended(&mut self, within: Duration) -> bool {
        let Some(child) = self.child.as_mut() else {
            return true;
        };
        tokio::time::timeout(within, child.wait()).await.is_ok()
    }

    /// Start the hub again on the same data and ports.
    pub async fn restart(&mut self) {
        self.kill().await;
        for attempt in 0..50 {
            if std::net::TcpListener::bind(&self.federation_addr).is_ok()
                && std::net::TcpListener::bind(&self.web_addr).is_ok()
            {
                break;
            }
            assert!(attempt < 49, "the hub's ports did not come free");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.spawn().await;
    }
}

/// A hold on the hub's database from [`HubProcess::hold_writes`].
#[derive(Debug)]
pub enum HeldWrites {
    Sqlite(sqlx::SqliteConnection),
    Postgres(sqlx::PgConnection),
}

impl HeldWrites {
    /// Let the hub's writes through again.
    pub async fn release(self) {
        match self {
            HeldWrites::Sqlite(mut db) => {
                sqlx::raw_sql("ROLLBACK")
                    .execute(&mut db)
                    .await
                    .expect("ROLLBACK");
            }
            HeldWrites::Postgres(mut db) => {
                sqlx::raw_sql("ROLLBACK")
                    .execute(&mut db)
                    .await
                    .expect("ROLLBACK");
            }
        }
    }
}

/// A node without a server, for benchmarks: initialised in `dir`, enrolled with the hub at
/// `hub` through the node's own code with `code`, and its mutual-TLS client.
pub async fn enrolled_client(
    dir: &Path,
    hub: &str,
    code: &str,
) -> Result<reqwest::Client, tandem_node::Error> {
    let node = tandem_node::state::Node::init(dir, tandem_node::config::Config::default()).await?;
    tandem_node::identity::enrol(&node, hub, code, false).await?;
    tandem_node::identity::client(&node.dir)
}

/// A `tandem-node serve` process (without scheduled sync: tests sync on demand).
#[derive(Debug)]
pub struct NodeProcess {
    child: Option<Child>,
    temp: TempDir,
    pub clinic: String,
    pub api: String,
    /// A personal API token of the kit's own clinic lead.
    pub token: String,
    http: reqwest::Client,
    /// `RUST_LOG` for the node's processes, its commands too once set.
    log_filter: Option<&'static str>,
    /// The crash point armed in the serving process (see `tandem_service::fault`).
    fault: Option<&'static str>,
}

impl NodeProcess {
    /// A node for a new clinic, initialised, enrolled with `hub` and serving its local API.
    pub async fn start_enrolled(hub: &HubProcess, clinic: &str, name: &str) -> Self {
        Self::start(hub, clinic, name, None).await
    }

    /// Like [`start_enrolled`](Self::start_enrolled), syncing by itself on `schedule` (cron)
    /// when one is given.
    pub async fn start(hub: &HubProcess, clinic: &str, name: &str, schedule: Option<&str>) -> Self {
        Self::start_via(hub, &hub.federation_url(), clinic, name, schedule).await
    }

    /// A node that reaches the hub at `url` (through a load balancer, say); `hub` issues its
    /// code.
    pub async fn start_via(
        hub: &HubProcess,
        url: &str,
        clinic: &str,
        name: &str,
        schedule: Option<&str>,
    ) -> Self {
        init();
        let temp = tempfile::tempdir().expect("a temp dir");
        let node = Self {
            child: None,
            temp,
            clinic: clinic.into(),
            api: String::new(),
            token: String::new(),
            http: reqwest::Client::new(),
            log_filter: None,
            fault: None,
        };
        let mut init = vec!["init", "--listen", "127.0.0.1:0"];
        if let Some(schedule) = schedule {
            init.extend(["--sync-schedule", schedule]);
        }
        let out = node.cli(&init);
        assert!(out.status.success(), "init failed: {out:?}");
        let mut node = node;
        node.token = node.lead_token();
        node.http = client_with_token(&node.token);
        let code = hub.add_clinic(clinic, name);
        let out = node.cli(&["enrol", "--hub", url, "--code", &code]);
        assert!(out.status.success(), "enrol failed: {out:?}");
        node.serving(schedule.is_some()).await
    }

    async fn serving(mut self, scheduled: bool) -> Self {
        self.spawn(scheduled).await;
        self
    }

    /// Stop the node's process (SIGKILL).
    pub async fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.start_kill();
            let _ = child.wait().await;
        }
    }

    /// The `tandem-node serve` process's id, while it runs.
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().and_then(Child::id)
    }

    /// Log at `filter` from now on (`"trace"`: everything), in the serving process (started
    /// again, on a new port) and in the commands the kit runs.
    pub async fn log_at(&mut self, filter: &'static str) {
        self.log_filter = Some(filter);
        self.start_again().await;
    }

    /// Start the node's process again on its data (a new port), with the crash point `fault`
    /// armed, or none.
    pub async fn start_with_fault(&mut self, fault: Option<&'static str>) {
        self.fault = fault;
        self.start_again().await;
    }

    /// Whether the serving process has ended, waiting up to `within`.
    pub async fn ended(&mut self, within: Duration) -> bool {
        let Some(child) = self.child.as_mut() else {
            return true;
        };
        tokio::time::timeout(within, child.wait()).await.is_ok()
    }

    /// Start the node's process again on its data (a new port).
    pub async fn start_again(&mut self) {
        self.stop().await;
        self.spawn(false).await;
    }

    async fn spawn(&mut self, scheduled: bool) {
        let log = self.dir().join("node.log");
        let mut child = Command::new(binary("tandem-node"))
            .arg("--data-dir")
            .arg(self.dir())
            .arg("serve")
            .args(if scheduled { None } else { Some("--no-sync") })
            .env("RUST_LOG", self.log_filter.unwrap_or("info"))
            .env(
                tandem_service::fault::VARIABLE,
                self.fault.unwrap_or_default(),
            )
            .stdout(Stdio::piped())
            .stderr(log_file(self.dir(), "node.log"))
            .kill_on_drop(true)
            .spawn()
            .expect("tandem-node starts");
        let line = first_line(&mut child, "tandem-node", &log).await;
        self.api = line
            .strip_prefix("tandem-node serving on ")
            .unwrap_or_else(|| panic!("unexpected first line: {line}"))
            .trim()
            .to_owned()
            + "/api/v1";
        self.child = Some(child);
    }

    pub fn dir(&self) -> &Path {
        self.temp.path()
    }

    /// The kit's clinic lead and a token for them.
    fn lead_token(&self) -> String {
        let out = self.cli(&["user", "add", "--role", "lead", KIT_NODE_LOGIN]);
        assert!(out.status.success(), "user add failed: {out:?}");
        self.token_for(KIT_NODE_LOGIN)
    }

    /// Add a person with a role; returns their set-password link.
    pub fn add_person(&self, role: &str, login: &str) -> String {
        at(
            &self.url(),
            &printed_link(&self.cli(&["user", "add", "--role", role, login])),
        )
    }

    /// A new personal API token for a person.
    pub fn token_for(&self, login: &str) -> String {
        printed(
            &self.cli(&["token", "create", "--user", login]),
            "token create",
        )
    }

    /// A client that sends the kit lead's token.
    pub fn client(&self) -> reqwest::Client {
        self.http.clone()
    }

    /// The node's address, without `/api/v1`.
    pub fn url(&self) -> String {
        self.api.trim_end_matches("/api/v1").to_owned()
    }

    /// Run a one-shot `tandem-node` command on this node's data.
    pub fn cli(&self, args: &[&str]) -> Output {
        let mut c = std::process::Command::new(binary("tandem-node"));
        c.arg("--data-dir").arg(self.dir()).args(args);
        match self.log_filter {
            Some(filter) => c.env("RUST_LOG", filter),
            None => c.env_remove("RUST_LOG"),
        };
        c.output().expect("tandem-node runs")
    }

    async fn send(&self, request: reqwest::RequestBuilder) -> (StatusCode, Value) {
        let response = request.send().await.expect("the node answers");
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.send(self.http.get(format!("{}{path}", self.api)))
            .await
    }

    pub async fn put(&self, path: &str, body: &Value) -> (StatusCode, Value) {
        self.send(self.http.put(format!("{}{path}", self.api)).json(body))
            .await
    }

    /// Create or replace a record; panics unless the node takes it.
    pub async fn put_ok(&self, path: &str, body: Value) {
        let (status, answer) = self.put(path, &body).await;
        assert!(
            status == StatusCode::CREATED || status == StatusCode::OK,
            "{path}: {status} {answer}"
        );
    }

    pub async fn post(&self, path: &str, body: &Value) -> (StatusCode, Value) {
        self.send(self.http.post(format!("{}{path}", self.api)).json(body))
            .await
    }

    /// Sync now; panics unless the sync succeeds.
    pub async fn sync(&self) -> Value {
        let (status, report) = self.post("/sync", &Value::Null).await;
        assert_eq!(
            status,
            StatusCode::OK,
            "sync failed: {report}\n{}",
            self.log()
        );
        report
    }

    /// Build a release and approve exactly what was built. Returns the outbox entry.
    pub async fn release_and_approve(&self, selection: Value) -> Value {
        let (status, preview) = self.post("/releases", &selection).await;
        assert_eq!(status, StatusCode::CREATED, "{preview}");
        assert_eq!(preview["approvable"], true, "{preview}");
        let (status, approved) = self
            .post(
                &format!("/releases/{}/approve", preview["id"]),
                &serde_json::json!({"payload_sha256": preview["payload_sha256"]}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{approved}");
        approved
    }

    /// The exact request body of each approved release the hub has not answered yet, with its
    /// sequence, as the node would send it.
    pub async fn pending_envelopes(&self) -> Vec<(u64, Vec<u8>)> {
        let store = tandem_node::store::NodeStore::open(&self.dir().join("node.db"))
            .await
            .expect("the node database opens");
        let mut out = Vec::new();
        for row in store.pending().await.expect("the outbox reads") {
            let payload = tandem_shared::protocol::ApprovedPayload::from_stored(row.payload)
                .expect("an approved payload");
            let body = serde_json::to_vec(&payload.envelope(
                row.idempotency_key,
                row.sequence,
                row.definitions_version,
            ))
            .expect("an envelope");
            out.push((row.sequence, body));
        }
        out
    }

    /// Send a release's bytes straight to the hub with this node's certificate, as the node's
    /// sync would: the hub's answer.
    pub async fn send_release_bytes(&self, hub: &HubProcess, body: Vec<u8>) -> reqwest::Response {
        self.federation_client()
            .post(format!("{}/federation/v1/releases", hub.federation_url()))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .expect("the hub answers")
    }

    /// A client holding this node's identity, for talking to the hub directly.
    /// Send a release body straight to the hub with this node's certificate, as a tampered
    /// node would: the hub's answer and its body.
    pub async fn send_raw_release(&self, hub: &HubProcess, release: &Value) -> (StatusCode, Value) {
        let response = self
            .federation_client()
            .post(format!("{}/federation/v1/releases", hub.federation_url()))
            .json(release)
            .send()
            .await
            .expect("the hub answers");
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    /// Start a sync in the background through the local API; gives its status when done.
    pub fn sync_in_background(&self) -> tokio::task::JoinHandle<StatusCode> {
        let (http, url) = (self.http.clone(), format!("{}/sync", self.api));
        tokio::spawn(async move {
            http.post(url)
                .send()
                .await
                .map_or(StatusCode::BAD_GATEWAY, |r| r.status())
        })
    }

    pub fn federation_client(&self) -> reqwest::Client {
        tandem_node::identity::client(self.dir()).expect("the node is enrolled")
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir().join("node.log")).unwrap_or_default()
    }
}

/// Copy a SQLite database, consistently, while others may be using it (a backup).
pub async fn backup_sqlite(database: &Path, to: &Path) {
    use sqlx::Connection;
    let mut conn =
        sqlx::sqlite::SqliteConnection::connect(&format!("sqlite://{}", database.display()))
            .await
            .expect("the database opens");
    sqlx::query("VACUUM INTO ?")
        .bind(to.to_string_lossy().into_owned())
        .execute(&mut conn)
        .await
        .expect("the backup is written");
}

/// Put a backup in place of a database that nothing has open.
pub fn restore_sqlite(backup: &Path, database: &Path) {
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", database.display()));
    }
    std::fs::copy(backup, database).expect("the backup is restored");
}

/// A TCP load balancer on loopback: each new connection goes to the next backend in turn, and
/// TLS passes through untouched, as with an L4 balancer in front of several hubs.
#[derive(Debug)]
pub struct Balancer {
    pub addr: std::net::SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl Balancer {
    pub async fn start(backends: Vec<String>) -> Balancer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("the balancer binds");
        let addr = listener.local_addr().expect("an address");
        let task = tokio::spawn(async move {
            let mut next = 0usize;
            while let Ok((mut client, _)) = listener.accept().await {
                let backend = backends[next % backends.len()].clone();
                next += 1;
                tokio::spawn(async move {
                    if let Ok(mut server) = tokio::net::TcpStream::connect(&backend).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
            }
        });
        Balancer { addr, task }
    }

    /// The federation URL nodes use to reach the hubs through the balancer.
    pub fn url(&self) -> String {
        format!("https://localhost:{}", self.addr.port())
    }
}

impl Drop for Balancer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// `tandem-node serve` on a fresh directory: the first run, before anyone is set up.
#[derive(Debug)]
pub struct FreshNode {
    _child: Child,
    _temp: TempDir,
    /// What it printed: initialised, serving on, set up this node.
    pub printed: Vec<String>,
    pub url: String,
    /// The one-time set-up address it printed.
    pub setup_link: String,
}

impl FreshNode {
    pub async fn start() -> Self {
        init();
        let temp = tempfile::tempdir().expect("a temp dir");
        let mut child = Command::new(binary("tandem-node"))
            .arg("--data-dir")
            .arg(temp.path().join("fresh"))
            .args(["serve", "--listen", "127.0.0.1:0", "--no-sync"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("tandem-node starts");
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut lines = BufReader::new(stdout).lines();
        let mut printed = Vec::new();
        while printed.len() < 3 {
            match tokio::time::timeout(Duration::from_secs(30), lines.next_line()).await {
                Ok(Ok(Some(line))) => printed.push(line),
                other => panic!("the fresh node did not start ({other:?}): {printed:?}"),
            }
        }
        let last_word = |l: &str| l.rsplit(' ').next().unwrap_or("").to_owned();
        FreshNode {
            url: last_word(&printed[1]),
            setup_link: last_word(&printed[2]),
            printed,
            _child: child,
            _temp: temp,
        }
    }
}
