//! Published worked examples and properties, through [`analyse`] and the JSON contract.
//!
//! Expected values come from the textbooks (to the precision printed) and from the formulas
//! worked by hand (to 1e-6 or better, the arithmetic shown); none are computed by this code.

use proptest::prelude::*;
use serde_json::json;

use super::*;

#[track_caller]
fn assert_close(actual: f64, expected: f64, tolerance: f64) {
    assert!(
        (actual - expected).abs() <= tolerance,
        "{actual} is not within {tolerance} of {expected}"
    );
}

fn request(value: serde_json::Value) -> Request {
    serde_json::from_value(value).unwrap()
}

fn run(value: serde_json::Value) -> Response {
    analyse(&request(value)).unwrap()
}

fn error(value: serde_json::Value) -> String {
    analyse(&request(value)).unwrap_err().to_string()
}

/// 1-based numbers of the points beyond their limits.
fn beyond(response: &Response) -> Vec<usize> {
    (1..=response.points.len())
        .filter(|&i| response.points[i - 1].beyond_limits)
        .collect()
}

fn limits(point: &Point) -> (f64, f64) {
    (point.lcl.unwrap(), point.ucl.unwrap())
}

/// Montgomery, Introduction to Statistical Quality Control: the frozen orange-juice cans,
/// nonconforming cans in 30 samples of n = 50 (Example 6.1 and Table 6.1 in the 4th and 5th
/// editions, 7.1 in the 6th). D sums to 347.
const JUICE: [f64; 30] = [
    12.0, 15.0, 8.0, 10.0, 4.0, 7.0, 16.0, 9.0, 14.0, 10.0, 5.0, 6.0, 17.0, 12.0, 22.0, 8.0, 10.0,
    5.0, 13.0, 11.0, 20.0, 18.0, 24.0, 15.0, 9.0, 12.0, 7.0, 13.0, 9.0, 6.0,
];

#[test]
fn montgomery_p_chart_trial_limits() {
    let response = run(json!({"chart": "p", "numerator": JUICE, "denominator": vec![50; 30]}));
    // Printed: p̄ = 0.2313, UCL = 0.4102, LCL = 0.0524; samples 15 and 23 out of control.
    // By hand: p̄ = 347/1500 = 0.231333…; σ = √(0.231333 × 0.768667 / 50) = 0.0596353;
    // UCL = 0.231333 + 3 × 0.0596353 = 0.4102391, LCL = 0.231333 − 0.178906 = 0.0524275.
    let part = &response.parts[0];
    assert_close(part.cl, 347.0 / 1500.0, 1e-12);
    assert_close(part.cl, 0.2313, 5e-5);
    for point in &response.points {
        let (lcl, ucl) = limits(point);
        assert_close(ucl, 0.410_239_119, 1e-6);
        assert_close(lcl, 0.052_427_548, 1e-6);
        assert_close(ucl, 0.4102, 5e-5);
        assert_close(lcl, 0.0524, 5e-5);
    }
    assert_eq!(beyond(&response), [15, 23]);
    // Runs against 11.5667 defectives: + + − − − − + − + − − − + + + − − − + − + + + + − + − +
    // − −, 30 useful points in 16 runs (15 crossings), longest 4 (points 3–6 and 21–24);
    // limits round(log₂ 30) + 3 = 8 and qbinom(0.05, 29, ½) = 10 (Anhøj and Olesen 2014,
    // Table 1). No signal.
    let runs = part.runs;
    assert_eq!(
        (runs.n_useful, runs.longest_run, runs.n_crossings),
        (30, 4, 15)
    );
    assert_eq!((runs.longest_run_max, runs.n_crossings_min), (8, 10));
    assert!(!runs.signal);
}

#[test]
fn montgomery_p_chart_revised_without_samples_15_and_23() {
    let response = run(json!({
        "chart": "p", "numerator": JUICE, "denominator": vec![50; 30], "exclude": [15, 23]
    }));
    // Printed: revised p̄ = 0.2150, UCL = 0.3893, LCL = 0.0407, and "sample 21 now exceeds
    // the upper control limit". By hand: p̄ = (347 − 22 − 24)/(1500 − 100) = 301/1400 =
    // 0.215; σ = √(0.215 × 0.785 / 50) = 0.0580991; UCL = 0.215 + 0.1742972 = 0.3892972,
    // LCL = 0.215 − 0.1742972 = 0.0407028.
    assert_close(response.parts[0].cl, 0.215, 1e-12);
    for point in &response.points {
        let (lcl, ucl) = limits(point);
        assert_close(ucl, 0.389_297_160, 1e-6);
        assert_close(lcl, 0.040_702_840, 1e-6);
        assert_close(ucl, 0.3893, 5e-5);
        assert_close(lcl, 0.0407, 5e-5);
    }
    // Excluded points are still judged: 0.44 and 0.48 are above 0.3893, and so is 0.40.
    assert_eq!(beyond(&response), [15, 21, 23]);
    assert!(response.points[14].excluded && response.points[22].excluded);
    // Runs without 15 and 23, against 10.75 defectives: + + − − − − + − + − − − + + − − − +
    // + + + + − + − + − −: 28 useful, longest run 5 (19–22, 24), 14 runs so 13 crossings;
    // limits round(log₂ 28) + 3 = 8 and qbinom(0.05, 27, ½) = 9 (cumulative C(27, k) reaches
    // 0.05 × 2²⁷ = 6 710 886.4 at k = 9: 3 505 699 < it ≤ 8 192 524).
    let runs = response.parts[0].runs;
    assert_eq!(
        (runs.n_useful, runs.longest_run, runs.n_crossings),
        (28, 5, 13)
    );
    assert_eq!((runs.longest_run_max, runs.n_crossings_min), (8, 9));
    assert!(!runs.signal);
}

