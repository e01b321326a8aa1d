//! Figures the dashboards compute, kept until what they were computed from changes: a page
//! view reads them instead of the store, so the read path does not grow with the data.
//!
//! The generation is the store's token ([`crate::store::ReadStore::generation`]), read at most
//! once a second, plus a local count this process bumps when it stores a release or a
//! decision: its own changes show at once, another hub process's within a second. Responses
//! carry the generation as their ETag, so a reverse proxy can answer repeats.

use std::any::Any;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::Error;
use crate::store::Store;

/// How long the store's token is trusted before it is read again.
const RECHECK: Duration = Duration::from_secs(1);
/// Entries kept at most; the oldest generation's go first.
const MAX_ENTRIES: usize = 4_096;

type Entry = (u64, Arc<dyn Any + Send + Sync>);

#[derive(Default)]
pub struct Cache {
    local: AtomicU64,
    token: Mutex<Option<(Instant, u64)>>,
    entries: Mutex<HashMap<String, Entry>>,
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache")
            .field("local", &self.local.load(Ordering::Relaxed))
            .finish_non_exhaustive()
    }
}

impl Cache {
    /// Something this process wrote changes what the dashboards show.
    pub fn bump(&self) {
        self.local.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut t) = self.token.lock() {
            *t = None;
        }
    }

    /// The current generation.
    pub async fn generation(&self, store: &dyn Store) -> Result<u64, Error> {
        let fresh = self
            .token
            .lock()
            .ok()
            .and_then(|t| *t)
            .filter(|(at, _)| at.elapsed() < RECHECK)
            .map(|(_, token)| token);
        let token = match fresh {
            Some(t) => t,
            None => {
                let t = store.generation().await?;
                if let Ok(mut slot) = self.token.lock() {
                    *slot = Some((Instant::now(), t));
                }
                t
            }
        };
        Ok(token.rotate_left(17) ^ self.local.load(Ordering::Relaxed))
    }

    /// The value under `key` for this generation, computed by `compute` if there is none.
    pub async fn get<T, F, Fut>(
        &self,
        store: &dyn Store,
        key: &str,
        compute: F,
    ) -> Result<Arc<T>, Error>
    where
        T: Send + Sync + 'static,
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<T, Error>>,
    {
        let generation = self.generation(store).await?;
        let found = self
            .entries
            .lock()
            .ok()
            .and_then(|e| e.get(key).cloned())
            .filter(|(g, _)| *g == generation)
            .and_then(|(_, v)| v.downcast::<T>().ok());
        if let Some(v) = found {
            return Ok(v);
        }
        let value = Arc::new(compute().await?);
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MAX_ENTRIES {
                entries.retain(|_, (g, _)| *g == generation);
            }
            entries.insert(key.to_owned(), (generation, value.clone()));
        }
        Ok(value)
    }
}

/// After any request that may write (anything but GET and HEAD), the figures this process
/// computed are stale: on both listeners, so a release, an enrolment, a decision or new
/// definitions show on the next page view.
pub async fn invalidate_on_write(
    axum::extract::State(cache): axum::extract::State<Arc<Cache>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    // A family's reaction in the catalogue changes no figure: its counts are read apart.
    let writes = !matches!(
        *request.method(),
        axum::http::Method::GET | axum::http::Method::HEAD
    ) && !request.uri().path().starts_with("/catalogue/");
    let response = next.run(request).await;
    if writes {
        cache.bump();
    }
    response
}
