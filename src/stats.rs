//! The statistics, exactly as DESIGN.md defines them. Pure math, no drawing.
//!
//! Where only a published figure is known there is no interval: the fields are
//! `None` and nothing downstream may invent one.

use crate::spec::{
    Breakdown, BreakdownUnit, Chart, EmploymentData, Item, NpsData, NpsPoint, RatePoint, RateValue,
    Spec,
};

/// Two-sided 95% normal quantile.
pub const Z95: f64 = 1.959963984540054;

/// NPS of one survey and, where counts are known, its uncertainty.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct NpsStats {
    /// Score from −100 to +100.
    pub nps: f64,
    /// Respondents; `None` for a published score or shares without a sample size.
    pub n: Option<f64>,
    pub promoters_pct: Option<f64>,
    pub passives_pct: Option<f64>,
    pub detractors_pct: Option<f64>,
    /// Variance V of the score; needs `n`.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub variance: Option<f64>,
    /// Wald margin of error z·√V.
    pub moe95: Option<f64>,
    /// Adjusted-Wald interval (Rocks 2016), clamped to [−100, 100].
    pub ci95: Option<[f64; 2]>,
}

/// Change between two consecutive periods: of NPS in points of NPS, of a rate in
/// percentage points; later minus earlier.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Change {
    pub from: String,
    pub to: String,
    pub change: f64,
    /// The test statistic; `None` when either side is a published figure, or when
    /// neither period varies (nothing to test against).
    pub z: Option<f64>,
    /// |z| > 1.96; `None` when `z` is.
    pub significant: Option<bool>,
    /// 95% interval of the change; `None` when either side is a published figure
    /// (and for NPS when `z` is `None`: a zero-width interval would claim certainty).
    pub ci95: Option<[f64; 2]>,
    /// Both sides have counts, so a missing test means "no variation", not "published".
    #[cfg_attr(feature = "serde", serde(skip))]
    pub counts: bool,
}

/// z, significance and interval of a change, as the tests return them.
pub type Test = (Option<f64>, Option<bool>, Option<[f64; 2]>);

impl Change {
    fn between(from: &str, to: &str, change: f64, counts: bool, test: Test) -> Change {
        let (z, significant, ci95) = test;
        Change {
            from: from.to_string(),
            to: to.to_string(),
            change,
            z,
            significant,
            ci95,
            counts,
        }
    }
}

/// Change of NPS: z₁₂ = ΔNPS / √(V₁ + V₂), ci95 = ΔNPS ± z·√(V₁ + V₂) clamped to [−200, 200].
pub type NpsChange = Change;

/// Change of a rate: pooled two-proportion z-test (`None` when the pooled rate is 0 or 1)
/// and Newcombe's hybrid score interval.
pub type RateChange = Change;

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct NpsTrendStats {
    pub points: Vec<NpsPointStats>,
    pub changes: Vec<NpsChange>,
}

/// One period's figures: its label, then the figures' fields.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PeriodStats<T> {
    pub period: String,
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub stats: T,
}

pub type NpsPointStats = PeriodStats<NpsStats>;

/// A rate k of n, in percent, with its Wilson interval where counts are known.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct RateStats {
    pub rate: f64,
    pub k: Option<f64>,
    pub n: Option<f64>,
    pub ci95: Option<[f64; 2]>,
}

pub type RatePointStats = PeriodStats<RateStats>;

/// Shares of each outcome per group of an employment breakdown.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct BreakdownGroupStats {
    pub label: String,
    /// Respondents in the group, when the values are counts.
    pub n: Option<f64>,
    /// Percent per category, in the order of the categories.
    pub shares_pct: Vec<f64>,
    /// Wilson interval of each share (a rate of the group's total); `None` for percentages.
    pub ci95_pct: Option<Vec<[f64; 2]>>,
}

/// Everything `statchart stats` prints, by chart kind.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(untagged))]
pub enum ChartStats {
    Nps(NpsStats),
    NpsTrend(NpsTrendStats),
    Rate(RateStats),
    RateTrend {
        points: Vec<RatePointStats>,
        changes: Vec<RateChange>,
    },
    Breakdown {
        groups: Vec<BreakdownGroupStats>,
    },
    Items {
        total: f64,
        items: Vec<ItemStats>,
    },
    Value {
        value: f64,
    },
}

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ItemStats {
    pub label: String,
    pub value: f64,
    /// Share of the total, in percent.
    pub share_pct: f64,
}

/// NPS = 100·(P − D)/n, with its variance, margin of error and adjusted-Wald interval.
///
/// Returns `None` when there are no respondents (the parser rejects that first).
pub fn nps_from_counts(promoters: f64, passives: f64, detractors: f64) -> Option<NpsStats> {
    let n = promoters + passives + detractors;
    if n.is_nan() || n <= 0.0 {
        return None;
    }
    let (nps, v) = nps_and_variance(promoters, detractors, n);
    // Adjusted Wald: add 3 respondents, 0.75 of them promoters and 0.75 detractors.
    let (nps_adj, v_adj) = nps_and_variance(promoters + 0.75, detractors + 0.75, n + 3.0);
    let half = Z95 * v_adj.sqrt();
    Some(NpsStats {
        nps,
        n: Some(n),
        promoters_pct: Some(100.0 * promoters / n),
        passives_pct: Some(100.0 * passives / n),
        detractors_pct: Some(100.0 * detractors / n),
        variance: Some(v),
        moe95: Some(Z95 * v.sqrt()),
        ci95: Some([(nps_adj - half).max(-100.0), (nps_adj + half).min(100.0)]),
    })
}

