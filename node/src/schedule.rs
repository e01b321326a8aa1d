//! When a node syncs: its cron schedule, its own random offset after each tick, and the backoff
//! after a failure, so that a thousand clinics do not call the hub in the same second.

use std::time::Duration;

use chrono::Utc;
use rand::Rng;

use crate::Error;

/// Read a cron expression. Six fields (with seconds) or seven (with years) are taken as they
/// are; the common five-field form is taken to mean second 0.
pub fn parse_schedule(expr: &str) -> Result<cron::Schedule, Error> {
    let fields = expr.split_whitespace().count();
    let full = match fields {
        5 => format!("0 {}", expr.trim()),
        6 | 7 => expr.trim().to_owned(),
        _ => {
            return Err(Error::Config(format!(
                "sync_schedule {expr:?} is not a cron expression; write five fields (minute hour \
                 day month weekday, like \"*/15 * * * *\") or six with seconds first"
            )));
        }
    };
    full.parse().map_err(|e| {
        Error::Config(format!(
            "sync_schedule {expr:?} is not a valid cron expression: {e}"
        ))
    })
}

/// Exponential backoff with jitter: each delay is drawn from the upper half of a window that
/// doubles with each failure, up to a cap.
#[derive(Debug, Clone)]
pub struct Backoff {
    base: Duration,
    cap: Duration,
    failures: u32,
}

impl Backoff {
    pub fn new(base: Duration, cap: Duration) -> Self {
        Self {
            base,
            cap,
            failures: 0,
        }
    }

    /// The delay before the next attempt after one more failure.
    pub fn next_delay(&mut self, rng: &mut impl Rng) -> Duration {
        let window = self
            .base
            .saturating_mul(1 << self.failures.min(20))
            .min(self.cap);
        self.failures += 1;
        let millis = u64::try_from(window.as_millis()).unwrap_or(u64::MAX).max(2);
        Duration::from_millis(rng.random_range(millis / 2..=millis))
    }

    pub fn reset(&mut self) {
        self.failures = 0;
    }
}

/// This node's random offset after each tick: up to a minute, and at most half the time
/// between ticks, so that many clinics do not call the hub in the same second.
pub fn spread(schedule: &cron::Schedule, rng: &mut impl Rng) -> Duration {
    let mut ticks = schedule.upcoming(Utc);
    let interval = match (ticks.next(), ticks.next()) {
        (Some(a), Some(b)) => (b - a).to_std().unwrap_or_default(),
        _ => Duration::from_secs(120),
    };
    let most = interval.min(Duration::from_secs(120)) / 2;
    let most = u64::try_from(most.as_millis()).unwrap_or(60_000);
    Duration::from_millis(rng.random_range(0..=most))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_and_six_field_schedules_are_read_and_nonsense_is_named() {
        let five = parse_schedule("*/15 * * * *").unwrap();
        let six = parse_schedule("0 */15 * * * *").unwrap();
        let a: Vec<_> = five.upcoming(Utc).take(3).collect();
        let b: Vec<_> = six.upcoming(Utc).take(3).collect();
        assert_eq!(a, b);
        let err = parse_schedule("every 15 minutes").unwrap_err();
        assert!(err.to_string().contains("five fields"), "{err}");
        assert!(parse_schedule("0 */99 * * * *").is_err());
    }

    #[test]
    fn each_node_spreads_its_syncs_within_half_an_interval_and_a_minute() {
        let mut rng = rand::rng();
        let every_second = parse_schedule("* * * * * *").unwrap();
        let quarter_hour = parse_schedule("*/15 * * * *").unwrap();
        let spreads: Vec<_> = (0..50).map(|_| spread(&quarter_hour, &mut rng)).collect();
        assert!(spreads.iter().all(|d| *d <= Duration::from_secs(60)));
        assert!(
            spreads.iter().any(|d| *d > Duration::from_secs(1)),
            "offsets vary"
        );
        assert!((0..50).all(|_| spread(&every_second, &mut rng) <= Duration::from_millis(500)));
    }

    #[test]
    fn backoff_grows_with_jitter_and_stays_under_its_cap() {
        let mut rng = rand::rng();
        let mut b = Backoff::new(Duration::from_secs(30), Duration::from_secs(900));
        let first = b.next_delay(&mut rng);
        assert!((Duration::from_secs(15)..=Duration::from_secs(30)).contains(&first));
        let second = b.next_delay(&mut rng);
        assert!((Duration::from_secs(30)..=Duration::from_secs(60)).contains(&second));
        for window in [120, 240, 480] {
            let d = b.next_delay(&mut rng);
            assert!(d >= Duration::from_secs(window / 2) && d <= Duration::from_secs(window));
        }
        for _ in 0..30 {
            let d = b.next_delay(&mut rng);
            assert!(
                d >= Duration::from_secs(450) && d <= Duration::from_secs(900),
                "{d:?}"
            );
        }
        b.reset();
        assert!(b.next_delay(&mut rng) <= Duration::from_secs(30));
        let draws: std::collections::HashSet<_> = (0..20)
            .map(|_| {
                let mut b = Backoff::new(Duration::from_secs(30), Duration::from_secs(900));
                b.next_delay(&mut rng)
            })
            .collect();
        assert!(draws.len() > 1, "no jitter");
    }
}
