//! Serving a router on a listener with the limits a service others can reach needs: a bound on
//! open connections, a deadline for a request's headers, and an idle deadline between requests.
//! `axum::serve` has none of them, so a few hundred idle or half-sent connections could hold
//! every file descriptor. Plain HTTP and TLS share this loop; only the handshake differs.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{ConnectInfo, Request};
use axum::http::Extensions;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, watch};
use tower::ServiceExt;

/// How much a listener lets its clients hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most connections open at once; more wait in the kernel's backlog.
    pub connections: usize,
    /// How long a client may take to send a request's headers.
    pub header_read: Duration,
    /// How long a connection may stay open with nothing sent either way and no request
    /// being answered.
    pub idle: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            connections: 1024,
            header_read: Duration::from_secs(30),
            idle: Duration::from_secs(60),
        }
    }
}

impl Limits {
    /// These limits with the connection bound lowered to fit the process's file descriptors:
    /// half of them, so that the database, logs and the other listener keep theirs.
    pub fn within_descriptors(self) -> Self {
        match descriptor_limit() {
            Some(n) => Self {
                connections: self.connections.min((n / 2).max(16)),
                ..self
            },
            None => self,
        }
    }
}

/// The soft limit on open files, read from `/proc` (Linux) where it can be.
fn descriptor_limit() -> Option<usize> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

/// What a handshake gives a connection: the stream to speak HTTP on, and what every request on
/// it carries (the peer's address, a verified client certificate).
pub type Accepted<IO> = Option<(IO, Extensions)>;

/// Serve `app` on plain HTTP until `shutdown` turns true. Every request carries the peer's
/// [`ConnectInfo<SocketAddr>`], as with axum's `into_make_service_with_connect_info`.
pub async fn plain(
    listener: TcpListener,
    limits: Limits,
    app: Router,
    shutdown: watch::Receiver<bool>,
) {
    serve(
        listener,
        limits,
        app,
        |tcp: TcpStream, remote: SocketAddr| async move {
            let mut extensions = Extensions::new();
            extensions.insert(ConnectInfo(remote));
            Some((tcp, extensions))
        },
        shutdown,
    )
    .await;
}

/// Accept connections until `shutdown` turns true, each through `handshake`, then let open
/// requests finish (for up to ten seconds).
pub async fn serve<IO, H, F>(
    listener: TcpListener,
    limits: Limits,
    app: Router,
    handshake: H,
    mut shutdown: watch::Receiver<bool>,
) where
    IO: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    H: Fn(TcpStream, SocketAddr) -> F + Clone + Send + Sync + 'static,
    F: Future<Output = Accepted<IO>> + Send + 'static,
{
    let limits = limits.within_descriptors();
    let slots = Arc::new(Semaphore::new(limits.connections));
    loop {
        let permit = tokio::select! {
            permit = slots.clone().acquire_owned() => match permit {
                Ok(p) => p,
                Err(_) => break,
            },
            _ = shutdown.changed() => break,
        };
        let (tcp, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    // Out of descriptors, most often: wait rather than spin.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = shutdown.changed() => break,
        };
        let handshake = handshake.clone();
        let app = app.clone();
        let shutdown = shutdown.clone();
        tokio::spawn(async move {
            let _permit = permit;
            let Ok(Some((io, extensions))) =
                tokio::time::timeout(limits.header_read, handshake(tcp, remote)).await
            else {
                return;
            };
            connection(io, extensions, app, limits, shutdown).await;
        });
    }
    drop(listener);
    // Every connection holds a slot until it ends: all slots back means all ended.
    let all = u32::try_from(limits.connections).unwrap_or(u32::MAX);
    if tokio::time::timeout(Duration::from_secs(10), slots.acquire_many(all))
        .await
        .is_err()
    {
        tracing::warn!("connections still open 10 s after shutdown; closing them");
    }
}

/// One connection, until it ends, falls idle, or the server shuts down.
async fn connection<IO>(
    io: IO,
    extensions: Extensions,
    app: Router,
    limits: Limits,
    mut shutdown: watch::Receiver<bool>,
) where
    IO: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let started = Instant::now();
    let last = Arc::new(AtomicU64::new(0));
    let io = Watched {
        inner: io,
        started,
        last: last.clone(),
    };
    let service = app.map_request(move |mut req: Request<Incoming>| {
        req.extensions_mut().extend(extensions.clone());
        req
    });
    // Without a timer hyper has no header-read timeout: a client that sends nothing would
    // hold its connection for ever.
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read);
    builder
        .http2()
        .timer(TokioTimer::new())
        .keep_alive_interval(Some(Duration::from_secs(30)))
        .keep_alive_timeout(Duration::from_secs(20));
    let conn =
        builder.serve_connection_with_upgrades(TokioIo::new(io), TowerToHyperService::new(service));
    tokio::pin!(conn);
    let mut closing = false;
    loop {
        let quiet_since = started + Duration::from_millis(last.load(Ordering::Relaxed));
        let deadline = tokio::time::Instant::from_std(quiet_since + limits.idle);
        tokio::select! {
            ended = conn.as_mut() => {
                if let Err(e) = ended {
                    tracing::debug!(error = %e, "connection ended with an error");
                }
                return;
            }
            _ = shutdown.changed(), if !closing => {
                conn.as_mut().graceful_shutdown();
                closing = true;
            }
            () = tokio::time::sleep_until(deadline), if !closing => {
                // Graceful: an idle connection closes at once, one answering a slow request
                // after its answer.
                if quiet_since.elapsed() >= limits.idle {
                    conn.as_mut().graceful_shutdown();
                    closing = true;
                }
            }
        }
    }
}

/// A stream that notes when bytes last went through it.
struct Watched<IO> {
    inner: IO,
    started: Instant,
    /// Milliseconds from `started` to the last read or write.
    last: Arc<AtomicU64>,
}

impl<IO> Watched<IO> {
    fn touch(&self) {
        let ms = u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last.store(ms, Ordering::Relaxed);
    }
}

impl<IO: AsyncRead + Unpin> AsyncRead for Watched<IO> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.touch();
        }
        polled
    }
}

impl<IO: AsyncWrite + Unpin> AsyncWrite for Watched<IO> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, buf);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.touch();
        }
        polled
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}
