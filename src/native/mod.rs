//! Native output: SVG through our own writer (`crate::svg`), PNG through tiny-skia,
//! both measured and (for PNG) drawn with the bundled DejaVu Sans.

mod fonts;
mod raster;

pub use raster::RasterBackend;

use crate::render::{self, Size};
use crate::{Error, Spec};

/// Measures with the bundled font, for layout before any backend exists.
pub struct BundledFont;

impl render::Measure for BundledFont {
    fn text_width(&self, text: &str, size: f64, bold: bool) -> f64 {
        fonts::text_width(text, size, bold)
    }
}

/// The output size: the requested width (default 640) and height (default: what the chart needs).
pub fn output_size(
    spec: &Spec,
    width: Option<f64>,
    height: Option<f64>,
    scale: f64,
) -> Result<Size, Error> {
    let width = width.unwrap_or(render::DEFAULT_WIDTH);
    let probe = Size::new(width, render::DEFAULT_WIDTH, scale)?;
    let height = height.unwrap_or_else(|| render::natural_height(spec, probe.width, &BundledFont));
    Ok(Size::new(width, height, scale)?)
}

/// The social-card size (og:image, twitter:image): 1200×630 device pixels, laid out
/// at 800×420 CSS pixels. The type scale grows with the width, so the title is about as
/// large against the card as at 600×315 ×2 (36 against 40 device pixels) and stays
/// readable in a feed's small preview, while the chart gets a third more room (at
/// 600×315 the gauge's dial was smaller than its score).
pub fn social_size() -> Size {
    Size {
        width: 800.0,
        height: 420.0,
        scale: 1.5,
    }
}

/// The chart as an SVG document, measured with the bundled font.
pub fn render_svg(spec: &Spec, size: Size) -> Result<String, Error> {
    crate::svg::render_svg(spec, size, &BundledFont)
}

/// The chart as PNG bytes at `size.scale` device pixels per CSS pixel.
pub fn render_png(spec: &Spec, size: Size) -> Result<Vec<u8>, Error> {
    let (w, h) = size.device();
    let mut backend =
        RasterBackend::new(w, h).ok_or_else(|| Error::Render("empty image".into()))?;
    render::draw(spec, &mut backend, size.scale).map_err(Error::Render)?;
    backend
        .pixmap
        .encode_png()
        .map_err(|e| Error::Render(format!("PNG encoding failed: {e}")))
}
