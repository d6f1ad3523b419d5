//! KPIs: one big figure with what it counts, when, and its interval where
//! counts are known (employment rate) or the plain value (generic KPI).

use super::frame::TypeScale;
use super::{Align, Painter, Rect};
use crate::figures::{cat, Rate, Value};

fn big_size(width: f64) -> f64 {
    (width * 0.17).clamp(44.0, 96.0)
}

/// Draws the figure, the label under it, then detail lines; returns nothing, fills top-down.
fn draw_figure(
    p: &mut Painter,
    body: Rect,
    figure: &str,
    label: Option<&str>,
    details: &[(String, bool)],
    tip: String,
) {
    let s = TypeScale::for_width(body.w);
    let t = p.theme;
    let mut big = big_size(body.w);
    // A long figure shrinks rather than overflowing a phone's width.
    let w = p.text_width(figure, big, true);
    if w > body.w {
        big *= body.w / w;
    }
    let mut y = body.y + big * 0.95;
    p.text(body.x, y, figure, big, true, t.accent, Align::Left);
    let fw = p.text_width(figure, big, true);
    p.mark(body.x, y - big * 0.8, fw, big * 0.9, tip);
    y += big * 0.1;
    if let Some(label) = label {
        y = p.paragraph(
            body.x,
            y + s.subtitle * 1.35,
            body.w,
            label,
            s.subtitle,
            false,
            t.text,
            s.subtitle * 1.35,
        ) - s.subtitle * 1.35;
    }
    for (line, strong) in details {
        y += s.label * 1.5;
        let color = if *strong { t.text } else { t.muted };
        let line = p.fit(line, body.w, s.label, false);
        p.text(body.x, y, &line, s.label, false, color, Align::Left);
    }
}

pub fn draw_rate(p: &mut Painter, body: Rect, r: &Rate) {
    let fmt = p.fmt;
    let mut details = Vec::new();
    if let Some(period) = &r.period {
        details.push((period.clone(), true));
    }
    let rate = &r.rate;
    let line = match (&rate.interval, &rate.count) {
        (Some(i), Some(c)) => cat(&[i, " · ", c]),
        _ => fmt.words().no_interval.to_string(),
    };
    details.push((line, false));
    let tip = cat(&[&r.label, ": ", &rate.detail]);
    draw_figure(p, body, &rate.text, Some(&r.label), &details, tip);
}

pub fn draw_value(p: &mut Painter, body: Rect, v: &Value) {
    let tip = match &v.label {
        Some(l) => cat(&[l, ": ", &v.text]),
        None => v.text.clone(),
    };
    draw_figure(p, body, &v.text, v.label.as_deref(), &[], tip);
}
