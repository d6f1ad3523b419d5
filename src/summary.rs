//! The text a screen reader says for a chart, in the chart's language: the
//! figures the chart shows, with their uncertainty where it is known.

use crate::locale::Fmt;
use crate::spec::{Chart, EmploymentData, Locale, Spec};
use crate::stats::{
    breakdown_stats, item_stats, nps_stats, nps_trend_stats, rate_stats, rate_trend_stats,
    BreakdownGroupStats, Change, NpsStats, RateStats,
};

/// One paragraph describing `spec`'s chart.
pub fn summary(spec: &Spec) -> String {
    let fmt = Fmt::new(spec.locale);
    let en = spec.locale == Locale::EnUs;
    let mut parts: Vec<String> = Vec::new();
    if let Some(t) = &spec.title {
        parts.push(end(t));
    }
    let body = match &spec.chart {
        Chart::Nps { data, .. } => nps_stats(data).map(|s| nps_sentence(&fmt, &s, en)),
        Chart::NpsTrend { data } => nps_trend_stats(data).map(|t| {
            let mut out: Vec<String> = t
                .points
                .iter()
                .map(|p| format!("{}: {}", fmt.period(&p.period), nps_short(&fmt, &p.stats)))
                .collect::<Vec<_>>();
            out.extend(changes_sentence(&fmt, &t.changes, ""));
            format!("Net Promoter Score. {}", end(&out.join("; ")))
        }),
        Chart::Employment { data, .. } => Some(match data {
            EmploymentData::Rate(f) => match rate_stats(&f.value) {
                Some(r) => {
                    let label = f.label.as_deref().unwrap_or(fmt.words().employed);
                    let mut s = format!("{} {label}", fmt.pct(r.rate, 1));
                    if let Some(p) = &f.period {
                        s.push_str(&format!(", {p}"));
                    }
                    s.push_str(&rate_interval(&fmt, r.ci95));
                    end(&s)
                }
                None => String::new(),
            },
            EmploymentData::Trend(points) => match rate_trend_stats(points) {
                Some((stats, changes)) => {
                    let mut out: Vec<String> = stats
                        .iter()
                        .map(|p| {
                            format!(
                                "{}: {}{}",
                                fmt.period(&p.period),
                                fmt.pct(p.stats.rate, 1),
                                rate_interval(&fmt, p.stats.ci95)
                            )
                        })
                        .collect();
                    out.extend(changes_sentence(&fmt, &changes, &pts(&fmt)));
                    end(&out.join("; "))
                }
                None => String::new(),
            },
            EmploymentData::Breakdown(b) => end(&breakdown_stats(b)
                .iter()
                .map(|g| {
                    let shares: Vec<String> = b
                        .categories
                        .iter()
                        .zip(&g.shares_pct)
                        .map(|(c, s)| format!("{c} {}", fmt.pct(*s, 1)))
                        .collect();
                    format!("{}: {}", g.label, shares.join(", "))
                })
                .collect::<Vec<_>>()
                .join("; ")),
        }),
        Chart::Bar { data, unit } | Chart::Line { data, unit } | Chart::Donut { data, unit } => {
            let (_, items) = item_stats(data);
            let unit = unit.as_deref().unwrap_or("");
            let donut = matches!(spec.chart, Chart::Donut { .. });
            Some(end(&items
                .iter()
                .map(|i| {
                    let v = crate::render::with_unit(&fmt.num(i.value, 2), unit);
                    if donut {
                        format!("{}: {v} ({})", i.label, fmt.pct(i.share_pct, 1))
                    } else {
                        format!("{}: {v}", i.label)
                    }
                })
                .collect::<Vec<_>>()
                .join("; ")))
        }
        Chart::Kpi { data } => Some(end(&format!(
            "{}{}{}{}",
            data.prefix.as_deref().unwrap_or(""),
            fmt.num(data.value, 2),
            data.suffix.as_deref().unwrap_or(""),
            data.label
                .as_ref()
                .map(|l| format!(" {l}"))
                .unwrap_or_default()
        ))),
    };
    if let Some(b) = body {
        parts.push(b);
    }
    if let Some(s) = &spec.source {
        parts.push(end(&fmt.source_line(s)));
    }
    parts.join(" ")
}

