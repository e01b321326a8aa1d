//! Where the node's pages listen: on loopback in plain HTTP (the default), or on the clinic's
//! network over HTTPS with a key and certificate the clinic supplies, or behind the clinic's
//! reverse proxy. `axum::serve` has no TLS: [`serve_tls`] completes each handshake first.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use axum::extract::ConnectInfo;
use axum::http::Extensions;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tandem_service::serve::{self, Limits};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio_rustls::TlsAcceptor;

use crate::Error;

/// The TLS settings for the pages, from the clinic's PEM files.
pub fn server_config(certificate: &Path, key: &Path) -> Result<Arc<rustls::ServerConfig>, Error> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let unreadable = |what: &str, path: &Path, e: &dyn std::fmt::Display| {
        Error::Config(format!(
            "tls_{what} {}: {e}; give a PEM file (the {what} the clinic's IT or its own CA \
             issued for this server's name)",
            path.display()
        ))
    };
    let chain = CertificateDer::pem_file_iter(certificate)
        .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
        .map_err(|e| unreadable("certificate", certificate, &e))?;
    if chain.is_empty() {
        return Err(unreadable(
            "certificate",
            certificate,
            &"it holds no certificate",
        ));
    }
    let key_der = PrivateKeyDer::from_pem_file(key).map_err(|e| unreadable("key", key, &e))?;
    let mut config = rustls::ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(chain, key_der)
        .map_err(|e| {
            Error::Config(format!(
                "tls_certificate {} and tls_key {} do not go together: {e}",
                certificate.display(),
                key.display()
            ))
        })?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

/// Serve the pages over TLS until `shutdown` turns true: each connection's handshake, then the
/// shared connection loop with its limits. Requests carry the client's address as plain
/// connections do, which the login backoff reads.
pub async fn serve_tls(
    listener: TcpListener,
    limits: Limits,
    config: Arc<rustls::ServerConfig>,
    app: axum::Router,
    shutdown: watch::Receiver<bool>,
) {
    let acceptor = TlsAcceptor::from(config);
    let handshake = move |tcp: TcpStream, remote: SocketAddr| {
        let acceptor = acceptor.clone();
        async move {
            match acceptor.accept(tcp).await {
                Ok(tls) => {
                    let mut extensions = Extensions::new();
                    extensions.insert(ConnectInfo(remote));
                    Some((tls, extensions))
                }
                Err(e) => {
                    tracing::info!(%remote, error = %e, "TLS handshake refused");
                    None
                }
            }
        }
    };
    serve::serve(listener, limits, app, handshake, shutdown).await;
}
