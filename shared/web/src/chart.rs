//! Charts drawn on the server as SVG, with an accessible name and description, so that pages
//! work without JavaScript and offline. A page shows each chart's data in a table beside it.

use std::fmt::Write;

use tandem_shared::model::Month;

use crate::Lang;

/// Escape text for XML content and attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// What to draw.
pub struct LineChart<'a> {
    /// Unique within the page, for `aria-labelledby`.
    pub id: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub points: &'a [(Month, Option<f64>)],
    /// The top of the y axis; the bottom is 0.
    pub y_max: f64,
    /// How a y value is written on the axis.
    pub format: &'a dyn Fn(f64) -> String,
    /// The language of the chart's words.
    pub lang: Lang,
    pub goal: Option<f64>,
    /// A control chart's centre line, limits and signals, one per point, if there is one.
    pub control: Option<Control<'a>>,
    /// The network's centre line beside a clinic's own, one per point (`None` where the network
    /// has no month to show).
    pub network: Option<&'a [Option<f64>]>,
    /// Months withheld as small cells, one per point (empty: none): drawn as a gap marked
    /// "suppressed", never as zero.
    pub suppressed: &'a [bool],
}

impl std::fmt::Debug for LineChart<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LineChart")
            .field("id", &self.id)
            .field("points", &self.points.len())
            .finish_non_exhaustive()
    }
}

/// What a Shewhart chart adds to the line: per point, since limits vary with the denominator.
#[derive(Debug, Clone, Copy)]
pub struct Control<'a> {
    pub cl: &'a [Option<f64>],
    pub lcl: &'a [Option<f64>],
    pub ucl: &'a [Option<f64>],
    pub signals: &'a [Signal],
}

/// How a point stands out on a control chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    None,
    /// Beyond the limits: special-cause variation.
    BeyondLimits,
    /// Part of a shift or a trend.
    Run,
}

