//! The bundled font (DejaVu Sans, a free licence, in assets/fonts/), so that
//! native output measures and draws the same on every machine.

use ab_glyph::{Font, FontRef, GlyphId, OutlineCurve};
use std::cell::RefCell;
use std::collections::HashMap;
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

/// What the font's tables answer, remembered: its lookups cost hundreds of
/// nanoseconds (kerning most), and a layout measures the same characters hundreds
/// of times (about 70 texts per chart, twice for the natural height).
#[derive(Default)]
struct Remembered {
    /// (bold, character) → glyph and its advance in font units.
    glyphs: HashMap<(bool, char), (GlyphId, f32)>,
    /// (bold, left glyph, right glyph) → kerning in font units.
    kerning: HashMap<(bool, u16, u16), f32>,
}

/// Entries kept per thread before the memory starts afresh (a few MB at most).
const MAX_REMEMBERED: usize = 100_000;

thread_local! {
    static REMEMBERED: RefCell<Remembered> = RefCell::new(Remembered::default());
}

/// Calls `glyph` for each glyph of `text` with its pen position in pixels, kerned;
/// returns the advance width.
fn pen_positions(text: &str, size: f64, bold: bool, mut glyph: impl FnMut(GlyphId, f64)) -> f64 {
    let f = font(bold);
    let k = units_to_px(f, size);
    let mut x = 0.0;
    let mut prev: Option<GlyphId> = None;
    REMEMBERED.with_borrow_mut(|known| {
        // Text from requests is untrusted: a long-running service forgets rather than grows.
        if known.glyphs.len() + known.kerning.len() > MAX_REMEMBERED {
            *known = Remembered::default();
        }
        for c in text.chars() {
            let (id, advance) = *known.glyphs.entry((bold, c)).or_insert_with(|| {
                let id = f.glyph_id(c);
                (id, f.h_advance_unscaled(id))
            });
            if let Some(p) = prev {
                let kern = *known
                    .kerning
                    .entry((bold, p.0, id.0))
                    .or_insert_with(|| f.kern_unscaled(p, id));
                x += kern as f64 * k;
            }
            glyph(id, x);
            x += advance as f64 * k;
            prev = Some(id);
        }
    });
    x
}

/// Advance width in pixels of `text` at font size `size` pixels.
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    pen_positions(text, size, bold, |_, _| {})
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
    let mut glyphs = Vec::with_capacity(text.len());
    pen_positions(text, size, bold, |id, pen| glyphs.push((id, pen)));
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
