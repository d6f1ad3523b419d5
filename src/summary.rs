//! The text a screen reader says for a chart, in the chart's language, and the
//! chart's figures as a table: both read the chart's [`Figures`].

use crate::figures::{end_sentence, push, push_joined, Figures, Nps, Trend};
use crate::locale::Fmt;
use crate::spec::{Chart, EmploymentData, Locale, Spec};

/// One paragraph describing `spec`'s chart.
pub fn summary(spec: &Spec) -> String {
    summary_of(spec, Figures::of(spec).as_ref())
}

/// [`summary`] from figures already computed.
pub fn summary_of(spec: &Spec, figures: Option<&Figures>) -> String {
    let fmt = &Fmt::new(spec.locale);
    let w = fmt.words();
    let mut out = String::new();
    if let Some(t) = &spec.title {
        sentence(&mut out, t);
    }
    let mut body = String::new();
    match figures {
        Some(Figures::Nps(f)) => {
            let s = &f.score;
            let scale = if spec.locale == Locale::EnUs {
                ", on a scale from −100 to +100."
            } else {
                ", pada skala −100 sampai +100."
            };
            push(&mut body, &["Net Promoter Score ", &s.detail, scale]);
            if let Some(g) = &f.groups {
                push(
                    &mut body,
                    &[
                        " ",
                        w.promoters,
                        " ",
                        &g[0].text,
                        ", ",
                        w.passives_lower,
                        " ",
                        &g[1].text,
                        ", ",
                        w.detractors_lower,
                        " ",
                        &g[2].text,
                    ],
                );
                if let Some(n) = &s.n {
                    let of = if spec.locale == Locale::EnUs {
                        ", of "
                    } else {
                        ", dari "
                    };
                    push(&mut body, &[of, n, " ", w.respondents]);
                }
                body.push('.');
            }
        }
        Some(Figures::NpsTrend(t)) => {
            body.push_str("Net Promoter Score. ");
            trend_sentence(&mut body, fmt, t);
        }
        Some(Figures::RateTrend(t)) => trend_sentence(&mut body, fmt, t),
        Some(Figures::Rate(r)) => {
            push(&mut body, &[&r.rate.text, " ", &r.label]);
            if let Some(p) = &r.period {
                push(&mut body, &[", ", p]);
            }
            r.rate.push_interval(&mut body, fmt);
        }
        Some(Figures::Breakdown(b)) => {
            for (i, g) in b.groups.iter().enumerate() {
                push(&mut body, &[if i > 0 { "; " } else { "" }, &g.label, ": "]);
                for (j, (c, share)) in b.categories.iter().zip(&g.shares).enumerate() {
                    push(
                        &mut body,
                        &[if j > 0 { ", " } else { "" }, c, " ", &share.text],
                    );
                }
            }
        }
        Some(Figures::Items(a)) => {
            push_joined(&mut body, a.items.iter().map(|i| i.line.as_str()), "; ")
        }
        Some(Figures::Value(v)) => {
            body.push_str(&v.text);
            if let Some(l) = &v.label {
                push(&mut body, &[" ", l]);
            }
        }
        None => {}
    }
    sentence(&mut out, &body);
    if let Some(s) = &spec.source {
        sentence(&mut out, &fmt.source_line(s));
    }
    out
}

/// "Q1 2023: 20 ± 8; …", then every significant change and the latest one, each with
/// its interval; the data table has them all.
fn trend_sentence(out: &mut String, fmt: &Fmt, t: &Trend) {
    for (i, p) in t.points.iter().enumerate() {
        push(
            out,
            &[if i > 0 { "; " } else { "" }, &p.period, ": ", &p.brief],
        );
    }
    let last = t.changes.len().wrapping_sub(1);
    for (i, c) in t.changes.iter().enumerate() {
        if i == last || c.significant {
            c.push_said(out, fmt, "; ");
        }
    }
}

/// Appends `s`, trimmed, as a sentence: after a space, ending in a full stop unless
/// it ends one already.
fn sentence(out: &mut String, s: &str) {
    let s = s.trim();
    if s.is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(s);
    end_sentence(out);
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
    table_of(spec, Figures::of(spec).as_ref())
}

/// [`table`] from figures already computed.
pub fn table_of(spec: &Spec, figures: Option<&Figures>) -> Table {
    let fmt = &Fmt::new(spec.locale);
    let w = fmt.words();
    let strings = |names: &[&str]| {
        let mut out = Vec::with_capacity(names.len());
        for n in names {
            out.push(n.to_string());
        }
        out
    };
    let headers = match &spec.chart {
        Chart::Nps { .. } | Chart::Kpi { .. } => strings(&[w.group, w.value]),
        Chart::NpsTrend { .. } => strings(&[w.period, "NPS", w.change_heading]),
        Chart::Employment { data, .. } => match data {
            EmploymentData::Rate(f) => {
                strings(&[w.period, f.label.as_deref().unwrap_or(w.employed)])
            }
            EmploymentData::Trend(_) => strings(&[w.period, w.employed, w.change_heading]),
            EmploymentData::Breakdown(b) => {
                let mut h = strings(&[w.group]);
                for c in &b.categories {
                    h.push(c.clone());
                }
                h
            }
        },
        Chart::Bar { .. } | Chart::Line { .. } | Chart::Donut { .. } => {
            strings(&[w.group, w.value, w.share])
        }
    };
    let mut rows = Vec::new();
    match figures {
        Some(Figures::Nps(f)) => {
            if let Some(g) = &f.groups {
                for (name, share) in Nps::group_names(fmt).iter().zip(g) {
                    rows.push(strings(&[name, &share.detail]));
                }
            }
            rows.push(strings(&["NPS", &f.score.detail]));
        }
        Some(Figures::NpsTrend(t) | Figures::RateTrend(t)) => {
            for (i, p) in t.points.iter().enumerate() {
                let change = match i.checked_sub(1).and_then(|j| t.changes.get(j)) {
                    Some(c) => c.detail(),
                    None => "–",
                };
                rows.push(strings(&[&p.period, &p.detail, change]));
            }
        }
        Some(Figures::Rate(r)) => {
            let head = r.period.as_deref().unwrap_or(&r.label);
            rows.push(strings(&[head, &r.rate.detail]));
        }
        Some(Figures::Breakdown(b)) => {
            for g in &b.groups {
                let mut row = vec![g.label.clone()];
                for share in &g.shares {
                    row.push(share.detail.clone());
                }
                rows.push(row);
            }
        }
        Some(Figures::Items(a)) => {
            // With values of both signs no item is a share of a whole: say so with a dash.
            let mixed = a.items.iter().any(|i| i.value < 0.0);
            for i in &a.items {
                let share = if mixed { "–" } else { &i.share.text };
                rows.push(strings(&[&i.label, &i.text, share]));
            }
        }
        Some(Figures::Value(v)) => {
            rows.push(strings(&[v.label.as_deref().unwrap_or(w.value), &v.text]));
        }
        None => {}
    }
    Table {
        caption: spec.title.clone().unwrap_or_else(|| {
            match &spec.chart {
                Chart::Nps { .. } | Chart::NpsTrend { .. } => w.score,
                _ => w.figures,
            }
            .to_string()
        }),
        headers,
        rows,
    }
}
