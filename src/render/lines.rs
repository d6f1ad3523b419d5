//! Line charts over periods: the NPS trend (with its interval band and each
//! change tested), the employment-rate trend (with Wilson bands), and the
//! generic line. They share one plotting routine.

use super::frame::TypeScale;
use super::{Align, Painter, Rect};
use crate::figures::{amount, cat, push, Amounts, Step, Trend};
use crate::locale::Fmt;
use crate::spec::NpsPoint;

/// A plot's height, with `foot_lines` of footnote under it, when the chart takes its
/// natural height: plots fill what they are given.
fn preferred_height(width: f64, foot_lines: usize) -> f64 {
    let s = TypeScale::for_width(width);
    (width * 0.42).clamp(170.0, 340.0) + s.label * 1.2 + s.small * 1.4 * foot_lines as f64
}

/// A value axis: its range and where the gridlines go.
pub struct Axis {
    pub lo: f64,
    pub hi: f64,
    pub ticks: Vec<f64>,
}

impl Axis {
    /// A fixed axis, as NPS needs (−100 to +100 always).
    pub fn fixed(lo: f64, hi: f64, step: f64) -> Axis {
        let n = ((hi - lo) / step).round() as usize;
        let mut ticks = Vec::with_capacity(n + 1);
        for i in 0..=n {
            ticks.push(lo + step * i as f64);
        }
        Axis { lo, hi, ticks }
    }

    /// Round gridlines covering `lo..=hi`, about five of them.
    pub fn nice(lo: f64, hi: f64) -> Axis {
        let (lo, hi) = if hi - lo < 1e-9 {
            (
                lo - 1.0_f64.max(lo.abs() * 0.1),
                hi + 1.0_f64.max(hi.abs() * 0.1),
            )
        } else {
            (lo, hi)
        };
        let raw = (hi - lo) / 4.0;
        // The power of ten at or below `raw`, found without libm's pow and log10.
        let mut mag = 1.0;
        while mag > raw {
            mag /= 10.0;
        }
        while mag * 10.0 <= raw {
            mag *= 10.0;
        }
        let step = [1.0, 2.0, 2.5, 5.0, 10.0]
            .iter()
            .map(|m| m * mag)
            .find(|s| *s >= raw)
            .unwrap_or(10.0 * mag);
        let start = (lo / step).floor() * step;
        let end = (hi / step).ceil() * step;
        Axis::fixed(start, end, step)
    }

    fn y(&self, v: f64, top: f64, bottom: f64) -> f64 {
        bottom - (v - self.lo) / (self.hi - self.lo) * (bottom - top)
    }
}

/// One point to plot, already in the chart's units.
struct Pt<'a> {
    /// Under the axis: the period or the item's label.
    label: &'a str,
    value: f64,
    /// The label on the point.
    text: &'a str,
    band: Option<[f64; 2]>,
    note: Option<&'a str>,
    /// What its tooltip says.
    tip: String,
}

/// One series to plot.
struct Series<'a> {
    points: Vec<Pt<'a>>,
    /// A unit other than % to name once on the top gridline instead of on every one.
    unit: Option<&'a str>,
}

/// Where each point landed, for annotations drawn afterwards.
struct Plotted {
    points: Vec<(f64, f64)>,
    /// The box of each value label drawn, so that later text can keep clear of it.
    labels: Vec<Rect>,
}

