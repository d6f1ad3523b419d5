//! The text a screen reader says for a chart, in the chart's language: the
//! figures the chart shows, with their uncertainty where it is known.

use crate::locale::Fmt;
use crate::spec::{Chart, EmploymentData, Locale, Spec};
use crate::stats::{
    breakdown_stats, item_stats, nps_stats, nps_trend_stats, rate_stats, NpsStats, RateStats,
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
            if let Some(c) = t.changes.last() {
                let verdict = match c.significant {
                    Some(true) => fmt.words().significant,
                    Some(false) => fmt.words().not_significant,
                    None => fmt.words().no_test,
                };
                out.push(format!(
                    "{} {} → {}: {}, {verdict}",
                    fmt.words().change,
                    fmt.period(&c.from),
                    fmt.period(&c.to),
                    fmt.signed(c.change, 1)
                ));
            }
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
            EmploymentData::Trend(points) => end(&points
                .iter()
                .filter_map(|p| {
                    rate_stats(&p.value).map(|r| {
                        format!(
                            "{}: {}{}",
                            fmt.period(&p.period),
                            fmt.pct(r.rate, 1),
                            rate_interval(&fmt, r.ci95)
                        )
                    })
                })
                .collect::<Vec<_>>()
                .join("; ")),
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
                    t.points
                        .iter()
                        .map(|p| pair(&fmt.period(&p.period), nps_detail(&fmt, &p.stats)))
                        .collect()
                })
                .unwrap_or_default();
            (vec![w.period.into(), "NPS".into()], rows)
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
                let rows = points
                    .iter()
                    .filter_map(|p| {
                        rate_stats(&p.value)
                            .map(|r| pair(&fmt.period(&p.period), rate_detail(&fmt, &r)))
                    })
                    .collect();
                (vec![w.period.into(), w.employed.into()], rows)
            }
            EmploymentData::Breakdown(b) => {
                let mut headers = vec![w.group.to_string()];
                headers.extend(b.categories.iter().cloned());
                let rows = breakdown_stats(b)
                    .iter()
                    .map(|g| {
                        let mut row = vec![g.label.clone()];
                        row.extend(g.shares_pct.iter().map(|s| match g.n {
                            Some(n) => {
                                format!("{} ({})", fmt.pct(*s, 1), fmt.fixed(n * s / 100.0, 0))
                            }
                            None => fmt.pct(*s, 1),
                        }));
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
