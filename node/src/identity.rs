//! The node's identity: its key pair, the client certificate the hub signed, and the hub CA it
//! pins. Enrolment makes the key on the node, so the private key never leaves it.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rcgen::{CertificateParams, DnType, KeyPair};
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use tandem_shared::protocol::{
    Certificate, EnrolRequest, EnrolmentCode, Problem, ProtocolVersion, RenewRequest,
};

use crate::Error;
use crate::state::Node;
use crate::store::settings;

const KEY: &str = "node.key";
const CERT: &str = "node.crt";
const CA: &str = "hub-ca.crt";

/// The directory that holds the identity files.
pub fn dir(data_dir: &Path) -> PathBuf {
    data_dir.join("identity")
}

fn tls(what: &str) -> impl FnOnce(rcgen::Error) -> Error + '_ {
    move |e| Error::Tls(format!("{what}: {e}"))
}

/// Write an identity file atomically with the given permissions.
fn write_file(path: &Path, contents: &str, mode: u32) -> Result<(), Error> {
    tandem_service::files::write_atomic(path, contents, mode)
        .map_err(Error::io(format!("cannot write {}", path.display())))
}

/// A fresh key pair and a signing request for it, both PEM.
fn key_and_request() -> Result<(String, String), Error> {
    let key = KeyPair::generate().map_err(tls("cannot make a key pair"))?;
    let mut params = CertificateParams::default();
    params
        .distinguished_name
        .push(DnType::CommonName, "tandem-node");
    let csr = params
        .serialize_request(&key)
        .map_err(tls("cannot make a signing request"))?
        .pem()
        .map_err(tls("cannot encode the signing request"))?;
    Ok((key.serialize_pem(), csr))
}

fn sha256_of_pem_cert(pem: &str) -> Result<String, Error> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let der = CertificateDer::from_pem_slice(pem.as_bytes())
        .map_err(|e| Error::Tls(format!("the hub's CA certificate is not PEM: {e}")))?;
    Ok(hex::encode(Sha256::digest(&der)))
}

fn install_provider() {
    // One crypto provider for the process; a second install is refused, which is fine.
    let _ = rustls::crypto::ring::default_provider().install_default();
}

fn builder() -> reqwest::ClientBuilder {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        tandem_shared::protocol::PROTOCOL_HEADER,
        reqwest::header::HeaderValue::from(tandem_shared::protocol::PROTOCOL_VERSION),
    );
    reqwest::Client::builder()
        .default_headers(headers)
        .https_only(true)
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(120))
        .user_agent(concat!("tandem-node/", env!("CARGO_PKG_VERSION")))
}

/// The client for the federation API: presents the node's certificate, trusts only the hub's
/// pinned CA.
pub fn client(data_dir: &Path) -> Result<reqwest::Client, Error> {
    install_provider();
    let dir = dir(data_dir);
    let read = |name: &str| {
        fs::read_to_string(dir.join(name)).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::NotEnrolled,
            _ => Error::Io {
                context: format!("cannot read {}", dir.join(name).display()),
                source: e,
            },
        })
    };
    let (key, cert, ca) = (read(KEY)?, read(CERT)?, read(CA)?);
    let identity = reqwest::Identity::from_pem(format!("{cert}\n{key}").as_bytes())
        .map_err(|e| Error::Tls(format!("the node's certificate or key is unusable: {e}")))?;
    let ca = reqwest::Certificate::from_pem(ca.as_bytes())
        .map_err(|e| Error::Tls(format!("the pinned hub CA is unusable: {e}")))?;
    builder()
        .tls_certs_only([ca])
        .identity(identity)
        .build()
        .map_err(|e| Error::Tls(format!("cannot build the hub client: {e}")))
}

/// The hub's base URL, checked.
fn hub_url(hub: &str) -> Result<String, Error> {
    let hub = hub.trim().trim_end_matches('/');
    match reqwest::Url::parse(hub) {
        Ok(url) if url.scheme() == "https" && url.host().is_some() => Ok(hub.to_owned()),
        _ => Err(Error::Config(format!(
            "the hub URL {hub:?} is not an https:// URL; give it as the network lead sent it, for \
             example https://hub.example.org:8443"
        ))),
    }
}

