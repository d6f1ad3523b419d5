//! The statistics against hand-worked cases (DESIGN.md, "Statistics").
//! Expected values were worked out step by step from the definitions; the
//! arithmetic for the first case is written out in the comments.

#![cfg(not(target_arch = "wasm32"))]

use statchart::spec::{Breakdown, BreakdownGroup, BreakdownMode, BreakdownUnit};
use statchart::spec::{NpsData, NpsPoint, RatePoint, RateValue};
use statchart::stats::{
    breakdown_stats, nps_from_counts, nps_stats, nps_trend_stats, rate_stats, rate_trend_stats,
    wilson95, Change, Z95,
};

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

#[test]
fn nps_of_500_330_170() {
    // n = 1000, p = .5, d = .17: NPS = 100·(.5 − .17) = 33.
    // V = 100²·(.67 − .33²)/1000 = 10000·.5611/1000 = 5.611; moe = 1.959964·√5.611 = 4.642674.
    // Adjusted: P' = 500.75, D' = 170.75, n' = 1003 → NPS' = 32.90130, V' = 5.595625,
    // ci = 32.90130 ± 1.959964·2.365507 = [28.264984, 37.537609].
    let s = nps_from_counts(500.0, 330.0, 170.0).unwrap();
    close(s.nps, 33.0);
    close(s.n.unwrap(), 1000.0);
    close(s.promoters_pct.unwrap(), 50.0);
    close(s.passives_pct.unwrap(), 33.0);
    close(s.detractors_pct.unwrap(), 17.0);
    close(s.variance.unwrap(), 5.611);
    close(s.moe95.unwrap(), 4.642674384760872);
    let [lo, hi] = s.ci95.unwrap();
    close(lo, 28.26498356708234);
    close(hi, 37.53760865624767);
}

#[test]
fn one_respondent_has_no_wald_margin_but_a_wide_adjusted_interval() {
    // n = 1 promoter: V = 0 so the Wald margin is 0; adjusted Wald gives P' = 1.75, D' = .75,
    // n' = 4: NPS' = 25, V' = 10000·(.625 − .0625)/4 = 1406.25, ci = 25 ± 1.959964·37.5.
    let s = nps_from_counts(1.0, 0.0, 0.0).unwrap();
    close(s.nps, 100.0);
    close(s.moe95.unwrap(), 0.0);
    let [lo, hi] = s.ci95.unwrap();
    close(lo, 25.0 - Z95 * 37.5);
    close(hi, 25.0 + Z95 * 37.5);
    let s = nps_from_counts(0.0, 1.0, 0.0).unwrap();
    close(s.nps, 0.0);
    close(s.ci95.unwrap()[1], 60.011395954441376);
}

#[test]
fn all_promoters_and_all_detractors_clamp_to_the_scale() {
    let s = nps_from_counts(100.0, 0.0, 0.0).unwrap();
    close(s.nps, 100.0);
    close(s.moe95.unwrap(), 0.0);
    let [lo, hi] = s.ci95.unwrap();
    close(lo, 93.09014809291502);
    close(hi, 100.0);
    let s = nps_from_counts(0.0, 0.0, 100.0).unwrap();
    close(s.nps, -100.0);
    let [lo, hi] = s.ci95.unwrap();
    close(lo, -100.0);
    close(hi, -93.09014809291502);
}

#[test]
fn zero_respondents_give_no_figure() {
    assert!(nps_from_counts(0.0, 0.0, 0.0).is_none());
    let err = statchart::parse_spec(
        r#"{"type":"nps","data":{"promoters":0,"passives":0,"detractors":0}}"#,
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "data: no respondents: all counts are 0");
}

#[test]
fn scores_group_into_detractors_passives_promoters() {
    // 0–6 detractors (1+1+1+1+1+1+1 = 7), 7–8 passives (2+3), 9–10 promoters (4+6).
    let s = nps_stats(&NpsData::Scores {
        scores: [1, 1, 1, 1, 1, 1, 1, 2, 3, 4, 6],
    })
    .unwrap();
    let direct = nps_from_counts(10.0, 5.0, 7.0).unwrap();
    assert_eq!(s, direct);
    close(s.nps, 100.0 * 3.0 / 22.0);
}

