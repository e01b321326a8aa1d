//! Runs analysis: the median, Anhøj's rules for a part, and the IHI shift and trend rules.
//!
//! Every function here takes one part as a slice of `Option<f64>`, where `None` is a point left
//! out of the analysis (excluded, or undefined because its denominator is zero). Such points,
//! and points exactly on the centre line, are dropped before runs are counted: they neither
//! break nor extend a run.

use std::cmp::Ordering;

use super::Runs;
use super::stats::binomial_quantile;

/// The median of some values (the mean of the middle two for an even count), or `None` if
/// there are none. Reorders `values`.
pub fn median(values: &mut [f64]) -> Option<f64> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let (below, &mut middle, _) = values.select_nth_unstable_by(n / 2, f64::total_cmp);
    if n % 2 == 1 {
        return Some(middle);
    }
    let lower = below.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Some((lower + middle) / 2.0)
}

/// Anhøj's upper limit for the longest run: round(log₂ n) + 3 (Schilling 2012; Anhøj and
/// Olesen 2014). Zero useful points allow no run at all.
pub fn longest_run_max(n_useful: usize) -> usize {
    if n_useful == 0 {
        return 0;
    }
    // log₂ n is never exactly x.5 for a whole n, so the rounding rule does not matter.
    (n_useful as f64).log2().round() as usize + 3
}

/// Anhøj's lower limit for the number of crossings: the 5 % quantile of
/// Binomial(n − 1, ½), R's `qbinom(0.05, n - 1, 0.5)` (Chen 2010; Anhøj and Olesen 2014).
pub fn crossings_min(n_useful: usize) -> usize {
    binomial_quantile(0.05, n_useful.saturating_sub(1) as u64, 0.5) as usize
}

/// Which side of the centre a point is on; `None` for a point left out or on the line.
fn side(value: Option<f64>, centre: f64) -> Option<Ordering> {
    match value?.partial_cmp(&centre)? {
        Ordering::Equal => None,
        side => Some(side),
    }
}

/// Anhøj's runs analysis of one part against its centre line.
pub fn anhoej(values: &[Option<f64>], centre: f64) -> Runs {
    let (mut n_useful, mut longest_run, mut n_runs, mut current) = (0, 0, 0usize, 0);
    let mut last = None;
    for side in values.iter().filter_map(|&v| side(v, centre)) {
        n_useful += 1;
        if last == Some(side) {
            current += 1;
        } else {
            n_runs += 1;
            current = 1;
            last = Some(side);
        }
        longest_run = longest_run.max(current);
    }
    let (longest_run_max, n_crossings_min) = (longest_run_max(n_useful), crossings_min(n_useful));
    let n_crossings = n_runs.saturating_sub(1);
    Runs {
        n_useful,
        longest_run,
        longest_run_max,
        n_crossings,
        n_crossings_min,
        signal: longest_run > longest_run_max || n_crossings < n_crossings_min,
    }
}

/// The maximal runs of points on one side of the centre, as (positions in `values`) lists,
/// passed one at a time to `each`.
fn for_each_side_run(values: &[Option<f64>], centre: f64, mut each: impl FnMut(&[usize])) {
    let mut run: Vec<usize> = Vec::new();
    let mut last = None;
    for (i, &value) in values.iter().enumerate() {
        let Some(side) = side(value, centre) else {
            continue;
        };
        if last != Some(side) && !run.is_empty() {
            each(&run);
            run.clear();
        }
        last = Some(side);
        run.push(i);
    }
    if !run.is_empty() {
        each(&run);
    }
}

/// IHI shift rule: marks every point of each run of `min_len` or more points on one side of
/// the centre (Provost and Murray, The Health Care Data Guide, ch. 3).
pub fn mark_shifts(values: &[Option<f64>], centre: f64, min_len: usize, marks: &mut [bool]) {
    for_each_side_run(values, centre, |run| {
        if run.len() >= min_len {
            run.iter().for_each(|&i| marks[i] = true);
        }
    });
}

/// The position of the first point of the first run of at least `min_len` points on one side
/// of the centre, if there is one.
pub fn first_shift(values: &[Option<f64>], centre: f64, min_len: usize) -> Option<usize> {
    let mut found = None;
    for_each_side_run(values, centre, |run| {
        if found.is_none() && run.len() >= min_len {
            found = Some(run[0]);
        }
    });
    found
}

/// Where a stretch most likely changes level: the position of the first point after the cut
/// that maximises |Σ sides before it|, the cumulative sum of +1 above and −1 below the centre
/// (a sign CUSUM, as in Pettitt's test). A single step change from one side to the other puts
/// the extreme exactly at the step. `None` without a point off the centre.
pub fn change_point(values: &[Option<f64>], centre: f64) -> Option<usize> {
    let (mut sum, mut best, mut cut) = (0i64, 0i64, None);
    for (i, &value) in values.iter().enumerate() {
        match side(value, centre) {
            Some(Ordering::Greater) => sum += 1,
            Some(_) => sum -= 1,
            None => continue,
        }
        if sum.abs() > best {
            best = sum.abs();
            cut = Some(i + 1);
        }
    }
    cut
}

