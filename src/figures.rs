//! The figures of one chart, computed once from [`crate::stats`] and written once
//! in the chart's language. The chart's labels, its tooltips, the screen-reader
//! summary and the data table all read them, so that a figure reads the same
//! wherever it appears and each piece of text is built by one function.
//!
//! Text is put together with [`cat`] and [`push`] rather than `format!`: one
//! non-generic loop in the wasm instead of a formatting call at every site.

use crate::locale::Fmt;
use crate::spec::{Breakdown, Chart, EmploymentData, Item, NpsData, Spec};
use crate::stats::{
    breakdown_stats, item_stats, nps_stats, nps_trend_stats, rate_stats, rate_trend_stats, Change,
    NpsStats, RateStats,
};

/// `parts` joined into one string.
pub fn cat(parts: &[&str]) -> String {
    let mut out = String::new();
    push(&mut out, parts);
    out
}

/// Appends `parts` to `out`.
pub fn push(out: &mut String, parts: &[&str]) {
    for part in parts {
        out.push_str(part);
    }
}

/// Appends `items` to `out`, `sep` between them.
pub fn push_joined<'a>(out: &mut String, items: impl IntoIterator<Item = &'a str>, sep: &str) {
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(item);
    }
}

/// Adds a full stop unless `s` ends a sentence already.
pub fn end_sentence(s: &mut String) {
    if !s.ends_with(['.', '!', '?']) {
        s.push('.');
    }
}

/// A number with its unit: "24%", "480 kinds", "1,200" (a unit other than % takes a space).
pub fn amount(fmt: &Fmt, value: f64, unit: &str) -> String {
    with_unit(fmt.num(value, 2), unit)
}

/// `number` followed by `unit`, as [`amount`] writes it.
pub fn with_unit(mut number: String, unit: &str) -> String {
    if !unit.is_empty() && unit != "%" {
        number.push(' ');
    }
    number.push_str(unit);
    number
}

/// " (95% interval 21.5%–26.7%)", or " (published figure; no margin of error)".
pub fn push_interval(out: &mut String, fmt: &Fmt, interval: Option<&str>) {
    push(
        out,
        &[" (", interval.unwrap_or(fmt.words().no_interval), ")"],
    );
}

/// A percentage: a rate, or a share of a group or of a whole.
#[derive(Debug, Clone, PartialEq)]
pub struct Pct {
    pub value: f64,
    /// Wilson interval in percent, where counts are known.
    pub ci: Option<[f64; 2]>,
    /// "24.5%".
    pub text: String,
    /// "25%": inside a segment or a slice, over a column, where room is short.
    pub short: String,
    /// "95% interval 21.5%–26.7%".
    pub interval: Option<String>,
    /// "245 / 1,000".
    pub count: Option<String>,
    /// "24.5% (95% interval 21.5%–26.7%, 245 / 1,000)", with only what is known:
    /// "50% (500 / 1,000)", "30%".
    pub detail: String,
}

impl Pct {
    /// `value` percent, with its interval and its count `k` of `n` where known.
    pub fn new(fmt: &Fmt, value: f64, ci: Option<[f64; 2]>, count: Option<(f64, f64)>) -> Pct {
        let text = fmt.pct(value, 1);
        let interval = ci.map(|[lo, hi]| {
            cat(&[
                fmt.words().interval95,
                " ",
                &fmt.pct(lo, 1),
                "–",
                &fmt.pct(hi, 1),
            ])
        });
        let count = count.map(|(k, n)| cat(&[&fmt.fixed(k, 0), " / ", &fmt.fixed(n, 0)]));
        let mut detail = text.clone();
        match (&interval, &count) {
            (Some(i), Some(c)) => push(&mut detail, &[" (", i, ", ", c, ")"]),
            (Some(x), None) | (None, Some(x)) => push(&mut detail, &[" (", x, ")"]),
            (None, None) => {}
        }
        Pct {
            value,
            ci,
            short: fmt.pct(value, 0),
            text,
            interval,
            count,
            detail,
        }
    }

