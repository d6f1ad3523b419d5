//! The browser facade: a `Chart` class for JavaScript that owns a canvas and
//! hands the core a [`CanvasBackend`]. Thin on purpose: parsing, statistics and
//! drawing all live in the core.

mod canvas;

use canvas::{attach, css_box, fit, label, option, png, release};
pub use canvas::{CanvasBackend, CanvasMeasure};

use crate::render::{self, Size};
use crate::spec::limits::{MAX_SCALE, MAX_SIZE, MAX_SPEC_BYTES, MIN_SIZE};
use crate::spec::ThemeName;
use crate::{parse_spec, Spec, SpecError};
use wasm_bindgen::prelude::*;

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

// SVG export records the canvas backend's drawing in JS (js/svg-context.js), so the
// wasm carries no SVG writer: the canvas backend is the one path that draws in the browser.
#[wasm_bindgen(module = "/js/svg-context.js")]
extern "C" {
    #[wasm_bindgen(js_name = svgContext)]
    fn svg_context(width: u32, height: u32, measure: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = svgDocument)]
    fn svg_document(recorder: &JsValue, title: &str) -> String;
}

#[wasm_bindgen(module = "/js/spec-text.js")]
extern "C" {
    /// The spec as JSON text; or why not, as a number: 0 nothing given, 1 not
    /// JSON-able, 2 larger than `limit` bytes of UTF-8.
    #[wasm_bindgen(js_name = specText)]
    fn spec_text(spec: &JsValue, limit: usize) -> JsValue;
}

#[wasm_bindgen(typescript_custom_section)]
const SPEC_TYPES: &str = include_str!("../../types/spec.d.ts");

// Exported by js/api.js, the module that wraps this glue in the package.
// marks() and table() are js/api.js's, parsing the JSON the glue returns; the
// interface merges into the class's declaration.
#[wasm_bindgen(typescript_custom_section)]
const READ_TYPES: &str = r#"export interface Chart {
  /** The data elements as drawn: `[{x, y, w, h, text}]` in CSS pixels, in reading order,
   * with the exact values (and intervals where known) a tooltip should show. */
  marks(): Array<{ x: number; y: number; w: number; h: number; text: string }>;
  /** The figures as a table for screen readers: `{caption, headers, rows}`; the first
   * header names the column of row headers, and each row starts with its header.
   * `null` before a chart is drawn. */
  table(): { caption: string; headers: string[]; rows: string[][] } | null;
}"#;

#[wasm_bindgen(typescript_custom_section)]
const LIMIT_TYPES: &str =
    "/** Largest spec accepted, in bytes of JSON text. */\nexport const MAX_SPEC_BYTES: 1000000;";

#[cfg(feature = "panic-hook")]
#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// A chart drawn on one canvas.
#[wasm_bindgen]
pub struct Chart {
    /// The canvas's 2D context: js/canvas-ops.js paints it and does the DOM calls.
    ctx: JsValue,
    /// The last spec drawn without error.
    spec: Option<Spec>,
    /// A fixed CSS height; otherwise the chart takes the height it needs.
    height: Option<f64>,
    /// A fixed pixel ratio; otherwise the window's devicePixelRatio.
    pixel_ratio: Option<f64>,
    /// Theme that overrides the spec's (the demo's light/dark switch).
    theme: Option<ThemeName>,
    /// Data elements as last drawn, for tooltips and keyboard navigation.
    marks: Vec<render::Mark>,
    /// Set by `destroy()`: every later call says so instead of failing obscurely.
    destroyed: bool,
}

