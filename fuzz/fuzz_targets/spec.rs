//! Any text as a spec: parsing, statistics, the screen-reader text and table, and
//! drawing at three widths must return a result or an error, never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use statchart::render::{self, Measure, Size};

/// A quick stand-in for font metrics: layout logic is what is being fuzzed.
struct Monospace;

impl Measure for Monospace {
    fn text_width(&self, text: &str, size: f64, bold: bool) -> f64 {
        text.chars().count() as f64 * size * if bold { 0.65 } else { 0.6 }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(spec) = statchart::parse_spec(text) else {
        return;
    };
    let _ = statchart::stats::chart_stats(&spec);
    let _ = statchart::summary::summary(&spec);
    let _ = statchart::summary::table(&spec);
    for width in [200.0, 640.0, 1500.0] {
        let height = render::natural_height(&spec, width, &Monospace);
        let size = Size::new(width, height, 1.0).expect("natural height within limits");
        let svg = statchart::svg::render_svg(&spec, size, &Monospace).expect("drawn");
        assert!(svg.starts_with("<svg"));
    }
    let size = Size::new(200.0, 200.0, 1.0).unwrap();
    let _ = statchart::native::render_png(&spec, size).expect("rasterised");
});