/// "33 ± 4.6 (95% interval 28.3 to 37.5)", or the score and why it has no margin.
pub fn nps_detail(fmt: &Fmt, s: &NpsStats) -> String {
    match (s.moe95, s.ci95) {
        (Some(m), Some([lo, hi])) => format!(
            "{} ± {} ({} {})",
            fmt.num(s.nps, 1),
            fmt.num(m, 1),
            fmt.words().interval95,
            fmt.range(lo, hi, 1)
        ),
        _ => format!("{} ({})", fmt.num(s.nps, 1), fmt.words().no_interval),
    }
}

/// "24.5% (95% interval 21.5%–26.7%, 245 / 1,000)", or the rate and why it has no interval.
pub fn rate_detail(fmt: &Fmt, s: &RateStats) -> String {
    match (s.ci95, s.k, s.n) {
        (Some([lo, hi]), Some(k), Some(n)) => format!(
            "{} ({} {}–{}, {} / {})",
            fmt.pct(s.rate, 1),
            fmt.words().interval95,
            fmt.pct(lo, 1),
            fmt.pct(hi, 1),
            fmt.fixed(k, 0),
            fmt.fixed(n, 0)
        ),
        _ => format!("{} ({})", fmt.pct(s.rate, 1), fmt.words().no_interval),
    }
}

/// " pts" / " poin": the unit after a change of a rate.
pub fn pts(fmt: &Fmt) -> String {
    format!(" {}", fmt.words().pts)
}

/// "significant (z = 3.4)", "not significant (z = 1.6)", or in words why there is no test.
pub fn verdict(fmt: &Fmt, c: &Change) -> String {
    let w = fmt.words();
    match (c.significant, c.z) {
        (Some(true), Some(z)) => format!("{} (z = {})", w.significant, fmt.num(z, 1)),
        (Some(false), Some(z)) => format!("{} (z = {})", w.not_significant, fmt.num(z, 1)),
        _ if c.counts => w.no_test_no_variation.to_string(),
        _ => w.no_test.to_string(),
    }
}

/// "+18.4 (95% interval +7.9 to +28.8), significant (z = 3.4)"; `unit` follows each
/// number: "" for NPS, [`pts`] for rates.
pub fn change_detail(fmt: &Fmt, c: &Change, unit: &str) -> String {
    let ci = match c.ci95 {
        Some([lo, hi]) => format!(
            " ({} {}{unit})",
            fmt.words().interval95,
            fmt.signed_range(lo, hi, 1)
        ),
        None => String::new(),
    };
    format!("{}{unit}{ci}, {}", fmt.signed(c.change, 1), verdict(fmt, c))
}

/// "Q2 2023 → Q3 2023: +18.4 (…), significant (z = 3.4)", for after the word "change".
pub fn change_line(fmt: &Fmt, c: &Change, unit: &str) -> String {
    format!(
        "{} → {}: {}",
        fmt.period(&c.from),
        fmt.period(&c.to),
        change_detail(fmt, c, unit)
    )
}

/// Every significant change and the latest one, each with its interval; the data
/// table has them all.
fn changes_sentence(fmt: &Fmt, changes: &[Change], unit: &str) -> Option<String> {
    let last = changes.len().checked_sub(1)?;
    Some(
        changes
            .iter()
            .enumerate()
            .filter(|(i, c)| *i == last || c.significant == Some(true))
            .map(|(_, c)| format!("{} {}", fmt.words().change, change_line(fmt, c, unit)))
            .collect::<Vec<_>>()
            .join("; "),
    )
}

