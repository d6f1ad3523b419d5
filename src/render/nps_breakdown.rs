//! NPS breakdown: one stacked bar of detractors, passives and promoters in
//! percent, each segment named above and its share written inside, the
//! detractors hatched, and the NPS beside the bar.

use super::frame::TypeScale;
use super::{Align, Painter, Rect};
use crate::figures::{cat, Nps, Pct};

fn bar_height(width: f64) -> f64 {
    (width * 0.07).clamp(36.0, 56.0)
}

pub fn draw(p: &mut Painter, body: Rect, f: &Nps) {
    let Some([promoters, passives, detractors]) = &f.groups else {
        return;
    };
    let s = TypeScale::for_width(body.w);
    let fmt = p.fmt;
    let words = fmt.words();
    let t = p.theme;
    let segments: [(&str, &Pct, _, bool); 3] = [
        (words.detractors, detractors, t.detractors, true),
        (words.passives, passives, t.passives, false),
        (words.promoters, promoters, t.accent, false),
    ];
    let bar_h = bar_height(body.w).min((body.h - 4.0 * s.label * 1.5).max(20.0));
    let row = s.label * 1.5;
    let gap = 2.0;

    // Segment spans, with a small gap between non-empty segments.
    let mut spans = Vec::new();
    let mut x = body.x;
    for (name, pct, color, hatched) in segments {
        let w = body.w * pct.value / 100.0;
        spans.push((name, pct, color, hatched, x, w));
        x += w;
    }
    // Names go above their segments, on a second row where they would touch a neighbour.
    let mut last_name_end = [f64::NEG_INFINITY; 2];
    let mut names = Vec::new();
    for &(name, _, _, _, x, w) in &spans {
        if w <= 0.0 {
            continue;
        }
        let name_w = p.text_width(name, s.label, false);
        let row_index = if x >= last_name_end[0] + 8.0 { 0 } else { 1 };
        let name_x = x.min(body.right() - name_w).max(body.x);
        last_name_end[row_index] = name_x + name_w;
        names.push((name, name_x, row_index));
    }
    let rows = if names.iter().any(|n| n.2 == 1) { 2 } else { 1 };
    let bar_y = body.y + rows as f64 * row;
    for (name, x, r) in names {
        let y = bar_y - 6.0 - (rows - 1 - r) as f64 * row;
        p.text(x, y, name, s.label, false, t.text, Align::Left);
    }
    let mut below_end = f64::NEG_INFINITY;
    for &(name, pct, color, hatched, x, w) in &spans {
        if w <= 0.0 {
            continue;
        }
        let seg_w = (w - gap).max(1.0);
        p.rect(x, bar_y, seg_w, bar_h, color);
        p.mark(x, bar_y, seg_w, bar_h, cat(&[name, ": ", &pct.detail]));
        let ink = t.ink_on(color);
        if hatched {
            p.hatch(x, bar_y, seg_w, bar_h, 9.0, 1.5, ink.with_alpha(0.55));
        }
        // Share inside when it fits, else just under the bar.
        let share = &pct.short;
        let share_w = p.text_width(share, s.label, true);
        if share_w + 8.0 <= seg_w {
            let baseline = bar_y + bar_h / 2.0 + s.label * 0.36;
            if hatched {
                // A solid patch behind the share keeps the hatching from crossing its digits.
                let (pw, ph) = ((share_w + 8.0).min(seg_w), s.label * 1.4);
                p.rect(
                    x + (seg_w - pw) / 2.0,
                    bar_y + (bar_h - ph) / 2.0,
                    pw,
                    ph,
                    color,
                );
            }
            p.text(
                x + seg_w / 2.0,
                baseline,
                share,
                s.label,
                true,
                ink,
                Align::Center,
            );
        } else {
            let sx = (x + seg_w / 2.0 - share_w / 2.0)
                .max(below_end + 6.0)
                .max(body.x);
            below_end = sx + share_w;
            p.text(
                sx,
                bar_y + bar_h + s.label * 1.3,
                share,
                s.label,
                true,
                t.text,
                Align::Left,
            );
        }
    }

    // The score beside the bar, with its margin of error or why there is none.
    let nps_y = bar_y + bar_h + s.label * 1.6 + s.subtitle * 1.2;
    let score = &f.score;
    let nps_text = cat(&["NPS ", &score.text]);
    p.text(
        body.right(),
        nps_y,
        &nps_text,
        s.subtitle,
        true,
        t.text,
        Align::Right,
    );
    let detail = match (&score.moe, &score.interval) {
        (Some(m), Some(i)) => cat(&[m, " · ", i]),
        _ => words.no_interval.to_string(),
    };
    let detail = p.fit(&detail, body.w, s.small, false);
    p.text(
        body.right(),
        nps_y + s.label * 1.5,
        &detail,
        s.small,
        false,
        t.muted,
        Align::Right,
    );
}