/// Plots `series` in `area`; `value_text` formats the ticks as the point labels are.
fn plot(
    p: &mut Painter,
    area: Rect,
    axis: &Axis,
    series: &Series,
    value_text: &dyn Fn(&Fmt, f64) -> String,
) -> Plotted {
    let s = TypeScale::for_width(area.w);
    let t = p.theme;
    let fmt = p.fmt;
    // The unit once, on the top gridline (newsroom style); bare numbers below it.
    let top = axis.ticks.len().saturating_sub(1);
    let mut tick_texts = Vec::with_capacity(axis.ticks.len());
    let mut gutter: f64 = 0.0;
    for (i, &v) in axis.ticks.iter().enumerate() {
        let text = match series.unit {
            Some(_) if i != top => fmt.num(v, 2),
            _ => value_text(&fmt, v),
        };
        gutter = gutter.max(p.text_width(&text, s.small, false));
        tick_texts.push(text);
    }
    let gutter = gutter + 8.0;
    let top = area.y + s.label * 1.6;
    let bottom = area.bottom() - s.label * 1.8;
    let (left, right) = (area.x + gutter, area.right());

    for (v, text) in axis.ticks.iter().zip(&tick_texts) {
        let y = axis.y(*v, top, bottom);
        let color = if *v == 0.0 { t.muted } else { t.grid };
        p.line(left, y, right, y, 1.0, color);
        p.text(
            left - 6.0,
            y + s.small * 0.35,
            text,
            s.small,
            false,
            t.muted,
            Align::Right,
        );
    }

    let n = series.points.len();
    let slot = (right - left) / n as f64;
    let mut points = Vec::with_capacity(n);
    for (i, pt) in series.points.iter().enumerate() {
        points.push((
            left + slot * (i as f64 + 0.5),
            axis.y(pt.value, top, bottom),
        ));
    }

    // Interval band, drawn as one polygon per run of points that have an interval.
    let mut run: Vec<(f64, f64, f64)> = Vec::new();
    let flush = |p: &mut Painter, run: &mut Vec<(f64, f64, f64)>| {
        if run.len() == 1 {
            let (x, lo, hi) = run[0];
            p.rect(x - 3.0, hi, 6.0, (lo - hi).max(1.0), t.band);
        } else if run.len() > 1 {
            // Along the upper bounds, then back along the lower ones.
            let mut poly = Vec::with_capacity(2 * run.len());
            for &(x, _, hi) in run.iter() {
                poly.push((x, hi));
            }
            for &(x, lo, _) in run.iter().rev() {
                poly.push((x, lo));
            }
            p.polygon(&poly, t.band);
        }
        run.clear();
    };
    for (pt, &(x, _)) in series.points.iter().zip(&points) {
        match pt.band {
            Some([lo, hi]) => run.push((x, axis.y(lo, top, bottom), axis.y(hi, top, bottom))),
            None => flush(p, &mut run),
        }
    }
    flush(p, &mut run);

    p.polyline(&points, 3.0, t.accent);
    let dot = if n > 40 { 2.0 } else { 4.5 };
    for (pt, &(x, y)) in series.points.iter().zip(&points) {
        p.circle(x, y, dot, t.accent);
        p.mark(x - 8.0, y - 8.0, 16.0, 16.0, pt.tip.clone());
    }

    // Value labels on every point when there is room, else on the last.
    let mut labels = Vec::new();
    let label_all = slot >= p.text_width(&value_text(&fmt, axis.hi), s.label, true) + 6.0;
    for (i, (pt, &(x, y))) in series.points.iter().zip(&points).enumerate() {
        if label_all || i + 1 == n {
            let text = pt.text;
            let align = if !label_all && i + 1 == n {
                Align::Right
            } else {
                Align::Center
            };
            let x = if align == Align::Right { x + dot } else { x };
            p.text(x, y - 9.0, text, s.label, true, t.text, align);
            let w = p.text_width(text, s.label, true);
            let left = match align {
                Align::Right => x - w,
                _ => x - w / 2.0,
            };
            labels.push(Rect {
                x: left,
                y: y - 9.0 - s.label,
                w,
                h: s.label,
            });
        }
        if let Some(note) = pt.note {
            let note = p.fit(note, slot.max(60.0), s.small, false);
            let w = p.text_width(&note, s.small, false);
            labels.push(Rect {
                x: x - w / 2.0,
                y: y + s.small * 0.6,
                w,
                h: s.small,
            });
            p.text(
                x,
                y + s.small * 1.6,
                &note,
                s.small,
                false,
                t.muted,
                Align::Center,
            );
        }
    }

    // Period labels, thinned so they never overlap; first and last always shown.
    let mut widest: f64 = 0.0;
    for pt in &series.points {
        widest = widest.max(p.text_width(pt.label, s.small, false));
    }
    let widest = widest + 10.0;
    let every = ((widest / slot).ceil() as usize).max(1);
    let label_y = bottom + s.small * 1.5;
    let mut shown: Vec<usize> = Vec::with_capacity(n / every + 2);
    let mut i = 0;
    while i < n {
        shown.push(i);
        i += every;
    }
    if shown.last() != Some(&(n - 1)) {
        if shown
            .last()
            .is_some_and(|&j| points[n - 1].0 - points[j].0 < widest)
        {
            shown.pop();
        }
        shown.push(n - 1);
    }
    for i in shown {
        let text = p.fit(
            series.points[i].label,
            widest.min(slot * every as f64),
            s.small,
            false,
        );
        // Centred under its point, but kept inside the body: the first and last labels
        // would otherwise run past the chart's edges on a phone.
        let half = p.text_width(&text, s.small, false) / 2.0;
        let x = points[i].0.min(area.right() - half).max(area.x + half);
        p.text(x, label_y, &text, s.small, false, t.muted, Align::Center);
    }
    Plotted { points, labels }
}