#[test]
fn shares_with_a_sample_size_get_an_interval_and_without_none() {
    let with_n = nps_stats(&NpsData::Shares {
        promoters_pct: 50.0,
        passives_pct: 33.0,
        detractors_pct: 17.0,
        respondents: Some(1000),
    })
    .unwrap();
    let counts = nps_from_counts(500.0, 330.0, 170.0).unwrap();
    close(with_n.nps, counts.nps);
    close(with_n.moe95.unwrap(), counts.moe95.unwrap());
    let without = nps_stats(&NpsData::Shares {
        promoters_pct: 50.0,
        passives_pct: 33.0,
        detractors_pct: 17.0,
        respondents: None,
    })
    .unwrap();
    close(without.nps, 33.0);
    assert_eq!((without.moe95, without.ci95, without.n), (None, None, None));
}

#[test]
fn a_published_score_has_no_interval() {
    let s = nps_stats(&NpsData::Published { nps: 33.0 }).unwrap();
    close(s.nps, 33.0);
    assert_eq!(
        (s.n, s.moe95, s.ci95, s.promoters_pct),
        (None, None, None, None)
    );
}

fn point(period: &str, p: u64, n: u64, d: u64) -> NpsPoint {
    NpsPoint {
        period: period.into(),
        label: None,
        data: NpsData::Counts {
            promoters: p,
            passives: n,
            detractors: d,
        },
    }
}

#[test]
fn changes_between_periods_are_tested() {
    // Q1: NPS 20, V = 16.5; Q3: NPS 47.619, V = 12.7416; z = 27.619/√29.2416 = 5.1075: significant.
    // Q1 → Q2: NPS 20 → 29.268, z = 1.6319: not significant.
    let t = nps_trend_stats(&[point("Q1", 180, 120, 100), point("Q3", 260, 100, 60)]).unwrap();
    let c = &t.changes[0];
    close(c.change, 47.61904761904762 - 20.0);
    close(c.z.unwrap(), 5.107496748307771);
    assert_eq!(c.significant, Some(true));
    let t = nps_trend_stats(&[point("Q1", 180, 120, 100), point("Q2", 210, 110, 90)]).unwrap();
    close(t.changes[0].z.unwrap(), 1.6318739132538354);
    assert_eq!(t.changes[0].significant, Some(false));
    assert_eq!(
        (t.changes[0].from.as_str(), t.changes[0].to.as_str()),
        ("Q1", "Q2")
    );
}

#[test]
fn a_change_between_published_scores_is_not_tested() {
    let published = |period: &str| NpsPoint {
        period: period.into(),
        label: None,
        data: NpsData::Published { nps: 33.0 },
    };
    let t = nps_trend_stats(&[published("2020–2022"), published("2023")]).unwrap();
    assert_eq!(t.changes[0].z, None);
    assert_eq!(t.changes[0].significant, None);
    close(t.changes[0].change, 0.0);
    // Both unanimous: zero variance, so no z either.
    let t = nps_trend_stats(&[point("a", 5, 0, 0), point("b", 0, 0, 5)]).unwrap();
    assert_eq!(t.changes[0].significant, None);
}

#[test]
fn wilson_interval_for_rates() {
    // 24 of 100: p = .24, z² = 3.841459; centre = (.24 + .019207)/1.038415 = .249618,
    // half = 1.887459·√(.001824 + .000096) = .082705 → [16.6913, 33.2323].
    let [lo, hi] = wilson95(24.0, 100.0).unwrap();
    close(lo, 16.691325556948772);
    close(hi, 33.232336349814474);
    let [lo, hi] = wilson95(0.0, 10.0).unwrap();
    close(lo, 0.0);
    close(hi, 27.75327998628892);
    let [lo, hi] = wilson95(10.0, 10.0).unwrap();
    close(lo, 72.24672001371107);
    close(hi, 100.0);
    assert!(wilson95(1.0, 0.0).is_none());
    let r = rate_stats(&RateValue::Counts {
        employed: 245,
        total: 1020,
    })
    .unwrap();
    close(r.rate, 100.0 * 245.0 / 1020.0);
    close(r.ci95.unwrap()[0], 21.498502010545153);
    let r = rate_stats(&RateValue::Published { rate: 24.0 }).unwrap();
    assert_eq!((r.rate, r.ci95, r.n), (24.0, None, None));
}