    /// A rate: a published one says in its detail why it has no interval.
    pub fn rate(fmt: &Fmt, s: &RateStats) -> Pct {
        let mut pct = Pct::new(fmt, s.rate, s.ci95, s.k.zip(s.n));
        if pct.interval.is_none() {
            push_interval(&mut pct.detail, fmt, None);
        }
        pct
    }

    /// " (95% interval 21.5%–26.7%)", or why there is none.
    pub fn push_interval(&self, out: &mut String, fmt: &Fmt) {
        push_interval(out, fmt, self.interval.as_deref());
    }
}

/// A Net Promoter Score with its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    pub stats: NpsStats,
    /// "33".
    pub text: String,
    /// "± 4.6", where counts are known.
    pub moe: Option<String>,
    /// "95% interval 28.3 to 37.5", where counts are known.
    pub interval: Option<String>,
    /// "1,000": the respondents, where counted.
    pub n: Option<String>,
    /// "± 4.6 (95%, n = 1,000)": the margin and the sample it comes from.
    pub margin: Option<String>,
    /// "33 ± 4.6 (95% interval 28.3 to 37.5)", or "33 (published figure; no margin of error)".
    pub detail: String,
    /// "33 ± 4.6", or "33".
    pub brief: String,
}

impl Score {
    pub fn new(fmt: &Fmt, stats: NpsStats) -> Score {
        let text = fmt.num(stats.nps, 1);
        let n = stats.n.map(|n| fmt.fixed(n, 0));
        let (moe, interval, margin) = match (stats.moe95, stats.ci95, &n) {
            (Some(m), Some([lo, hi]), Some(n)) => {
                let moe = cat(&["± ", &fmt.num(m, 1)]);
                let interval = cat(&[fmt.words().interval95, " ", &fmt.range(lo, hi, 1)]);
                let margin = cat(&[&moe, " (95%, n = ", n, ")"]);
                (Some(moe), Some(interval), Some(margin))
            }
            _ => (None, None, None),
        };
        let mut brief = text.clone();
        if let Some(m) = &moe {
            push(&mut brief, &[" ", m]);
        }
        let mut detail = brief.clone();
        push_interval(&mut detail, fmt, interval.as_deref());
        Score {
            stats,
            text,
            moe,
            interval,
            n,
            margin,
            detail,
            brief,
        }
    }
}

/// One NPS survey.
#[derive(Debug, Clone, PartialEq)]
pub struct Nps {
    pub score: Score,
    /// Promoters, passives, detractors, where the shares are known; each with its
    /// count where the sample size is.
    pub groups: Option<[Pct; 3]>,
    /// Each answer's share, 0 to 10, with its count, for the scores form.
    pub answers: Vec<Pct>,
}

impl Nps {
    pub fn new(fmt: &Fmt, data: &NpsData) -> Option<Nps> {
        let stats = nps_stats(data)?;
        let groups = match (
            stats.promoters_pct,
            stats.passives_pct,
            stats.detractors_pct,
        ) {
            (Some(p), Some(m), Some(d)) => {
                let share =
                    |pct: f64| Pct::new(fmt, pct, None, stats.n.map(|n| (n * pct / 100.0, n)));
                Some([share(p), share(m), share(d)])
            }
            _ => None,
        };
        let mut answers = Vec::new();
        if let NpsData::Scores { scores } = data {
            let n = scores.iter().sum::<u64>() as f64;
            for &c in scores {
                let c = c as f64;
                answers.push(Pct::new(fmt, 100.0 * c / n, None, Some((c, n))));
            }
        }
        Some(Nps {
            score: Score::new(fmt, stats),
            groups,
            answers,
        })
    }

    /// The groups' names in the order of [`Nps::groups`].
    pub fn group_names(fmt: &Fmt) -> [&'static str; 3] {
        let w = fmt.words();
        [w.promoters, w.passives, w.detractors]
    }
}

/// One period of a trend.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// "Q2 2023", in the chart's language.
    pub period: String,
    pub value: f64,
    /// The 95% interval drawn as a band, where counts are known.
    pub band: Option<[f64; 2]>,
    /// "29.3", "24.6%": the label on the point.
    pub text: String,
    /// "29.3 ± 7.8", "24.6% (95% interval 20.7%–29%)": what the summary says.
    pub brief: String,
    /// "29.3 ± 7.8 (95% interval 21.3 to 36.8)", "24.6% (95% interval 20.7%–29%, 101 / 410)".
    pub detail: String,
}