/// IHI trend rule: marks every point of each sequence of `min_len` or more points all rising
/// or all falling. Like values neither make nor break a trend (Provost and Murray): a point
/// equal to the one before is skipped, and so is not marked.
pub fn mark_trends(values: &[Option<f64>], min_len: usize, marks: &mut [bool]) {
    // The run is positions start..=end of the kept points; `kept` holds their positions.
    let mut kept: Vec<usize> = Vec::with_capacity(values.len());
    let mut direction = Ordering::Equal;
    let mut start = 0;
    let flush = |kept: &[usize], start: usize, marks: &mut [bool]| {
        if kept.len() - start >= min_len {
            kept[start..].iter().for_each(|&i| marks[i] = true);
        }
    };
    for (i, value) in values.iter().enumerate() {
        let Some(value) = *value else { continue };
        let Some(&previous) = kept.last() else {
            kept.push(i);
            continue;
        };
        let step = value.total_cmp(&values[previous].unwrap_or(value));
        if step == Ordering::Equal {
            continue;
        }
        if step != direction && direction != Ordering::Equal {
            // The turning point ends one trend and starts the next.
            flush(&kept, start, marks);
            start = kept.len() - 1;
        }
        direction = step;
        kept.push(i);
    }
    flush(&kept, start, marks);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn some(values: &[f64]) -> Vec<Option<f64>> {
        values.iter().copied().map(Some).collect()
    }

    #[test]
    fn anhoej_limits_match_the_published_table() {
        // Anhøj and Olesen, "Run charts revisited", PLoS ONE 9(11): e113825 (2014), Table 1
        // (limits for longest run and number of crossings by number of useful observations),
        // checked here against the definitions by hand:
        // longest run max = round(log₂ n) + 3:
        //   n=10: log₂ 10 = 3.32 → 3 + 3 = 6;   n=20: 4.32 → 7;
        //   n=24: 4.58 → 8;                     n=30: 4.91 → 8.
        // crossings min = smallest x with P(X ≤ x) ≥ 0.05, X ~ Binomial(n − 1, ½):
        //   n=10: cumulative C(9, k) = 1, 10, 46 of 2⁹ = 512; 0.05 × 512 = 25.6 → x = 2.
        //   n=20: cumulative C(19, k) = 1, 20, 191, 1160, 5036, 16664, 43796 of 2¹⁹ = 524288;
        //         0.05 × 524288 = 26214.4 → x = 6.
        //   n=24: cumulative C(23, k) = …, 145499, 390656, 880970 (k = 6, 7, 8) of 2²³ =
        //         8388608; 0.05 × 2²³ = 419430.4 → x = 8.
        //   n=30: cumulative C(29, k) = …, 16489546, 36519556 (k = 9, 10) of 2²⁹ = 536870912;
        //         0.05 × 2²⁹ = 26843545.6 → x = 10.
        for (n, run_max, crossings) in [(10, 6, 2), (20, 7, 6), (24, 8, 8), (30, 8, 10)] {
            assert_eq!(longest_run_max(n), run_max, "n = {n}");
            assert_eq!(crossings_min(n), crossings, "n = {n}");
        }
        // More rows of the same table, beyond what is easy by hand, checked with exact integer
        // binomial sums outside this code (Python's math.comb): the smallest x with
        // 20 · Σ_{k≤x} C(n − 1, k) ≥ 2^(n − 1).
        for (n, run_max, crossings) in [
            (12, 7, 3),
            (16, 7, 4),
            (40, 8, 14),
            (50, 9, 19),
            (60, 9, 23),
            (100, 10, 41),
        ] {
            assert_eq!(longest_run_max(n), run_max, "n = {n}");
            assert_eq!(crossings_min(n), crossings, "n = {n}");
        }
    }

    #[test]
    fn points_on_the_centre_and_left_out_are_dropped() {
        // Signs against 5: + + (on) + − (left out) − −: one run of 3, one of 3, 1 crossing.
        let values = [
            Some(6.0),
            Some(7.0),
            Some(5.0),
            Some(8.0),
            Some(1.0),
            None,
            Some(2.0),
            Some(3.0),
        ];
        let runs = anhoej(&values, 5.0);
        assert_eq!(
            (runs.n_useful, runs.longest_run, runs.n_crossings),
            (6, 3, 1)
        );
    }

    #[test]
    fn shifts_mark_every_point_of_the_run() {
        // Six above 0 with a point on the line inside: all six marked, the on-line one not.
        let values = some(&[-1.0, 1.0, 2.0, 0.0, 3.0, 1.0, 2.0, 5.0, -2.0]);
        let mut marks = vec![false; values.len()];
        mark_shifts(&values, 0.0, 6, &mut marks);
        assert_eq!(
            marks,
            [false, true, true, false, true, true, true, true, false]
        );
        assert_eq!(first_shift(&values, 0.0, 6), Some(1));
        // Signs − + + (on) + + + + −: the sums after each point are −1 0 1 1 2 3 4 5 4, so
        // the cut with the largest |sum| falls after position 7, before the last point.
        assert_eq!(change_point(&values, 0.0), Some(8));
        assert_eq!(first_shift(&values, 0.0, 7), None);
    }

    #[test]
    fn trends_skip_like_values_and_share_turning_points() {
        // 1 2 2 3 4 5 rises through five distinct values (the repeat is skipped), then
        // 5 4 3 2 1 falls through five: the 5 belongs to both trends.
        let values = some(&[1.0, 2.0, 2.0, 3.0, 4.0, 5.0, 4.0, 3.0, 2.0, 1.0]);
        let mut marks = vec![false; values.len()];
        mark_trends(&values, 5, &mut marks);
        assert_eq!(
            marks,
            [true, true, false, true, true, true, true, true, true, true]
        );
        // Four rising points are not a trend of five.
        let mut marks = vec![false; 4];
        mark_trends(&some(&[1.0, 2.0, 3.0, 4.0]), 5, &mut marks);
        assert_eq!(marks, [false; 4]);
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&mut []), None);
    }
}