#[wasm_bindgen]
impl Chart {
    /// Draws `spec` (an object or JSON text) on `target` (a canvas or a CSS selector).
    /// Options: `height` (CSS pixels), `pixelRatio`, `theme` ("light" | "dark").
    /// Throws an `Error` naming the bad field, after drawing the error in the canvas.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "HTMLCanvasElement | string")] target: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ChartSpec | string")] spec: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ChartOptions")] options: Option<
            js_sys::Object,
        >,
    ) -> Result<Chart, JsError> {
        let ctx = attach(&target);
        if let Some(message) = ctx.as_string() {
            return Err(JsError::new(&message));
        }
        let mut chart = Chart {
            ctx,
            spec: None,
            height: None,
            pixel_ratio: None,
            theme: None,
            marks: Vec::new(),
            destroyed: false,
        };
        if let Some(options) = options {
            chart.set_options(&options)?;
        }
        chart.update(spec)?;
        Ok(chart)
    }

    /// Replaces the spec and redraws. A bad spec throws and shows the error in the canvas;
    /// the chart stays usable and the next good spec draws normally.
    pub fn update(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ChartSpec | string")] spec: JsValue,
    ) -> Result<(), JsError> {
        self.alive()?;
        match read_spec(&spec) {
            Ok(spec) => {
                self.spec = Some(spec);
                self.resize()
            }
            Err(e) => {
                self.paint_error(&e.to_string());
                Err(js_error(e))
            }
        }
    }

    /// Redraws at the canvas's current CSS width and the current devicePixelRatio.
    pub fn resize(&mut self) -> Result<(), JsError> {
        self.alive()?;
        self.with_drawn_spec(Chart::draw).unwrap_or(Ok(()))
    }

    /// Fixes the CSS height in pixels, or with `undefined` lets the chart take the height it needs.
    #[wasm_bindgen(js_name = setHeight)]
    pub fn set_height(&mut self, height: Option<f64>) -> Result<(), JsError> {
        self.alive()?;
        if let Some(h) = height {
            Size::new(MIN_SIZE as f64, h, 1.0).map_err(js_error)?;
        }
        self.height = height;
        self.resize()
    }

    /// Overrides the spec's theme ("light" or "dark"), or with `undefined` follows it again.
    #[wasm_bindgen(js_name = setTheme)]
    pub fn set_theme(&mut self, theme: Option<String>) -> Result<(), JsError> {
        self.alive()?;
        self.theme = theme_override(theme)?;
        self.resize()
    }

    /// Sets the theme override and the fixed CSS height (`undefined`: none) without
    /// drawing: the next `tryUpdate`, `update` or `resize` draws once with both.
    pub fn configure(&mut self, theme: Option<String>, height: Option<f64>) -> Result<(), JsError> {
        self.alive()?;
        if let Some(h) = height {
            Size::new(MIN_SIZE as f64, h, 1.0).map_err(js_error)?;
        }
        self.theme = theme_override(theme)?;
        self.height = height;
        Ok(())
    }

    /// Like `update`, but a bad spec throws and leaves the chart as it was drawn
    /// (`update` draws the error): for callers that keep the last good chart.
    #[wasm_bindgen(js_name = tryUpdate)]
    pub fn try_update(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ChartSpec | string")] spec: JsValue,
    ) -> Result<(), JsError> {
        self.alive()?;
        let spec = read_spec(&spec).map_err(js_error)?;
        self.spec = Some(spec);
        self.resize()
    }

    /// The marks as JSON text; `marks()` (js/api.js) parses it. One string crosses
    /// the boundary instead of an object built field by field through reflection.
    #[wasm_bindgen(js_name = marksJson, skip_typescript)]
    pub fn marks_json(&self) -> String {
        render::Mark::list_json(&self.marks)
    }

    /// The table as JSON text (empty before a chart is drawn); `table()` parses it.
    #[wasm_bindgen(js_name = tableJson, skip_typescript)]
    pub fn table_json(&self) -> String {
        self.spec
            .as_ref()
            .map(|spec| crate::summary::table(spec).to_json())
            .unwrap_or_default()
    }

    /// The text a screen reader should say for this chart.
    pub fn summary(&self) -> String {
        self.spec
            .as_ref()
            .map(crate::summary::summary)
            .unwrap_or_default()
    }

    /// The chart as an SVG document, laid out at the canvas's CSS size.
    #[wasm_bindgen(js_name = toSvg)]
    pub fn to_svg(&mut self) -> Result<String, JsError> {
        self.alive()?;
        self.with_drawn_spec(Chart::svg)
            .unwrap_or_else(|| Err(JsError::new("no chart drawn yet")))
    }

    /// The chart as a PNG `data:` URL, at the canvas's backing-store resolution.
    #[wasm_bindgen(js_name = toPng)]
    pub fn to_png(&self) -> Result<String, JsError> {
        self.alive()?;
        let url = png(&self.ctx);
        if url.is_empty() {
            return Err(JsError::new("the canvas could not be exported"));
        }
        Ok(url)
    }

    /// Clears the canvas and lets go of the figures; every later call throws an error
    /// that says the chart was destroyed (`free()` releases the object itself).
    pub fn destroy(&mut self) {
        if self.destroyed {
            return;
        }
        self.destroyed = true;
        release(&self.ctx);
        self.spec = None;
        self.marks = Vec::new();
    }
}