/// (NPS, V) for P promoters and D detractors out of n.
fn nps_and_variance(promoters: f64, detractors: f64, n: f64) -> (f64, f64) {
    let p = promoters / n;
    let d = detractors / n;
    // From the counts directly: 100·(P − D)/n is exact where 100·(p − d) is not.
    let nps = 100.0 * (promoters - detractors) / n;
    // max(0): p + d − (p − d)² is ≥ 0 mathematically; rounding must not make √ fail.
    let v = (100.0 * 100.0 * (p + d - (p - d) * (p - d)) / n).max(0.0);
    (nps, v)
}

/// The NPS figures of any data form.
pub fn nps_stats(data: &NpsData) -> Option<NpsStats> {
    match *data {
        NpsData::Counts {
            promoters,
            passives,
            detractors,
        } => nps_from_counts(promoters as f64, passives as f64, detractors as f64),
        NpsData::Scores { scores } => {
            let c = scores.map(|s| s as f64);
            let detractors: f64 = c[..7].iter().sum();
            nps_from_counts(c[9] + c[10], c[7] + c[8], detractors)
        }
        NpsData::Shares {
            promoters_pct,
            passives_pct,
            detractors_pct,
            respondents,
        } => {
            // Normalise so that shares which add up to 99 or 101 by rounding still sum to 1.
            let sum = promoters_pct + passives_pct + detractors_pct;
            if sum.is_nan() || sum <= 0.0 {
                return None;
            }
            let (p, m, d) = (
                promoters_pct / sum,
                passives_pct / sum,
                detractors_pct / sum,
            );
            match respondents {
                Some(n) => {
                    let n = n as f64;
                    nps_from_counts(p * n, m * n, d * n)
                }
                None => Some(NpsStats {
                    nps: 100.0 * (p - d),
                    n: None,
                    promoters_pct: Some(100.0 * p),
                    passives_pct: Some(100.0 * m),
                    detractors_pct: Some(100.0 * d),
                    variance: None,
                    moe95: None,
                    ci95: None,
                }),
            }
        }
        NpsData::Published { nps } => Some(NpsStats {
            nps,
            n: None,
            promoters_pct: None,
            passives_pct: None,
            detractors_pct: None,
            variance: None,
            moe95: None,
            ci95: None,
        }),
    }
}

/// The change from `a` to `b` (independent samples): z₁₂, its significance and its interval.
pub fn nps_change(a: &NpsStats, b: &NpsStats) -> Test {
    match (a.variance, b.variance) {
        (Some(v1), Some(v2)) if v1 + v2 > 0.0 => {
            let delta = b.nps - a.nps;
            let se = (v1 + v2).sqrt();
            let z = delta / se;
            let ci = [
                (delta - Z95 * se).max(-200.0),
                (delta + Z95 * se).min(200.0),
            ];
            (Some(z), Some(z.abs() > Z95), Some(ci))
        }
        // V₁ + V₂ = 0 (both unanimous) would give a zero-width interval: claim nothing.
        _ => (None, None, None),
    }
}

pub fn nps_trend_stats(points: &[NpsPoint]) -> Option<NpsTrendStats> {
    let (points, changes) = trend(
        points,
        |p| (&p.period, nps_stats(&p.data)),
        |a, b| {
            let counts = a.variance.is_some() && b.variance.is_some();
            (b.nps - a.nps, counts, nps_change(a, b))
        },
    )?;
    Some(NpsTrendStats { points, changes })
}

/// Each period's figures as `read` gives them (`None` if any has none) and each
/// consecutive change; `compare` gives a change's size, whether both sides have
/// counts, and its test. (Plain loops: iterator chains cost the wasm a fold each.)
fn trend<P, T>(
    points: &[P],
    read: impl Fn(&P) -> (&String, Option<T>),
    compare: impl Fn(&T, &T) -> (f64, bool, Test),
) -> Option<(Vec<PeriodStats<T>>, Vec<Change>)> {
    let mut stats = Vec::with_capacity(points.len());
    for p in points {
        let (period, figures) = read(p);
        stats.push(PeriodStats {
            period: period.clone(),
            stats: figures?,
        });
    }
    let mut changes = Vec::with_capacity(points.len());
    for (a, b) in stats.iter().zip(stats.iter().skip(1)) {
        let (change, counts, test) = compare(&a.stats, &b.stats);
        changes.push(Change::between(&a.period, &b.period, change, counts, test));
    }
    Some((stats, changes))
}

