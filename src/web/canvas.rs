//! A HiDPI canvas backend for plotters: the backing store is the CSS size ×
//! devicePixelRatio, text is measured with the context's `measureText` (no DOM
//! spans, no host CSS), and ring sectors are real arcs.

use crate::render::{crisp_segment, Measure, Surface, TextPlacement, FONT_FAMILY};
use plotters_backend::text_anchor::HPos;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use std::cell::RefCell;
use std::f64::consts::TAU;
use web_sys::CanvasRenderingContext2d;

/// Errors from the canvas; drawing calls on a 2D context do not fail, so this is never built.
#[derive(Debug)]
pub struct CanvasError;

impl std::fmt::Display for CanvasError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("canvas error")
    }
}
impl std::error::Error for CanvasError {}

type Result = std::result::Result<(), DrawingErrorKind<CanvasError>>;

pub struct CanvasBackend {
    ctx: CanvasRenderingContext2d,
    /// Backing-store size in device pixels.
    size: (u32, u32),
    /// Device pixels per CSS pixel, to measure text at its CSS size.
    scale: f64,
    /// The font last set on the context: setting `font` is slow, so only on change.
    font: RefCell<String>,
}

impl CanvasBackend {
    pub fn new(ctx: CanvasRenderingContext2d, size: (u32, u32), scale: f64) -> Self {
        CanvasBackend {
            ctx,
            size,
            scale,
            font: RefCell::new(String::new()),
        }
    }

    fn set_font(&self, size_px: f64, bold: bool) {
        apply_font(&self.ctx, &self.font, size_px, bold);
    }

    fn fill_style(&self, c: BackendColor) {
        self.ctx.set_fill_style_str(&css(c));
    }

    fn stroke_style(&self, c: BackendColor, width: u32) {
        self.ctx.set_stroke_style_str(&css(c));
        self.ctx.set_line_width(width as f64);
    }
}

fn css(c: BackendColor) -> String {
    let (r, g, b) = c.rgb;
    if c.alpha >= 1.0 {
        format!("rgb({r},{g},{b})")
    } else {
        format!("rgba({r},{g},{b},{})", crate::locale::plain(c.alpha))
    }
}