/// "30% (95% interval 25.7%–34.7%, 120 / 400)" for a share of counted answers;
/// "30%" for a percentage, which has no interval to give.
pub fn share_detail(fmt: &Fmt, g: &BreakdownGroupStats, category: usize) -> String {
    let share = g.shares_pct[category];
    match (g.n, &g.ci95_pct) {
        (Some(n), Some(ci)) => rate_detail(
            fmt,
            &RateStats {
                rate: share,
                k: Some(n * share / 100.0),
                n: Some(n),
                ci95: Some(ci[category]),
            },
        ),
        _ => fmt.pct(share, 1),
    }
}

fn nps_short(fmt: &Fmt, s: &NpsStats) -> String {
    match s.moe95 {
        Some(m) => format!("{} ± {}", fmt.num(s.nps, 1), fmt.num(m, 1)),
        None => fmt.num(s.nps, 1),
    }
}

fn nps_sentence(fmt: &Fmt, s: &NpsStats, en: bool) -> String {
    let w = fmt.words();
    let mut out = format!("Net Promoter Score {}", fmt.num(s.nps, 1));
    match (s.moe95, s.ci95) {
        (Some(m), Some([lo, hi])) => out.push_str(&format!(
            " ± {} ({} {})",
            fmt.num(m, 1),
            w.interval95,
            fmt.range(lo, hi, 1)
        )),
        _ => out.push_str(&format!(" ({})", w.no_interval)),
    }
    out.push_str(if en {
        ", on a scale from −100 to +100."
    } else {
        ", pada skala −100 sampai +100."
    });
    if let (Some(p), Some(n), Some(d)) = (s.promoters_pct, s.passives_pct, s.detractors_pct) {
        out.push_str(&format!(
            " {} {}, {} {}, {} {}",
            w.promoters,
            fmt.pct(p, 1),
            w.passives_lower,
            fmt.pct(n, 1),
            w.detractors_lower,
            fmt.pct(d, 1)
        ));
        if let Some(n) = s.n {
            out.push_str(&format!(
                "{} {} {}",
                if en { ", of" } else { ", dari" },
                fmt.fixed(n, 0),
                w.respondents
            ));
        }
        out.push('.');
    }
    out
}

fn rate_interval(fmt: &Fmt, ci: Option<[f64; 2]>) -> String {
    match ci {
        Some([lo, hi]) => format!(
            " ({} {}–{})",
            fmt.words().interval95,
            fmt.pct(lo, 1),
            fmt.pct(hi, 1)
        ),
        None => format!(" ({})", fmt.words().no_interval),
    }
}

fn end(s: &str) -> String {
    let s = s.trim();
    if s.is_empty() || s.ends_with(['.', '!', '?']) {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

/// Rows of a trend table: period, figure, and the change from the period before
/// ("–" for the first).
fn trend_rows<'a>(
    fmt: &Fmt,
    periods: impl Iterator<Item = &'a str>,
    cells: impl Iterator<Item = String>,
    changes: &[Change],
    unit: &str,
) -> Vec<Vec<String>> {
    let changes =
        std::iter::once("–".to_string()).chain(changes.iter().map(|c| change_detail(fmt, c, unit)));
    periods
        .zip(cells)
        .zip(changes)
        .map(|((p, cell), change)| vec![fmt.period(p), cell, change])
        .collect()
}

/// The chart's figures as a table for screen readers: column headers (the first
/// names the row headers' column) and rows whose first cell is a row header.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// The table as JSON, `{"caption":…,"headers":[…],"rows":[[…]]}`.
    pub fn to_json(&self) -> String {
        use crate::spec::json::{quote, quote_all};
        let mut out = String::from("{\"caption\":");
        quote(&mut out, &self.caption);
        out.push_str(",\"headers\":");
        quote_all(&mut out, &self.headers);
        out.push_str(",\"rows\":[");
        for (i, row) in self.rows.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            quote_all(&mut out, row);
        }
        out.push_str("]}");
        out
    }
}