/// The change between two consecutive periods.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// Tested and more than noise: |z| > 1.96.
    pub significant: bool,
    /// "+18", "+2.8": the label on the segment.
    pub text: String,
    /// "Q2 2023 → Q3 2023: +18.4 (95% interval +7.9 to +28.8), significant (z = 3.4)".
    pub line: String,
    /// Where [`Step::detail`] starts in `line`.
    detail_at: usize,
}

impl Step {
    /// `unit` follows each number ("" for NPS, " pts" for rates); the label has `decimals`.
    fn new(fmt: &Fmt, c: &Change, unit: &str, decimals: usize) -> Step {
        let w = fmt.words();
        let mut line = cat(&[&fmt.period(&c.from), " → ", &fmt.period(&c.to), ": "]);
        let detail_at = line.len();
        push(&mut line, &[&fmt.signed(c.change, 1), unit]);
        if let Some([lo, hi]) = c.ci95 {
            push(
                &mut line,
                &[
                    " (",
                    w.interval95,
                    " ",
                    &fmt.signed_range(lo, hi, 1),
                    unit,
                    ")",
                ],
            );
        }
        line.push_str(", ");
        match (c.significant, c.z) {
            (Some(significant), Some(z)) => push(
                &mut line,
                &[
                    if significant {
                        w.significant
                    } else {
                        w.not_significant
                    },
                    " (z = ",
                    &fmt.num(z, 1),
                    ")",
                ],
            ),
            _ if c.counts => line.push_str(w.no_test_no_variation),
            _ => line.push_str(w.no_test),
        }
        Step {
            text: fmt.signed(c.change, decimals),
            significant: c.significant == Some(true),
            line,
            detail_at,
        }
    }

    /// Appends `sep`, then "change Q2 2023 → Q3 2023: …" as a tooltip and the summary say it.
    pub fn push_said(&self, out: &mut String, fmt: &Fmt, sep: &str) {
        push(out, &[sep, fmt.words().change, " ", &self.line]);
    }

    /// "+18.4 (95% interval +7.9 to +28.8), significant (z = 3.4)".
    pub fn detail(&self) -> &str {
        // `get`, not indexing: a slice that can panic brings core's panic message
        // formatting (Unicode tables, escaping) into the wasm, about 4 KB.
        self.line.get(self.detail_at..).unwrap_or_default()
    }
}

/// Periods and the changes between them.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    pub points: Vec<Point>,
    pub changes: Vec<Step>,
}

impl Trend {
    fn nps(fmt: &Fmt, data: &[crate::spec::NpsPoint]) -> Option<Trend> {
        let t = nps_trend_stats(data)?;
        let mut points = Vec::with_capacity(t.points.len());
        for p in &t.points {
            let s = Score::new(fmt, p.stats);
            points.push(Point {
                period: fmt.period(&p.period),
                value: s.stats.nps,
                band: s.stats.ci95,
                text: s.text,
                brief: s.brief,
                detail: s.detail,
            });
        }
        Some(Trend::with(fmt, points, &t.changes, "", 0))
    }

    fn rate(fmt: &Fmt, data: &[crate::spec::RatePoint]) -> Option<Trend> {
        let (stats, changes) = rate_trend_stats(data)?;
        let mut points = Vec::with_capacity(stats.len());
        for p in &stats {
            let r = Pct::rate(fmt, &p.stats);
            let mut brief = r.text.clone();
            r.push_interval(&mut brief, fmt);
            points.push(Point {
                period: fmt.period(&p.period),
                value: r.value,
                band: r.ci,
                text: r.text,
                brief,
                detail: r.detail,
            });
        }
        Some(Trend::with(fmt, points, &changes, &pts(fmt), 1))
    }

    /// The points and their changes, as [`Step::new`] writes them.
    fn with(
        fmt: &Fmt,
        points: Vec<Point>,
        changes: &[Change],
        unit: &str,
        decimals: usize,
    ) -> Trend {
        let mut steps = Vec::with_capacity(changes.len());
        for c in changes {
            steps.push(Step::new(fmt, c, unit, decimals));
        }
        Trend {
            points,
            changes: steps,
        }
    }
}

