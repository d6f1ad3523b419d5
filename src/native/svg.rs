//! plotters' SVG backend as a statchart [`Surface`], measured with the bundled font.

use crate::render::{Measure, Surface};
use plotters_svg::SVGBackend;

impl Measure for SVGBackend<'_> {
    fn text_width(&self, text: &str, size: f64, bold: bool) -> f64 {
        super::fonts::text_width(text, size, bold)
    }
}

impl Surface for SVGBackend<'_> {}