/// A footnote under a plot: its text wrapped to the body's width, every line kept.
struct Footnote {
    lines: Vec<String>,
}

impl Footnote {
    fn new(p: &Painter, width: f64, text: &str) -> Footnote {
        let s = TypeScale::for_width(width);
        Footnote {
            lines: p.wrap(text, width, s.small, false),
        }
    }

    /// The body, at its natural height when unbounded, and the plot's region above the footnote.
    fn areas(&self, body: Rect) -> (Rect, Rect) {
        let body = body.or_height(preferred_height(body.w, self.lines.len()));
        let s = TypeScale::for_width(body.w);
        let foot = s.label * 1.2 + s.small * 1.4 * self.lines.len() as f64;
        let plot = Rect {
            h: (body.h - foot).max(40.0),
            ..body
        };
        (body, plot)
    }

    /// Lays the lines out at the bottom of `body`.
    fn draw(&self, p: &mut Painter, body: Rect) {
        let s = TypeScale::for_width(body.w);
        let muted = p.theme.muted;
        let foot = s.label * 1.2 + s.small * 1.4 * self.lines.len() as f64;
        let y = body.bottom() - foot + s.label * 1.6;
        for (i, line) in self.lines.iter().enumerate() {
            p.text(
                body.x,
                y + i as f64 * s.small * 1.4,
                line,
                s.small,
                false,
                muted,
                Align::Left,
            );
        }
    }
}

pub fn draw_nps_trend(p: &mut Painter, body: Rect, t: &Trend, data: &[NpsPoint]) {
    // The footnote says in words whether the latest change is more than noise.
    let words = p.fmt.words();
    let band = t
        .points
        .iter()
        .any(|x| x.band.is_some())
        .then_some(words.interval95);
    let foot = match t.changes.last() {
        None => cat(&[words.score, " · ", band.unwrap_or(words.no_interval)]),
        Some(c) => latest_change(&p.fmt, c, band),
    };
    let foot = Footnote::new(p, body.w, &foot);
    let (body, area) = foot.areas(body);
    let series = trend_series(&p.fmt, t, "NPS ", data);
    let axis = Axis::fixed(-100.0, 100.0, 50.0);
    let plotted = plot(p, area, &axis, &series, &|f, v| f.num(v, 1));
    mark_changes(p, body.w, &plotted, &t.changes);
    foot.draw(p, body);
}

/// A trend's series: each point's tooltip says its figure after `prefix`, then for
/// every point after the first the change into it; `notes` are the points' annotations.
fn trend_series<'a>(fmt: &Fmt, t: &'a Trend, prefix: &str, notes: &'a [NpsPoint]) -> Series<'a> {
    let mut points = Vec::with_capacity(t.points.len());
    for (i, x) in t.points.iter().enumerate() {
        let mut tip = cat(&[&x.period, ": ", prefix, &x.detail]);
        if let Some(c) = i.checked_sub(1).and_then(|j| t.changes.get(j)) {
            c.push_said(&mut tip, fmt, " · ");
        }
        points.push(Pt {
            label: &x.period,
            value: x.value,
            text: &x.text,
            band: x.band,
            note: notes.get(i).and_then(|n| n.label.as_deref()),
            tip,
        });
    }
    Series { points, unit: None }
}

