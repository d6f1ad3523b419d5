//! SVG output through plotters' SVG backend, measured by whatever knows the
//! fonts: the bundled font natively, a canvas context in the browser.

use crate::render::{self, Measure, Measured, Size};
use crate::{Error, Spec};
use plotters_svg::SVGBackend;

/// The chart as an SVG document of `size` CSS pixels, with its summary as the accessible name.
pub fn render_svg(spec: &Spec, size: Size, measure: &impl Measure) -> Result<String, Error> {
    let mut out = String::new();
    {
        let (w, h) = (size.width.round() as u32, size.height.round() as u32);
        let mut backend = Measured {
            backend: SVGBackend::with_string(&mut out, (w, h)),
            measure,
        };
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
    format!(
        "{} role=\"img\" aria-labelledby=\"statchart-title\"><title id=\"statchart-title\">{}</title>{}",
        &svg[..open_end],
        escape_xml(summary),
        &svg[open_end + 1..]
    )
}

fn escape_xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