/// Montgomery: nonconformities in 26 successive samples of 100 printed circuit boards
/// (Example 7.3, Table 7.7 in the 6th edition). The counts sum to 516.
const BOARDS: [f64; 26] = [
    21.0, 24.0, 16.0, 12.0, 15.0, 5.0, 28.0, 20.0, 31.0, 25.0, 20.0, 24.0, 16.0, 19.0, 10.0, 17.0,
    13.0, 22.0, 18.0, 39.0, 30.0, 24.0, 16.0, 19.0, 17.0, 15.0,
];

#[test]
fn montgomery_c_chart_for_circuit_boards() {
    let response = run(json!({"chart": "c", "y": BOARDS}));
    // Printed: c̄ = 19.85, UCL = 33.22, LCL = 6.48; samples 6 and 20 beyond the limits.
    // Montgomery rounds c̄ to 19.85 before the root (19.85 + 3 × 4.4553 = 33.216); exactly,
    // c̄ = 516/26 = 19.846154, √c̄ = 4.454902, UCL = 19.846154 + 13.364707 = 33.210861 and
    // LCL = 6.481447.
    assert_close(response.parts[0].cl, 516.0 / 26.0, 1e-12);
    assert_close(response.parts[0].cl, 19.85, 5e-3);
    let (lcl, ucl) = limits(&response.points[0]);
    assert_close(ucl, 33.210_860_525, 1e-6);
    assert_close(lcl, 6.481_447_167, 1e-6);
    assert_close(ucl, 33.22, 1e-2);
    assert_close(lcl, 6.48, 5e-3);
    assert_eq!(beyond(&response), [6, 20]);
    // Runs against 19.846: 26 useful, longest run 6, 7 crossings, below the minimum
    // qbinom(0.05, 25, ½) = 8 (Anhøj and Olesen 2014, Table 1): a signal.
    let runs = response.parts[0].runs;
    assert_eq!(
        (runs.n_useful, runs.longest_run, runs.n_crossings),
        (26, 6, 7)
    );
    assert_eq!((runs.longest_run_max, runs.n_crossings_min), (8, 8));
    assert!(runs.signal);

    // Revised without samples 6 and 20. Printed: c̄ = 19.67, UCL = 32.97, LCL = 6.36. By
    // hand: c̄ = (516 − 5 − 39)/24 = 472/24 = 19.666667, √c̄ = 4.434712, UCL = 32.970801,
    // LCL = 6.362532.
    let response = run(json!({"chart": "c", "y": BOARDS, "exclude": [6, 20]}));
    assert_close(response.parts[0].cl, 472.0 / 24.0, 1e-12);
    let (lcl, ucl) = limits(&response.points[0]);
    assert_close(ucl, 32.970_801_362, 1e-6);
    assert_close(lcl, 6.362_531_971, 1e-6);
    assert_close(ucl, 32.97, 5e-3);
    assert_close(lcl, 6.36, 5e-3);
    assert_eq!(beyond(&response), [6, 20]);
}

/// Montgomery: the cost of processing mortgage loan applications, 20 weeks (the individuals
/// chart example of §6.4 in the 6th edition). Costs sum to 6010, moving ranges to 148.
const LOAN_COSTS: [f64; 20] = [
    310.0, 288.0, 297.0, 298.0, 307.0, 303.0, 294.0, 297.0, 308.0, 306.0, 294.0, 299.0, 297.0,
    299.0, 314.0, 295.0, 293.0, 306.0, 301.0, 304.0,
];

#[test]
fn montgomery_individuals_and_moving_range_chart() {
    let response = run(json!({"chart": "i", "y": LOAN_COSTS}));
    // Printed: x̄ = 300.5, MR̄ = 7.79, UCL = 321.22, LCL = 279.78; MR chart UCL = 25.45; the
    // process is in control. By hand: x̄ = 6010/20 = 300.5; MR̄ = 148/19 = 7.789474;
    // 3 MR̄ / 1.128 = 20.716685; UCL = 321.216685, LCL = 279.783315; 3.267 MR̄ = 25.448211.
    // No moving range reaches 25.45 (the largest is 22), so screening changes nothing.
    assert_close(response.parts[0].cl, 300.5, 1e-12);
    let (lcl, ucl) = limits(&response.points[0]);
    assert_close(ucl, 321.216_685_330, 1e-6);
    assert_close(lcl, 279.783_314_670, 1e-6);
    assert_close(ucl, 321.22, 5e-3);
    assert_close(lcl, 279.78, 5e-3);
    // The printed factor 2.66 is 3/1.128 = 2.6596 rounded: 2.66 × 7.789474 = 20.720.
    assert_close(ucl - 300.5, 2.66 * 7.789_474, 5e-3);
    assert!(beyond(&response).is_empty());
    let mr = response.mr.as_ref().unwrap();
    assert_close(mr.cl, 148.0 / 19.0, 1e-12);
    assert_close(mr.ucl, 25.448_210_526, 1e-6);
    assert_close(mr.ucl, 25.45, 5e-3);
    assert_eq!(mr.points.len(), 20);
    assert_eq!(mr.points[0].y, None);
    assert_eq!(mr.points[1].y, Some(22.0));
    assert!(mr.points.iter().all(|p| !p.beyond_limits));
    let unscreened = run(json!({"chart": "i", "y": LOAN_COSTS, "screen_moving_ranges": false}));
    assert_eq!(unscreened.points, response.points);

    // The MR chart itself: the same centre and upper limit, lower limit 0.
    let chart = run(json!({"chart": "mr", "y": LOAN_COSTS}));
    assert_eq!(chart.points[0].y, None);
    assert_eq!(chart.points[14].y, Some(15.0));
    assert_close(chart.parts[0].cl, 148.0 / 19.0, 1e-12);
    assert_eq!(chart.points[5].lcl, Some(0.0));
    assert_close(chart.points[5].ucl.unwrap(), 25.448_210_526, 1e-6);
}

