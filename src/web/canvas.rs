//! A HiDPI canvas backend for plotters that records its drawing as one list of
//! operations, painted by js/canvas-ops.js in a single call: one boundary crossing
//! per chart instead of one per canvas call, and no per-method import shims in
//! the wasm. Text is measured with the context's `measureText` (no DOM spans, no
//! host CSS); the backing store is the CSS size × devicePixelRatio; ring sectors
//! are real arcs.

use crate::render::{crisp_segment, Measure, Surface, TextPlacement, FONT_FAMILY};
use plotters_backend::text_anchor::HPos;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use std::cell::RefCell;
use std::f64::consts::TAU;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/canvas-ops.js")]
extern "C" {
    /// Replays `ops` (texts sliced from `text`) on a 2D context or the SVG recorder.
    fn paint(ctx: &JsValue, ops: &[f64], text: &str);
    /// Advance width of `text`, after setting the context's font when `font` is not empty.
    fn measure(ctx: &JsValue, font: &str, text: &str) -> f64;
    /// The 2D context of a canvas or selector, its canvas styled; or why not, as a string.
    pub fn attach(target: &JsValue) -> JsValue;
    /// `[CSS width, CSS height, devicePixelRatio]` of the context's canvas.
    #[wasm_bindgen(js_name = box)]
    pub fn css_box(ctx: &JsValue) -> Vec<f64>;
    /// Sizes the backing store (device pixels) and the CSS height.
    pub fn fit(ctx: &JsValue, width: u32, height: u32, css_height: f64);
    /// Sets `role="img"` and the `aria-label`.
    pub fn label(ctx: &JsValue, text: &str);
    /// Clears the canvas and removes its role and label.
    pub fn release(ctx: &JsValue);
    /// The canvas as a PNG `data:` URL; empty when it cannot be exported.
    pub fn png(ctx: &JsValue) -> String;
    /// `options[key]`.
    pub fn option(options: &JsValue, key: &str) -> JsValue;
}

/// Operation codes, one per canvas call; js/canvas-ops.js reads them in this order.
mod op {
    pub const BEGIN_PATH: f64 = 0.0;
    pub const CLOSE_PATH: f64 = 1.0;
    pub const FILL: f64 = 2.0;
    pub const STROKE: f64 = 3.0;
    pub const MOVE_TO: f64 = 4.0;
    pub const LINE_TO: f64 = 5.0;
    pub const FILL_RECT: f64 = 6.0;
    pub const STROKE_RECT: f64 = 7.0;
    pub const ARC: f64 = 8.0;
    pub const LINE_WIDTH: f64 = 9.0;
    pub const LINE_CAP: f64 = 10.0;
    pub const LINE_JOIN: f64 = 11.0;
    pub const TEXT_ALIGN: f64 = 12.0;
    pub const FILL_STYLE: f64 = 13.0;
    pub const STROKE_STYLE: f64 = 14.0;
    pub const FONT: f64 = 15.0;
    pub const FILL_TEXT: f64 = 16.0;
}

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
    ctx: JsValue,
    /// Backing-store size in device pixels.
    size: (u32, u32),
    /// Device pixels per CSS pixel, to measure text at its CSS size.
    scale: f64,
    /// Measures text on the same context.
    measure: CanvasMeasure,
    /// The operations not yet painted, and the texts they name (by UTF-16 length).
    ops: Vec<f64>,
    text: String,
}

impl CanvasBackend {
    pub fn new(ctx: JsValue, size: (u32, u32), scale: f64) -> Self {
        CanvasBackend {
            measure: CanvasMeasure::new(ctx.clone()),
            ctx,
            size,
            scale,
            ops: Vec::new(),
            text: String::new(),
        }
    }

    /// Records one operation with its numbers.
    fn op(&mut self, code: f64, args: &[f64]) {
        self.ops.push(code);
        self.ops.extend_from_slice(args);
    }

    /// Records an operation whose first argument is `text`, then its numbers.
    fn text_op(&mut self, code: f64, text: &str, args: &[f64]) {
        self.text.push_str(text);
        self.op(code, &[text.encode_utf16().count() as f64]);
        self.ops.extend_from_slice(args);
    }

    fn fill_style(&mut self, c: BackendColor) {
        self.text_op(op::FILL_STYLE, &css(c), &[]);
    }

    fn stroke_style(&mut self, c: BackendColor, width: u32) {
        self.text_op(op::STROKE_STYLE, &css(c), &[]);
        self.op(op::LINE_WIDTH, &[width as f64]);
    }

