//! How often one clinic's node may call the federation API: a token bucket per clinic, so that
//! a node stuck in a loop, or a stolen certificate, cannot crowd out the other clinics. Kept in
//! memory; a restart gives every clinic a full bucket.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

#[derive(Debug)]
pub struct ClinicLimiter {
    /// Requests a clinic may make in a minute, and at once after a quiet minute.
    per_minute: u32,
    buckets: Mutex<HashMap<String, Bucket>>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl ClinicLimiter {
    pub fn new(per_minute: u32) -> Self {
        Self {
            per_minute: per_minute.max(1),
            buckets: Mutex::default(),
        }
    }

    pub fn per_minute(&self) -> u32 {
        self.per_minute
    }

    /// Count one request of `clinic` at `now`, or say how many seconds until it may make one.
    /// Only enrolled clinics get here, so there are as many buckets as clinics.
    pub fn take(&self, clinic: &str, now: Instant) -> Result<(), u64> {
        let capacity = f64::from(self.per_minute);
        let rate = capacity / 60.0;
        let Ok(mut buckets) = self.buckets.lock() else {
            return Ok(());
        };
        let bucket = buckets.entry(clinic.to_owned()).or_insert(Bucket {
            tokens: capacity,
            at: now,
        });
        let refill = now.saturating_duration_since(bucket.at).as_secs_f64() * rate;
        bucket.tokens = (bucket.tokens + refill).min(capacity);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            // Whole seconds, rounded up, so that a client waiting that long gets through.
            let wait = ((1.0 - bucket.tokens) / rate).ceil();
            Err(if wait >= 1.0 { wait as u64 } else { 1 })
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn a_clinic_gets_its_minute_at_once_then_waits_and_others_are_not_held_up() {
        let limiter = ClinicLimiter::new(6);
        let t = Instant::now();
        for _ in 0..6 {
            assert_eq!(limiter.take("alder", t), Ok(()));
        }
        // Six a minute: one more every ten seconds.
        assert_eq!(limiter.take("alder", t), Err(10));
        assert_eq!(limiter.take("birch", t), Ok(()));
        assert_eq!(limiter.take("alder", t + Duration::from_secs(4)), Err(6));
        assert_eq!(limiter.take("alder", t + Duration::from_secs(10)), Ok(()));
        assert_eq!(limiter.take("alder", t + Duration::from_secs(10)), Err(10));
        // A quiet hour fills the bucket to a minute's worth, no more.
        let later = t + Duration::from_secs(3600);
        for _ in 0..6 {
            assert_eq!(limiter.take("alder", later), Ok(()));
        }
        assert!(limiter.take("alder", later).is_err());
    }
}
