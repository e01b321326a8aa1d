//! The simulated network, worked out in full before anything runs: clinic sizes, when each
//! practice is published and adopted, who is offline when, and every monthly count. The same
//! seed gives the same plan, whatever order the clinics later run in.

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Binomial, Distribution, LogNormal, Normal, Poisson};
use tandem_shared::model::ActDecision;

use super::texts::{PLACES, PRACTICES, SETTINGS};

/// What the simulation is asked for.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub seed: u64,
    pub clinics: usize,
    pub months: usize,
    /// Patients across all clinics.
    pub patients: u32,
}

/// A clinic adopting (or trying) a practice.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Adoption {
    /// The month its test cycle starts.
    pub start: usize,
    /// The month the cycle ends and the team decides.
    pub end: usize,
    pub decision: ActDecision,
}

/// One simulated clinic.
#[derive(Debug, Clone)]
pub struct ClinicPlan {
    pub id: String,
    pub name: String,
    pub patients: u32,
    /// Months in which the node syncs.
    pub syncs: Vec<bool>,
    /// Why its syncing is irregular, if it is.
    pub pattern: &'static str,
    /// Per practice: how this clinic came to it, if it did.
    pub adoptions: Vec<Option<Adoption>>,
    /// Per month: [remission n, d], [score n, d], [steroids n, d], [admissions n, exposure].
    pub values: Vec<[(u64, u64); 4]>,
    /// Project team and partnership, drawn once.
    pub clinicians: u32,
    pub patient_partners: u32,
    pub partnership_depth: u8,
}

/// A practice and where it started.
#[derive(Debug, Clone)]
pub struct PracticePlan {
    pub index: usize,
    pub origin: usize,
    /// The month the origin publishes it (its test cycle ran the two months before).
    pub published: usize,
    pub remission_effect: f64,
}

/// The whole simulated network.
#[derive(Debug, Clone)]
pub struct NetworkPlan {
    pub shape: Shape,
    pub clinics: Vec<ClinicPlan>,
    pub practices: Vec<PracticePlan>,
}

fn clinic_sizes(rng: &mut ChaCha8Rng, shape: &Shape) -> Vec<u32> {
    let lognormal = LogNormal::new(5.4, 0.65).expect("valid parameters");
    let mut raw: Vec<f64> = (0..shape.clinics).map(|_| lognormal.sample(rng)).collect();
    // A few small clinics, whose counts the disclosure rules will suppress.
    let small = (shape.clinics / 20).max(1).min(shape.clinics);
    for size in raw.iter_mut().take(small) {
        *size = rng.random_range(14.0..30.0);
    }
    let small_total: f64 = raw.iter().take(small).sum();
    let rest: f64 = raw.iter().skip(small).sum();
    let scale = (f64::from(shape.patients) - small_total).max(0.0) / rest.max(1.0);
    raw.iter()
        .enumerate()
        .map(|(i, s)| {
            if i < small {
                s.round() as u32
            } else {
                (s * scale).round().max(30.0) as u32
            }
        })
        .collect()
}

/// Who syncs when: most every month; a few late (every third month, so that their last two
/// months have not reached the hub when the demo ends); a few offline for a stretch, then
/// caught up.
fn sync_pattern(c: usize, months: usize) -> (&'static str, Vec<bool>) {
    match c % 22 {
        7 => (
            "syncs late: every third month",
            (0..months).map(|m| m % 3 == 0).collect(),
        ),
        13 => {
            let from = months * (3 + c % 3) / 10;
            let to = (from + 4 + c % 4).min(months.saturating_sub(1));
            (
                "offline for a while, then caught up",
                (0..months).map(|m| !(from..to).contains(&m)).collect(),
            )
        }
        _ => ("every month", vec![true; months]),
    }
}

fn binomial(rng: &mut ChaCha8Rng, n: u64, p: f64) -> u64 {
    Binomial::new(n, p.clamp(0.0, 1.0)).map_or(0, |b| b.sample(rng))
}

impl NetworkPlan {
    /// Work out a network from its shape.
    pub fn new(shape: Shape) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(shape.seed);
        let months = shape.months;
        let mut names: Vec<(usize, usize)> = (0..PLACES.len())
            .flat_map(|p| (0..SETTINGS.len()).map(move |s| (p, s)))
            .collect();
        names.shuffle(&mut rng);
        let sizes = clinic_sizes(&mut rng, &shape);

