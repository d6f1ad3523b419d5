//! SVG output: a plotters `DrawingBackend` that writes SVG elements, with real
//! arcs for ring sectors and text measured by whatever knows the fonts (the
//! bundled font natively, a canvas context in the browser).
//!
//! Own backend rather than plotters-svg: that one formats every number with
//! core's float formatter (10 KB more wasm), draws arcs as polygons, and sizes
//! text at 1/1.24 of the requested size.

use crate::locale::plain;
use crate::render::{self, crisp_segment, Measure, Size, Surface, TextPlacement};
use crate::{Error, Spec};
use plotters_backend::text_anchor::HPos;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use std::convert::Infallible;
use std::fmt::Write;

/// The chart as an SVG document of `size` CSS pixels, with its summary as the accessible name.
pub fn render_svg(
    spec: &Spec,
    size: Size,
    measure: &impl Measure,
) -> std::result::Result<String, Error> {
    let (w, h) = (size.width.round() as u32, size.height.round() as u32);
    let mut backend = SvgBackend::new((w, h), measure);
    render::draw(spec, &mut backend, 1.0).map_err(Error::Render)?;
    Ok(backend.finish(&crate::summary::summary(spec)))
}

pub struct SvgBackend<M> {
    size: (u32, u32),
    body: String,
    measure: M,
}

type Result = std::result::Result<(), DrawingErrorKind<Infallible>>;

impl<M: Measure> SvgBackend<M> {
    pub fn new(size: (u32, u32), measure: M) -> Self {
        SvgBackend {
            size,
            body: String::new(),
            measure,
        }
    }

    /// The document: one image, named by `summary` for screen readers.
    pub fn finish(self, summary: &str) -> String {
        let (w, h) = self.size;
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"statchart-title\">\n<title id=\"statchart-title\">{}</title>\n{}</svg>\n",
            escape(summary),
            self.body
        )
    }

    fn paint_attrs(&mut self, attr: &str, c: BackendColor) {
        let (r, g, b) = c.rgb;
        let _ = write!(self.body, " {attr}=\"#{r:02x}{g:02x}{b:02x}\"");
        if c.alpha < 1.0 {
            let _ = write!(self.body, " {attr}-opacity=\"{}\"", plain(c.alpha));
        }
    }

    fn stroke_attrs(&mut self, c: BackendColor, width: u32) {
        self.body.push_str(" fill=\"none\"");
        self.paint_attrs("stroke", c);
        let _ = write!(self.body, " stroke-width=\"{width}\"");
    }

    /// Fills or strokes the element begun in `body`, and closes it.
    fn close_shape<S: BackendStyle>(&mut self, style: &S, fill: bool) {
        if fill {
            self.paint_attrs("fill", style.color());
        } else {
            self.stroke_attrs(style.color(), style.stroke_width());
        }
        self.body.push_str("/>\n");
    }

    fn points(&mut self, points: impl Iterator<Item = (f64, f64)>) {
        self.body.push_str(" points=\"");
        for (i, (x, y)) in points.enumerate() {
            if i > 0 {
                self.body.push(' ');
            }
            let _ = write!(self.body, "{},{}", plain(x), plain(y));
        }
        self.body.push('"');
    }
}

