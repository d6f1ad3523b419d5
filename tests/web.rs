//! The browser build in real headless Chromium: `wasm-pack test --headless --chrome`.
//! Renders into a canvas and reads its pixels back.
#![cfg(all(target_arch = "wasm32", feature = "web"))]

use statchart::spec::ThemeName;
use statchart::theme::{Rgba, Theme};
use statchart::web::Chart;
use wasm_bindgen::{JsCast, JsError, JsValue};
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A canvas of `width` CSS pixels in the document.
fn canvas(width: u32) -> HtmlCanvasElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .unwrap()
        .dyn_into()
        .unwrap();
    canvas
        .style()
        .set_property("width", &format!("{width}px"))
        .unwrap();
    document.body().unwrap().append_child(&canvas).unwrap();
    canvas
}

fn options(pairs: &[(&str, JsValue)]) -> Option<js_sys::Object> {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        js_sys::Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
    }
    Some(o)
}

/// A chart of `spec` on `canvas` at a fixed pixel ratio.
fn chart_at(canvas: &HtmlCanvasElement, spec: &str, ratio: f64) -> Chart {
    Chart::new(
        canvas.clone().into(),
        JsValue::from_str(spec),
        options(&[("pixelRatio", ratio.into())]),
    )
    .unwrap()
}

fn pixel(canvas: &HtmlCanvasElement, x: u32, y: u32) -> (u8, u8, u8, u8) {
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let d = ctx
        .get_image_data(x as f64, y as f64, 1.0, 1.0)
        .unwrap()
        .data();
    (d[0], d[1], d[2], d[3])
}

/// How many pixels of the whole canvas have exactly colour `c`.
fn count(canvas: &HtmlCanvasElement, c: Rgba) -> usize {
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let d = ctx
        .get_image_data(0.0, 0.0, canvas.width() as f64, canvas.height() as f64)
        .unwrap()
        .data();
    d.chunks(4)
        .filter(|p| (p[0], p[1], p[2], p[3]) == (c.r, c.g, c.b, 255))
        .count()
}

const BREAKDOWN: &str =
    r#"{"type":"nps","view":"breakdown","data":{"promoters":10,"passives":0,"detractors":0}}"#;

#[wasm_bindgen_test]
fn draws_the_background_and_the_bar() {
    let c = canvas(400);
    let _chart = chart_at(&c, BREAKDOWN, 1.0);
    assert_eq!(c.width(), 400);
    assert_eq!(pixel(&c, 1, 1), (255, 255, 255, 255));
    let accent = Theme::new(ThemeName::Light).accent;
    assert!(
        count(&c, accent) > 3000,
        "the all-promoter bar is drawn in the accent colour"
    );
}

#[wasm_bindgen_test]
fn pixel_ratio_two_doubles_the_backing_store() {
    let c = canvas(400);
    let mut chart = chart_at(&c, BREAKDOWN, 2.0);
    let css_height: f64 = c
        .style()
        .get_property_value("height")
        .unwrap()
        .trim_end_matches("px")
        .parse()
        .unwrap();
    assert_eq!(c.width(), 800);
    assert_eq!(c.height() as f64, (css_height * 2.0).round());
    assert_eq!(c.get_bounding_client_rect().width(), 400.0);
    let accent = Theme::new(ThemeName::Light).accent;
    let at2 = count(&c, accent);
    chart.destroy();
    let c1 = canvas(400);
    let _one = chart_at(&c1, BREAKDOWN, 1.0);
    let ratio = at2 as f64 / count(&c1, accent) as f64;
    assert!(
        (3.7..4.3).contains(&ratio),
        "four times the pixels at ratio 2: {ratio}"
    );
}

#[wasm_bindgen_test]
fn a_bad_spec_throws_then_the_same_chart_draws_the_next_good_one() {
    let c = canvas(400);
    let mut chart = chart_at(&c, BREAKDOWN, 1.0);
    let bad = r#"{"type":"nps","data":{"promoters":-3,"passives":1,"detractors":1}}"#;
    let err = chart.update(JsValue::from_str(bad)).unwrap_err();
    let err: js_sys::Error = JsValue::from(err).dyn_into().unwrap();
    assert_eq!(
        String::from(err.message()),
        "data.promoters: expected a non-negative number, got -3"
    );
    // The error state is drawn: red heading ink, no accent bar.
    let theme = Theme::new(ThemeName::Light);
    assert_eq!(count(&c, theme.accent), 0);
    assert!(count(&c, theme.detractors) > 20, "error heading drawn");
    assert!(c
        .get_attribute("aria-label")
        .unwrap()
        .contains("data.promoters"));
    chart.update(JsValue::from_str(BREAKDOWN)).unwrap();
    assert!(count(&c, theme.accent) > 3000);
}

