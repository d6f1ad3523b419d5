//! The statistics against hand-worked cases (DESIGN.md, "Statistics").
//! Expected values were worked out step by step from the definitions; the
//! arithmetic for the first case is written out in the comments.

#![cfg(not(target_arch = "wasm32"))]

use statchart::spec::{NpsData, NpsPoint, RateValue};
use statchart::stats::{nps_from_counts, nps_stats, nps_trend_stats, rate_stats, wilson95, Z95};

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