impl Chart {
    /// Calls `f` with the spec as drawn: the stored one with the theme override
    /// applied in place and undone afterwards (no copy of the spec), so that
    /// `setTheme(undefined)` returns to the spec's own theme. `None` before a chart.
    fn with_drawn_spec<R>(&mut self, f: impl FnOnce(&mut Self, &Spec) -> R) -> Option<R> {
        let mut spec = self.spec.take()?;
        let own = spec.theme;
        spec.theme = self.theme.unwrap_or(own);
        let result = f(self, &spec);
        spec.theme = own;
        self.spec = Some(spec);
        Some(result)
    }

    /// Lays `spec` out once at the canvas's width (the natural height is read from
    /// the scene that is then painted), paints it and names the canvas.
    fn draw(&mut self, spec: &Spec) -> Result<(), JsError> {
        let probe = self.size_for(None)?;
        let scene = render::layout(spec, probe.width, self.height, &self.measure());
        let size = Size::new(probe.width, scene.height, probe.scale).map_err(js_error)?;
        let mut backend = self.backend(size);
        render::paint(&scene, &mut backend, size.scale).map_err(js_error)?;
        self.marks = scene.marks;
        label(&self.ctx, &crate::summary::summary(spec));
        Ok(())
    }

    /// `spec` as an SVG document, drawn by the canvas backend on js/svg-context.js.
    fn svg(&mut self, spec: &Spec) -> Result<String, JsError> {
        let size = self.size_for(Some(spec))?;
        let (w, h) = (size.width.round() as u32, size.height.round() as u32);
        let recorder = svg_context(w, h, &self.ctx);
        let mut backend = CanvasBackend::new(recorder.clone(), (w, h), 1.0);
        render::draw(spec, &mut backend, 1.0).map_err(js_error)?;
        Ok(svg_document(&recorder, &crate::summary::summary(spec)))
    }

    fn alive(&self) -> Result<(), JsError> {
        if self.destroyed {
            Err(JsError::new(
                "this chart was destroyed: create a new Chart to draw again",
            ))
        } else {
            Ok(())
        }
    }

    fn set_options(&mut self, options: &js_sys::Object) -> Result<(), JsError> {
        let get =
            |key: &str| Some(option(options, key)).filter(|v| !v.is_undefined() && !v.is_null());
        if let Some(h) = get("height") {
            let h = h.as_f64().unwrap_or(f64::NAN);
            Size::new(MIN_SIZE as f64, h, 1.0).map_err(js_error)?;
            self.height = Some(h);
        }
        if let Some(r) = get("pixelRatio") {
            let r = r.as_f64().unwrap_or(f64::NAN);
            Size::new(MIN_SIZE as f64, MIN_SIZE as f64, r)
                .map_err(|e| JsError::new(&format!("pixelRatio: {}", e.message)))?;
            self.pixel_ratio = Some(r);
        }
        if let Some(t) = get("theme") {
            self.theme = theme_override(t.as_string())?;
        }
        Ok(())
    }