/// " pts" / " poin": the unit after a change of a rate.
pub fn pts(fmt: &Fmt) -> String {
    cat(&[" ", fmt.words().pts])
}

/// A rate with what it counts: the employment KPI.
#[derive(Debug, Clone, PartialEq)]
pub struct Rate {
    pub rate: Pct,
    /// The spec's label, or the word for "employed".
    pub label: String,
    pub period: Option<String>,
}

/// One group of a breakdown: its shares in the order of the categories.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub label: String,
    /// "400": respondents in the group, when the values are counts.
    pub n: Option<String>,
    pub shares: Vec<Pct>,
}

/// Outcomes per group.
#[derive(Debug, Clone, PartialEq)]
pub struct Groups {
    pub categories: Vec<String>,
    pub groups: Vec<Group>,
}

impl Groups {
    fn new(fmt: &Fmt, b: &Breakdown) -> Groups {
        let mut groups = Vec::with_capacity(b.groups.len());
        for g in &breakdown_stats(b) {
            let mut shares = Vec::with_capacity(g.shares_pct.len());
            for (i, &share) in g.shares_pct.iter().enumerate() {
                let ci = g.ci95_pct.as_ref().map(|c| c[i]);
                // A count only beside its interval: a group of no answers has neither.
                let count = ci.and(g.n).map(|n| (n * share / 100.0, n));
                shares.push(Pct::new(fmt, share, ci, count));
            }
            groups.push(Group {
                n: g.n.map(|n| fmt.fixed(n, 0)),
                label: g.label.clone(),
                shares,
            });
        }
        Groups {
            categories: b.categories.clone(),
            groups,
        }
    }
}

/// One item of a bar, line or donut chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Amount {
    pub label: String,
    pub value: f64,
    /// "1,200 people".
    pub text: String,
    /// Its share of the total.
    pub share: Pct,
    /// "Jan: 1,200 people"; a donut's adds the share: "Jan: 1,200 people (12%)".
    pub line: String,
}

/// Generic items, with their total.
#[derive(Debug, Clone, PartialEq)]
pub struct Amounts {
    pub total: f64,
    /// The total with its unit.
    pub total_text: String,
    pub items: Vec<Amount>,
}

impl Amounts {
    fn new(fmt: &Fmt, data: &[Item], unit: &str, donut: bool) -> Amounts {
        let (total, stats) = item_stats(data);
        let mut items = Vec::with_capacity(stats.len());
        for i in &stats {
            let text = amount(fmt, i.value, unit);
            let share = Pct::new(fmt, i.share_pct, None, None);
            let mut line = cat(&[&i.label, ": ", &text]);
            if donut {
                push(&mut line, &[" (", &share.text, ")"]);
            }
            items.push(Amount {
                label: i.label.clone(),
                value: i.value,
                text,
                share,
                line,
            });
        }
        Amounts {
            total,
            total_text: amount(fmt, total, unit),
            items,
        }
    }
}

/// A plain KPI value.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    /// "Rp 1,284+": prefix, number, suffix.
    pub text: String,
    pub label: Option<String>,
}

/// Everything a chart states, by chart kind.
#[derive(Debug, Clone, PartialEq)]
// One per chart, built once and read in place: the size of its largest variant costs nothing.
#[allow(clippy::large_enum_variant)]
pub enum Figures {
    Nps(Nps),
    NpsTrend(Trend),
    Rate(Rate),
    RateTrend(Trend),
    Breakdown(Groups),
    Items(Amounts),
    Value(Value),
}

