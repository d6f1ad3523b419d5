//! Horizontal bars: generic labelled bars, and the employment breakdown
//! (outcomes per cohort, stacked to 100% or grouped side by side).

use super::frame::TypeScale;
use super::{Align, Measure, Painter, Rect};
use crate::figures::{cat, with_unit, Amounts, Groups};
use crate::locale::Fmt;
use crate::spec::{Breakdown, BreakdownMode, BreakdownUnit};

fn generic_row(width: f64) -> (f64, f64) {
    let s = TypeScale::for_width(width);
    let bar = (width * 0.035).clamp(16.0, 26.0);
    (bar, s.label * 1.5 + bar + 10.0)
}

/// Bars with their labels above and values at their ends, from a zero line.
pub fn draw_bars(p: &mut Painter, body: Rect, a: &Amounts, unit: Option<&str>) {
    let items = &a.items;
    let s = TypeScale::for_width(body.w);
    let t = p.theme;
    let fmt = p.fmt;
    let unit = unit.unwrap_or("");
    let lo = items.iter().map(|i| i.value).fold(0.0, f64::min);
    let hi = items.iter().map(|i| i.value).fold(0.0, f64::max);
    let span = (hi - lo).max(f64::MIN_POSITIVE);
    let has_negative = lo < 0.0;
    // Value labels get at most 40% of the width on each side they use, so the
    // bars keep a fifth; wider figures are written short ("1.2M"), the exact
    // value stays in the tooltip.
    let cap = body.w * 0.4;
    let mut exact: f64 = 0.0;
    for i in items {
        exact = exact.max(p.text_width(&i.text, s.label, true));
    }
    let short = exact + 8.0 > cap;
    let mut texts = Vec::with_capacity(items.len());
    let mut widest: f64 = 0.0;
    for i in items {
        let text = if short {
            with_unit(fmt.compact(i.value), unit)
        } else {
            i.text.clone()
        };
        widest = widest.max(p.text_width(&text, s.label, true));
        texts.push(text);
    }
    let room = (widest + 8.0).min(cap);
    let usable = (body.w - if has_negative { 2.0 * room } else { room }).max(20.0);
    let x_of = |v: f64| body.x + if has_negative { room } else { 0.0 } + (v - lo) / span * usable;
    let zero = x_of(0.0);
    let (bar, row) = generic_row(body.w);
    let row = row.min(body.h / items.len() as f64);
    for (i, (item, text)) in items.iter().zip(&texts).enumerate() {
        let y = body.y + row * i as f64;
        let label = p.fit(&item.label, body.w, s.label, false);
        p.text(
            body.x,
            y + s.label * 1.1,
            &label,
            s.label,
            false,
            t.text,
            Align::Left,
        );
        let bar_y = y + s.label * 1.5;
        let end = x_of(item.value);
        let (x0, x1) = if end >= zero {
            (zero, end)
        } else {
            (end, zero)
        };
        p.rect(x0, bar_y, (x1 - x0).max(1.0), bar, t.accent);
        p.mark(x0, bar_y, (x1 - x0).max(4.0), bar, item.line.clone());
        let baseline = bar_y + bar / 2.0 + s.label * 0.36;
        if item.value >= 0.0 {
            p.text(x1 + 5.0, baseline, text, s.label, true, t.text, Align::Left);
        } else {
            p.text(
                x0 - 5.0,
                baseline,
                text,
                s.label,
                true,
                t.text,
                Align::Right,
            );
        }
    }
    if has_negative {
        p.line(
            zero,
            body.y,
            zero,
            body.y + row * items.len() as f64,
            1.0,
            t.muted,
        );
    }
}

/// Legend entries laid out in rows that fit `width`: (category, x, row).
fn legend_layout(
    names: &[String],
    width: f64,
    size: f64,
    m: &impl Measure,
) -> Vec<(usize, f64, usize)> {
    let swatch = size;
    let mut out = Vec::new();
    let (mut x, mut row) = (0.0, 0);
    for (i, name) in names.iter().enumerate() {
        let w = swatch + 5.0 + m.text_width(name, size, false).min(width - swatch - 5.0);
        if x > 0.0 && x + w > width {
            x = 0.0;
            row += 1;
        }
        out.push((i, x, row));
        x += w + 16.0;
    }
    out
}

fn breakdown_rows(b: &Breakdown, width: f64) -> (f64, f64) {
    let s = TypeScale::for_width(width);
    match b.mode {
        BreakdownMode::Stacked => {
            let bar = (width * 0.045).clamp(22.0, 32.0);
            (bar, s.label * 1.5 + bar + 12.0)
        }
        BreakdownMode::Grouped => {
            let bar = (width * 0.025).clamp(12.0, 18.0);
            (
                bar,
                s.label * 1.5 + (bar + 4.0) * b.categories.len() as f64 + 12.0,
            )
        }
    }
}

/// Whether the bars carry interval whiskers: grouped bars of counts.
fn whiskers(b: &Breakdown) -> bool {
    b.mode == BreakdownMode::Grouped && b.unit == BreakdownUnit::Count
}

/// The legend's entries: the categories, then what a whisker means when there are any.
fn legend_names(b: &Breakdown, fmt: &Fmt) -> Vec<String> {
    let mut names = b.categories.clone();
    if whiskers(b) {
        // Capitalised like the categories: "95% interval", "Interval 95%". ASCII only:
        // char::to_uppercase would bring Unicode's case tables into the wasm.
        let mut word = fmt.words().interval95.to_string();
        if let Some(first) = word.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        names.push(word);
    }
    names
}