/// Wilson score interval for k of n, in percent.
pub fn wilson95(k: f64, n: f64) -> Option<[f64; 2]> {
    if n.is_nan() || n <= 0.0 || k < 0.0 || k > n {
        return None;
    }
    let p = k / n;
    let z2 = Z95 * Z95;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = Z95 / denom * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    Some([
        (100.0 * (centre - half)).max(0.0),
        (100.0 * (centre + half)).min(100.0),
    ])
}

pub fn rate_stats(value: &RateValue) -> Option<RateStats> {
    match *value {
        RateValue::Counts { employed, total } => {
            let (k, n) = (employed as f64, total as f64);
            Some(RateStats {
                rate: 100.0 * k / n,
                k: Some(k),
                n: Some(n),
                ci95: Some(wilson95(k, n)?),
            })
        }
        RateValue::Published { rate } => Some(RateStats {
            rate,
            k: None,
            n: None,
            ci95: None,
        }),
    }
}

/// The change from rate `a` to rate `b`: pooled two-proportion z-test and Newcombe's
/// hybrid score interval (DESIGN.md), in percentage points.
pub fn rate_change(a: &RateStats, b: &RateStats) -> Test {
    let (Some(k1), Some(n1), Some([l1, u1]), Some(k2), Some(n2), Some([l2, u2])) =
        (a.k, a.n, a.ci95, b.k, b.n, b.ci95)
    else {
        return (None, None, None);
    };
    let (p1, p2) = (k1 / n1, k2 / n2);
    let pooled = (k1 + k2) / (n1 + n2);
    let z = (pooled > 0.0 && pooled < 1.0)
        .then(|| (p2 - p1) / (pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)).sqrt());
    // Wilson bounds come in percent; Newcombe works in proportions.
    let (l1, u1, l2, u2) = (l1 / 100.0, u1 / 100.0, l2 / 100.0, u2 / 100.0);
    let delta = p2 - p1;
    let lower = delta - ((p2 - l2) * (p2 - l2) + (u1 - p1) * (u1 - p1)).sqrt();
    let upper = delta + ((u2 - p2) * (u2 - p2) + (p1 - l1) * (p1 - l1)).sqrt();
    let ci = [(100.0 * lower).max(-100.0), (100.0 * upper).min(100.0)];
    (z, z.map(|z| z.abs() > Z95), Some(ci))
}

/// Each period's rate and each consecutive change.
pub fn rate_trend_stats(points: &[RatePoint]) -> Option<(Vec<RatePointStats>, Vec<RateChange>)> {
    trend(
        points,
        |p| (&p.period, rate_stats(&p.value)),
        |a, b| {
            let counts = a.n.is_some() && b.n.is_some();
            (b.rate - a.rate, counts, rate_change(a, b))
        },
    )
}

pub fn breakdown_stats(b: &Breakdown) -> Vec<BreakdownGroupStats> {
    let counts = b.unit == BreakdownUnit::Count;
    let mut out = Vec::with_capacity(b.groups.len());
    for g in &b.groups {
        let total: f64 = g.values.iter().sum();
        let mut shares_pct = Vec::with_capacity(g.values.len());
        let mut ci95_pct = counts.then(|| Vec::with_capacity(g.values.len()));
        for &v in &g.values {
            shares_pct.push(if total > 0.0 { 100.0 * v / total } else { 0.0 });
            // Every share's interval, or none: a group of no answers has none to give.
            ci95_pct = ci95_pct.and_then(|mut ci| {
                ci.push(wilson95(v, total)?);
                Some(ci)
            });
        }
        out.push(BreakdownGroupStats {
            label: g.label.clone(),
            n: counts.then_some(total),
            shares_pct,
            ci95_pct,
        });
    }
    out
}

pub fn item_stats(items: &[Item]) -> (f64, Vec<ItemStats>) {
    let total: f64 = items.iter().map(|i| i.value).sum();
    let mut stats = Vec::with_capacity(items.len());
    for i in items {
        stats.push(ItemStats {
            label: i.label.clone(),
            value: i.value,
            share_pct: if total != 0.0 {
                100.0 * i.value / total
            } else {
                0.0
            },
        });
    }
    (total, stats)
}

/// The computed figures of a validated spec.
pub fn chart_stats(spec: &Spec) -> Option<ChartStats> {
    Some(match &spec.chart {
        Chart::Nps { data, .. } => ChartStats::Nps(nps_stats(data)?),
        Chart::NpsTrend { data } => ChartStats::NpsTrend(nps_trend_stats(data)?),
        Chart::Employment { data, .. } => match data {
            EmploymentData::Rate(f) => ChartStats::Rate(rate_stats(&f.value)?),
            EmploymentData::Trend(points) => {
                let (points, changes) = rate_trend_stats(points)?;
                ChartStats::RateTrend { points, changes }
            }
            EmploymentData::Breakdown(b) => ChartStats::Breakdown {
                groups: breakdown_stats(b),
            },
        },
        Chart::Bar { data, .. } | Chart::Line { data, .. } | Chart::Donut { data, .. } => {
            let (total, items) = item_stats(data);
            ChartStats::Items { total, items }
        }
        Chart::Kpi { data } => ChartStats::Value { value: data.value },
    })
}