#[wasm_bindgen_test]
fn accepts_a_js_object_and_rejects_a_cycle() {
    let c = canvas(360);
    let spec = js_sys::JSON::parse(r#"{"type":"kpi","data":{"value":24}}"#).unwrap();
    let mut chart = Chart::new(c.clone().into(), spec.clone(), None).unwrap();
    js_sys::Reflect::set(&spec, &"self".into(), &spec).unwrap();
    let err = chart.update(spec).unwrap_err();
    let err: js_sys::Error = JsValue::from(err).dyn_into().unwrap();
    assert!(String::from(err.message()).contains("cannot be turned into JSON"));
    // A 10 000-deep object is refused cleanly, not a stack overflow.
    let deep = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
    let deep_spec = js_sys::Object::new();
    js_sys::Reflect::set(&deep_spec, &"type".into(), &"nps".into()).unwrap();
    js_sys::Reflect::set(
        &deep_spec,
        &"data".into(),
        &js_sys::JSON::parse(&deep).unwrap(),
    )
    .unwrap();
    assert!(chart.update(deep_spec.into()).is_err());
    chart
        .update(JsValue::from_str(r#"{"type":"kpi","data":{"value":1}}"#))
        .unwrap();
}

#[wasm_bindgen_test]
fn exports_svg_and_png_and_a_summary() {
    let c = canvas(480);
    let mut chart = Chart::new(
        c.into(),
        JsValue::from_str(r#"{"type":"nps","title":"<b>x</b>","data":{"promoters":50,"passives":30,"detractors":20}}"#),
        None,
    )
    .unwrap();
    let svg = chart.to_svg().unwrap();
    assert!(svg.starts_with("<svg") && svg.contains(r#"width="480""#));
    assert!(svg.contains("&lt;b&gt;x&lt;/b&gt;") && !svg.contains("<b>"));
    assert!(chart
        .to_png()
        .unwrap()
        .starts_with("data:image/png;base64,"));
    assert!(chart.summary().contains("Net Promoter Score 30"));
}

#[wasm_bindgen_test]
fn selector_targets_and_missing_canvas() {
    let c = canvas(300);
    c.set_id("by-selector");
    assert!(Chart::new("#by-selector".into(), JsValue::from_str(BREAKDOWN), None).is_ok());
    let err = Chart::new("#nothing-here".into(), JsValue::from_str(BREAKDOWN), None)
        .err()
        .unwrap();
    let err: js_sys::Error = JsValue::from(err).dyn_into().unwrap();
    assert!(String::from(err.message()).contains("no element matches"));
}

#[wasm_bindgen_test]
fn gauge_arcs_sweep_the_short_way() {
    // Zone −100..0 spans 100 points of the scale, zone 0..30 spans 30: about 10 to 3 in area.
    let c = canvas(500);
    let _chart = chart_at(&c, r#"{"type":"nps","data":{"nps":90}}"#, 1.0);
    let zones = Theme::new(ThemeName::Light).zones;
    let counts: Vec<usize> = zones.iter().map(|z| count(&c, *z)).collect();
    let ratio = counts[0] as f64 / counts[1] as f64;
    assert!(
        (2.8..3.9).contains(&ratio),
        "zone areas 100:30, got {counts:?} {:?}",
        pixel(&c, 250, 200)
    );
}

fn message(err: JsError) -> String {
    let err: js_sys::Error = JsValue::from(err).dyn_into().unwrap();
    String::from(err.message())
}

#[wasm_bindgen_test]
fn a_destroyed_chart_says_so_on_every_call() {
    let c = canvas(400);
    let mut chart = chart_at(&c, BREAKDOWN, 1.0);
    chart.destroy();
    let said = "this chart was destroyed: create a new Chart to draw again";
    assert_eq!(
        message(chart.update(JsValue::from_str(BREAKDOWN)).unwrap_err()),
        said
    );
    assert_eq!(message(chart.resize().unwrap_err()), said);
    assert_eq!(message(chart.to_svg().unwrap_err()), said);
    assert_eq!(chart.summary(), "");
    assert_eq!(chart.marks_json(), "[]");
    assert_eq!(chart.table_json(), "");
    assert!(c.get_attribute("aria-label").is_none());
    chart.destroy();
}

#[wasm_bindgen_test]
fn an_oversized_string_is_refused_before_it_reaches_wasm_memory() {
    let memory = || {
        wasm_bindgen::memory()
            .dyn_into::<js_sys::WebAssembly::Memory>()
            .unwrap()
            .buffer()
            .dyn_into::<js_sys::ArrayBuffer>()
            .unwrap()
            .byte_length()
    };
    let before = memory();
    // 400,000 euro signs: under the limit in UTF-16 units, 1.2 MB in UTF-8.
    let euros = js_sys::JsString::from("€").repeat(400_000);
    let err = statchart::web::check(euros.into()).unwrap_err();
    assert_eq!(
        message(err),
        "spec is larger than the limit of 1000000 bytes"
    );
    let huge = js_sys::JsString::from("x").repeat(20_000_000);
    let err = statchart::web::check(huge.into()).unwrap_err();
    assert_eq!(
        message(err),
        "spec is larger than the limit of 1000000 bytes"
    );
    assert!(
        memory() - before < 1 << 20,
        "wasm memory grew {} bytes",
        memory() - before
    );
}

#[wasm_bindgen_test]
fn set_theme_undefined_returns_to_the_spec_s_own_theme() {
    let c = canvas(400);
    let mut chart = chart_at(&c, BREAKDOWN, 1.0);
    let light = pixel(&c, 1, 1);
    chart.set_theme(Some("dark".into())).unwrap();
    let dark = pixel(&c, 1, 1);
    assert_ne!(light, dark, "the dark theme paints another background");
    assert!(
        chart.to_svg().unwrap().contains("rgb(23,23,23)"),
        "toSvg follows the override"
    );
    chart.set_theme(None).unwrap();
    assert_eq!(pixel(&c, 1, 1), light, "back to the spec's light theme");
    chart.update(JsValue::from_str(BREAKDOWN)).unwrap();
    assert_eq!(pixel(&c, 1, 1), light);
}
