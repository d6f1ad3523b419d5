//! The bundled font (DejaVu Sans, a free licence, in assets/fonts/), so that
//! native output measures and draws the same on every machine.

use ab_glyph::{Font, FontRef, GlyphId, OutlineCurve};
use std::sync::OnceLock;

static REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

fn font(bold: bool) -> &'static FontRef<'static> {
    static REGULAR: OnceLock<FontRef<'static>> = OnceLock::new();
    static BOLD: OnceLock<FontRef<'static>> = OnceLock::new();
    let (cell, bytes) = if bold {
        (&BOLD, BOLD_TTF)
    } else {
        (&REGULAR, REGULAR_TTF)
    };
    cell.get_or_init(|| FontRef::try_from_slice(bytes).expect("bundled font parses"))
}

/// Font units → pixels at a font size (em) of `size` pixels.
fn units_to_px(f: &FontRef, size: f64) -> f64 {
    size / f.units_per_em().unwrap_or(2048.0) as f64
}

/// Glyphs of `text` with their pen positions in pixels, kerned.
fn layout(f: &FontRef<'static>, text: &str, size: f64) -> (Vec<(GlyphId, f64)>, f64) {
    let k = units_to_px(f, size);
    let mut x = 0.0;
    let mut prev: Option<GlyphId> = None;
    let mut glyphs = Vec::with_capacity(text.len());
    for c in text.chars() {
        let id = f.glyph_id(c);
        if let Some(p) = prev {
            x += f.kern_unscaled(p, id) as f64 * k;
        }
        glyphs.push((id, x));
        x += f.h_advance_unscaled(id) as f64 * k;
        prev = Some(id);
    }
    (glyphs, x)
}

/// Advance width in pixels of `text` at font size `size` pixels.
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    layout(font(bold), text, size).1
}

/// Outlines of `text` with its baseline starting at (x, y), as path commands.
pub fn outline(
    text: &str,
    x: f64,
    y: f64,
    size: f64,
    bold: bool,
    out: &mut tiny_skia::PathBuilder,
) {
    let f = font(bold);
    let k = units_to_px(f, size);
    let (glyphs, _) = layout(f, text, size);
    for (id, pen) in glyphs {
        let Some(o) = f.outline(id) else { continue };
        let pt = |p: ab_glyph::Point| {
            (
                (x + pen + p.x as f64 * k) as f32,
                (y - p.y as f64 * k) as f32,
            )
        };
        let mut last: Option<(f32, f32)> = None;
        for curve in &o.curves {
            let start = match curve {
                OutlineCurve::Line(a, _)
                | OutlineCurve::Quad(a, _, _)
                | OutlineCurve::Cubic(a, _, _, _) => pt(*a),
            };
            if last != Some(start) {
                if last.is_some() {
                    out.close();
                }
                out.move_to(start.0, start.1);
            }
            let end = match curve {
                OutlineCurve::Line(_, b) => {
                    let b = pt(*b);
                    out.line_to(b.0, b.1);
                    b
                }
                OutlineCurve::Quad(_, c, b) => {
                    let (c, b) = (pt(*c), pt(*b));
                    out.quad_to(c.0, c.1, b.0, b.1);
                    b
                }
                OutlineCurve::Cubic(_, c1, c2, b) => {
                    let (c1, c2, b) = (pt(*c1), pt(*c2), pt(*b));
                    out.cubic_to(c1.0, c1.1, c2.0, c2.1, b.0, b.1);
                    b
                }
            };
            last = Some(end);
        }
        if last.is_some() {
            out.close();
        }
    }
}
