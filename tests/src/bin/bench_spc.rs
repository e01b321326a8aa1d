//! `cargo run --release -p tandem-tests --bin bench_spc`: how fast the SPC engine draws the
//! charts the hub serves, against the goals of the issue: a 120-point p chart with its rules in
//! under 20 µs, and a funnel of 10 000 clinics in under 5 ms, by the normal and the exact
//! method.
//!
//! The data are deterministic pseudo-random numbers, so runs compare like with like.

use std::hint::black_box;
use std::time::{Duration, Instant};

use tandem_shared::spc::{self, Chart, FunnelMethod, FunnelOptions, Request, Rules, SpcError};

/// A 64-bit linear congruential generator (Knuth's MMIX constants): plenty for test data.
#[derive(Debug)]
struct Lcg(u64);

impl Lcg {
    /// A number in [0, 1).
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A whole number in [low, high].
    fn between(&mut self, low: u32, high: u32) -> f64 {
        (f64::from(low) + (self.next() * f64::from(high - low + 1)).floor()).min(f64::from(high))
    }

    /// A standard normal number, near enough: the sum of twelve uniforms, less 6.
    fn normal(&mut self) -> f64 {
        (0..12).map(|_| self.next()).sum::<f64>() - 6.0
    }
}

/// Binomial-like counts at `rate(i)` of denominators between `low` and `high`.
fn counts(
    random: &mut Lcg,
    len: usize,
    (low, high): (u32, u32),
    rate: impl Fn(usize) -> f64,
) -> Request {
    let (mut numerator, mut denominator) = (Vec::with_capacity(len), Vec::with_capacity(len));
    for i in 0..len {
        let (n, rate) = (random.between(low, high), rate(i));
        let events = n * rate + random.normal() * (n * rate * (1.0 - rate)).sqrt();
        numerator.push(events.round().clamp(0.0, n));
        denominator.push(n);
    }
    Request::counts(Chart::P, numerator, denominator)
}

/// The median time of one call, from `samples` batches of `batch` calls.
fn median_time(samples: usize, batch: u32, mut call: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..samples)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..batch {
                call();
            }
            start.elapsed() / batch
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn report(what: &str, time: Duration, goal: Duration) -> bool {
    let met = time < goal;
    println!(
        "{what:<40} {:>10.2} µs   goal < {:>8.0} µs   {}",
        time.as_secs_f64() * 1e6,
        goal.as_secs_f64() * 1e6,
        if met { "met" } else { "NOT MET" }
    );
    met
}

fn main() -> Result<(), SpcError> {
    let mut random = Lcg(0x5eed_5eed_5eed_5eed);

    // A monthly p chart of ten years: a proportion near 0.2 that shifts up after month 80.
    let mut chart = counts(
        &mut random,
        120,
        (80, 400),
        |i| if i < 80 { 0.2 } else { 0.25 },
    );
    chart.rules = Some(Rules {
        shift: Some(6),
        trend: Some(5),
    });
    let signals = spc::analyse(&chart)?;
    println!(
        "p chart: {} points, {} beyond limits, {} in shifts, suggested breaks {:?}",
        signals.points.len(),
        signals.points.iter().filter(|p| p.beyond_limits).count(),
        signals.points.iter().filter(|p| p.shift).count(),
        signals.suggested_breaks
    );
    let p_chart = median_time(2001, 20, || {
        black_box(spc::analyse(black_box(&chart)).ok());
    });

    // A funnel of 10 000 clinics with 20 to 5000 patients each, around 15 %.
    let mut funnel = counts(&mut random, 10_000, (20, 5_000), |_| 0.15);
    funnel.chart = Chart::Funnel;
    let mut funnel_times = Vec::new();
    for method in [FunnelMethod::Normal, FunnelMethod::Exact] {
        funnel.funnel = Some(FunnelOptions {
            method: Some(method),
            ..FunnelOptions::default()
        });
        let plot = spc::analyse(&funnel)?;
        println!(
            "funnel ({method:?}): {} clinics, {} outside 95 %, {} outside 99.8 %",
            plot.units.len(),
            plot.units.iter().filter(|u| u.outside_95).count(),
            plot.units.iter().filter(|u| u.outside_998).count()
        );
        let time = median_time(31, 1, || {
            black_box(spc::analyse(black_box(&funnel)).ok());
        });
        funnel_times.push((method, time));
    }

    println!();
    let mut all = report(
        "120-point p chart with rules",
        p_chart,
        Duration::from_micros(20),
    );
    for (method, time) in funnel_times {
        all &= report(
            &format!("funnel of 10 000 clinics ({method:?})"),
            time,
            Duration::from_millis(5),
        );
    }
    println!(
        "\n{}",
        if all {
            "all goals met"
        } else {
            "some goals not met"
        }
    );
    Ok(())
}