/// Enrol with a hub: fetch its CA and check it against the code, send a signing request with
/// the code, and keep the certificate. Re-enrolling (after a revocation, say) needs `force`.
pub async fn enrol(node: &Node, hub: &str, code: &str, force: bool) -> Result<Certificate, Error> {
    install_provider();
    let hub = hub_url(hub)?;
    let code = EnrolmentCode::parse(code)?;
    if let Some(clinic) = node.store.setting(settings::CLINIC).await?
        && !force
    {
        return Err(Error::Conflict(format!(
            "this node is already enrolled as clinic {clinic}; to enrol it again, add --force"
        )));
    }
    // First contact: the CA is fetched without trusting anything, then pinned by the code.
    let bootstrap = builder()
        .tls_danger_accept_invalid_certs(true)
        .build()
        .map_err(|e| Error::Tls(format!("cannot build a client: {e}")))?;
    let ca_pem = bootstrap
        .get(format!("{hub}/federation/v1/ca"))
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .map_err(|e| Error::Unreachable(format!("{hub}: {e}")))?
        .text()
        .await
        .map_err(|e| Error::Unreachable(format!("{hub}: {e}")))?;
    let fingerprint = sha256_of_pem_cert(&ca_pem)?;
    if !code.pins(&fingerprint) {
        return Err(Error::Tls(format!(
            "the hub at {hub} presented a CA that does not match the enrolment code; check the \
             URL, or the connection is being intercepted"
        )));
    }
    let ca = reqwest::Certificate::from_pem(ca_pem.as_bytes())
        .map_err(|e| Error::Tls(format!("the hub's CA is unusable: {e}")))?;
    let pinned = builder()
        .tls_certs_only([ca])
        .build()
        .map_err(|e| Error::Tls(format!("cannot build the hub client: {e}")))?;
    let previous = node.store.setting(settings::HUB_CA).await?;
    let other_network = previous.as_deref().is_some_and(|p| p != fingerprint);
    if other_network && !node.store.outbox(1).await?.is_empty() {
        return Err(Error::Conflict(
            "this node has released to another network's hub, and a node belongs to one \
             network; initialise a new data directory to join this one"
                .into(),
        ));
    }
    let (key, csr) = key_and_request()?;
    let request = EnrolRequest {
        protocol_version: ProtocolVersion,
        code: format!("{}.{}", code.secret, code.pin),
        csr_pem: csr,
        software: concat!("tandem-node ", env!("CARGO_PKG_VERSION")).into(),
    };
    let cert: Certificate = call(
        pinned
            .post(format!("{hub}/federation/v1/enrol"))
            .json(&request),
    )
    .await?;
    if sha256_of_pem_cert(&cert.ca_pem)? != sha256_of_pem_cert(&ca_pem)? {
        return Err(Error::Tls(
            "the hub answered with a different CA than it presented; enrolment stopped".into(),
        ));
    }
    keep(node, &hub, &key, &cert).await?;
    let store = &node.store;
    store
        .set_setting(settings::SEQUENCE_BASE, &cert.last_sequence.to_string())
        .await?;
    store.set_setting(settings::HUB_CA, &fingerprint).await?;
    if other_network {
        // Another network: its catalogue and definitions start afresh.
        store.set_setting(settings::CATALOGUE_CURSOR, "0").await?;
        store.forget_definitions().await?;
    }
    tracing::info!(clinic = %cert.clinic, "enrolled");
    Ok(cert)
}

/// Save a certificate and its key, and what the node needs to know about them.
async fn keep(node: &Node, hub: &str, key: &str, cert: &Certificate) -> Result<(), Error> {
    let dir = dir(&node.dir);
    fs::create_dir_all(&dir).map_err(Error::io(format!("cannot create {}", dir.display())))?;
    write_file(&dir.join(KEY), key, 0o600)?;
    write_file(&dir.join(CERT), &cert.certificate_pem, 0o644)?;
    write_file(&dir.join(CA), &cert.ca_pem, 0o644)?;
    let store = &node.store;
    store.set_setting(settings::HUB, hub).await?;
    store
        .set_setting(settings::CLINIC, cert.clinic.as_str())
        .await?;
    store
        .set_setting(settings::CLINIC_NAME, &cert.clinic_name)
        .await?;
    store
        .set_setting(settings::CERT_NOT_AFTER, &cert.not_after)
        .await?;
    store
        .set_setting(settings::CERT_ISSUED_AT, &Utc::now().to_rfc3339())
        .await?;
    Ok(())
}

/// Renew the certificate when less than a third of its life is left. Returns whether it did.
pub async fn renew_if_due(node: &Node, client: &reqwest::Client, hub: &str) -> Result<bool, Error> {
    let read = |s: Option<String>| {
        s.and_then(|v| DateTime::parse_from_rfc3339(&v).ok())
            .map(|t| t.with_timezone(&Utc))
    };
    let not_after = read(node.store.setting(settings::CERT_NOT_AFTER).await?);
    let issued = read(node.store.setting(settings::CERT_ISSUED_AT).await?);
    let (Some(not_after), Some(issued)) = (not_after, issued) else {
        return Ok(false);
    };
    let now = Utc::now();
    if now < not_after - (not_after - issued) / 3 {
        return Ok(false);
    }
    let (key, csr) = key_and_request()?;
    let request = RenewRequest {
        protocol_version: ProtocolVersion,
        csr_pem: csr,
    };
    let cert: Certificate = call(
        client
            .post(format!("{hub}/federation/v1/renew"))
            .json(&request),
    )
    .await?;
    keep(node, hub, &key, &cert).await?;
    tracing::info!(not_after = %cert.not_after, "certificate renewed");
    Ok(true)
}

