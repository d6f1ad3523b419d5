//! An anti-aliased raster backend on tiny-skia, for PNG output: plotters'
//! own bitmap backend draws jagged edges and misplaces ab_glyph text.

use crate::render::{crisp_segment, sector_outline, Measure, Surface, TextPlacement};
use plotters_backend::text_anchor::HPos;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use std::convert::Infallible;
use tiny_skia::{FillRule, LineCap, LineJoin, Paint, PathBuilder, Pixmap, Stroke, Transform};

pub struct RasterBackend {
    pub pixmap: Pixmap,
}

type Result = std::result::Result<(), DrawingErrorKind<Infallible>>;

impl RasterBackend {
    /// A transparent canvas of `width` × `height` device pixels; `None` for a zero size.
    pub fn new(width: u32, height: u32) -> Option<Self> {
        Some(RasterBackend {
            pixmap: Pixmap::new(width, height)?,
        })
    }

    fn fill(&mut self, path: PathBuilder, color: BackendColor) {
        if let Some(path) = path.finish() {
            self.pixmap.fill_path(
                &path,
                &paint(color),
                FillRule::Winding,
                Transform::identity(),
                None,
            );
        }
    }

    /// Strokes `path` in the style's colour and width.
    fn stroke(&mut self, path: PathBuilder, style: &impl BackendStyle, cap: LineCap) {
        if let Some(path) = path.finish() {
            let stroke = Stroke {
                width: style.stroke_width() as f32,
                line_cap: cap,
                line_join: LineJoin::Round,
                ..Stroke::default()
            };
            self.pixmap.stroke_path(
                &path,
                &paint(style.color()),
                &stroke,
                Transform::identity(),
                None,
            );
        }
    }
}

fn paint(color: BackendColor) -> Paint<'static> {
    let mut p = Paint::default();
    let (r, g, b) = color.rgb;
    p.set_color_rgba8(r, g, b, (color.alpha.clamp(0.0, 1.0) * 255.0).round() as u8);
    p.anti_alias = true;
    p
}

/// A polyline (or, with `close`, a polygon) through `points`.
fn through(points: impl Iterator<Item = (f64, f64)>, close: bool) -> PathBuilder {
    let mut pb = PathBuilder::new();
    for (i, (x, y)) in points.enumerate() {
        if i == 0 {
            pb.move_to(x as f32, y as f32);
        } else {
            pb.line_to(x as f32, y as f32);
        }
    }
    if close {
        pb.close();
    }
    pb
}

impl DrawingBackend for RasterBackend {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        (self.pixmap.width(), self.pixmap.height())
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
        let ((fx, fy), (tx, ty)) = crisp_segment(from, to, w);
        let mut pb = PathBuilder::new();
        pb.move_to(fx as f32, fy as f32);
        pb.line_to(tx as f32, ty as f32);
        let cap = if w > 2 { LineCap::Round } else { LineCap::Butt };
        self.stroke(pb, style, cap);
        Ok(())
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        ul: BackendCoord,
        br: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result {
        if fill {
            if let Some(rect) = tiny_skia::Rect::from_ltrb(
                ul.0 as f32,
                ul.1 as f32,
                br.0 as f32 + 1.0,
                br.1 as f32 + 1.0,
            ) {
                let p = paint(style.color());
                self.pixmap.fill_rect(rect, &p, Transform::identity(), None);
            }
        } else {
            let corners = [(ul.0, ul.1), (br.0, ul.1), (br.0, br.1), (ul.0, br.1)];
            let pb = through(corners.iter().map(|&(x, y)| (x as f64, y as f64)), true);
            self.stroke(pb, style, LineCap::Butt);
        }
        Ok(())
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result {
        let pb = through(path.into_iter().map(|(x, y)| (x as f64, y as f64)), false);
        self.stroke(pb, style, LineCap::Round);
        Ok(())
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result {
        let mut pb = PathBuilder::new();
        pb.push_circle(center.0 as f32, center.1 as f32, radius as f32);
        if fill {
            self.fill(pb, style.color());
        } else {
            self.stroke(pb, style, LineCap::Butt);
        }
        Ok(())
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result {
        let pb = through(vert.into_iter().map(|(x, y)| (x as f64, y as f64)), true);
        self.fill(pb, style.color());
        Ok(())
    }
    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Result {
        let t = TextPlacement::of(style, pos);
        let width = super::fonts::text_width(text, t.size, t.bold);
        let x = t.x
            - match t.align {
                HPos::Left => 0.0,
                HPos::Center => width / 2.0,
                HPos::Right => width,
            };
        let mut pb = PathBuilder::new();
        super::fonts::outline(text, x, t.baseline, t.size, t.bold, &mut pb);
        self.fill(pb, style.color());
        Ok(())
    }
    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> std::result::Result<(u32, u32), DrawingErrorKind<Infallible>> {
        let t = TextPlacement::of(style, (0, 0));
        let w = super::fonts::text_width(text, t.size, t.bold);
        Ok((w.ceil() as u32, t.size.ceil() as u32))
    }
}

impl Measure for RasterBackend {
    fn text_width(&self, text: &str, size: f64, bold: bool) -> f64 {
        super::fonts::text_width(text, size, bold)
    }
}

impl Surface for RasterBackend {
    fn fill_sector(
        &mut self,
        center: (f64, f64),
        r0: f64,
        r1: f64,
        a0: f64,
        a1: f64,
        color: BackendColor,
    ) -> Result {
        // Sub-pixel outline: the integer coordinates of fill_polygon would make the arcs wobble.
        let pb = through(
            sector_outline(center, r0, r1, a0, a1, 0.05).into_iter(),
            true,
        );
        self.fill(pb, color);
        Ok(())
    }
}
