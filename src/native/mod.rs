//! Native output: SVG through plotters' SVG backend, PNG through tiny-skia,
//! both measured and (for PNG) drawn with the bundled DejaVu Sans.

mod fonts;
mod raster;
mod svg;

pub use raster::RasterBackend;

use crate::render::{self, Size};
use crate::{Error, Spec};
use plotters_svg::SVGBackend;

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

/// The chart as an SVG document, with its summary as the accessible name.
pub fn render_svg(spec: &Spec, size: Size) -> Result<String, Error> {
    let mut out = String::new();
    {
        let (w, h) = (size.width.round() as u32, size.height.round() as u32);
        let mut backend = SVGBackend::with_string(&mut out, (w, h));
        render::draw(spec, &mut backend, 1.0).map_err(Error::Render)?;
    }
    Ok(label_svg(&out, &crate::summary::summary(spec)))
}

/// Marks the SVG as one image and gives it a `<title>` screen readers announce.
fn label_svg(svg: &str, summary: &str) -> String {
    let Some(open_end) = svg
        .find("<svg")
        .and_then(|i| svg[i..].find('>').map(|j| i + j))
    else {
        return svg.to_string();
    };
    let escaped = escape_xml(summary);
    format!(
        "{} role=\"img\" aria-labelledby=\"statchart-title\"><title id=\"statchart-title\">{escaped}</title>{}",
        &svg[..open_end],
        &svg[open_end + 1..]
    )
}

fn escape_xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
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