#[test]
fn screening_drops_an_upset_from_the_individuals_sigma() {
    // By hand: y = 10 11 10 11 10 11 10 80, x̄ = 153/8 = 19.125; moving ranges 1 1 1 1 1 1 70,
    // MR̄ = 76/7 = 10.857143; the cutoff 3.267 × 10.857143 = 35.470 drops the 70, and the
    // screened MR̄ = 6/6 = 1. Screened limits 19.125 ± 3/1.128 = 16.465426, 21.784574 (the
    // upset still pulls x̄ above every ordinary point); unscreened UCL 19.125 + 3 × 10.857143
    // / 1.128 = 48.000380.
    let y = [10.0, 11.0, 10.0, 11.0, 10.0, 11.0, 10.0, 80.0];
    let screened = run(json!({"chart": "i", "y": y}));
    let (lcl, ucl) = limits(&screened.points[0]);
    assert_close(ucl, 21.784_574_468, 1e-8);
    assert_close(lcl, 16.465_425_532, 1e-8);
    assert_eq!(beyond(&screened), [1, 2, 3, 4, 5, 6, 7, 8]);
    let plain = run(json!({"chart": "i", "y": y, "screen_moving_ranges": false}));
    assert_close(plain.points[0].ucl.unwrap(), 48.000_379_939, 1e-8);
    assert_eq!(beyond(&plain), [8]);
    // The MR chart's centre is the screened average too, so the upset's range is flagged.
    let mr = screened.mr.unwrap();
    assert_close(mr.cl, 1.0, 1e-12);
    assert!(mr.points[7].beyond_limits);
}

#[test]
fn montgomery_u_chart_for_personal_computers() {
    // Montgomery: total nonconformities in 20 samples of 5 personal computers (Example 7.4,
    // 6th edition); 193 in all. Printed: ū = 1.93, UCL = 3.79, LCL = 0.07. By hand:
    // ū = 193/100 = 1.93; √(1.93/5) = 0.621289; UCL = 1.93 + 1.863867 = 3.793867,
    // LCL = 0.066133.
    let counts = [
        10, 12, 8, 14, 10, 16, 11, 7, 10, 15, 9, 5, 7, 11, 12, 6, 8, 10, 7, 5,
    ];
    let response = run(json!({"chart": "u", "numerator": counts, "denominator": vec![5; 20]}));
    assert_close(response.parts[0].cl, 1.93, 1e-12);
    let (lcl, ucl) = limits(&response.points[0]);
    assert_close(ucl, 3.793_866_948, 1e-6);
    assert_close(lcl, 0.066_133_052, 1e-6);
    assert_close(ucl, 3.79, 5e-3);
    assert_close(lcl, 0.07, 5e-3);
    assert!(beyond(&response).is_empty());
    // Per 100 units: everything scales, the signals do not.
    let per_100 = run(json!({
        "chart": "u", "numerator": counts, "denominator": vec![5; 20], "multiply": 100
    }));
    assert_close(per_100.points[0].ucl.unwrap(), 379.386_694_8, 1e-5);
    assert_close(per_100.points[0].y.unwrap(), 200.0, 1e-9);
}

#[test]
fn laney_p_prime_by_hand() {
    // Laney (2002): zᵢ = (pᵢ − p̄)/σᵢ, σ_z = MR̄(z)/1.128, limits p̄ ± 3 σᵢ σ_z. By hand for
    // r = 12 30 20 45 of n = 100 200 100 300:
    //   p̄ = 107/700 = 0.152857143; σᵢ = √(p̄(1 − p̄)/nᵢ) = 0.035984974, 0.025445219,
    //   0.035984974, 0.020775935; pᵢ = 0.12 0.15 0.20 0.15;
    //   z = −0.913079517, −0.112286038, 1.310070612, −0.137521749;
    //   moving ranges 0.800793479, 1.422356650, 1.447592361, mean 1.223580829;
    //   σ_z = 1.223580829/1.128 = 1.084734778;
    //   point 1: 0.152857143 ± 3 × 0.035984974 × 1.084734778 = 0.035754684, 0.269959602;
    //   point 4: ± 3 × 0.020775935 × 1.084734778 → 0.085248007, 0.220466279.
    let response = run(json!({
        "chart": "pp", "numerator": [12, 30, 20, 45], "denominator": [100, 200, 100, 300]
    }));
    assert_close(response.sigma_z.unwrap(), 1.084_734_778, 1e-8);
    assert_eq!(response.parts[0].sigma_z, response.sigma_z);
    assert_close(response.parts[0].cl, 107.0 / 700.0, 1e-12);
    let (lcl, ucl) = limits(&response.points[0]);
    assert_close(lcl, 0.035_754_684, 1e-8);
    assert_close(ucl, 0.269_959_602, 1e-8);
    let (lcl, ucl) = limits(&response.points[3]);
    assert_close(lcl, 0.085_248_007, 1e-8);
    assert_close(ucl, 0.220_466_279, 1e-8);
}

