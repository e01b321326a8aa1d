//! How often one address may react to the catalogue's practices: once per practice and
//! reaction a day, and a few an hour in all. Kept in memory only, so no one's address is
//! stored; a restart forgets it, which costs at most a few extra counts.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long one address's reaction to one practice holds.
pub const SAME_AGAIN: Duration = Duration::from_secs(24 * 60 * 60);
/// The most reactions one address gives in an hour, across practices.
pub const PER_HOUR: usize = 20;
const HOUR: Duration = Duration::from_secs(60 * 60);
/// Addresses remembered at most; past it, expired ones go, and then new ones wait.
const MAX_KEYS: usize = 100_000;

/// What the limiter says of a reaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Counted,
    /// This address gave this reaction to this practice in the last day.
    Already,
    /// This address gave too many reactions in the last hour, or the hub is remembering too
    /// many addresses.
    TooMany,
}

#[derive(Debug, Default)]
pub struct Limiter {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    given: HashMap<String, Instant>,
    hourly: HashMap<String, Vec<Instant>>,
}

impl Limiter {
    /// Whether `address` may give `reaction` (a practice and a kind) at `now`; counted if so.
    pub fn check(&self, address: &str, reaction: &str, now: Instant) -> Verdict {
        let Ok(mut s) = self.state.lock() else {
            return Verdict::TooMany;
        };
        let key = format!("{address} {reaction}");
        if s.given
            .get(&key)
            .is_some_and(|t| now.duration_since(*t) < SAME_AGAIN)
        {
            return Verdict::Already;
        }
        if s.given.len() >= MAX_KEYS || s.hourly.len() >= MAX_KEYS {
            s.given.retain(|_, t| now.duration_since(*t) < SAME_AGAIN);
            s.hourly.retain(|_, times| {
                times.retain(|t| now.duration_since(*t) < HOUR);
                !times.is_empty()
            });
            if s.given.len() >= MAX_KEYS || s.hourly.len() >= MAX_KEYS {
                return Verdict::TooMany;
            }
        }
        let times = s.hourly.entry(address.to_owned()).or_default();
        times.retain(|t| now.duration_since(*t) < HOUR);
        if times.len() >= PER_HOUR {
            return Verdict::TooMany;
        }
        times.push(now);
        s.given.insert(key, now);
        Verdict::Counted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn once_a_day_per_practice_and_a_few_an_hour_in_all() {
        let l = Limiter::default();
        let t = Instant::now();
        assert_eq!(l.check("192.0.2.1", "p1 tried", t), Verdict::Counted);
        assert_eq!(l.check("192.0.2.1", "p1 tried", t), Verdict::Already);
        assert_eq!(l.check("192.0.2.1", "p1 helped", t), Verdict::Counted);
        assert_eq!(
            l.check("192.0.2.2", "p1 tried", t),
            Verdict::Counted,
            "another address"
        );
        let later = t + SAME_AGAIN + Duration::from_secs(1);
        assert_eq!(
            l.check("192.0.2.1", "p1 tried", later),
            Verdict::Counted,
            "a day on"
        );
        for i in 0..PER_HOUR {
            let v = l.check("198.51.100.9", &format!("p{i} tried"), t);
            assert_eq!(v, Verdict::Counted, "{i}");
        }
        assert_eq!(l.check("198.51.100.9", "q tried", t), Verdict::TooMany);
        assert_eq!(
            l.check("198.51.100.9", "q tried", t + HOUR),
            Verdict::Counted
        );
    }
}
