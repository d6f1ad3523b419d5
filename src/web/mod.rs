//! The browser facade: a `Chart` class for JavaScript that owns a canvas and
//! hands the core a [`CanvasBackend`]. Thin on purpose: parsing, statistics and
//! drawing all live in the core.

mod canvas;

pub use canvas::{CanvasBackend, CanvasMeasure};

use crate::render::{self, Size};
use crate::spec::limits::{MAX_SCALE, MAX_SIZE, MAX_SPEC_BYTES, MIN_SIZE};
use crate::spec::ThemeName;
use crate::{parse_spec, Spec, SpecError};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

// SVG export records the canvas backend's drawing in JS (js/svg-context.js), so the
// wasm carries no SVG writer: the canvas backend is the one path that draws in the browser.
#[wasm_bindgen(module = "/js/svg-context.js")]
extern "C" {
    #[wasm_bindgen(js_name = svgContext)]
    fn svg_context(
        width: u32,
        height: u32,
        measure: &CanvasRenderingContext2d,
    ) -> CanvasRenderingContext2d;
    #[wasm_bindgen(js_name = svgDocument)]
    fn svg_document(recorder: &CanvasRenderingContext2d, title: &str) -> String;
}

#[wasm_bindgen(module = "/js/utf8-length.js")]
extern "C" {
    /// UTF-8 length of a JS string, measured without copying it into wasm memory.
    #[wasm_bindgen(js_name = utf8Length)]
    fn utf8_length(text: &js_sys::JsString) -> usize;
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
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
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
        let canvas = find_canvas(&target)?;
        let ctx = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
            .ok_or_else(|| JsError::new("the canvas has no 2D context"))?;
        // A canvas without a CSS width would grow with its own backing store on every resize.
        let style = canvas.style();
        if style
            .get_property_value("width")
            .unwrap_or_default()
            .is_empty()
        {
            let _ = style.set_property("width", "100%");
        }
        // Text is drawn by the chart: the page's letter spacing or direction must not reach it.
        for (property, value) in [
            ("display", "block"),
            ("letter-spacing", "normal"),
            ("word-spacing", "normal"),
            ("direction", "ltr"),
        ] {
            let _ = style.set_property(property, value);
        }
        let mut chart = Chart {
            canvas,
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
                Err(JsError::new(&e.to_string()))
            }
        }
    }

    /// Redraws at the canvas's current CSS width and the current devicePixelRatio.
    pub fn resize(&mut self) -> Result<(), JsError> {
        self.alive()?;
        let Some(spec) = self.drawn_spec() else {
            return Ok(());
        };
        // Laid out once: the natural height is read from the scene that is then painted.
        let probe = self.size_for(None)?;
        let scene = render::layout(&spec, probe.width, self.height, &self.measure());
        let size = Size::new(probe.width, scene.height, probe.scale)
            .map_err(|e| JsError::new(&e.to_string()))?;
        let mut backend = self.backend(size);
        render::paint(&scene, &mut backend, size.scale).map_err(|e| JsError::new(&e))?;
        self.marks = scene.marks;
        let _ = self.canvas.set_attribute("role", "img");
        let _ = self
            .canvas
            .set_attribute("aria-label", &crate::summary::summary(&spec));
        Ok(())
    }

    /// Fixes the CSS height in pixels, or with `undefined` lets the chart take the height it needs.
    #[wasm_bindgen(js_name = setHeight)]
    pub fn set_height(&mut self, height: Option<f64>) -> Result<(), JsError> {
        self.alive()?;
        if let Some(h) = height {
            Size::new(MIN_SIZE as f64, h, 1.0).map_err(|e| JsError::new(&e.to_string()))?;
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
            Size::new(MIN_SIZE as f64, h, 1.0).map_err(|e| JsError::new(&e.to_string()))?;
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
        let spec = read_spec(&spec).map_err(|e| JsError::new(&e.to_string()))?;
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
    pub fn to_svg(&self) -> Result<String, JsError> {
        self.alive()?;
        let spec = &self
            .drawn_spec()
            .ok_or_else(|| JsError::new("no chart drawn yet"))?;
        let size = self.size_for(Some(spec))?;
        let (w, h) = (size.width.round() as u32, size.height.round() as u32);
        let recorder = svg_context(w, h, &self.ctx);
        let mut backend = CanvasBackend::new(recorder.clone(), (w, h), 1.0);
        render::draw(spec, &mut backend, 1.0).map_err(|e| JsError::new(&e))?;
        Ok(svg_document(&recorder, &crate::summary::summary(spec)))
    }

    /// The chart as a PNG `data:` URL, at the canvas's backing-store resolution.
    #[wasm_bindgen(js_name = toPng)]
    pub fn to_png(&self) -> Result<String, JsError> {
        self.alive()?;
        self.canvas
            .to_data_url_with_type("image/png")
            .map_err(|_| JsError::new("the canvas could not be exported"))
    }

    /// Clears the canvas and lets go of the figures; every later call throws an error
    /// that says the chart was destroyed (`free()` releases the object itself).
    pub fn destroy(&mut self) {
        if self.destroyed {
            return;
        }
        self.destroyed = true;
        let (w, h) = (self.canvas.width() as f64, self.canvas.height() as f64);
        self.ctx.clear_rect(0.0, 0.0, w, h);
        let _ = self.canvas.remove_attribute("aria-label");
        let _ = self.canvas.remove_attribute("role");
        self.spec = None;
        self.marks = Vec::new();
    }
}

impl Chart {
    /// The spec as drawn: the stored one with the theme override applied to a copy, so
    /// that `setTheme(undefined)` returns to the spec's own theme.
    fn drawn_spec(&self) -> Option<Spec> {
        let mut spec = self.spec.clone()?;
        if let Some(theme) = self.theme {
            spec.theme = theme;
        }
        Some(spec)
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
        let get = |key: &str| {
            js_sys::Reflect::get(options, &JsValue::from_str(key))
                .ok()
                .filter(|v| !v.is_undefined() && !v.is_null())
        };
        if let Some(h) = get("height") {
            let h = h.as_f64().unwrap_or(f64::NAN);
            Size::new(MIN_SIZE as f64, h, 1.0).map_err(|e| JsError::new(&e.to_string()))?;
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

    fn measure(&self) -> CanvasMeasure {
        CanvasMeasure {
            ctx: self.ctx.clone(),
            font: RefCell::new(String::new()),
        }
    }

    /// CSS size from the canvas's layout width and the chart's height; scale from the pixel ratio.
    fn size_for(&self, spec: Option<&Spec>) -> Result<Size, JsError> {
        let rect_width = self.canvas.get_bounding_client_rect().width();
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
        let ratio = self
            .pixel_ratio
            .unwrap_or_else(|| web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()))
            .clamp(1.0, MAX_SCALE);
        Size::new(width, height, ratio).map_err(|e| JsError::new(&e.to_string()))
    }

    /// Sizes the backing store (CSS size × ratio) and the CSS height, and wraps the context.
    fn backend(&self, size: Size) -> CanvasBackend {
        let (w, h) = size.device();
        if self.canvas.width() != w {
            self.canvas.set_width(w);
        }
        if self.canvas.height() != h {
            self.canvas.set_height(h);
        }
        let _ = self.canvas.style().set_property(
            "height",
            &format!("{}px", crate::locale::plain(size.height)),
        );
        CanvasBackend::new(self.ctx.clone(), (w, h), size.scale)
    }

    fn paint_error(&self, message: &str) {
        let theme = self
            .theme
            .or(self.spec.as_ref().map(|s| s.theme))
            .unwrap_or_default();
        // Keep the chart's current height so the page does not jump; at least the minimum.
        let current = self.canvas.get_bounding_client_rect().height();
        let height = self
            .height
            .unwrap_or(current)
            .clamp(MIN_SIZE as f64, MAX_SIZE as f64);
        if let Ok(size) = self.size_for(None).and_then(|s| {
            Size::new(s.width, height, s.scale).map_err(|e| JsError::new(&e.to_string()))
        }) {
            let mut backend = self.backend(size);
            let _ = render::draw_error(message, &mut backend, size.scale, theme);
        }
        let _ = self.canvas.set_attribute("role", "img");
        let _ = self
            .canvas
            .set_attribute("aria-label", &format!("Chart not drawn: {message}"));
    }
}

/// A theme override from JS: a theme's name, or nothing.
fn theme_override(theme: Option<String>) -> Result<Option<ThemeName>, JsError> {
    theme
        .map(|name| crate::spec::theme_named(&name))
        .transpose()
        .map_err(|e| JsError::new(&e.to_string()))
}

/// Validates a spec without drawing: throws the same one-line error as `new` and the CLI.
#[wasm_bindgen]
pub fn check(
    #[wasm_bindgen(unchecked_param_type = "ChartSpec | string")] spec: JsValue,
) -> Result<(), JsError> {
    read_spec(&spec)
        .map(|_| ())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// A spec from JSON text, or from a JS object through the engine's `JSON.stringify`:
/// walking the object recursively in Rust would have no depth limit and a
/// 10 000-deep object would overflow the wasm stack, while the parser stops at 128.
fn read_spec(spec: &JsValue) -> Result<Spec, SpecError> {
    let text: js_sys::JsString = match spec.dyn_ref::<js_sys::JsString>() {
        Some(text) => text.clone(),
        None => {
            if spec.is_undefined() || spec.is_null() {
                return Err(SpecError::root(
                    "expected a spec object or JSON text, got nothing",
                ));
            }
            js_sys::JSON::stringify(spec)
                .ok()
                .and_then(|s| s.dyn_into::<js_sys::JsString>().ok())
                .ok_or_else(|| SpecError::root("the spec object cannot be turned into JSON (a cycle, a BigInt or a function?)"))?
        }
    };
    // Refuse an oversized spec while it is still a JS string: copied into linear
    // memory it would grow the wasm for the page's life (memory never shrinks).
    let units = text.length() as usize;
    if units > MAX_SPEC_BYTES || (units * 3 > MAX_SPEC_BYTES && utf8_length(&text) > MAX_SPEC_BYTES)
    {
        return Err(SpecError::root(format!(
            "spec is larger than the limit of {MAX_SPEC_BYTES} bytes"
        )));
    }
    parse_spec(&String::from(text))
}

fn find_canvas(target: &JsValue) -> Result<HtmlCanvasElement, JsError> {
    if let Some(selector) = target.as_string() {
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or_else(|| JsError::new("no document"))?;
        let element = document
            .query_selector(&selector)
            .map_err(|_| JsError::new(&format!("invalid selector \"{selector}\"")))?
            .ok_or_else(|| JsError::new(&format!("no element matches \"{selector}\"")))?;
        element
            .dyn_into::<HtmlCanvasElement>()
            .map_err(|_| JsError::new(&format!("\"{selector}\" is not a canvas")))
    } else {
        target
            .clone()
            .dyn_into::<HtmlCanvasElement>()
            .map_err(|_| JsError::new("expected a canvas element or a selector"))
    }
}
