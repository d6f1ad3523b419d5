//! KPIs: one big figure with what it counts, when, and its interval where
//! counts are known (employment rate) or the plain value (generic KPI).

use super::frame::TypeScale;
use super::lines::with_unit;
use super::{Align, Painter, Rect};
use crate::spec::{KpiData, RateFigure, RateValue};
use crate::stats::rate_stats;

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
    let t = p.theme.clone();
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
        let line = super::ellipsize(line, body.w, |x| p.text_width(x, s.label, false));
        p.text(body.x, y, &line, s.label, false, color, Align::Left);
    }
}

pub fn draw_rate(p: &mut Painter, body: Rect, figure: &RateFigure) {
    let Some(stats) = rate_stats(&figure.value) else {
        return;
    };
    let fmt = p.fmt;
    let words = fmt.words();
    let mut details = Vec::new();
    if let Some(period) = &figure.period {
        details.push((period.clone(), true));
    }
    match (&figure.value, stats.ci95) {
        (RateValue::Counts { employed, total }, Some([lo, hi])) => details.push((
            format!(
                "{} {}–{} · {} / {}",
                words.interval95,
                fmt.pct(lo, 1),
                fmt.pct(hi, 1),
                fmt.fixed(*employed as f64, 0),
                fmt.fixed(*total as f64, 0)
            ),
            false,
        )),
        _ => details.push((words.no_interval.to_string(), false)),
    }
    let label = figure.label.as_deref().unwrap_or(words.employed);
    let tip = format!("{label}: {}", crate::summary::rate_detail(&fmt, &stats));
    draw_figure(p, body, &fmt.pct(stats.rate, 1), Some(label), &details, tip);
}

pub fn draw_value(p: &mut Painter, body: Rect, data: &KpiData) {
    let fmt = p.fmt;
    let figure = format!(
        "{}{}{}",
        data.prefix.as_deref().unwrap_or(""),
        with_unit(&fmt.num(data.value, 2), ""),
        data.suffix.as_deref().unwrap_or("")
    );
    let tip = match &data.label {
        Some(l) => format!("{l}: {figure}"),
        None => figure.clone(),
    };
    draw_figure(p, body, &figure, data.label.as_deref(), &[], tip);
}