/// Each change's size at its segment's middle; a filled marker
/// and bold type when significant, so that colour never tells it alone.
fn mark_changes(p: &mut Painter, width: f64, plotted: &Plotted, changes: &[Step]) {
    if plotted.points.len() > 24 {
        return;
    }
    let s = TypeScale::for_width(width);
    let t = p.theme;
    for (i, change) in changes.iter().enumerate() {
        let (x0, y0) = plotted.points[i];
        let (x1, y1) = plotted.points[i + 1];
        let (mx, my) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
        let text = change.text.as_str();
        let significant = change.significant;
        let tw = p.text_width(text, s.small, significant);
        // The dot and its space before a significant change.
        let w = tw + if significant { 11.0 } else { 0.0 };
        let clear = |y: f64| {
            let gap = 4.0;
            let own = Rect {
                x: mx - w / 2.0 - gap,
                y: y - s.small - gap,
                w: w + 2.0 * gap,
                h: s.small + 2.0 * gap,
            };
            !plotted.labels.iter().any(|l| l.overlaps(&own))
        };
        // Above the segment's middle, else below it, wherever it keeps clear of the
        // value labels and annotations.
        let spot = [my - 10.0, my + s.small + 10.0]
            .into_iter()
            .find(|y| clear(*y));
        if significant {
            let y = spot.unwrap_or(my - 10.0);
            p.circle(mx - tw / 2.0 - 4.0, y - s.small * 0.35, 3.0, t.text);
            p.text(mx + 4.0, y, text, s.small, true, t.text, Align::Center);
        } else if let Some(y) = spot.filter(|_| x1 - x0 > w + 12.0) {
            p.text(mx, y, text, s.small, false, t.muted, Align::Center);
        }
    }
}

/// "Change Q3 2023 → Q4 2023: −5.8 (95% interval …), not significant (z = −1.1)",
/// then what the band is, when there is one.
fn latest_change(fmt: &Fmt, c: &Step, band: Option<&str>) -> String {
    let words = fmt.words();
    let mut out = cat(&[words.change_heading, " ", &c.line]);
    if let Some(b) = band {
        push(&mut out, &[" · ", words.band, ": ", b]);
    }
    out
}

pub fn draw_rate_trend(p: &mut Painter, body: Rect, t: &Trend) {
    let words = p.fmt.words();
    let band = t
        .points
        .iter()
        .any(|x| x.band.is_some())
        .then(|| cat(&[words.interval95, " (Wilson)"]));
    let foot = match t.changes.last() {
        None => match &band {
            Some(b) => cat(&[words.band, ": ", b]),
            None => words.no_interval.to_string(),
        },
        Some(c) => latest_change(&p.fmt, c, band.as_deref()),
    };
    let foot = Footnote::new(p, body.w, &foot);
    let (body, area) = foot.areas(body);
    let top = t
        .points
        .iter()
        .map(|x| x.band.map_or(x.value, |c| c[1]))
        .fold(0.0, f64::max);
    let mut axis = Axis::nice(0.0, top.max(1.0));
    axis.ticks.retain(|v| *v <= 100.0);
    axis.hi = axis.hi.min(100.0);
    let series = trend_series(&p.fmt, t, "", &[]);
    let plotted = plot(p, area, &axis, &series, &|f, v| f.pct(v, 1));
    mark_changes(p, body.w, &plotted, &t.changes);
    foot.draw(p, body);
}

pub fn draw_line(p: &mut Painter, body: Rect, a: &Amounts, unit: Option<&str>) {
    let body = body.or_height(preferred_height(body.w, 0));
    let items = &a.items;
    let lo = items.iter().map(|i| i.value).fold(f64::INFINITY, f64::min);
    let hi = items
        .iter()
        .map(|i| i.value)
        .fold(f64::NEG_INFINITY, f64::max);
    // Start at zero when all values share a sign, so slopes are not exaggerated.
    let axis = Axis::nice(lo.min(0.0), hi.max(0.0));
    let mut points = Vec::with_capacity(items.len());
    for i in items {
        points.push(Pt {
            label: &i.label,
            value: i.value,
            text: &i.text,
            band: None,
            note: None,
            tip: i.line.clone(),
        });
    }
    let series = Series {
        points,
        unit: unit.filter(|u| !u.is_empty() && *u != "%"),
    };
    let unit = unit.unwrap_or("");
    plot(p, body, &axis, &series, &|f, v| amount(f, v, unit));
}
