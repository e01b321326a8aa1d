//! Serving a router over TLS with client certificates. `axum::serve` has no TLS, so each
//! connection's handshake is completed here with rustls, and the verified peer certificate
//! attached to every request on it; the connection loop and its limits are
//! [`tandem_service::serve`]'s.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::http::Extensions;
use rustls_pki_types::CertificateDer;
use tandem_service::serve::{self, Limits};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio_rustls::TlsAcceptor;

use crate::metrics::Metrics;

/// The client certificate of the connection a request came on, if the client sent one.
/// rustls has verified it against the hub's CA before any request is read.
#[derive(Debug, Clone)]
pub struct PeerCertificate(pub Option<Arc<CertificateDer<'static>>>);

/// The address the request's connection came from.
#[derive(Debug, Clone, Copy)]
pub struct PeerAddr(pub SocketAddr);

/// Accept TLS connections until `shutdown` turns true, then let open requests finish (for up
/// to ten seconds). A handshake not done within the header-read deadline is dropped.
pub async fn serve(
    listener: TcpListener,
    limits: Limits,
    tls: Arc<rustls::ServerConfig>,
    app: Router,
    metrics: Arc<Metrics>,
    shutdown: watch::Receiver<bool>,
) {
    let acceptor = TlsAcceptor::from(tls);
    let handshake = move |tcp: TcpStream, remote: SocketAddr| {
        let acceptor = acceptor.clone();
        let metrics = metrics.clone();
        async move {
            let tls = match acceptor.accept(tcp).await {
                Ok(stream) => stream,
                Err(e) => {
                    metrics.tls_refused();
                    tracing::info!(%remote, error = %e, "TLS handshake refused");
                    return None;
                }
            };
            let peer = PeerCertificate(
                tls.get_ref()
                    .1
                    .peer_certificates()
                    .and_then(|chain| chain.first())
                    .map(|c| Arc::new(c.clone().into_owned())),
            );
            let mut extensions = Extensions::new();
            extensions.insert(peer);
            extensions.insert(PeerAddr(remote));
            Some((tls, extensions))
        }
    };
    serve::serve(listener, limits, app, handshake, shutdown).await;
}