/// A stepped line through per-point values, broken where a value is missing.
fn steps(
    values: &[Option<f64>],
    x: impl Fn(usize) -> f64,
    half: f64,
    y: impl Fn(f64) -> f64,
) -> String {
    let mut d = String::new();
    let mut pen_down = false;
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(v) => {
                let _ = write!(
                    d,
                    "{}{:.1} {:.1} L{:.1} {:.1} ",
                    if pen_down { "L" } else { "M" },
                    x(i) - half,
                    y(*v),
                    x(i) + half,
                    y(*v)
                );
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    d.trim_end().to_owned()
}

/// A chart's opening tag, named and described for screen readers.
fn svg_open(s: &mut String, id: &str, title: &str, description: &str) {
    let (id, title, desc) = (escape(id), escape(title), escape(description));
    let _ = write!(
        s,
        r#"<svg class="chart" viewBox="0 0 {W} {H}" role="img" aria-labelledby="{id}-t {id}-d" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">{title}</title><desc id="{id}-d">{desc}</desc>"#
    );
}

/// The y axis: five labelled grid lines from `low` to `high`.
fn y_grid(
    s: &mut String,
    y: impl Fn(f64) -> f64,
    low: f64,
    high: f64,
    format: &dyn Fn(f64) -> String,
) {
    for k in 0..=4 {
        let v = low + (high - low) * f64::from(k) / 4.0;
        let _ = write!(
            s,
            r##"<line x1="{LEFT}" x2="{}" y1="{y:.1}" y2="{y:.1}" stroke="#ddd"/><text x="{}" y="{:.1}" text-anchor="end" font-size="11">{}</text>"##,
            W - RIGHT,
            LEFT - 6.0,
            y(v) + 4.0,
            escape(&format(v)),
            y = y(v),
        );
    }
}

const W: f64 = 760.0;
const H: f64 = 260.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 16.0;
// Room above the plot for the legend, so that a point at the top never sits under it.
const TOP: f64 = 30.0;
const BOTTOM: f64 = 40.0;

impl LineChart<'_> {
    /// The chart as an SVG element.
    pub fn svg(&self) -> String {
        let mut s = String::new();
        let t = |key: &str| escape(&self.lang.t(key));
        svg_open(&mut s, self.id, self.title, self.description);
        let n = self.points.len();
        let y_max = if self.y_max > 0.0 { self.y_max } else { 1.0 };
        let x = |i: usize| LEFT + (W - LEFT - RIGHT) * (i as f64 + 0.5) / n.max(1) as f64;
        let y = |v: f64| TOP + (H - TOP - BOTTOM) * (1.0 - (v / y_max).clamp(0.0, 1.0));
        y_grid(&mut s, y, 0.0, y_max, self.format);
        // Label each January, and the first month unless a January label is close by.
        let first_january = self.points.iter().position(|(m, _)| m.number() == 1);
        for (i, (month, _)) in self.points.iter().enumerate() {
            let first = i == 0 && first_january.is_none_or(|j| j >= 4);
            if month.number() == 1 || first {
                let _ = write!(
                    s,
                    r##"<line x1="{x:.1}" x2="{x:.1}" y1="{}" y2="{}" stroke="#999"/><text x="{x:.1}" y="{}" text-anchor="middle" font-size="11">{}</text>"##,
                    H - BOTTOM,
                    H - BOTTOM + 4.0,
                    H - BOTTOM + 18.0,
                    if month.number() == 1 {
                        month.year().to_string()
                    } else {
                        month.to_string()
                    },
                    x = x(i),
                );
            }
        }
        if let Some(goal) = self.goal {
            let _ = write!(
                s,
                r##"<line x1="{LEFT}" x2="{}" y1="{gy:.1}" y2="{gy:.1}" stroke="#2a7" stroke-dasharray="6 4"/><text x="{}" y="{:.1}" text-anchor="end" font-size="11" fill="#2a7">{}</text>"##,
                W - RIGHT,
                W - RIGHT,
                y(goal) - 4.0,
                escape(
                    &self
                        .lang
                        .t_with("chart-goal", &[("value", (self.format)(goal).into())])
                ),
                gy = y(goal),
            );
        }
        // A run chart has a median and no limits, and says so.
        let limits = self
            .control
            .is_some_and(|c| c.lcl.iter().chain(c.ucl).any(Option::is_some));
        if let Some(c) = &self.control {
            let half = (W - LEFT - RIGHT) / n.max(1) as f64 / 2.0;
            let _ = write!(
                s,
                r##"<path d="{}" fill="none" stroke="#555" stroke-width="1.2"/>"##,
                steps(c.cl, x, half, y)
            );
            for limit in [c.lcl, c.ucl] {
                let _ = write!(
                    s,
                    r##"<path d="{}" fill="none" stroke="#b33" stroke-width="1" stroke-dasharray="4 3"/>"##,
                    steps(limit, x, half, y)
                );
            }
            let _ = write!(
                s,
                r##"<text x="{}" y="{}" text-anchor="end" font-size="11" fill="#555">{}{} · <tspan fill="#d00">● {}</tspan> · <tspan fill="#e08000">● {}</tspan></text>"##,
                W - RIGHT,
                TOP - 12.0,
                t(if limits {
                    "chart-centre-line"
                } else {
                    "chart-median"
                }),
                if limits {
                    format!(r##" · <tspan fill="#b33">{}</tspan>"##, t("chart-limits"))
                } else {
                    String::new()
                },
                t(if limits {
                    "chart-outside"
                } else {
                    "chart-astronomical"
                }),
                t("chart-run"),
            );
        }
        if let Some(network) = self.network {
            let half = (W - LEFT - RIGHT) / n.max(1) as f64 / 2.0;
            let _ = write!(
                s,
                r##"<path d="{}" fill="none" stroke="#6a3d9a" stroke-width="2" stroke-dasharray="2 3"/><text x="{LEFT}" y="{}" font-size="11" fill="#6a3d9a">┄ {}</text>"##,
                steps(network, x, half, y),
                TOP - 12.0,
                t("chart-network"),
            );
        }
        for (i, (month, _)) in self.points.iter().enumerate() {
            if self.suppressed.get(i).copied().unwrap_or(false) {
                let _ = write!(
                    s,
                    r##"<g class="suppressed"><line x1="{x:.1}" x2="{x:.1}" y1="{}" y2="{}" stroke="#888" stroke-dasharray="2 2"/><text x="{x:.1}" y="{}" text-anchor="middle" font-size="10" fill="#555">×</text><title>{month}: {}</title></g>"##,
                    TOP,
                    H - BOTTOM,
                    H - BOTTOM - 4.0,
                    t("chart-suppressed"),
                    x = x(i),
                );
            }
        }
        // One path segment per run of months with a value, so gaps stay gaps.
        let mut d = String::new();
        let mut pen_down = false;
        for (i, (_, v)) in self.points.iter().enumerate() {
            match v {
                Some(v) => {
                    let _ = write!(
                        d,
                        "{}{:.1} {:.1} ",
                        if pen_down { "L" } else { "M" },
                        x(i),
                        y(*v)
                    );
                    pen_down = true;
                }
                None => pen_down = false,
            }
        }
        let _ = write!(
            s,
            r##"<path d="{}" fill="none" stroke="#1f5fa8" stroke-width="2"/>"##,
            d.trim_end()
        );
        for (i, (month, v)) in self.points.iter().enumerate() {
            if let Some(v) = v {
                let signal = self
                    .control
                    .and_then(|c| c.signals.get(i).copied())
                    .unwrap_or(Signal::None);
                let (r, fill, note) = match signal {
                    Signal::None => ("2.5", "#1f5fa8", String::new()),
                    Signal::BeyondLimits => (
                        "5",
                        "#d00",
                        format!(
                            ", {}",
                            t(if limits {
                                "chart-outside"
                            } else {
                                "chart-astronomical"
                            })
                        ),
                    ),
                    Signal::Run => ("4", "#e08000", format!(", {}", t("chart-run-point"))),
                };
                let _ = write!(
                    s,
                    r##"<circle cx="{:.1}" cy="{:.1}" r="{r}" fill="{fill}" class="signal-{}"><title>{month}: {}{note}</title></circle>"##,
                    x(i),
                    y(*v),
                    match signal {
                        Signal::None => "none",
                        Signal::BeyondLimits => "beyond-limits",
                        Signal::Run => "run",
                    },
                    escape(&(self.format)(*v)),
                );
            }
        }
        s.push_str("</svg>");
        s
    }
}

/// One clinic on a funnel plot.
#[derive(Debug, Clone)]
pub struct FunnelUnit {
    pub label: String,
    pub n: f64,
    pub y: f64,
    pub outside_95: bool,
    pub outside_998: bool,
}

/// A funnel plot: each clinic's value against its denominator, with the target and the 95 %
/// and 99.8 % limits as curves.
pub struct FunnelChart<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub units: &'a [FunnelUnit],
    pub target: f64,
    /// The limits (lower 99.8, lower 95, upper 95, upper 99.8) at increasing denominators.
    pub curve: &'a [(f64, [f64; 4])],
    /// The y axis, from `y_min` to `y_max`: a funnel's clinics sit near the target, so the
    /// axis need not start at 0 (curves beyond it are clipped).
    pub y_min: f64,
    pub y_max: f64,
    pub format: &'a dyn Fn(f64) -> String,
    pub lang: Lang,
}