#[test]
fn laney_u_prime_by_hand() {
    // By hand for c = 30 18 50 20 over exposures 10 12.5 20 8:
    //   ū = 118/50.5 = 2.336633663; σᵢ = √(ū/nᵢ) = 0.483387387, 0.432354823, 0.341806500,
    //   0.540443529; uᵢ = 3.0 1.44 2.5 2.5;
    //   z = 1.372328600, −2.073837541, 0.477949766, 0.302281974;
    //   moving ranges 3.446166141, 2.551787308, 0.175667793, mean 2.057873747;
    //   σ_z = 1.824356159; point 3: 2.336633663 ± 3 × 0.341806500 × 1.824356159 =
    //   0.465903285, 4.207364041; point 1: lower below 0 → 0, upper 4.982245936.
    let response = run(json!({
        "chart": "up", "numerator": [30, 18, 50, 20], "denominator": [10, 12.5, 20, 8]
    }));
    assert_close(response.sigma_z.unwrap(), 1.824_356_159, 1e-8);
    let (lcl, ucl) = limits(&response.points[2]);
    assert_close(lcl, 0.465_903_285, 1e-8);
    assert_close(ucl, 4.207_364_041, 1e-8);
    let (lcl, ucl) = limits(&response.points[0]);
    assert_eq!(lcl, 0.0);
    assert_close(ucl, 4.982_245_936, 1e-8);
}

#[test]
fn laney_p_prime_with_equal_denominators_is_the_individuals_chart_of_p() {
    // Laney (2002): with equal subgroup sizes σᵢ is constant, σᵢ σ_z = MR̄(p)/1.128, and the
    // p′ chart's limits are those of an individuals chart of the proportions.
    let numerator = [40.0, 55.0, 38.0, 61.0, 47.0, 52.0, 44.0, 58.0];
    let p: Vec<f64> = numerator.iter().map(|r| r / 500.0).collect();
    let laney = run(json!({"chart": "pp", "numerator": numerator, "denominator": vec![500; 8]}));
    let individuals = run(json!({"chart": "i", "y": p, "screen_moving_ranges": false}));
    for (a, b) in laney.points.iter().zip(&individuals.points) {
        assert_close(a.lcl.unwrap(), b.lcl.unwrap(), 1e-12);
        assert_close(a.ucl.unwrap(), b.ucl.unwrap(), 1e-12);
    }
}

#[test]
fn run_chart_flags_an_astronomical_point_beyond_three_sigma_of_the_individuals() {
    // 10 and 12 alternating, with 30 at point 7. Sorted, five 10s, six 12s and the 30: the
    // median is 12. The moving ranges are nine 2s and two 18s, average 54/11 = 4.909; the
    // screen drops ranges ≥ 3.267 × 4.909 = 16.04, leaving 2. σ = 2 / 1.128 = 1.773 and 3σ =
    // 5.319, so only 30 is further than 3σ from 12. Unscreened, σ = 4.909 / 1.128 = 4.352 and
    // 3σ = 13.06: 30 is still out (18), and 10 and 12 are not.
    let y = [
        10.0, 12.0, 10.0, 12.0, 10.0, 12.0, 30.0, 12.0, 10.0, 12.0, 10.0, 12.0,
    ];
    for screen in [true, false] {
        let response = run(json!({"chart": "run", "y": y, "screen_moving_ranges": screen}));
        assert_eq!(response.parts[0].cl, 12.0);
        let flagged: Vec<usize> = (1..=y.len())
            .filter(|&i| response.points[i - 1].astronomical)
            .collect();
        assert_eq!(flagged, [7], "screen {screen}");
        assert!(response.points.iter().all(|p| !p.beyond_limits));
    }
    // A Shewhart chart never sets it: its limits say the same.
    let i_chart = run(json!({"chart": "i", "y": y}));
    assert!(i_chart.points.iter().all(|p| !p.astronomical));
}

#[test]
fn rule_lengths_come_from_the_request() {
    // Median 7 (the 10th of 19 sorted values). Points 1-5 rise (a trend of 5); points 6-12
    // are 7 below the median and 13-19 are 7 above (two shifts of 7); point 3 is on the
    // median and is skipped.
    let mut y = vec![5.0, 6.0, 7.0, 8.0, 9.0];
    y.extend([1.0; 7]);
    y.extend([20.0; 7]);
    let marked = |response: &Response| {
        let on = |f: fn(&Point) -> bool| -> Vec<usize> {
            (1..=y.len())
                .filter(|&i| f(&response.points[i - 1]))
                .collect()
        };
        (on(|p| p.shift), on(|p| p.trend))
    };
    let defaults = run(json!({"chart": "run", "y": y}));
    assert_eq!(defaults.parts[0].cl, 7.0);
    assert_eq!(
        marked(&defaults),
        ((6..=19).collect::<Vec<_>>(), (1..=5).collect::<Vec<_>>())
    );
    let longer = run(json!({"chart": "run", "y": y, "rules": {"shift": 8, "trend": 6}}));
    assert_eq!(marked(&longer), (vec![], vec![]));
    let message = error(json!({"chart": "run", "y": y, "rules": {"trend": 1}}));
    assert!(message.contains("rules.trend"), "{message}");
}