pub fn draw_breakdown(p: &mut Painter, body: Rect, b: &Breakdown, f: &Groups) {
    let s = TypeScale::for_width(body.w);
    let t = p.theme;
    let fmt = p.fmt;
    let color = |i: usize| t.palette[i % t.palette.len()];

    // Legend, in the same order as the segments left to right.
    let names = legend_names(b, &fmt);
    let layout = legend_layout(&names, body.w, s.label, &*p);
    for &(i, x, row) in &layout {
        let y = body.y + row as f64 * s.label * 1.6;
        if i < b.categories.len() {
            p.rect(body.x + x, y + 1.0, s.label, s.label, color(i));
        } else {
            whisker(p, body.x + x, body.x + x + s.label, y + 1.0 + s.label / 2.0);
        }
        let name = p.fit(&names[i], body.w - s.label - 5.0, s.label, false);
        p.text(
            body.x + x + s.label + 5.0,
            y + s.label * 0.92,
            &name,
            s.label,
            false,
            t.text,
            Align::Left,
        );
    }
    let legend_h = layout.last().map_or(0, |l| l.2 + 1) as f64 * s.label * 1.6 + 8.0;

    let (bar, row) = breakdown_rows(b, body.w);
    let row = row.min((body.h - legend_h) / b.groups.len() as f64);
    for (gi, g) in f.groups.iter().enumerate() {
        let y = body.y + legend_h + row * gi as f64;
        let label = p.fit(&g.label, body.w * 0.7, s.label, true);
        p.text(
            body.x,
            y + s.label * 1.1,
            &label,
            s.label,
            true,
            t.text,
            Align::Left,
        );
        if let Some(n) = &g.n {
            p.text(
                body.right(),
                y + s.label * 1.1,
                &cat(&["n = ", n]),
                s.small,
                false,
                t.muted,
                Align::Right,
            );
        }
        let bar_y = y + s.label * 1.5;
        match b.mode {
            BreakdownMode::Stacked => {
                let mut x = body.x;
                for (ci, share) in g.shares.iter().enumerate() {
                    let w = body.w * share.value / 100.0;
                    if w <= 0.0 {
                        continue;
                    }
                    p.rect(x, bar_y, (w - 1.5).max(0.5), bar, color(ci));
                    p.mark(
                        x,
                        bar_y,
                        w.max(4.0),
                        bar,
                        tip(&g.label, &b.categories[ci], share),
                    );
                    let text = &share.short;
                    if p.text_width(text, s.small, true) + 6.0 <= w {
                        let ink = t.ink_on(color(ci));
                        p.text(
                            x + w / 2.0,
                            bar_y + bar / 2.0 + s.small * 0.36,
                            text,
                            s.small,
                            true,
                            ink,
                            Align::Center,
                        );
                    }
                    x += w;
                }
            }
            BreakdownMode::Grouped => {
                for (ci, share) in g.shares.iter().enumerate() {
                    let by = bar_y + (bar + 4.0) * ci as f64;
                    let text = cat(&[&b.categories[ci], " ", &share.text]);
                    let room = p.text_width(&text, s.small, false) + 8.0;
                    let scale = (body.w - room).max(10.0) / 100.0;
                    let w = scale * share.value;
                    p.rect(body.x, by, w.max(1.0), bar, color(ci));
                    p.mark(
                        body.x,
                        by,
                        w.max(4.0),
                        bar,
                        tip(&g.label, &b.categories[ci], share),
                    );
                    // Counts: the share's Wilson interval as a thin whisker through the
                    // bar's end, the label after it. (Stacked segments get none: their
                    // edges hang on the other shares, so a whisker would mislead.)
                    let end = match share.ci {
                        Some([lo, hi]) if whiskers(b) => {
                            let (x0, x1, ym) = (scale * lo, scale * hi, by + bar / 2.0);
                            whisker(p, body.x + x0, body.x + x1, ym);
                            // Inside the bar, in the ink that reads on its colour.
                            let ink = t.ink_on(color(ci));
                            p.line(body.x + x0, ym - 3.0, body.x + x0, ym + 3.0, 1.5, ink);
                            p.line(body.x + x0, ym, body.x + w, ym, 1.5, ink);
                            w.max(x1)
                        }
                        _ => w,
                    };
                    p.text(
                        body.x + end + 5.0,
                        by + bar / 2.0 + s.small * 0.36,
                        &text,
                        s.small,
                        false,
                        t.text,
                        Align::Left,
                    );
                }
            }
        }
    }
}

/// An interval from `x0` to `x1` at height `y`: a thin line with end caps.
fn whisker(p: &mut Painter, x0: f64, x1: f64, y: f64) {
    let ink = p.theme.text;
    p.line(x0, y, x1, y, 1.5, ink);
    for x in [x0, x1] {
        p.line(x, y - 3.0, x, y + 3.0, 1.5, ink);
    }
}

/// "Cohort 1 (2022) · Employed: 30% (95% interval 25.7%–34.7%, 120 / 400)".
fn tip(group: &str, category: &str, share: &crate::figures::Pct) -> String {
    cat(&[group, " · ", category, ": ", &share.detail])
}
