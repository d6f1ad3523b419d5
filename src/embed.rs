//! The embed snippet (`statchart embed`): the `<stat-chart>` element with its spec,
//! and inside it a static rendering of the same chart with the screen-reader summary
//! and the data table as HTML. Readers without JavaScript, pages where the wasm
//! cannot run, feed readers, crawlers and print get the chart and its text; the
//! element shows the static chart until the live one is drawn, then takes over.
//!
//! The static SVG fills the width and keeps the height the chart needs at the
//! layout width (`width="100%" height="H"`, scaled to fit): natural heights change
//! little with width, and the element draws its live chart at the height the static
//! box has on screen, so the swap moves nothing (see the element's `#held`).

use crate::locale::plain;
use crate::native::{output_size, render_png, render_svg};
use crate::spec::{parse_spec, Locale, SpecError, ThemeName};
use crate::svg::escape;
use crate::{Error, Spec};
use std::fmt::Write;

/// What the snippet fetches and how it draws its static chart.
#[derive(Debug, Clone, PartialEq)]
pub struct EmbedOptions {
    /// The live figures come from this URL (`src`); the spec given still draws the static chart.
    pub src: Option<String>,
    /// Seconds between fetches of `src` (the element clamps it to 5…86,400).
    pub refresh: Option<f64>,
    /// The static chart as an `<img>` with a PNG data URL rather than inline SVG
    /// (for feed readers and mail, which drop inline SVG).
    pub image: bool,
    /// Width in CSS pixels the static chart is laid out at; it scales to its box.
    pub width: f64,
    /// Device pixels per CSS pixel of the PNG.
    pub scale: f64,
}

impl Default for EmbedOptions {
    fn default() -> Self {
        EmbedOptions {
            src: None,
            refresh: None,
            image: false,
            width: crate::render::DEFAULT_WIDTH,
            scale: 2.0,
        }
    }
}

/// The class of the static chart the element shows until the live one is drawn.
pub const STATIC_CLASS: &str = "statchart-static";
/// The class of the light copy of a dark chart, shown only in print.
pub const PRINT_CLASS: &str = "statchart-print";

/// The HTML snippet for `spec_json`: one `<stat-chart>` element, all text escaped.
pub fn embed_html(spec_json: &str, options: &EmbedOptions) -> Result<String, SpecError> {
    let spec = parse_spec(spec_json)?;
    if options.refresh.is_some() && options.src.is_none() {
        return Err(SpecError::at(
            "refresh",
            "needs src: only a fetched spec is refreshed",
        ));
    }
    let id = format!("statchart-{:08x}", fnv1a(spec_json, options));
    let mut out = String::from("<stat-chart");
    if let Some(src) = &options.src {
        if src.trim().is_empty() {
            return Err(SpecError::at("src", "expected a URL, got an empty string"));
        }
        let _ = write!(out, " src=\"{}\"", escape(src));
    }
    if let Some(refresh) = options.refresh {
        if !(refresh.is_finite() && refresh >= 0.0) {
            return Err(SpecError::at(
                "refresh",
                format!("expected a number of seconds, got {}", plain(refresh)),
            ));
        }
        let _ = write!(out, " refresh=\"{}\"", plain(refresh));
    }
    out.push_str(">\n");
    // With src, the inline spec is what the static chart shows: the element prints the
    // static chart only while the feed's figures are still these.
    let _ = writeln!(
        out,
        "<script type=\"application/json\">{}</script>",
        script_text(spec_json.trim())
    );
    out.push_str(&static_chart(&spec, options, &id, STATIC_CLASS)?);
    if spec.theme == ThemeName::Dark {
        // Paper is white: a dark chart prints from a light copy.
        let light = Spec {
            theme: ThemeName::Light,
            ..spec.clone()
        };
        out.push_str(&static_chart(
            &light,
            options,
            &format!("{id}-print"),
            PRINT_CLASS,
        )?);
    }
    out.push_str(&data_html(&spec));
    out.push_str("</stat-chart>\n");
    Ok(out)
}