#[test]
fn run_chart_signals_and_suggests_where_the_shift_starts() {
    // Twelve points around 1.5, then twelve around 5.5: the median of all is (2 + 5)/2 = 3.5.
    // 24 useful points, one crossing, longest run 12: both Anhøj rules fire (limits
    // round(log₂ 24) + 3 = 8 and qbinom(0.05, 23, ½) = 8). Every point is in a shift. The
    // longest run opens the part, so the new part starts after it: a break after point 12.
    // Each side alone (medians 1.5 and 5.5, alternating) shows nothing more.
    let mut y = [1.0, 2.0].repeat(6);
    y.extend([5.0, 6.0].repeat(6));
    let response = run(json!({"chart": "run", "y": y}));
    let part = &response.parts[0];
    assert_eq!(part.cl, 3.5);
    assert_eq!(
        (
            part.runs.n_useful,
            part.runs.longest_run,
            part.runs.n_crossings
        ),
        (24, 12, 1)
    );
    assert_eq!(
        (part.runs.longest_run_max, part.runs.n_crossings_min),
        (8, 8)
    );
    assert!(part.runs.signal);
    assert!(response.points.iter().all(|p| p.shift && !p.trend));
    assert!(
        response
            .points
            .iter()
            .all(|p| p.lcl.is_none() && p.ucl.is_none())
    );
    assert_eq!(response.suggested_breaks, [12]);

    // Taking the suggestion gives two stable parts and no further suggestion.
    let split = run(json!({"chart": "run", "y": y, "breaks": [12]}));
    assert_eq!((split.parts[0].cl, split.parts[1].cl), (1.5, 5.5));
    assert_eq!((split.parts[1].from, split.parts[1].to), (13, 24));
    assert!(split.suggested_breaks.is_empty());
    assert!(split.points.iter().all(|p| !p.shift));
    assert_eq!(split.points[12].part, 2);

    // Three levels, 1 2 …, 6 5 …, 9 10 …: split after 12 (the median of all is 5.5, and the
    // first twelve are the first of the longest runs, opening the part), then the last 24
    // (median 7.5: twelve below, twelve above) after 24.
    let mut three = [1.0, 2.0].repeat(6);
    three.extend([6.0, 5.0].repeat(6));
    three.extend([9.0, 10.0].repeat(6));
    assert_eq!(
        run(json!({"chart": "run", "y": three})).suggested_breaks,
        [12, 24]
    );
}

#[test]
fn freeze_extends_the_baseline_and_breaks_start_new_parts() {
    // Baseline 10 12 11 9 10 11: x̄ = 63/6 = 10.5, moving ranges 2 1 2 1 1, MR̄ = 7/5 = 1.4
    // (cutoff 4.57 keeps all), UCL = 10.5 + 3 × 1.4/1.128 = 14.223404.
    let y = [
        10.0, 12.0, 11.0, 9.0, 10.0, 11.0, 20.0, 22.0, 21.0, 23.0, 20.0, 22.0,
    ];
    let frozen = run(json!({"chart": "i", "y": y, "freeze": 6}));
    assert_eq!(frozen.parts.len(), 1);
    assert_close(frozen.parts[0].cl, 10.5, 1e-12);
    assert_close(frozen.points[11].ucl.unwrap(), 14.223_404_255, 1e-8);
    assert_eq!(beyond(&frozen), [7, 8, 9, 10, 11, 12]);
    // Runs use every point after the freeze too: 11 (point 6) and the six after it are seven
    // above 10.5, a shift; the search for a new part starts after the baseline, so it
    // suggests one after point 6.
    assert!(frozen.points[5..].iter().all(|p| p.shift));
    assert!(frozen.points[..5].iter().all(|p| !p.shift));
    assert_eq!(frozen.suggested_breaks, [6]);

    // With a break after 6, part 2 has its own centre: 128/6 = 21.333333.
    let parted = run(json!({"chart": "i", "y": y, "breaks": [6]}));
    assert_eq!(parted.parts.len(), 2);
    assert_close(parted.parts[1].cl, 128.0 / 6.0, 1e-12);
    assert_eq!((parted.parts[1].from, parted.parts[1].to), (7, 12));
    assert!(beyond(&parted).is_empty());
    assert_eq!(parted.mr.as_ref().unwrap().points[6].y, None);
}

#[test]
fn zero_denominators_get_no_value_no_limits_and_no_signal() {
    let response = run(json!({
        "chart": "p", "numerator": [5, 0, 6, 4], "denominator": [50, 0, 50, 50]
    }));
    let point = &response.points[1];
    assert_eq!((point.y, point.lcl, point.ucl), (None, None, None));
    assert!(!point.beyond_limits && !point.shift && !point.trend);
    // p̄ = 15/150 = 0.1, which point 1 (5/50) sits on: 2 useful points are left.
    assert_close(response.parts[0].cl, 15.0 / 150.0, 1e-12);
    assert_eq!(response.parts[0].runs.n_useful, 2);
}