impl std::fmt::Debug for FunnelChart<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FunnelChart")
            .field("id", &self.id)
            .field("units", &self.units.len())
            .finish_non_exhaustive()
    }
}

impl FunnelChart<'_> {
    /// The chart as an SVG element.
    pub fn svg(&self) -> String {
        let mut s = String::new();
        let t = |key: &str| escape(&self.lang.t(key));
        svg_open(&mut s, self.id, self.title, self.description);
        let n_max = self
            .units
            .iter()
            .map(|u| u.n)
            .chain(self.curve.iter().map(|c| c.0))
            .fold(1.0_f64, f64::max);
        let y_max = if self.y_max > self.y_min {
            self.y_max
        } else {
            self.y_min + 1.0
        };
        let y_min = self.y_min;
        let x = |n: f64| LEFT + (W - LEFT - RIGHT) * (n / n_max).clamp(0.0, 1.0);
        let y = |v: f64| {
            TOP + (H - TOP - BOTTOM) * (1.0 - ((v - y_min) / (y_max - y_min)).clamp(0.0, 1.0))
        };
        y_grid(&mut s, y, y_min, y_max, self.format);
        for k in 0..=4 {
            let n = n_max * f64::from(k) / 4.0;
            let _ = write!(
                s,
                r##"<text x="{:.1}" y="{}" text-anchor="middle" font-size="11">{}</text>"##,
                x(n),
                H - BOTTOM + 18.0,
                escape(&self.lang.number(n.round() as u64)),
            );
        }
        let _ = write!(
            s,
            r##"<text x="{}" y="{}" text-anchor="middle" font-size="11" fill="#555">{}</text>"##,
            LEFT + (W - LEFT - RIGHT) / 2.0,
            H - 6.0,
            t("funnel-axis-denominator"),
        );
        let _ = write!(
            s,
            r##"<line x1="{LEFT}" x2="{}" y1="{ty:.1}" y2="{ty:.1}" stroke="#555" stroke-width="1.2"/>"##,
            W - RIGHT,
            ty = y(self.target),
        );
        for (k, dash) in [(0, "2 3"), (1, "5 3"), (2, "5 3"), (3, "2 3")] {
            let mut d = String::new();
            for (i, (n, limits)) in self.curve.iter().enumerate() {
                let _ = write!(
                    d,
                    "{}{:.1} {:.1} ",
                    if i == 0 { "M" } else { "L" },
                    x(*n),
                    y(limits[k])
                );
            }
            let _ = write!(
                s,
                r##"<path d="{}" fill="none" stroke="#b33" stroke-width="1" stroke-dasharray="{dash}"/>"##,
                d.trim_end()
            );
        }
        let _ = write!(
            s,
            r##"<text x="{}" y="{}" text-anchor="end" font-size="11" fill="#555">{} · <tspan fill="#b33">{}</tspan> · <tspan fill="#e08000">● {}</tspan> · <tspan fill="#d00">● {}</tspan></text>"##,
            W - RIGHT,
            TOP - 12.0,
            t("funnel-target"),
            t("funnel-limits"),
            t("funnel-outside-95"),
            t("funnel-outside-998"),
        );
        for u in self.units {
            let (r, fill, class) = if u.outside_998 {
                ("5", "#d00", "outside-998")
            } else if u.outside_95 {
                ("4", "#e08000", "outside-95")
            } else {
                ("3", "#1f5fa8", "inside")
            };
            let _ = write!(
                s,
                r##"<circle cx="{:.1}" cy="{:.1}" r="{r}" fill="{fill}" class="{class}"><title>{}: {} ({})</title></circle>"##,
                x(u.n),
                y(u.y),
                escape(&u.label),
                escape(&(self.format)(u.y)),
                escape(&self.lang.number(u.n as u64)),
            );
        }
        s.push_str("</svg>");
        s
    }
}