    /// The canvas's CSS width and height, and the window's devicePixelRatio.
    fn css_box(&self) -> [f64; 3] {
        let b = css_box(&self.ctx);
        [b[0], b[1], b[2]]
    }

    fn measure(&self) -> CanvasMeasure {
        CanvasMeasure::new(self.ctx.clone())
    }

    /// CSS size from the canvas's layout width and the chart's height; scale from the pixel ratio.
    fn size_for(&self, spec: Option<&Spec>) -> Result<Size, JsError> {
        let [rect_width, _, ratio] = self.css_box();
        let width = if rect_width >= 1.0 {
            rect_width
        } else {
            render::DEFAULT_WIDTH
        };
        let width = width.clamp(MIN_SIZE as f64, MAX_SIZE as f64);
        let height = match (self.height, spec) {
            (Some(h), _) => h,
            (None, Some(spec)) => render::natural_height(spec, width, &self.measure()),
            (None, None) => 200.0,
        };
        let ratio = self.pixel_ratio.unwrap_or(ratio).clamp(1.0, MAX_SCALE);
        Size::new(width, height, ratio).map_err(js_error)
    }

    /// Sizes the backing store (CSS size × ratio) and the CSS height, and wraps the context.
    fn backend(&self, size: Size) -> CanvasBackend {
        let (w, h) = size.device();
        fit(&self.ctx, w, h, size.height);
        CanvasBackend::new(self.ctx.clone(), (w, h), size.scale)
    }

    fn paint_error(&self, message: &str) {
        let theme = self
            .theme
            .or(self.spec.as_ref().map(|s| s.theme))
            .unwrap_or_default();
        // Keep the chart's current height so the page does not jump; at least the minimum.
        let [_, current, _] = self.css_box();
        let height = self
            .height
            .unwrap_or(current)
            .clamp(MIN_SIZE as f64, MAX_SIZE as f64);
        if let Ok(size) = self
            .size_for(None)
            .and_then(|s| Size::new(s.width, height, s.scale).map_err(js_error))
        {
            let mut backend = self.backend(size);
            let _ = render::draw_error(message, &mut backend, size.scale, theme);
        }
        label(&self.ctx, &format!("Chart not drawn: {message}"));
    }
}

/// A JS `Error` whose message is `e`'s: one function for every error the facade throws.
fn js_error(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// A theme override from JS: a theme's name, or nothing.
fn theme_override(theme: Option<String>) -> Result<Option<ThemeName>, JsError> {
    theme
        .map(|name| crate::spec::theme_named(&name))
        .transpose()
        .map_err(js_error)
}

/// Validates a spec without drawing: throws the same one-line error as `new` and the CLI.
#[wasm_bindgen]
pub fn check(
    #[wasm_bindgen(unchecked_param_type = "ChartSpec | string")] spec: JsValue,
) -> Result<(), JsError> {
    read_spec(&spec).map(|_| ()).map_err(js_error)
}

/// A spec from JSON text or a JS object (js/spec-text.js turns it into text, and
/// refuses an oversized one before it is copied into linear memory).
fn read_spec(spec: &JsValue) -> Result<Spec, SpecError> {
    let text = spec_text(spec, MAX_SPEC_BYTES);
    if let Some(text) = text.as_string() {
        return parse_spec(&text);
    }
    Err(SpecError::root(match text.as_f64() {
        Some(0.0) => "expected a spec object or JSON text, got nothing".into(),
        Some(1.0) => {
            "the spec object cannot be turned into JSON (a cycle, a BigInt or a function?)".into()
        }
        _ => format!("spec is larger than the limit of {MAX_SPEC_BYTES} bytes"),
    }))
}