impl Figures {
    /// The figures of a validated spec; `None` when there is nothing to compute from.
    pub fn of(spec: &Spec) -> Option<Figures> {
        let fmt = &Fmt::new(spec.locale);
        Some(match &spec.chart {
            Chart::Nps { data, .. } => Figures::Nps(Nps::new(fmt, data)?),
            Chart::NpsTrend { data } => Figures::NpsTrend(Trend::nps(fmt, data)?),
            Chart::Employment { data, .. } => match data {
                EmploymentData::Rate(f) => Figures::Rate(Rate {
                    rate: Pct::rate(fmt, &rate_stats(&f.value)?),
                    label: f
                        .label
                        .clone()
                        .unwrap_or_else(|| fmt.words().employed.into()),
                    period: f.period.clone(),
                }),
                EmploymentData::Trend(points) => Figures::RateTrend(Trend::rate(fmt, points)?),
                EmploymentData::Breakdown(b) => Figures::Breakdown(Groups::new(fmt, b)),
            },
            Chart::Bar { data, unit }
            | Chart::Line { data, unit }
            | Chart::Donut { data, unit } => {
                let donut = matches!(spec.chart, Chart::Donut { .. });
                let unit = unit.as_deref().unwrap_or("");
                Figures::Items(Amounts::new(fmt, data, unit, donut))
            }
            Chart::Kpi { data } => Figures::Value(Value {
                text: cat(&[
                    data.prefix.as_deref().unwrap_or(""),
                    &fmt.num(data.value, 2),
                    data.suffix.as_deref().unwrap_or(""),
                ]),
                label: data.label.clone(),
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::Locale;
    use crate::stats::{nps_from_counts, wilson95};

    #[test]
    fn each_fragment_reads_as_the_reader_sees_it() {
        let en = &Fmt::new(Locale::EnUs);
        let id = &Fmt::new(Locale::IdId);
        // 120 of 400: Wilson [25.72, 34.65].
        let share = Pct::new(en, 30.0, wilson95(120.0, 400.0), Some((120.0, 400.0)));
        assert_eq!(share.detail, "30% (95% interval 25.7%–34.7%, 120 / 400)");
        assert_eq!(share.interval.as_deref(), Some("95% interval 25.7%–34.7%"));
        assert_eq!(
            Pct::new(en, 50.0, None, Some((500.0, 1000.0))).detail,
            "50% (500 / 1,000)"
        );
        let plain = Pct::new(id, 33.5, None, None);
        assert_eq!(
            (plain.text.as_str(), plain.short.as_str()),
            ("33,5%", "34%")
        );
        assert_eq!(plain.detail, "33,5%");
        let published = RateStats {
            rate: 24.0,
            k: None,
            n: None,
            ci95: None,
        };
        assert_eq!(
            Pct::rate(id, &published).detail,
            "24% (angka terbitan; tanpa margin galat)"
        );

        // 500/330/170: NPS 33, V = 10⁴·(.67 − .33²)/1000 = 5.611, z·√V = 4.64.
        let s = Score::new(en, nps_from_counts(500.0, 330.0, 170.0).unwrap());
        assert_eq!(s.detail, "33 ± 4.6 (95% interval 28.3 to 37.5)");
        assert_eq!(s.brief, "33 ± 4.6");
        assert_eq!(s.margin.as_deref(), Some("± 4.6 (95%, n = 1,000)"));

        let c = Change {
            from: "2023-Q2".into(),
            to: "2023-Q3".into(),
            change: 18.350755,
            z: Some(3.437485),
            significant: Some(true),
            ci95: Some([7.887635, 28.813875]),
            counts: true,
        };
        let step = Step::new(en, &c, "", 0);
        assert_eq!(step.text, "+18");
        assert!(step.significant);
        assert_eq!(
            step.line,
            "Q2 2023 → Q3 2023: +18.4 (95% interval +7.9 to +28.8), significant (z = 3.4)"
        );
        assert_eq!(
            step.detail(),
            "+18.4 (95% interval +7.9 to +28.8), significant (z = 3.4)"
        );
        let mut said = String::from("x");
        step.push_said(&mut said, en, "; ");
        assert_eq!(said, format!("x; change {}", step.line));
        // A published side: no interval, and the verdict says why there is no test.
        let untested = Change {
            z: None,
            significant: None,
            ci95: None,
            counts: false,
            change: 6.0,
            ..c
        };
        let step = Step::new(id, &untested, &pts(id), 1);
        assert_eq!(step.text, "+6,0");
        assert_eq!(
            step.detail(),
            "+6,0 poin, tanpa uji: angka terbitan tidak punya margin galat"
        );
    }
}
