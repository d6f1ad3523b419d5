//! NPS distribution: the eleven answers 0–10 as columns, coloured and bracketed
//! by group (detractors 0–6 hatched, passives 7–8, promoters 9–10), each with
//! its share on top.

use super::frame::TypeScale;
use super::{Align, Painter, Rect};
use crate::figures::{cat, push, Nps};

/// Room under the columns: answer labels, group brackets and their names, the NPS line.
fn reserve_below(s: &TypeScale) -> f64 {
    s.label * 3.9 + s.small * 2.6 + 6.0
}

/// The body's height when the chart takes its natural height: the columns fill what they are given.
fn preferred_height(width: f64) -> f64 {
    let s = TypeScale::for_width(width);
    (width * 0.32).clamp(140.0, 260.0) + s.label * 1.4 + reserve_below(&s)
}

pub fn draw(p: &mut Painter, body: Rect, f: &Nps) {
    let (answers, Some([promoters, passives, detractors])) = (&f.answers, &f.groups) else {
        return;
    };
    if answers.is_empty() {
        return;
    }
    let body = body.or_height(preferred_height(body.w));
    let s = TypeScale::for_width(body.w);
    let t = p.theme;
    let fmt = p.fmt;
    let words = fmt.words();
    let max_share = answers.iter().map(|a| a.value).fold(0.0, f64::max).max(1.0);

    // Vertical budget: share labels on top, columns, answer labels, group brackets, NPS line.
    let plot_top = body.y + s.label * 1.4;
    let plot_bottom = body.bottom() - reserve_below(&s);
    let plot_h = (plot_bottom - plot_top).max(20.0);
    let slot = body.w / 11.0;
    let col_w = slot * 0.78;
    for (i, answer) in answers.iter().enumerate() {
        let share = answer.value;
        let (color, hatched) = match i {
            0..=6 => (t.detractors, true),
            7 | 8 => (t.passives, false),
            _ => (t.accent, false),
        };
        let h = plot_h * share / max_share;
        let x = body.x + slot * i as f64 + (slot - col_w) / 2.0;
        p.rect(x, plot_bottom - h, col_w, h, color);
        if hatched {
            p.hatch(
                x,
                plot_bottom - h,
                col_w,
                h,
                7.0,
                1.2,
                t.ink_on(color).with_alpha(0.5),
            );
        }
        p.mark(
            x,
            plot_bottom - h.max(4.0),
            col_w,
            h.max(4.0),
            cat(&[&i.to_string(), ": ", &answer.detail]),
        );
        let label = &answer.short;
        let size = if p.text_width(label, s.small, false) > slot {
            s.small * 0.85
        } else {
            s.small
        };
        p.text(
            x + col_w / 2.0,
            plot_bottom - h - 4.0,
            label,
            size,
            false,
            t.text,
            Align::Center,
        );
        p.text(
            x + col_w / 2.0,
            plot_bottom + s.label * 1.3,
            &i.to_string(),
            s.label,
            true,
            t.text,
            Align::Center,
        );
    }
    p.line(body.x, plot_bottom, body.right(), plot_bottom, 1.0, t.muted);

    // Brackets naming the groups, so colour is not the only cue.
    let bracket_y = plot_bottom + s.label * 2.0;
    for (name, from, to, group) in [
        (words.detractors, 0, 6, detractors),
        (words.passives, 7, 8, passives),
        (words.promoters, 9, 10, promoters),
    ] {
        let x0 = body.x + slot * from as f64 + 3.0;
        let x1 = body.x + slot * (to + 1) as f64 - 3.0;
        p.line(x0, bracket_y, x1, bracket_y, 1.0, t.muted);
        p.line(x0, bracket_y - 4.0, x0, bracket_y, 1.0, t.muted);
        p.line(x1, bracket_y - 4.0, x1, bracket_y, 1.0, t.muted);
        // Name, then share on a second line, so narrow brackets still fit both; a name a
        // little too wide is set smaller before it is shortened.
        let room = x1 - x0 + 6.0;
        let size = if p.text_width(name, s.small, false) > room {
            s.small * 0.85
        } else {
            s.small
        };
        let name = p.fit(name, room, size, false);
        let mid = (x0 + x1) / 2.0;
        p.text(
            mid,
            bracket_y + s.small * 1.3,
            &name,
            size,
            false,
            t.text,
            Align::Center,
        );
        p.text(
            mid,
            bracket_y + s.small * 2.6,
            &group.short,
            s.small,
            true,
            t.text,
            Align::Center,
        );
    }
    let mut nps_line = cat(&["NPS ", &f.score.text]);
    if let Some(margin) = &f.score.margin {
        push(&mut nps_line, &[" ", margin]);
    }
    p.text(
        body.x,
        bracket_y + s.small * 2.6 + s.label * 1.9,
        &nps_line,
        s.label,
        true,
        t.text,
        Align::Left,
    );
}