fn close2(a: [f64; 2], b: [f64; 2]) {
    close(a[0], b[0]);
    close(a[1], b[1]);
}

#[test]
fn an_nps_change_has_its_interval() {
    // Q1 (180/120/100): NPS 20, V = 16.5; Q3 (260/100/60): NPS 47.619048, V = 12.741605.
    // Δ = 27.619048, √(V₁ + V₂) = √29.241605 = 5.407551, z·5.407551 = 10.598605
    // → [17.020443, 38.217652]. Python: 27.61904761904762 ∓ 1.959963984540054·5.407550700487168.
    let t = nps_trend_stats(&[point("Q1", 180, 120, 100), point("Q3", 260, 100, 60)]).unwrap();
    close2(
        t.changes[0].ci95.unwrap(),
        [17.02044300151843, 38.21765223657681],
    );
    // n = 1 (one promoter, NPS 100, V = 0) to n = 2 (a promoter and a detractor: NPS 0,
    // V = 100²·(1 − 0)/2 = 5000): Δ = −100, √5000 = 70.710678, z₁₂ = −1.414214;
    // −100 ∓ 138.590382 = [−238.59, 38.590382], the lower end clamped to −200.
    let t = nps_trend_stats(&[point("a", 1, 0, 0), point("b", 1, 0, 1)]).unwrap();
    let c = &t.changes[0];
    close(c.z.unwrap(), -std::f64::consts::SQRT_2); // −1/√(1/2)
    assert_eq!(c.significant, Some(false));
    close2(c.ci95.unwrap(), [-200.0, 38.59038243496778]);
    // One respondent in each period: V₁ + V₂ = 0, no test and no zero-width interval;
    // the counts are known, so the reason is "no variation", not "published".
    let t = nps_trend_stats(&[point("a", 1, 0, 0), point("b", 0, 0, 1)]).unwrap();
    let c = &t.changes[0];
    assert_eq!(
        (c.z, c.significant, c.ci95, c.counts),
        (None, None, None, true)
    );
    // Published scores: no interval either, and not counted.
    let published = NpsPoint {
        period: "p".into(),
        label: None,
        data: NpsData::Published { nps: 33.0 },
    };
    let t = nps_trend_stats(&[published, point("q", 5, 3, 2)]).unwrap();
    assert_eq!((t.changes[0].ci95, t.changes[0].counts), (None, false));
}

fn rate(period: &str, employed: u64, total: u64) -> RatePoint {
    RatePoint {
        period: period.into(),
        value: RateValue::Counts { employed, total },
    }
}

fn rate_change(a: RatePoint, b: RatePoint) -> Change {
    let (_, changes) = rate_trend_stats(&[a, b]).unwrap();
    changes.into_iter().next().unwrap()
}

#[test]
fn a_rate_change_of_0_of_50_to_3_of_60() {
    // p₁ = 0, p₂ = .05, δ = 5 points. Pooled p̄ = 3/110 = .0272727;
    // SE = √(.0272727·.9727273·(1/50 + 1/60)) = √(.0265289·.0366667) = .0311886;
    // z = .05/.0311886 = 1.603151 < 1.96: not significant.
    // Wilson 0/50: [0, .0713476]; 3/60: [.0171495, .1370052].
    // Newcombe: lower = .05 − √((.05 − .0171495)² + (.0713476 − 0)²) = .05 − .0785470 = −.0285470,
    // upper = .05 + √((.1370052 − .05)² + (0 − 0)²) = .1370052 → [−2.854702, 13.700516] points.
    let c = rate_change(rate("a", 0, 50), rate("b", 3, 60));
    close(c.change, 5.0);
    close(c.z.unwrap(), 1.6031511026549947);
    assert_eq!(c.significant, Some(false));
    close2(c.ci95.unwrap(), [-2.854702483316281, 13.70051647634852]);
    assert_eq!((c.from.as_str(), c.to.as_str(), c.counts), ("a", "b", true));
}

