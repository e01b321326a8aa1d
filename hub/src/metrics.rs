//! Counters for `/metrics`, in the Prometheus text format. They describe this process only;
//! nothing that correctness depends on is kept here.

use std::sync::atomic::{AtomicU64, Ordering};

/// Process counters.
#[derive(Debug, Default)]
pub struct Metrics {
    tls_refused: AtomicU64,
    unauthenticated: AtomicU64,
    releases: AtomicU64,
    enrolments: AtomicU64,
}

impl Metrics {
    pub fn tls_refused(&self) {
        self.tls_refused.fetch_add(1, Ordering::Relaxed);
    }
    pub fn unauthenticated(&self) {
        self.unauthenticated.fetch_add(1, Ordering::Relaxed);
    }
    pub fn release(&self) {
        self.releases.fetch_add(1, Ordering::Relaxed);
    }
    pub fn enrolment(&self) {
        self.enrolments.fetch_add(1, Ordering::Relaxed);
    }

    /// The counters in the Prometheus text exposition format.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for (name, help, value) in [
            (
                "tandem_federation_tls_refused_total",
                "TLS handshakes refused on the federation listener (for example a certificate from another CA).",
                &self.tls_refused,
            ),
            (
                "tandem_federation_unauthenticated_total",
                "Federation requests refused for lack of a valid, unrevoked client certificate.",
                &self.unauthenticated,
            ),
            (
                "tandem_federation_releases_total",
                "Release requests answered (stored, replayed or rejected).",
                &self.releases,
            ),
            (
                "tandem_federation_enrolments_total",
                "Nodes enrolled by this process.",
                &self.enrolments,
            ),
        ] {
            out.push_str(&format!(
                "# HELP {name} {help}\n# TYPE {name} counter\n{name} {}\n",
                value.load(Ordering::Relaxed)
            ));
        }
        out
    }
}