impl DrawingBackend for CanvasBackend {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }
    fn ensure_prepared(&mut self) -> Result {
        Ok(())
    }
    fn present(&mut self) -> Result {
        Ok(())
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result {
        self.fill_style(color);
        self.ctx.fill_rect(point.0 as f64, point.1 as f64, 1.0, 1.0);
        Ok(())
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result {
        let w = style.stroke_width();
        self.stroke_style(style.color(), w);
        self.ctx.set_line_cap(if w > 2 { "round" } else { "butt" });
        let ((fx, fy), (tx, ty)) = crisp_segment(from, to, w);
        self.ctx.begin_path();
        self.ctx.move_to(fx, fy);
        self.ctx.line_to(tx, ty);
        self.ctx.stroke();
        Ok(())
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        ul: BackendCoord,
        br: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result {
        let (x, y) = (ul.0 as f64, ul.1 as f64);
        let (w, h) = ((br.0 - ul.0 + 1) as f64, (br.1 - ul.1 + 1) as f64);
        if fill {
            self.fill_style(style.color());
            self.ctx.fill_rect(x, y, w, h);
        } else {
            self.stroke_style(style.color(), style.stroke_width());
            self.ctx.stroke_rect(x, y, w - 1.0, h - 1.0);
        }
        Ok(())
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result {
        self.stroke_style(style.color(), style.stroke_width());
        self.ctx.set_line_join("round");
        self.ctx.set_line_cap("round");
        self.trace(path.into_iter().map(|(x, y)| (x as f64, y as f64)));
        self.ctx.stroke();
        Ok(())
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result {
        self.ctx.begin_path();
        let _ = self
            .ctx
            .arc(center.0 as f64, center.1 as f64, radius as f64, 0.0, TAU);
        if fill {
            self.fill_style(style.color());
            self.ctx.fill();
        } else {
            self.stroke_style(style.color(), style.stroke_width());
            self.ctx.stroke();
        }
        Ok(())
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result {
        self.fill_style(style.color());
        self.trace(vert.into_iter().map(|(x, y)| (x as f64, y as f64)));
        self.ctx.close_path();
        self.ctx.fill();
        Ok(())
    }
    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Result {
        let t = TextPlacement::of(style, pos);
        self.set_font(t.size, t.bold);
        self.fill_style(style.color());
        self.ctx.set_text_align(match t.align {
            HPos::Left => "left",
            HPos::Center => "center",
            HPos::Right => "right",
        });
        self.ctx.set_text_baseline("alphabetic");
        let _ = self.ctx.fill_text(text, t.x, t.baseline);
        Ok(())
    }
    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> std::result::Result<(u32, u32), DrawingErrorKind<CanvasError>> {
        let t = TextPlacement::of(style, (0, 0));
        let w = self.text_width(text, t.size / self.scale, t.bold) * self.scale;
        Ok((w.ceil() as u32, t.size.ceil() as u32))
    }
}

impl CanvasBackend {
    /// Begins a path through `points`.
    fn trace(&self, points: impl Iterator<Item = (f64, f64)>) {
        self.ctx.begin_path();
        for (i, (x, y)) in points.enumerate() {
            if i == 0 {
                self.ctx.move_to(x, y);
            } else {
                self.ctx.line_to(x, y);
            }
        }
    }
}

impl Measure for CanvasBackend {
    fn text_width(&self, text: &str, size: f64, bold: bool) -> f64 {
        measure_with(&self.ctx, &self.font, text, size, bold)
    }
}

/// Sets the context's font unless `last` says it is already set: assigning `font` is slow.
fn apply_font(ctx: &CanvasRenderingContext2d, last: &RefCell<String>, size: f64, bold: bool) {
    let font = format!(
        "{}{}px {FONT_FAMILY}",
        if bold { "bold " } else { "" },
        crate::locale::plain((size * 100.0).round() / 100.0)
    );
    if *last.borrow() != font {
        ctx.set_font(&font);
        *last.borrow_mut() = font;
    }
}

/// Width of `text` at `size` CSS pixels, by the context's own text metrics.
pub fn measure_with(
    ctx: &CanvasRenderingContext2d,
    last_font: &RefCell<String>,
    text: &str,
    size: f64,
    bold: bool,
) -> f64 {
    apply_font(ctx, last_font, size, bold);
    ctx.measure_text(text).map(|m| m.width()).unwrap_or(0.0)
}

/// Measures text with a canvas context, for layout before drawing (and for SVG export).
pub struct CanvasMeasure {
    pub ctx: CanvasRenderingContext2d,
    pub font: RefCell<String>,
}

impl Measure for CanvasMeasure {
    fn text_width(&self, text: &str, size: f64, bold: bool) -> f64 {
        measure_with(&self.ctx, &self.font, text, size, bold)
    }
}

impl Surface for CanvasBackend {
    fn fill_sector(
        &mut self,
        center: (f64, f64),
        r0: f64,
        r1: f64,
        a0: f64,
        a1: f64,
        color: BackendColor,
    ) -> Result {
        // Math angles run counter-clockwise with y up, canvas angles clockwise with y down:
        // negate them, then sweep the outer arc clockwise from the smaller to the larger.
        let (cx, cy) = center;
        let (from, to) = if a0 > a1 { (-a0, -a1) } else { (-a1, -a0) };
        self.ctx.begin_path();
        let _ = self.ctx.arc_with_anticlockwise(cx, cy, r1, from, to, false);
        let _ = self
            .ctx
            .arc_with_anticlockwise(cx, cy, r0.max(0.0), to, from, true);
        self.ctx.close_path();
        self.fill_style(color);
        self.ctx.fill();
        Ok(())
    }
}