#[test]
fn funnel_limits_by_each_method() {
    // θ = 0.2 given. n = 100: s = √(0.2 × 0.8/100) = 0.04.
    // Normal: 0.2 ± 1.959963985 × 0.04 = 0.121601441, 0.278398559;
    //         0.2 ± 3.090232306 × 0.04 = 0.076390708, 0.323609292.
    // Exact (Spiegelhalter 2005, A.1.1), with exact rational binomial sums for p = 1/5:
    //   0.025: r = 12, F(12) = 0.025328753, P(12) = 0.012753877, α = 0.025776728,
    //          limit (12 − α)/100 = 0.119742233;
    //   0.975: r = 28, F = 0.979979793, P = 0.014131423, α = 0.352391497 → 0.276476085;
    //   0.001: r = 9, α = 0.902174744 → 0.080978253; 0.999: r = 33, α = 0.323414848 →
    //   0.326765852.
    // Arcsine: asin √0.2 = 0.463647609, half-width z/(2√100) = z/20:
    //   sin²(0.463647609 ∓ 0.097998199) = 0.127846185, 0.283641347;
    //   sin²(0.463647609 ∓ 0.154511615) = 0.092559361, 0.335861986.
    let cases = [
        (
            "normal",
            [0.121_601_441, 0.278_398_559, 0.076_390_708, 0.323_609_292],
        ),
        (
            "exact",
            [0.119_742_233, 0.276_476_085, 0.080_978_253, 0.326_765_852],
        ),
        (
            "arcsine",
            [0.127_846_185, 0.283_641_347, 0.092_559_361, 0.335_861_986],
        ),
    ];
    for (method, [l95, u95, l998, u998]) in cases {
        let response = run(json!({
            "chart": "funnel", "numerator": [20, 30, 34], "denominator": [100, 100, 100],
            "labels": ["north", "south", "east"],
            "funnel": {"method": method, "target": 0.2}
        }));
        assert_eq!(response.target, Some(0.2));
        let unit = &response.units[0];
        assert_eq!(unit.label, "north");
        assert_close(unit.lower_95.unwrap(), l95, 1e-8);
        assert_close(unit.upper_95.unwrap(), u95, 1e-8);
        assert_close(unit.lower_998.unwrap(), l998, 1e-8);
        assert_close(unit.upper_998.unwrap(), u998, 1e-8);
        assert_close(unit.z.unwrap(), 0.0, 1e-12);
        // 0.30 is outside the 95 % limits only; 0.34 is outside both (all methods).
        let south = &response.units[1];
        assert!(south.outside_95 && !south.outside_998, "{method}");
        // z is on the scale the limits are drawn on: (0.3 − 0.2)/0.04 = 2.5, and for the
        // arcsine method (asin √0.3 − asin √0.2) × 2√100 = 2.319842627.
        let z = if method == "arcsine" {
            2.319_842_627
        } else {
            2.5
        };
        assert_close(south.z.unwrap(), z, 1e-8);
        for unit in &response.units {
            let z = unit.z.unwrap().abs();
            assert_eq!(
                unit.outside_95,
                z > 1.959_963_985,
                "{method} {}",
                unit.label
            );
            if method != "exact" {
                assert_eq!(
                    unit.outside_998,
                    z > 3.090_232_306,
                    "{method} {}",
                    unit.label
                );
            }
        }
        assert!(response.units[2].outside_998, "{method}");
    }
}

#[test]
fn funnel_limits_stay_within_zero_and_one() {
    // θ = 0.2, n = 20. Normal lower 99.8 %: 0.2 − 3.090232 × 0.0894427 = −0.076399 → 0.
    // Exact lower 99.8 %: r = 0, F(0) = 0.8²⁰ = 0.011529215, α = (0.011529215 − 0.001)/
    // 0.011529215 = 0.913263826, limit −0.045663191 → 0; lower 95 %: r = 1, F(1) =
    // 0.069175290, P(1) = 0.057646075, α = 0.766319131, limit 0.011684043.
    let response = run(json!({
        "chart": "funnel", "numerator": [4], "denominator": [20],
        "funnel": {"method": "exact", "target": 0.2}
    }));
    let unit = &response.units[0];
    assert_eq!(unit.lower_998, Some(0.0));
    assert_close(unit.lower_95.unwrap(), 0.011_684_043, 1e-8);
    assert_close(unit.upper_998.unwrap(), 0.489_254_126, 1e-8);
    assert_eq!(unit.label, "1");
    let normal = run(json!({
        "chart": "funnel", "numerator": [4], "denominator": [20], "funnel": {"target": 0.2}
    }));
    assert_eq!(normal.units[0].lower_998, Some(0.0));
}

#[test]
fn funnel_overdispersion_by_dersimonian_laird() {
    // Six clinics, r = 10 30 15 60 5 40 of n = 100 100 50 200 80 120; pooled θ = 160/650 =
    // 0.246153846, θ(1 − θ) = 0.185562130. By hand:
    //   z = −3.392857143, 1.25, 0.883883476, 1.767766953, −3.813294497, 2.216972257;
    //   sorted, type 7: 10th percentile at h = 0.5: −3.813294497 + 0.5 × 0.420437354 =
    //   −3.603075820; 90th at h = 4.5: 1.767766953 + 0.5 × 0.449205304 = 1.992369605;
    //   winsorised: −3.392857143, 1.25, 0.883883476, 1.767766953, −3.603075820, 1.992369605;
    //   φ = Σz_w²/6 = 33.931921599/6 = 5.655320267;
    //   w = n/0.185562130: Σw = 3502.869898, Σw² = 2419169.523;
    //   τ² = (6 × 5.655320267 − 5)/(3502.869898 − 2419169.523/3502.869898) = 0.010287839.
    //   Clinic 1: s² = 0.00185562130, z = (0.1 − θ)/√(s² + τ²) = −1.326291625,
    //   95 % limits θ ± 1.959963985 √(s² + τ²) = 0.030170974, 0.462136718.
    let response = run(json!({
        "chart": "funnel",
        "numerator": [10, 30, 15, 60, 5, 40],
        "denominator": [100, 100, 50, 200, 80, 120],
        "funnel": {"overdispersion": true}
    }));
    assert_close(response.target.unwrap(), 160.0 / 650.0, 1e-12);
    let od = response.overdispersion.unwrap();
    assert_close(od.phi, 5.655_320_267, 1e-8);
    assert_close(od.tau2, 0.010_287_839, 1e-8);
    let unit = &response.units[0];
    assert_close(unit.z.unwrap(), -1.326_291_625, 1e-8);
    assert_close(unit.lower_95.unwrap(), 0.030_170_974, 1e-8);
    assert_close(unit.upper_95.unwrap(), 0.462_136_718, 1e-8);
    assert!(!unit.outside_95);
    // The same clinic is far outside without the allowance (z = −3.39).
    let plain = run(json!({
        "chart": "funnel",
        "numerator": [10, 30, 15, 60, 5, 40],
        "denominator": [100, 100, 50, 200, 80, 120]
    }));
    assert!(plain.units[0].outside_998);
    assert_close(plain.units[0].z.unwrap(), -3.392_857_143, 1e-8);
    // Limits widen with τ² for every method.
    for method in ["normal", "exact", "arcsine"] {
        let widened = run(json!({
            "chart": "funnel",
            "numerator": [10, 30, 15, 60, 5, 40],
            "denominator": [100, 100, 50, 200, 80, 120],
            "funnel": {"overdispersion": true, "method": method}
        }));
        let narrow = run(json!({
            "chart": "funnel",
            "numerator": [10, 30, 15, 60, 5, 40],
            "denominator": [100, 100, 50, 200, 80, 120],
            "funnel": {"method": method}
        }));
        for (w, n) in widened.units.iter().zip(&narrow.units) {
            assert!(w.upper_95.unwrap() > n.upper_95.unwrap(), "{method}");
            assert!(w.lower_95.unwrap() <= n.lower_95.unwrap(), "{method}");
        }
    }
}