pub fn table(spec: &Spec) -> Table {
    let fmt = Fmt::new(spec.locale);
    let w = fmt.words();
    let pair = |a: &str, b: String| vec![a.to_string(), b];
    let (headers, rows): (Vec<String>, Vec<Vec<String>>) = match &spec.chart {
        Chart::Nps { data, .. } => {
            let mut rows = Vec::new();
            if let Some(s) = nps_stats(data) {
                let groups = [
                    (w.promoters, s.promoters_pct),
                    (w.passives, s.passives_pct),
                    (w.detractors, s.detractors_pct),
                ];
                for (name, pct) in groups {
                    if let Some(pct) = pct {
                        let count =
                            s.n.map(|n| {
                                format!(
                                    " ({} / {})",
                                    fmt.fixed(n * pct / 100.0, 0),
                                    fmt.fixed(n, 0)
                                )
                            })
                            .unwrap_or_default();
                        rows.push(pair(name, format!("{}{count}", fmt.pct(pct, 1))));
                    }
                }
                rows.push(pair("NPS", nps_detail(&fmt, &s)));
            }
            (vec![w.group.into(), w.value.into()], rows)
        }
        Chart::NpsTrend { data } => {
            let rows = nps_trend_stats(data)
                .map(|t| {
                    let cells = t.points.iter().map(|p| nps_detail(&fmt, &p.stats));
                    let periods = t.points.iter().map(|p| p.period.as_str());
                    trend_rows(&fmt, periods, cells, &t.changes, "")
                })
                .unwrap_or_default();
            (
                vec![w.period.into(), "NPS".into(), w.change_heading.into()],
                rows,
            )
        }
        Chart::Employment { data, .. } => match data {
            EmploymentData::Rate(f) => {
                let label = f.label.as_deref().unwrap_or(w.employed);
                let rows = rate_stats(&f.value)
                    .map(|r| {
                        vec![pair(
                            f.period.as_deref().unwrap_or(label),
                            rate_detail(&fmt, &r),
                        )]
                    })
                    .unwrap_or_default();
                (vec![w.period.into(), label.into()], rows)
            }
            EmploymentData::Trend(points) => {
                let rows = rate_trend_stats(points)
                    .map(|(stats, changes)| {
                        let cells = stats.iter().map(|p| rate_detail(&fmt, &p.stats));
                        let periods = stats.iter().map(|p| p.period.as_str());
                        trend_rows(&fmt, periods, cells, &changes, &pts(&fmt))
                    })
                    .unwrap_or_default();
                (
                    vec![w.period.into(), w.employed.into(), w.change_heading.into()],
                    rows,
                )
            }
            EmploymentData::Breakdown(b) => {
                let mut headers = vec![w.group.to_string()];
                headers.extend(b.categories.iter().cloned());
                let rows = breakdown_stats(b)
                    .iter()
                    .map(|g| {
                        let mut row = vec![g.label.clone()];
                        row.extend((0..g.shares_pct.len()).map(|ci| share_detail(&fmt, g, ci)));
                        row
                    })
                    .collect();
                (headers, rows)
            }
        },
        Chart::Bar { data, unit } | Chart::Line { data, unit } | Chart::Donut { data, unit } => {
            let (_, items) = item_stats(data);
            let unit = unit.as_deref().unwrap_or("");
            let rows = items
                .iter()
                .map(|i| {
                    vec![
                        i.label.clone(),
                        crate::render::with_unit(&fmt.num(i.value, 2), unit),
                        fmt.pct(i.share_pct, 1),
                    ]
                })
                .collect();
            (vec![w.group.into(), w.value.into(), w.share.into()], rows)
        }
        Chart::Kpi { data } => {
            let figure = format!(
                "{}{}{}",
                data.prefix.as_deref().unwrap_or(""),
                fmt.num(data.value, 2),
                data.suffix.as_deref().unwrap_or("")
            );
            let label = data.label.as_deref().unwrap_or(w.value);
            (
                vec![w.group.into(), w.value.into()],
                vec![pair(label, figure)],
            )
        }
    };
    Table {
        caption: spec.title.clone().unwrap_or_else(|| w.score.to_string()),
        headers,
        rows,
    }
}