        // Practices: published one after another over the first two thirds of the period,
        // each by a clinic of decent size. Their effects add up to about +33 points, of which adoption realises about +25.
        let n_practices = PRACTICES.len().min(shape.clinics.max(1));
        let mut effects: Vec<f64> = (0..n_practices)
            .map(|_| rng.random_range(0.6..1.4))
            .collect();
        let total: f64 = effects.iter().sum();
        effects.iter_mut().for_each(|e| *e *= 0.33 / total);
        let practices: Vec<PracticePlan> = (0..n_practices)
            .map(|i| {
                let window = (months * 2 / 3).max(3);
                let published = 2 + i * (window - 2) / n_practices.max(1);
                let origin = loop {
                    let c = rng.random_range(0..shape.clinics);
                    if sizes[c] >= 100 || shape.clinics < 10 {
                        break c;
                    }
                };
                PracticePlan {
                    index: i,
                    origin,
                    published: published.min(months.saturating_sub(1)),
                    remission_effect: effects[i],
                }
            })
            .collect();

        let patterns: Vec<_> = (0..shape.clinics)
            .map(|c| sync_pattern(c, months))
            .collect();
        // The month each practice reaches the hub: its origin's first sync from publication on.
        let reaches_hub: Vec<Option<usize>> = practices
            .iter()
            .map(|pr| (pr.published..months).find(|&m| patterns[pr.origin].1[m]))
            .collect();
        let noise = Normal::new(0.0, 0.015).expect("valid parameters");
        let mut clinics = Vec::with_capacity(shape.clinics);
        for c in 0..shape.clinics {
            let (p, s) = names[c % names.len()];
            let name = if c < names.len() {
                format!("{} {} Children's IBD Clinic", PLACES[p], SETTINGS[s])
            } else {
                format!(
                    "{} {} Clinic {}",
                    PLACES[p],
                    SETTINGS[s],
                    c / names.len() + 1
                )
            };
            let id = name
                .to_lowercase()
                .replace("'s", "s")
                .split_whitespace()
                .take(2)
                .collect::<Vec<_>>()
                .join("-")
                + &if c < names.len() {
                    String::new()
                } else {
                    format!("-{}", c / names.len() + 1)
                };

            let (pattern, syncs) = patterns[c].clone();
            // Adoption: a clinic hears of a practice once it syncs after the practice reached
            // the hub, and tries it some months later.
            let adoptions = practices
                .iter()
                .zip(&reaches_hub)
                .map(|(pr, reached)| {
                    if pr.origin == c {
                        return Some(Adoption {
                            start: pr.published.saturating_sub(2),
                            end: pr.published,
                            decision: ActDecision::Adopt,
                        });
                    }
                    let heard = (reached.as_ref()? + 1..months).find(|&m| syncs[m])?;
                    let delay = 1 + (rng.random::<f64>().ln() * -11.0) as usize;
                    let start = heard + delay;
                    if start + 2 >= months {
                        return None;
                    }
                    let roll: f64 = rng.random();
                    let decision = if roll < 0.72 {
                        ActDecision::Adopt
                    } else if roll < 0.9 {
                        ActDecision::Adapt
                    } else {
                        ActDecision::Abandon
                    };
                    Some(Adoption {
                        start,
                        end: start + 2,
                        decision,
                    })
                })
                .collect::<Vec<_>>();

            let base_remission = Normal::new(0.50, 0.04).expect("valid").sample(&mut rng);
            let base_visit = Normal::new(0.62, 0.05).expect("valid").sample(&mut rng);
            let base_steroids = Normal::new(0.19, 0.025).expect("valid").sample(&mut rng);
            let mut values = Vec::with_capacity(months);
            for m in 0..months {
                let mut gain = 0.0;
                let mut process_gain = 0.0;
                for (pr, adoption) in practices.iter().zip(&adoptions) {
                    let Some(a) = adoption else { continue };
                    if m < a.end {
                        continue;
                    }
                    let weight = match a.decision {
                        ActDecision::Adopt | ActDecision::Continue => 1.0,
                        ActDecision::Adapt => 0.8,
                        ActDecision::Abandon => 0.0,
                    };
                    // Effects build up over the months after adoption.
                    let ramp = (((m - a.end) as f64 + 1.0) / 4.0).min(1.0);
                    gain += pr.remission_effect * weight * ramp;
                    if PRACTICES[pr.index].helps_process {
                        process_gain += 0.055 * weight * ramp;
                    }
                }
                let patients = (f64::from(sizes[c]) * (1.0 + 0.002 * m as f64)).round() as u64;
                let active = (patients as f64 * rng.random_range(0.88..0.95)).round() as u64;
                let wobble: [f64; 3] = std::array::from_fn(|_| noise.sample(&mut rng));
                let remission = binomial(&mut rng, active, base_remission + gain + wobble[0]);
                let complete = binomial(
                    &mut rng,
                    active,
                    (base_visit + process_gain).min(0.95) + wobble[1],
                );
                let on_steroids = binomial(
                    &mut rng,
                    active,
                    base_steroids - 0.35 * gain + wobble[2] / 2.0,
                );
                let lambda = active as f64 * 0.016 * (1.0 - 0.9 * gain);
                let admissions =
                    Poisson::new(lambda.max(0.001)).map_or(0.0, |p| p.sample(&mut rng)) as u64;
                values.push([
                    (remission, active),
                    (complete, active),
                    (on_steroids, active),
                    (admissions, active),
                ]);
            }
            let clinicians = rng.random_range(2..6);
            clinics.push(ClinicPlan {
                id,
                name,
                patients: sizes[c],
                syncs,
                pattern,
                adoptions,
                values,
                clinicians,
                patient_partners: rng.random_range(0..4),
                partnership_depth: rng.random_range(0..4),
            });
        }
        NetworkPlan {
            shape,
            clinics,
            practices,
        }
    }

    /// The network's remission proportion in a month, as planned (before suppression).
    pub fn remission(&self, month: usize) -> f64 {
        let (n, d) = self
            .clinics
            .iter()
            .map(|c| c.values[month][0])
            .fold((0, 0), |(a, b), (n, d)| (a + n, b + d));
        n as f64 / d.max(1) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape() -> Shape {
        Shape {
            seed: 2026,
            clinics: 66,
            months: 60,
            patients: 18_700,
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_network() {
        let (a, b) = (NetworkPlan::new(shape()), NetworkPlan::new(shape()));
        assert_eq!(a.clinics.len(), 66);
        for (x, y) in a.clinics.iter().zip(&b.clinics) {
            assert_eq!(
                (&x.id, x.patients, &x.values, &x.adoptions),
                (&y.id, y.patients, &y.values, &y.adoptions)
            );
        }
        let c = NetworkPlan::new(Shape { seed: 7, ..shape() });
        assert_ne!(a.clinics[0].values, c.clinics[0].values);
    }

    #[test]
    fn the_network_tells_the_story() {
        let plan = NetworkPlan::new(shape());
        let ids: std::collections::HashSet<_> = plan.clinics.iter().map(|c| &c.id).collect();
        assert_eq!(ids.len(), 66, "clinic ids are unique");
        let total: u32 = plan.clinics.iter().map(|c| c.patients).sum();
        assert!((18_000..=19_400).contains(&total), "{total} patients");
        let first = (0..3).map(|m| plan.remission(m)).sum::<f64>() / 3.0;
        let last = (57..60).map(|m| plan.remission(m)).sum::<f64>() / 3.0;
        assert!((0.47..0.53).contains(&first), "starts near 50 %: {first}");
        assert!((0.72..0.78).contains(&last), "ends near 75 %: {last}");
        assert!(
            plan.clinics.iter().any(|c| c.patients < 30),
            "some clinics are small"
        );
        assert!(
            plan.clinics
                .iter()
                .any(|c| c.pattern.starts_with("offline"))
        );
        assert!(
            plan.clinics
                .iter()
                .any(|c| c.pattern.starts_with("syncs late"))
        );
        let decisions: Vec<_> = plan
            .clinics
            .iter()
            .flat_map(|c| c.adoptions.iter().flatten())
            .map(|a| a.decision)
            .collect();
        for d in [ActDecision::Adopt, ActDecision::Adapt, ActDecision::Abandon] {
            assert!(decisions.contains(&d), "{d:?} happens");
        }
        for c in &plan.clinics {
            let behind = c.syncs.iter().rev().take_while(|s| !**s).count();
            let late = c.pattern.starts_with("syncs late");
            assert_eq!(behind, if late { 2 } else { 0 }, "{}", c.id);
        }
    }
}