#[test]
fn funnel_leaves_out_excluded_clinics_and_empty_ones() {
    // Pooled without clinic 2 (excluded) and clinic 3 (no patients): (10 + 30)/(100 + 100) =
    // 0.2. Clinic 2 is still judged: 90/100 is far above 0.2 + 3.090232 × 0.04 = 0.3236.
    let response = run(json!({
        "chart": "funnel", "numerator": [10, 90, 0, 30], "denominator": [100, 100, 0, 100],
        "exclude": [2], "multiply": 100
    }));
    assert_close(response.target.unwrap(), 20.0, 1e-12);
    let excluded = &response.units[1];
    assert!(excluded.excluded && excluded.outside_998);
    assert_close(excluded.y.unwrap(), 90.0, 1e-12);
    let empty = &response.units[2];
    assert_eq!(
        (empty.y, empty.z, empty.lower_95, empty.upper_998),
        (None, None, None, None)
    );
    assert!(!empty.outside_95 && !empty.outside_998);
}

#[test]
fn run_chart_of_counts_plots_the_scaled_ratio() {
    // y = 1/4, 2/4, 3/4 × 100 = 25, 50, 75; median 50.
    let response = run(json!({
        "chart": "run", "numerator": [1, 2, 3], "denominator": [4, 4, 4], "multiply": 100
    }));
    let y: Vec<f64> = response.points.iter().map(|p| p.y.unwrap()).collect();
    assert_eq!(y, [25.0, 50.0, 75.0]);
    assert_eq!(response.parts[0].cl, 50.0);
    assert_eq!(response.parts[0].runs.n_useful, 2);
}

#[test]
fn bad_input_gets_one_clear_line() {
    let cases = [
        (
            json!({"chart": "p", "numerator": [1, 41, 2], "denominator": [40, 40, 40]}),
            "numerator 41 is larger than denominator 40 at point 2; a proportion cannot exceed 1",
        ),
        (
            json!({"chart": "p", "numerator": [1, 2], "denominator": [10]}),
            "denominator has 1 values but numerator has 2; give one per point",
        ),
        (
            json!({"chart": "u", "numerator": [1, -2], "denominator": [10, 10]}),
            "numerator -2 at point 2 is negative; counts and denominators cannot be negative",
        ),
        (
            json!({"chart": "u", "numerator": [1, 2], "denominator": [10, -0.5]}),
            "denominator -0.5 at point 2 is negative; counts and denominators cannot be negative",
        ),
        (
            json!({"chart": "c", "y": [1, 2], "exclude": [3]}),
            "exclude names point 3, but the series has 2 points; number points from 1 to 2",
        ),
        (
            json!({"chart": "c", "y": [1, 2, 3], "breaks": [3]}),
            "a break after point 3 leaves no part after it: the series has 3 points, so breaks \
             run from 1 to 2",
        ),
        (
            json!({"chart": "i", "y": [1, 2, 3], "freeze": 4}),
            "freeze 4 is longer than the series of 3 points; freeze at most 3",
        ),
        (
            json!({"chart": "i", "y": [1]}),
            "chart i needs at least 2 points, but 1 were given",
        ),
        (
            json!({"chart": "p", "y": [0.1, 0.2]}),
            "chart p takes numerator and denominator, not y",
        ),
        (
            json!({"chart": "i", "y": [1, 2, 3], "exclude": [1, 2]}),
            "part 1 (points 1 to 3) has 1 points to compute its centre and limits from but needs \
             2; excluded points and zero denominators do not count",
        ),
        (
            json!({"chart": "funnel", "numerator": [1], "denominator": [4], "freeze": 1}),
            "freeze and breaks do not apply to a funnel plot; remove them",
        ),
        (
            json!({"chart": "funnel", "numerator": [0, 0], "denominator": [4, 5]}),
            "the pooled proportion is 0, so clinics cannot differ from it; give funnel.target \
             between 0 and 1",
        ),
        (
            json!({"chart": "c", "y": [1, 2.5]}),
            "y 2.5 at point 2 is not a whole number; counts are whole numbers",
        ),
    ];
    for (request, message) in cases {
        assert_eq!(error(request), message);
    }
    // NaN cannot travel in JSON but can through the Rust API.
    let nan = Request::values(Chart::I, vec![1.0, f64::NAN]);
    assert_eq!(
        analyse(&nan).unwrap_err().to_string(),
        "y at point 2 is not a finite number; remove NaN and infinite values"
    );
    let infinite = Request::counts(Chart::P, vec![1.0, 1.0], vec![10.0, f64::INFINITY]);
    assert!(
        analyse(&infinite)
            .unwrap_err()
            .to_string()
            .contains("not a finite number")
    );
    // Unknown charts and fields are refused when the request is read.
    let unknown = serde_json::from_value::<Request>(json!({"chart": "xbar", "y": [1]}));
    assert!(
        unknown
            .unwrap_err()
            .to_string()
            .contains("unknown variant `xbar`")
    );
    let field = serde_json::from_value::<Request>(json!({"chart": "c", "y": [1], "frezee": 2}));
    assert!(
        field
            .unwrap_err()
            .to_string()
            .contains("unknown field `frezee`")
    );
}