#[test]
fn a_rate_change_of_1_of_1_to_0_of_1() {
    // δ = −1 (−100 points); p̄ = 1/2, SE = √(.25·(1 + 1)) = .7071068, z = −1.414214.
    // Wilson 1/1 = [.2065493, 1], 0/1 = [0, .7934507] (n = 1: centre = (p + 1.920731)/4.841459).
    // lower = −1 − √((0 − 0)² + (1 − 1)²) = −1; upper = −1 + √(.7934507² + (1 − .2065493)²)
    // = −1 + 1.1221087 = .1221087 → [−100, 12.210872].
    let c = rate_change(rate("a", 1, 1), rate("b", 0, 1));
    close(c.change, -100.0);
    close(c.z.unwrap(), -std::f64::consts::SQRT_2); // −1/√(1/2)
    assert_eq!(c.significant, Some(false));
    close2(c.ci95.unwrap(), [-100.0, 12.210872068194178]);
}

#[test]
fn both_rates_0_or_both_100_percent_have_no_test_but_an_interval() {
    // 0/50 and 0/60: p̄ = 0, so no test. Newcombe still bounds the change:
    // lower = 0 − √(0² + (.0713476 − 0)²) = −.0713476, upper = 0 + √(.0601719² + 0²).
    let c = rate_change(rate("a", 0, 50), rate("b", 0, 60));
    assert_eq!((c.z, c.significant, c.counts), (None, None, true));
    close(c.change, 0.0);
    close2(c.ci95.unwrap(), [-7.134759913335873, 6.017185214208986]);
    // 50/50 and 60/60: p̄ = 1; the mirror image: [−(1 − .9398281), 1 − .9286524].
    let c = rate_change(rate("a", 50, 50), rate("b", 60, 60));
    assert_eq!((c.z, c.significant), (None, None));
    close2(c.ci95.unwrap(), [-6.017185214208986, 7.134759913335873]);
}

#[test]
fn one_respondent_per_period() {
    // n = 1 on both sides with the same answer: p̄ is 0 (or 1), no test; the interval is
    // ±√(.7934507² + 0²) = ±79.345069 points.
    let c = rate_change(rate("a", 0, 1), rate("b", 0, 1));
    assert_eq!((c.z, c.significant), (None, None));
    close2(c.ci95.unwrap(), [-79.34506856227625, 79.34506856227625]);
    // A trend of one period has no change at all.
    let (points, changes) = rate_trend_stats(&[rate("only", 1, 1)]).unwrap();
    assert_eq!((points.len(), changes.len()), (1, 0));
}

#[test]
fn a_published_rate_on_either_side_is_not_tested() {
    let published = RatePoint {
        period: "p".into(),
        value: RateValue::Published { rate: 24.0 },
    };
    for pair in [
        [published.clone(), rate("c", 30, 100)],
        [rate("c", 30, 100), published.clone()],
    ] {
        let (_, changes) = rate_trend_stats(&pair).unwrap();
        let c = &changes[0];
        close(c.change.abs(), 6.0);
        assert_eq!(
            (c.z, c.significant, c.ci95, c.counts),
            (None, None, None, false)
        );
    }
}

fn breakdown(unit: BreakdownUnit, values: Vec<f64>) -> Breakdown {
    Breakdown {
        categories: vec!["a".into(), "b".into(), "c".into()],
        groups: vec![BreakdownGroup {
            label: "g".into(),
            values,
        }],
        unit,
        mode: BreakdownMode::Stacked,
    }
}

#[test]
fn breakdown_shares_of_counts_get_wilson_intervals() {
    // 0, 10 and 20 of 30. 0/30: centre = half = (3.841459/60)/1.128049 = .0567567
    // → [0, .1135134]. 10/30: p = 1/3, centre = (.3333333 + .0640243)/1.128049 = .3522522,
    // half = 1.737482·√(.0074074 + .0010671) = .1599473 → [.1923049, .5121995].
    // 20/30 is its mirror image: [1 − .5121995, 1 − .1923049].
    let g = &breakdown_stats(&breakdown(BreakdownUnit::Count, vec![0.0, 10.0, 20.0]))[0];
    close(g.n.unwrap(), 30.0);
    let ci = g.ci95_pct.as_ref().unwrap();
    close2(ci[0], [0.0, 11.351339317396876]);
    close2(ci[1], [19.230498083676135, 51.219948355456154]);
    close2(ci[2], [48.780051644543846, 80.76950191632386]);
    // Percentages have no sample size, hence no interval.
    let g = &breakdown_stats(&breakdown(BreakdownUnit::Percent, vec![0.0, 40.0, 60.0]))[0];
    assert_eq!((g.n, &g.ci95_pct), (None, &None));
}
