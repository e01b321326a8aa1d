//! A man in the middle between a node and its hub, on loopback: TLS with a certificate from the
//! hub's own CA, which the node trusts as it would a compromised balancer's, forwarding each
//! request to the hub with the node's identity and changing what a test asks on the way.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::response::Response;
use reqwest::header::HeaderMap;
use tandem_hub::federation::ca::Authority;
use tandem_node::store::{NodeStore, settings};

use crate::kit::{HubProcess, NodeProcess};

/// What the man in the middle does. Both steps pass everything through unless changed.
pub trait Tamper: Send + Sync + std::fmt::Debug + 'static {
    /// The path and query to ask the hub for instead of `target`, or a status to answer at once.
    fn request(&self, target: &str) -> Result<String, u16> {
        Ok(target.to_owned())
    }
    /// Change the hub's answer to `target` before the node reads it.
    fn answer(&self, _target: &str, _headers: &mut HeaderMap, _body: &mut Vec<u8>) {}
}

#[derive(Debug)]
struct Relay {
    hub: String,
    client: reqwest::Client,
    tamper: Arc<dyn Tamper>,
}

/// The headers of the hub's answer that reach the node.
const KEPT: [&str; 3] = [
    "content-type",
    "date",
    tandem_shared::protocol::SIGNATURE_HEADER,
];

async fn relay(State(relay): State<Arc<Relay>>, request: Request) -> Response {
    let asked = request
        .uri()
        .path_and_query()
        .map_or_else(String::new, ToString::to_string);
    let target = match relay.tamper.request(&asked) {
        Ok(t) => t,
        Err(status) => return status_only(status),
    };
    let method = request.method().clone();
    let content_type = request.headers().get("content-type").cloned();
    let Ok(body) = axum::body::to_bytes(request.into_body(), 1 << 24).await else {
        return status_only(413);
    };
    let mut outbound = relay
        .client
        .request(method, format!("{}{target}", relay.hub))
        .body(body);
    if let Some(c) = content_type {
        outbound = outbound.header("content-type", c);
    }
    let Ok(answer) = outbound.send().await else {
        return status_only(502);
    };
    let status = answer.status().as_u16();
    let mut headers = HeaderMap::new();
    for name in KEPT {
        if let Some(v) = answer.headers().get(name) {
            headers.insert(name, v.clone());
        }
    }
    let mut bytes = answer.bytes().await.map(|b| b.to_vec()).unwrap_or_default();
    relay.tamper.answer(&asked, &mut headers, &mut bytes);
    let mut response = Response::builder().status(status);
    for (name, value) in &headers {
        response = response.header(name, value);
    }
    response
        .body(Body::from(bytes))
        .unwrap_or_else(|_| status_only(500))
}

fn status_only(status: u16) -> Response {
    let mut r = Response::new(Body::empty());
    *r.status_mut() = axum::http::StatusCode::from_u16(status)
        .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
    r
}

/// A running man in the middle; it stops when dropped.
#[derive(Debug)]
pub struct Interceptor {
    /// Where the node reaches it: `https://localhost:PORT`.
    pub url: String,
    _stop: tokio::sync::watch::Sender<bool>,
}

impl Interceptor {
    /// Start one between `node` and `hub`, and point the node's sync at it.
    pub async fn start(hub: &HubProcess, node: &NodeProcess, tamper: Arc<dyn Tamper>) -> Self {
        let ca = Authority::load_or_create(&hub.dir().join("ca"), "Test network")
            .expect("the hub's CA loads");
        let config = ca
            .server_config(&["localhost".to_owned()])
            .expect("a server certificate from the hub's CA");
        let state = Arc::new(Relay {
            hub: hub.federation_url(),
            client: node.federation_client(),
            tamper,
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("the interceptor binds");
        let port = listener.local_addr().expect("an address").port();
        let url = format!("https://localhost:{port}");
        let app = axum::Router::new().fallback(relay).with_state(state);
        let (stop, shutdown) = tokio::sync::watch::channel(false);
        tokio::spawn(tandem_node::listen::serve_tls(
            listener,
            Default::default(),
            config,
            app,
            shutdown,
        ));
        set_hub(node, &url).await;
        Self { url, _stop: stop }
    }
}

/// Point the node's sync at `url`.
pub async fn set_hub(node: &NodeProcess, url: &str) {
    let store = NodeStore::open(&node.dir().join("node.db"))
        .await
        .expect("the node database opens");
    store
        .set_setting(settings::HUB, url)
        .await
        .expect("the setting is stored");
}

/// Moves the hub's clock, as the node sees it, by the seconds it holds: it rewrites the `Date`
/// of each answer.
#[derive(Debug, Default)]
pub struct ClockShift(pub std::sync::atomic::AtomicI64);

impl Tamper for ClockShift {
    fn answer(&self, _target: &str, headers: &mut HeaderMap, _body: &mut Vec<u8>) {
        use chrono::{DateTime, Utc};
        use reqwest::header::{DATE, HeaderValue};
        let by = chrono::Duration::seconds(self.0.load(std::sync::atomic::Ordering::SeqCst));
        let Some(hub) = headers
            .get(DATE)
            .and_then(|d| DateTime::parse_from_rfc2822(d.to_str().ok()?).ok())
        else {
            panic!("the hub's answers carry a Date");
        };
        let shifted = (hub.with_timezone(&Utc) + by)
            .format("%a, %d %b %Y %H:%M:%S GMT")
            .to_string();
        if let Ok(value) = HeaderValue::from_str(&shifted) {
            headers.insert(DATE, value);
        }
    }
}