#[test]
fn the_response_has_the_contract_shape() {
    let response = run(json!({
        "chart": "pp", "numerator": [12, 30, 20, 45], "denominator": [100, 200, 100, 300],
        "labels": ["2026-01", "2026-02", "2026-03", "2026-04"]
    }));
    let value = serde_json::to_value(&response).unwrap();
    for key in ["points", "parts", "sigma_z", "mr", "suggested_breaks"] {
        assert!(value.get(key).is_some(), "{key}");
    }
    let point = &value["points"][0];
    for key in [
        "y",
        "cl",
        "lcl",
        "ucl",
        "part",
        "excluded",
        "beyond_limits",
        "shift",
        "trend",
    ] {
        assert!(point.get(key).is_some(), "{key}");
    }
    assert_eq!(point["label"], "2026-01");
    for key in [
        "n_useful",
        "longest_run",
        "longest_run_max",
        "n_crossings",
        "n_crossings_min",
        "signal",
    ] {
        assert!(value["parts"][0]["runs"].get(key).is_some(), "{key}");
    }
    let back: Response = serde_json::from_value(value).unwrap();
    assert_eq!(back, response);
}

/// Small whole numbers, so that shifted and scaled copies are exact in floating point.
fn whole_series() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec((0i32..40).prop_map(f64::from), 2..60)
}

proptest! {
    #[test]
    fn individuals_limits_are_symmetric_and_never_clamped(
        y in prop::collection::vec(-1e3f64..1e3, 2..60)
    ) {
        let response = analyse(&Request::values(Chart::I, y)).unwrap();
        for point in &response.points {
            let (cl, lcl, ucl) = (point.cl.unwrap(), point.lcl.unwrap(), point.ucl.unwrap());
            prop_assert!(((ucl - cl) - (cl - lcl)).abs() <= 1e-9 * (1.0 + cl.abs() + ucl - cl));
        }
    }

    #[test]
    fn count_chart_limits_are_clamped_and_otherwise_symmetric(
        data in prop::collection::vec((0u32..60, 1u32..100), 1..50),
        multiply in prop::sample::select(vec![1.0, 100.0, 1000.0]),
    ) {
        let numerator: Vec<f64> = data.iter().map(|&(r, n)| f64::from(r.min(n))).collect();
        let denominator: Vec<f64> = data.iter().map(|&(_, n)| f64::from(n)).collect();
        for chart in [Chart::P, Chart::U] {
            let mut request = Request::counts(chart, numerator.clone(), denominator.clone());
            request.multiply = Some(multiply);
            let response = analyse(&request).unwrap();
            for point in &response.points {
                let (cl, lcl, ucl) = (point.cl.unwrap(), point.lcl.unwrap(), point.ucl.unwrap());
                prop_assert!(lcl >= 0.0);
                if chart == Chart::P {
                    prop_assert!(ucl <= multiply);
                }
                let inside = lcl > 0.0 && (chart != Chart::P || ucl < multiply);
                if inside {
                    prop_assert!(((ucl - cl) - (cl - lcl)).abs() <= 1e-9 * multiply);
                }
            }
        }
        let response = analyse(&Request::values(Chart::C, numerator)).unwrap();
        for point in &response.points {
            prop_assert!(point.lcl.unwrap() >= 0.0);
        }
    }

    #[test]
    fn runs_analysis_ignores_shifting_and_scaling(
        y in whole_series(),
        scale in 1i32..16,
        offset in -1000i32..1000,
    ) {
        let moved: Vec<f64> = y.iter().map(|v| v * f64::from(scale) + f64::from(offset)).collect();
        for chart in [Chart::Run, Chart::I] {
            let before = analyse(&Request::values(chart, y.clone())).unwrap();
            let after = analyse(&Request::values(chart, moved.clone())).unwrap();
            prop_assert_eq!(before.parts[0].runs, after.parts[0].runs);
            prop_assert_eq!(&before.suggested_breaks, &after.suggested_breaks);
            for (a, b) in before.points.iter().zip(&after.points) {
                prop_assert_eq!((a.shift, a.trend), (b.shift, b.trend));
            }
        }
    }

    #[test]
    fn an_excluded_point_never_moves_the_centre(
        y in whole_series(),
        pick in any::<prop::sample::Index>(),
        replacement in 0i32..1000,
    ) {
        let at = pick.index(y.len());
        let mut changed = y.clone();
        changed[at] = f64::from(replacement);
        for chart in [Chart::Run, Chart::I, Chart::C] {
            let centre = |y: &[f64]| {
                let mut request = Request::values(chart, y.to_vec());
                request.exclude = Some(vec![at + 1]);
                // Too few points left is a refusal either way, never a different centre.
                analyse(&request).ok().map(|r| (r.parts[0].cl, r.points[0].lcl, r.points[0].ucl))
            };
            prop_assert_eq!(centre(&y), centre(&changed));
        }
        // The same for a p chart, changing the excluded point's numerator.
        let denominator = vec![40.0; y.len()];
        let p = |numerator: &[f64]| {
            let mut request = Request::counts(Chart::P, numerator.to_vec(), denominator.clone());
            request.exclude = Some(vec![at + 1]);
            analyse(&request).ok().map(|r| r.parts[0].cl)
        };
        let mut numerator = y.clone();
        let before = p(&numerator);
        numerator[at] = f64::from(replacement % 41);
        prop_assert_eq!(before, p(&numerator));
    }
}