/// Send a request and read a JSON answer; a problem answer becomes [`Error::Hub`].
pub async fn call<T: DeserializeOwned>(request: reqwest::RequestBuilder) -> Result<T, Error> {
    let (_, bytes) = answer(request).await?;
    read_answer(&bytes)
}

/// Like [`call`], with how many seconds the hub's clock is ahead of this server's (behind if
/// negative), from the answer's `Date` header. Good to a second or two: the header has whole
/// seconds, and the request's own time is split evenly.
pub async fn call_timed<T: DeserializeOwned>(
    request: reqwest::RequestBuilder,
) -> Result<(T, Option<i64>), Error> {
    let sent = Utc::now();
    let (headers, bytes) = answer(request).await?;
    let middle = sent + (Utc::now() - sent) / 2;
    let offset = headers
        .get(reqwest::header::DATE)
        .and_then(|v| v.to_str().ok())
        .and_then(|d| DateTime::parse_from_rfc2822(d).ok())
        .map(|hub| (hub.with_timezone(&Utc) - middle).num_seconds());
    Ok((read_answer(&bytes)?, offset))
}

/// Send a request whose answer the hub signs (the definitions), and read the answer only if
/// the network's CA, pinned at enrolment, signed its exact bytes: whatever carried it between
/// the hub and the node cannot change what the node computes.
pub async fn call_signed<T: DeserializeOwned>(
    data_dir: &Path,
    request: reqwest::RequestBuilder,
) -> Result<T, Error> {
    let (headers, bytes) = answer(request).await?;
    let signature = headers
        .get(tandem_shared::protocol::SIGNATURE_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    verify_signed(data_dir, &bytes, signature)?;
    read_answer(&bytes)
}

/// Check that `signature` (hex) is the hub CA's signature of `body`.
pub fn verify_signed(data_dir: &Path, body: &[u8], signature: &str) -> Result<(), Error> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let refused = |why: &str| Error::Tls(format!("the answer {why}"));
    let signature = hex::decode(signature.trim())
        .ok()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| refused("carries no signature"))?;
    let path = dir(data_dir).join(CA);
    let pem = fs::read(&path).map_err(Error::io(format!("cannot read {}", path.display())))?;
    let der = CertificateDer::from_pem_slice(&pem)
        .map_err(|e| Error::Tls(format!("the pinned hub CA is unusable: {e}")))?;
    let ca = webpki::EndEntityCert::try_from(&der)
        .map_err(|e| Error::Tls(format!("the pinned hub CA is unusable: {e}")))?;
    ca.verify_signature(webpki::ring::ECDSA_P256_SHA256, body, &signature)
        .map_err(|_| refused("is not signed by the network's hub"))
}

/// The hub's answer: its headers and body if it succeeded, its problem as the error if not.
async fn answer(
    request: reqwest::RequestBuilder,
) -> Result<(reqwest::header::HeaderMap, Vec<u8>), Error> {
    let response = request
        .send()
        .await
        .map_err(|e| Error::Unreachable(describe(&e)))?;
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .bytes()
        .await
        .map_err(|e| Error::Unreachable(describe(&e)))?;
    if status.is_success() {
        Ok((headers, bytes.to_vec()))
    } else {
        Err(problem(status.as_u16(), &bytes))
    }
}

fn read_answer<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Error> {
    serde_json::from_slice(bytes)
        .map_err(|e| Error::Unreachable(format!("the hub's answer could not be read: {e}")))
}

/// A problem answer from the hub as an error.
pub fn problem(status: u16, body: &[u8]) -> Error {
    match serde_json::from_slice::<Problem>(body) {
        Ok(p) => Error::Hub(Box::new(p)),
        Err(_) => Error::Unreachable(format!("the hub answered {status} without an explanation")),
    }
}

/// A request error in words a person can act on.
pub fn describe(e: &reqwest::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    // A certificate that is "not valid yet" or "expired" most often means a wrong clock here.
    if text.contains("not valid yet") || text.contains("certificate expired") {
        text.push_str(
            "; check this server's date and time (`timedatectl`; turn on automatic time with \
             `timedatectl set-ntp true`)",
        );
    }
    text
}