/// Text and attribute values with markup characters escaped: titles are text, never markup.
/// Also right for HTML text and double-quoted HTML attributes (the embed snippet).
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 forbids (controls, U+FFFE, U+FFFF) would make the
            // document unreadable: they become the replacement character.
            c if !is_xml_char(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Whether XML 1.0 allows `c` in text (its production `Char`).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

impl<M: Measure> DrawingBackend for SvgBackend<M> {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }
    fn ensure_prepared(&mut self) -> Result {
        Ok(())
    }
    fn present(&mut self) -> Result {
        Ok(())
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result {
        self.draw_rect(point, point, &color, true)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result {
        let w = style.stroke_width();
        let ((x1, y1), (x2, y2)) = crisp_segment(from, to, w);
        let (x1, y1, x2, y2) = (plain(x1), plain(y1), plain(x2), plain(y2));
        let _ = write!(
            self.body,
            "<line x1=\"{x1}\" y1=\"{y1}\" x2=\"{x2}\" y2=\"{y2}\""
        );
        self.stroke_attrs(style.color(), w);
        if w > 2 {
            self.body.push_str(" stroke-linecap=\"round\"");
        }
        self.body.push_str("/>\n");
        Ok(())
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        ul: BackendCoord,
        br: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result {
        let (w, h) = (br.0 - ul.0 + 1, br.1 - ul.1 + 1);
        let _ = write!(
            self.body,
            "<rect x=\"{}\" y=\"{}\" width=\"{w}\" height=\"{h}\"",
            ul.0, ul.1
        );
        self.close_shape(style, fill);
        Ok(())
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result {
        self.body.push_str("<polyline");
        self.points(path.into_iter().map(|(x, y)| (x as f64, y as f64)));
        self.stroke_attrs(style.color(), style.stroke_width());
        self.body
            .push_str(" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>\n");
        Ok(())
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result {
        let _ = write!(
            self.body,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{radius}\"",
            center.0, center.1
        );
        self.close_shape(style, fill);
        Ok(())
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result {
        self.body.push_str("<polygon");
        self.points(vert.into_iter().map(|(x, y)| (x as f64, y as f64)));
        self.paint_attrs("fill", style.color());
        self.body.push_str("/>\n");
        Ok(())
    }
    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Result {
        let t = TextPlacement::of(style, pos);
        let anchor = match t.align {
            HPos::Left => "start",
            HPos::Center => "middle",
            HPos::Right => "end",
        };
        let _ = write!(
            self.body,
            "<text x=\"{}\" y=\"{}\" font-family=\"{}\" font-size=\"{}\" text-anchor=\"{anchor}\"",
            plain(t.x),
            plain(t.baseline.round()),
            render::FONT_FAMILY,
            plain((t.size * 100.0).round() / 100.0)
        );
        if t.bold {
            self.body.push_str(" font-weight=\"bold\"");
        }
        self.paint_attrs("fill", style.color());
        let _ = writeln!(self.body, ">{}</text>", escape(text));
        Ok(())
    }
}

impl<M: Measure> Measure for SvgBackend<M> {
    fn text_width(&self, text: &str, size: f64, bold: bool) -> f64 {
        self.measure.text_width(text, size, bold)
    }
}

impl<M: Measure> Surface for SvgBackend<M> {
    /// A real arc path: outer arc one way, inner arc back.
    fn fill_sector(
        &mut self,
        center: (f64, f64),
        r0: f64,
        r1: f64,
        a0: f64,
        a1: f64,
        color: BackendColor,
    ) -> Result {
        let (cx, cy) = center;
        let at = |r: f64, a: f64| {
            let (x, y) = render::polar(cx, cy, r, a);
            (plain(x), plain(y))
        };
        let large = u8::from((a1 - a0).abs() > std::f64::consts::PI);
        // Sweep flag 0 runs counter-clockwise on screen, which is a growing math angle.
        let out_sweep = u8::from(a1 < a0);
        let (ox0, oy0) = at(r1, a0);
        let (ox1, oy1) = at(r1, a1);
        let (ix1, iy1) = at(r0, a1);
        let (ix0, iy0) = at(r0, a0);
        let (r0, r1) = (plain(r0), plain(r1));
        let _ = write!(
            self.body,
            "<path d=\"M{ox0} {oy0}A{r1} {r1} 0 {large} {out_sweep} {ox1} {oy1}L{ix1} {iy1}A{r0} {r0} 0 {large} {} {ix0} {iy0}Z\"",
            1 - out_sweep
        );
        self.paint_attrs("fill", color);
        self.body.push_str("/>\n");
        Ok(())
    }
}