/// Counts of events under a line chart, month by month on the same x axis (PDSA cycles
/// completed, practices adopted): one row of bars per kind, each bar with its count as a
/// tooltip. A page prints the same counts in its data table.
#[derive(Debug)]
pub struct Annotations<'a> {
    pub id: &'a str,
    pub description: &'a str,
    /// The chart's months, in its order.
    pub months: &'a [Month],
    /// Each row: its label and one count per month.
    pub rows: &'a [(String, Vec<u32>)],
}

impl Annotations<'_> {
    pub fn svg(&self) -> String {
        const ROW: f64 = 34.0;
        let n = self.months.len().max(1);
        let height = ROW * self.rows.len() as f64 + 4.0;
        let x = |i: usize| LEFT + (W - LEFT - RIGHT) * (i as f64 + 0.5) / n as f64;
        let width = ((W - LEFT - RIGHT) / n as f64 * 0.7).max(1.0);
        let mut s = String::new();
        let (id, desc) = (escape(self.id), escape(self.description));
        let _ = write!(
            s,
            r#"<svg class="chart annotations" viewBox="0 0 {W} {height}" role="img" aria-labelledby="{id}-d" xmlns="http://www.w3.org/2000/svg"><desc id="{id}-d">{desc}</desc>"#
        );
        let palette = ["#6a3d9a", "#1b7837"];
        for (r, (label, counts)) in self.rows.iter().enumerate() {
            let top = ROW * r as f64 + 2.0;
            let base = top + ROW - 4.0;
            let largest = counts.iter().copied().max().unwrap_or(0);
            let most = largest.max(1);
            let colour = palette[r % palette.len()];
            // The row's scale: its tallest bar's count beside the axis, as the chart's own
            // axis labels are.
            let _ = write!(
                s,
                r##"<text x="{LEFT}" y="{:.1}" font-size="11" fill="{colour}">{}</text><line x1="{LEFT}" x2="{}" y1="{base:.1}" y2="{base:.1}" stroke="#ccc"/><text x="{:.1}" y="{:.1}" text-anchor="end" font-size="11" fill="{colour}">{}</text>"##,
                top + 10.0,
                escape(label),
                W - RIGHT,
                LEFT - 6.0,
                base - 13.0,
                if largest > 0 {
                    largest.to_string()
                } else {
                    String::new()
                },
            );
            for (i, (month, count)) in self.months.iter().zip(counts).enumerate() {
                if *count == 0 {
                    continue;
                }
                let h = 16.0 * f64::from(*count) / f64::from(most) + 1.0;
                let _ = write!(
                    s,
                    r##"<rect x="{:.1}" y="{:.1}" width="{width:.1}" height="{h:.1}" fill="{colour}"><title>{month}: {}</title></rect>"##,
                    x(i) - width / 2.0,
                    base - h,
                    escape(&format!("{label} {count}")),
                );
            }
        }
        s.push_str("</svg>");
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotation_bars_scale_to_their_row_and_print_its_largest_count() {
        let months: Vec<Month> = "2026-01"
            .parse::<Month>()
            .unwrap()
            .through("2026-03".parse().unwrap())
            .collect();
        let rows = vec![
            ("Cycles <done>".to_owned(), vec![2, 0, 8]),
            ("Adopted".to_owned(), vec![0, 0, 0]),
        ];
        let svg = Annotations {
            id: "notes",
            description: "Cycles and adoptions",
            months: &months,
            rows: &rows,
        }
        .svg();
        // No bar for a month without events, and none for a row without any.
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains("<title>2026-03: Cycles &lt;done&gt; 8</title>"));
        assert!(svg.contains(r##"fill="#6a3d9a">8</text>"##), "{svg}");
        assert!(svg.contains(r##"fill="#1b7837"></text>"##), "{svg}");
        // The tallest bar is the full 16 units plus one; the other a quarter of that.
        assert!(svg.contains(r#"height="17.0""#) && svg.contains(r#"height="5.0""#));
    }

    #[test]
    fn a_chart_names_itself_and_breaks_at_gaps() {
        let months: Vec<Month> = "2026-01"
            .parse::<Month>()
            .unwrap()
            .through("2026-04".parse().unwrap())
            .collect();
        let points = vec![
            (months[0], Some(0.5)),
            (months[1], None),
            (months[2], Some(0.6)),
            (months[3], Some(0.7)),
        ];
        let svg = LineChart {
            id: "remission",
            title: "In remission <all clinics>",
            description: "Network proportion by month",
            points: &points,
            y_max: 1.0,
            format: &|v| format!("{:.0} %", v * 100.0),
            lang: Lang::En,
            goal: Some(0.8),
            control: None,
            network: None,
            suppressed: &[false, true, false, false],
        }
        .svg();
        assert_eq!(svg.matches("class=\"suppressed\"").count(), 1);
        assert!(svg.contains(r#"aria-labelledby="remission-t remission-d""#));
        assert!(svg.contains("In remission &lt;all clinics&gt;"));
        let path = svg
            .split("<path d=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert_eq!(path.matches('M').count(), 2, "{path}");
        assert_eq!(svg.matches("<circle").count(), 3);
        assert!(svg.contains("goal 80 %"));
    }

    #[test]
    fn a_control_chart_draws_its_limits_and_marks_signals() {
        let months: Vec<Month> = "2026-01"
            .parse::<Month>()
            .unwrap()
            .through("2026-03".parse().unwrap())
            .collect();
        let points: Vec<_> = months.iter().map(|m| (*m, Some(0.5))).collect();
        let line = [Some(0.5); 3];
        let (lcl, ucl) = ([Some(0.4); 3], [Some(0.6); 3]);
        let signals = [Signal::None, Signal::BeyondLimits, Signal::Run];
        let svg = LineChart {
            id: "p",
            title: "p chart",
            description: "",
            points: &points,
            y_max: 1.0,
            format: &|v| format!("{v}"),
            lang: Lang::Fr,
            goal: None,
            control: Some(Control {
                cl: &line,
                lcl: &lcl,
                ucl: &ucl,
                signals: &signals,
            }),
            network: None,
            suppressed: &[],
        }
        .svg();
        assert_eq!(svg.matches("stroke-dasharray=\"4 3\"").count(), 2);
        assert_eq!(svg.matches("class=\"signal-beyond-limits\"").count(), 1);
        assert_eq!(svg.matches("class=\"signal-run\"").count(), 1);
        assert!(
            svg.contains("limites à 3σ"),
            "the legend is in French: {svg}"
        );
    }
}
