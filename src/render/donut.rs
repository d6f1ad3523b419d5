//! Donut: parts of a whole, each slice named in a list beside it with its
//! value and share, and its share written on the slice where it fits.

use super::frame::TypeScale;
use super::{polar, Align, Painter, Rect};
use crate::figures::{cat, Amounts};
use std::f64::consts::PI;

fn side_by_side(width: f64) -> bool {
    width >= 420.0
}

/// The ring's diameter beside its list when the chart takes its natural height.
fn preferred_diameter(width: f64) -> f64 {
    (width * 0.42).clamp(180.0, 320.0)
}

pub fn draw(p: &mut Painter, body: Rect, f: &Amounts) {
    let s = TypeScale::for_width(body.w);
    let t = p.theme;
    let (total, stats) = (f.total, &f.items);
    if total.is_nan() || total <= 0.0 {
        return;
    }
    let list_h = stats.len() as f64 * s.label * 1.8;
    let (d, list_x, list_y) = if side_by_side(body.w) {
        let d = (body.w * 0.45).min(body.or_height(preferred_diameter(body.w).max(list_h)).h);
        (d, body.x + d + 24.0, body.y + (d - list_h).max(0.0) / 2.0)
    } else {
        let d = (body.w * 0.8)
            .min(300.0)
            .min(body.h - list_h - 12.0)
            .max(60.0);
        (d, body.x, body.y + d + 12.0)
    };
    let (cx, cy) = if side_by_side(body.w) {
        (body.x + d / 2.0, body.y + d / 2.0)
    } else {
        (body.x + body.w / 2.0, body.y + d / 2.0)
    };
    let (r1, r0) = (d / 2.0, d / 2.0 * 0.58);
    let bg = t.background;
    // Clockwise from twelve o'clock, as readers expect.
    let mut a = PI / 2.0;
    for (i, item) in stats.iter().enumerate() {
        let sweep = 2.0 * PI * item.value / total;
        if sweep <= 0.0 {
            continue;
        }
        let color = t.palette[i % t.palette.len()];
        p.sector(cx, cy, r0, r1, a - sweep, a, color);
        let (mid, rm) = (a - sweep / 2.0, (r0 + r1) / 2.0);
        let (mx, my) = polar(cx, cy, rm, mid);
        p.mark(mx - 8.0, my - 8.0, 16.0, 16.0, item.line.clone());
        // A thin gap in the background colour between slices.
        let (x0, y0) = polar(cx, cy, r0, a);
        let (x1, y1) = polar(cx, cy, r1, a);
        p.line(x0, y0, x1, y1, 2.0, bg);
        let text = &item.share.short;
        if sweep * rm > p.text_width(text, s.small, true) + 8.0 && r1 - r0 > s.small * 1.6 {
            let ink = t.ink_on(color);
            p.text(
                mx,
                my + s.small * 0.36,
                text,
                s.small,
                true,
                ink,
                Align::Center,
            );
        }
        a -= sweep;
    }
    // The total in the hole.
    let total_text = &f.total_text;
    let size = (r0 * 0.45).clamp(12.0, 28.0);
    let size = size.min(size * (2.0 * r0 * 0.85) / p.text_width(total_text, size, true).max(1.0));
    p.text(
        cx,
        cy + size * 0.36,
        total_text,
        size,
        true,
        t.text,
        Align::Center,
    );

    // The list names every slice: swatch, name, value and share.
    let list_w = body.right() - list_x;
    for (i, item) in stats.iter().enumerate() {
        let y = list_y + s.label * 1.8 * i as f64;
        let color = t.palette[i % t.palette.len()];
        p.rect(list_x, y + 2.0, s.label, s.label, color);
        let value = cat(&[&item.text, " · ", &item.share.text]);
        let vw = p.text_width(&value, s.label, true);
        p.text(
            list_x + list_w,
            y + s.label * 0.95,
            &value,
            s.label,
            true,
            t.text,
            Align::Right,
        );
        let name = p.fit(&item.label, list_w - vw - s.label - 14.0, s.label, false);
        p.text(
            list_x + s.label + 6.0,
            y + s.label * 0.95,
            &name,
            s.label,
            false,
            t.text,
            Align::Left,
        );
    }
}
