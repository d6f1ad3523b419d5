// Everything the widget does with a spec that parsed: statistics, the screen-reader
// text and table, layout and drawing at three widths, and a PNG. Shared by the
// mutation test (tests/never_panics.rs) and the fuzz target (fuzz/), which include it.

use statchart::render::{self, Measure, Size};
use statchart::Spec;

/// A quick stand-in for font metrics: layout logic is what is being exercised.
pub struct Monospace;

impl Measure for Monospace {
    fn text_width(&self, text: &str, size: f64, bold: bool) -> f64 {
        text.chars().count() as f64 * size * if bold { 0.65 } else { 0.6 }
    }
}

/// Runs `spec` through every output; panics (the failure being looked for) on a bug.
pub fn exercise(spec: &Spec) {
    let _ = statchart::stats::chart_stats(spec);
    assert!(!statchart::summary::summary(spec).is_empty());
    let _ = statchart::summary::table(spec);
    for width in [200.0, 640.0, 1500.0] {
        let height = render::natural_height(spec, width, &Monospace);
        let size = Size::new(width, height, 1.0).expect("the natural height is within the limits");
        let svg = statchart::svg::render_svg(spec, size, &Monospace).expect("drawn");
        assert!(svg.starts_with("<svg"));
    }
    let size = Size::new(200.0, 200.0, 1.0).unwrap();
    statchart::native::render_png(spec, size).expect("rasterised");
}
