//! NPS gauge: a half dial from −100 to +100 with zone bands, a needle at the
//! score, the 95% interval as an arc where counts are known, and the score
//! large in the middle with its margin of error.

use super::frame::TypeScale;
use super::{polar, Align, Painter, Rect};
use crate::figures::{cat, Nps};
use std::f64::consts::PI;

/// Default zone boundaries: below 0, 0–30, 30–70, 70–100.
const DEFAULT_ZONES: [f64; 3] = [0.0, 30.0, 70.0];

struct Geometry {
    cx: f64,
    cy: f64,
    radius: f64,
    big: f64,
}

fn geometry(body: Rect) -> Geometry {
    let sizes = TypeScale::for_width(body.w);
    let radius = (body.w / 2.0 - 3.2 * sizes.label).clamp(60.0, 190.0);
    let big = (radius * 0.34).clamp(30.0, 64.0);
    // Fit the dial plus the score under it into the body's height.
    let below = 14.0 + big + 10.0 + sizes.label * 1.6;
    let top = sizes.label * 2.2;
    let radius = radius.min((body.h - below - top).max(40.0));
    Geometry {
        cx: body.x + body.w / 2.0,
        cy: body.y + top + radius,
        radius,
        big,
    }
}

/// Angle of a score on the dial: −100 west (π), +100 east (0).
fn angle(score: f64) -> f64 {
    PI * (1.0 - (score.clamp(-100.0, 100.0) + 100.0) / 200.0)
}

pub fn draw(p: &mut Painter, body: Rect, f: &Nps, zones: Option<&[f64]>) {
    let score = &f.score;
    let stats = &score.stats;
    let g = geometry(body);
    let sizes = TypeScale::for_width(body.w);
    let (cx, cy, r) = (g.cx, g.cy, g.radius);
    let thickness = (r * 0.27).max(14.0);
    let inner = r - thickness;

    // Zone bands, separated by thin gaps in the background colour.
    let bounds = zones.unwrap_or(&DEFAULT_ZONES);
    let mut edges = vec![-100.0];
    edges.extend_from_slice(bounds);
    edges.push(100.0);
    let bands = edges.len() - 1;
    for i in 0..bands {
        let shade = if bands == 1 {
            2
        } else {
            (i as f64 * 3.0 / (bands - 1) as f64).round() as usize
        };
        let color = p.theme.zones[shade.min(3)];
        p.sector(
            cx,
            cy,
            inner,
            r,
            angle(edges[i]),
            angle(edges[i + 1]),
            color,
        );
    }
    let bg = p.theme.background;
    for &b in bounds {
        let (x0, y0) = polar(cx, cy, inner - 1.0, angle(b));
        let (x1, y1) = polar(cx, cy, r + 1.0, angle(b));
        p.line(x0, y0, x1, y1, 2.0, bg);
    }

    // Scale labels outside the dial: the NPS scale is −100 to +100, never 0–100.
    let muted = p.theme.muted;
    let fmt = p.fmt;
    for tick in [-100.0, -50.0, 0.0, 50.0, 100.0] {
        let a = angle(tick);
        let text = fmt.signed(tick, 0);
        let (x, y, align) = match tick as i32 {
            -100 => (cx - r - 6.0, cy + sizes.label * 0.35, Align::Right),
            100 => (cx + r + 6.0, cy + sizes.label * 0.35, Align::Left),
            0 => (cx, cy - r - 8.0, Align::Center),
            _ => {
                let rr = r + 10.0;
                let align = if tick < 0.0 {
                    Align::Right
                } else {
                    Align::Left
                };
                let (x, y) = polar(cx, cy, rr, a);
                (x, y, align)
            }
        };
        p.text(x, y, &text, sizes.label, false, muted, align);
    }

    // The 95% interval as a dark arc just outside the dial.
    let text = p.theme.text;
    if let Some([lo, hi]) = stats.ci95 {
        let (a0, a1) = (angle(hi), angle(lo));
        let a1 = if a1 - a0 < 0.02 { a0 + 0.02 } else { a1 };
        p.sector(cx, cy, r + 3.0, r + 9.0, a0, a1, text);
    }

    // Needle and hub.
    let a = angle(stats.nps);
    let tip = inner + thickness * 0.85;
    let (tx, ty) = polar(cx, cy, tip, a);
    p.line(cx, cy, tx, ty, 4.0, text);
    p.circle(cx, cy, 7.0, text);
    p.mark(cx - r, cy - r, 2.0 * r, r, cat(&["NPS ", &score.detail]));

    // The score, large, and its margin of error (or why there is none).
    let score_y = cy + 14.0 + g.big * 0.78;
    p.text(cx, score_y, &score.text, g.big, true, text, Align::Center);
    let moe = score.margin.as_deref().unwrap_or(fmt.words().no_interval);
    let moe = p.fit(moe, body.w, sizes.label, false);
    p.text(
        cx,
        score_y + 10.0 + sizes.label * 1.2,
        &moe,
        sizes.label,
        false,
        muted,
        Align::Center,
    );
}