    /// Begins a path through `points`.
    fn trace(&mut self, points: impl Iterator<Item = BackendCoord>) {
        self.op(op::BEGIN_PATH, &[]);
        for (i, (x, y)) in points.enumerate() {
            let code = if i == 0 { op::MOVE_TO } else { op::LINE_TO };
            self.op(code, &[x as f64, y as f64]);
        }
    }

    /// Paints what was recorded.
    fn flush(&mut self) {
        paint(&self.ctx, &self.ops, &self.text);
        self.ops.clear();
        self.text.clear();
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
        self.flush();
        Ok(())
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result {
        self.fill_style(color);
        self.op(op::FILL_RECT, &[point.0 as f64, point.1 as f64, 1.0, 1.0]);
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
        self.op(op::LINE_CAP, &[(w > 2) as u8 as f64]);
        let ((fx, fy), (tx, ty)) = crisp_segment(from, to, w);
        self.op(op::BEGIN_PATH, &[]);
        self.op(op::MOVE_TO, &[fx, fy]);
        self.op(op::LINE_TO, &[tx, ty]);
        self.op(op::STROKE, &[]);
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
            self.op(op::FILL_RECT, &[x, y, w, h]);
        } else {
            self.stroke_style(style.color(), style.stroke_width());
            self.op(op::STROKE_RECT, &[x, y, w - 1.0, h - 1.0]);
        }
        Ok(())
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result {
        self.stroke_style(style.color(), style.stroke_width());
        self.op(op::LINE_JOIN, &[1.0]);
        self.op(op::LINE_CAP, &[1.0]);
        self.trace(path.into_iter());
        self.op(op::STROKE, &[]);
        Ok(())
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result {
        self.op(op::BEGIN_PATH, &[]);
        let (x, y) = (center.0 as f64, center.1 as f64);
        self.op(op::ARC, &[x, y, radius as f64, 0.0, TAU, 0.0]);
        if fill {
            self.fill_style(style.color());
            self.op(op::FILL, &[]);
        } else {
            self.stroke_style(style.color(), style.stroke_width());
            self.op(op::STROKE, &[]);
        }
        Ok(())
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result {
        self.fill_style(style.color());
        self.trace(vert.into_iter());
        self.op(op::CLOSE_PATH, &[]);
        self.op(op::FILL, &[]);
        Ok(())
    }
    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Result {
        let t = TextPlacement::of(style, pos);
        self.text_op(op::FONT, &font(t.size, t.bold), &[]);
        self.fill_style(style.color());
        let align = match t.align {
            HPos::Left => 0.0,
            HPos::Center => 1.0,
            HPos::Right => 2.0,
        };
        self.op(op::TEXT_ALIGN, &[align]);
        self.text_op(op::FILL_TEXT, text, &[t.x, t.baseline]);
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

impl Measure for CanvasBackend {
    fn text_width(&self, text: &str, size: f64, bold: bool) -> f64 {
        self.measure.text_width(text, size, bold)
    }
}

/// The CSS font for `size` pixels, to two decimals.
fn font(size: f64, bold: bool) -> String {
    format!(
        "{}{}px {FONT_FAMILY}",
        if bold { "bold " } else { "" },
        crate::locale::plain((size * 100.0).round() / 100.0)
    )
}

/// Measures text with a canvas context, for layout before drawing (and for SVG export).
/// The recorded drawing is painted between save() and restore(), so the font set here
/// for measuring is the context's font until the next measurement sets another.
pub struct CanvasMeasure {
    ctx: JsValue,
    /// The font last set on the context: setting `font` is slow, so only on change.
    font: RefCell<String>,
}

impl CanvasMeasure {
    pub fn new(ctx: JsValue) -> Self {
        CanvasMeasure {
            ctx,
            font: RefCell::new(String::new()),
        }
    }
}

impl Measure for CanvasMeasure {
    fn text_width(&self, text: &str, size: f64, bold: bool) -> f64 {
        let font = font(size, bold);
        let mut last = self.font.borrow_mut();
        if *last == font {
            measure(&self.ctx, "", text)
        } else {
            let width = measure(&self.ctx, &font, text);
            *last = font;
            width
        }
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
        self.op(op::BEGIN_PATH, &[]);
        self.op(op::ARC, &[cx, cy, r1, from, to, 0.0]);
        self.op(op::ARC, &[cx, cy, r0.max(0.0), to, from, 1.0]);
        self.op(op::CLOSE_PATH, &[]);
        self.fill_style(color);
        self.op(op::FILL, &[]);
        Ok(())
    }
}