/// JSON made safe inside `<script>`: in valid JSON `<` occurs only inside strings,
/// where `\u003c` means the same, so `</script>` and `<!--` in a title cannot end
/// or confuse the script element.
fn script_text(json: &str) -> String {
    json.replace('<', "\\u003c")
}

/// The chart as inline SVG (or `<img>`) that fills the width; the print copy is hidden.
fn static_chart(
    spec: &Spec,
    options: &EmbedOptions,
    id: &str,
    class: &str,
) -> Result<String, SpecError> {
    // Hidden until print: `hidden` on the <img>; on <svg>, which `hidden` does not
    // hide, the presentation attribute that any CSS rule overrides.
    let print = class == PRINT_CLASS;
    let summary = crate::summary::summary(spec);
    if options.image {
        let size =
            output_size(spec, Some(options.width), None, options.scale).map_err(spec_error)?;
        let png = render_png(spec, size).map_err(spec_error)?;
        return Ok(format!(
            "<img class=\"{class}\"{} src=\"data:image/png;base64,{}\" width=\"{}\" height=\"{}\" alt=\"{}\">\n",
            if print { " hidden" } else { "" },
            base64(&png),
            plain(size.width.round()),
            plain(size.height.round()),
            escape(&summary)
        ));
    }
    let size = output_size(spec, Some(options.width), None, 1.0).map_err(spec_error)?;
    let svg = render_svg(spec, size).map_err(spec_error)?;
    let (w, h) = (size.width.round() as u32, size.height.round() as u32);
    let fixed = format!("width=\"{w}\" height=\"{h}\"");
    if !svg.contains(&fixed) {
        return Err(SpecError::root("rendering failed: unexpected SVG header"));
    }
    // Full width, the chart's height, drawn to fit from the top left: a phone shows it
    // smaller, a wide column at its size; ids unique on a page with several charts.
    Ok(svg
        .replacen(
            &fixed,
            &format!(
                "class=\"{class}\"{} width=\"100%\" height=\"{h}\" preserveAspectRatio=\"xMinYMin meet\"",
                if print { " display=\"none\"" } else { "" }
            ),
            1,
        )
        .replace("\"statchart-title\"", &format!("\"{id}-title\"")))
}

fn spec_error(e: Error) -> SpecError {
    match e {
        Error::Spec(e) => e,
        Error::Render(message) => SpecError::root(format!("rendering failed: {message}")),
    }
}

/// The summary and the data table as HTML, folded so that they take one line
/// under the chart and the reader can open them.
fn data_html(spec: &Spec) -> String {
    let t = crate::summary::table(spec);
    let label = match spec.locale {
        Locale::EnUs => "Data table",
        Locale::IdId => "Tabel data",
    };
    let mut out = format!(
        "<details class=\"statchart-data\"><summary>{label}</summary>\n<p>{}</p>\n<table><caption>{}</caption>\n<thead><tr>",
        escape(&crate::summary::summary(spec)),
        escape(&t.caption)
    );
    for h in &t.headers {
        let _ = write!(out, "<th scope=\"col\">{}</th>", escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &t.rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let cell = escape(cell);
            if i == 0 {
                let _ = write!(out, "<th scope=\"row\">{cell}</th>");
            } else {
                let _ = write!(out, "<td>{cell}</td>");
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></details>\n");
    out
}

/// Standard base64 with padding (RFC 4648), for the PNG data URL.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A short hash of the spec and options, for ids that differ between charts on one page.
fn fnv1a(spec_json: &str, options: &EmbedOptions) -> u32 {
    let key = format!("{options:?}{spec_json}");
    key.bytes()
        .fold(0x811c_9dc5, |h, b| (h ^ b as u32).wrapping_mul(0x0100_0193))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (input, expected) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(input.as_bytes()), expected);
        }
    }

    #[test]
    fn script_text_cannot_close_the_script() {
        let json = r#"{"title":"</script><script>alert(1)</script><!--"}"#;
        let safe = script_text(json);
        assert!(!safe.contains('<'));
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["title"], "</script><script>alert(1)</script><!--");
    }
}
