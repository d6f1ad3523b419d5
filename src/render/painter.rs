//! The drawing vocabulary of the charts, in CSS pixels: the [`Painter`] records
//! it into a [`Scene`], and [`Paint`] is what a backend offers to paint one
//! (plotters' `DrawingBackend` calls on any [`Surface`]).

use super::scene::{Item, Scene};
use super::{Font, Measure, Surface};
use crate::locale::Fmt;
use crate::theme::{Rgba, Theme};
use plotters_backend::{BackendColor, BackendStyle, DrawingBackend, DrawingErrorKind};

/// How text lines up with its x coordinate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// Colour and width of a stroke, as plotters wants it.
struct Stroke {
    color: BackendColor,
    width: u32,
}

impl BackendStyle for Stroke {
    fn color(&self) -> BackendColor {
        self.color
    }
    fn stroke_width(&self) -> u32 {
        self.width
    }
}

pub fn backend_color(c: Rgba) -> BackendColor {
    BackendColor {
        alpha: c.a,
        rgb: (c.r, c.g, c.b),
    }
}

/// What the painter needs of a backend, object-safe so that the chart code is
/// compiled once rather than once per backend (the wasm carries two: canvas and SVG).
pub trait Paint {
    fn size(&self) -> (u32, u32);
    fn measure(&self, text: &str, size: f64, bold: bool) -> f64;
    fn text(&mut self, text: &str, font: &Font, pos: (i32, i32)) -> Result<(), String>;
    fn rect(&mut self, ul: (i32, i32), br: (i32, i32), color: BackendColor) -> Result<(), String>;
    fn path(
        &mut self,
        points: &[(i32, i32)],
        color: BackendColor,
        width: u32,
    ) -> Result<(), String>;
    fn polygon(&mut self, points: &[(i32, i32)], color: BackendColor) -> Result<(), String>;
    fn circle(
        &mut self,
        center: (i32, i32),
        radius: u32,
        color: BackendColor,
    ) -> Result<(), String>;
    #[allow(clippy::too_many_arguments)]
    fn sector(
        &mut self,
        center: (f64, f64),
        r0: f64,
        r1: f64,
        a0: f64,
        a1: f64,
        color: BackendColor,
    ) -> Result<(), String>;
    fn present(&mut self) -> Result<(), String>;
}

fn text_of<E: std::error::Error + Send + Sync>(
    r: Result<(), DrawingErrorKind<E>>,
) -> Result<(), String> {
    r.map_err(|e| e.to_string())
}

impl<B: Surface> Paint for B {
    fn size(&self) -> (u32, u32) {
        self.get_size()
    }
    fn measure(&self, text: &str, size: f64, bold: bool) -> f64 {
        self.text_width(text, size, bold)
    }
    fn text(&mut self, text: &str, font: &Font, pos: (i32, i32)) -> Result<(), String> {
        text_of(self.draw_text(text, font, pos))
    }
    fn rect(&mut self, ul: (i32, i32), br: (i32, i32), color: BackendColor) -> Result<(), String> {
        text_of(self.draw_rect(ul, br, &color, true))
    }
    fn path(
        &mut self,
        points: &[(i32, i32)],
        color: BackendColor,
        width: u32,
    ) -> Result<(), String> {
        let style = Stroke { color, width };
        if let [a, b] = points {
            text_of(self.draw_line(*a, *b, &style))
        } else {
            text_of(self.draw_path(points.iter().copied(), &style))
        }
    }
    fn polygon(&mut self, points: &[(i32, i32)], color: BackendColor) -> Result<(), String> {
        text_of(self.fill_polygon(points.iter().copied(), &color))
    }
    fn circle(
        &mut self,
        center: (i32, i32),
        radius: u32,
        color: BackendColor,
    ) -> Result<(), String> {
        text_of(self.draw_circle(center, radius, &color, true))
    }
    fn sector(
        &mut self,
        center: (f64, f64),
        r0: f64,
        r1: f64,
        a0: f64,
        a1: f64,
        color: BackendColor,
    ) -> Result<(), String> {
        text_of(self.fill_sector(center, r0, r1, a0, a1, color))
    }
    fn present(&mut self) -> Result<(), String> {
        text_of(DrawingBackend::present(self))
    }
}

/// A data element as drawn, in CSS pixels, with the exact values a reader can ask for:
/// what tooltips show and keyboard navigation announces.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub text: String,
}

impl Mark {
    /// The marks as JSON, `[{"x":…,"y":…,"w":…,"h":…,"text":"…"}]`.
    pub fn list_json(marks: &[Mark]) -> String {
        let mut out = String::from("[");
        for (i, m) in marks.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            for (key, v) in [
                ("{\"x\":", m.x),
                (",\"y\":", m.y),
                (",\"w\":", m.w),
                (",\"h\":", m.h),
            ] {
                out.push_str(key);
                out.push_str(&crate::locale::plain(v));
            }
            out.push_str(",\"text\":");
            crate::spec::json::quote(&mut out, &m.text);
            out.push('}');
        }
        out.push(']');
        out
    }
}

/// Lays a chart out in CSS pixels: records what to draw into a [`Scene`], with
/// text measured the way the target surface will set it.
pub struct Painter<'a> {
    /// The chart's data elements, in reading order.
    pub marks: Vec<Mark>,
    items: Vec<Item>,
    measure: &'a dyn Measure,
    pub width: f64,
    pub theme: Theme,
    pub fmt: Fmt,
}

impl<'a> Painter<'a> {
    pub fn new(measure: &'a dyn Measure, width: f64, theme: Theme, fmt: Fmt) -> Self {
        Painter {
            marks: Vec::new(),
            items: Vec::new(),
            measure,
            width,
            theme,
            fmt,
        }
    }

    /// The scene laid out, at `height`.
    pub fn finish(self, height: f64) -> Scene {
        Scene {
            width: self.width,
            height,
            background: self.theme.background,
            items: self.items,
            marks: self.marks,
        }
    }

    /// How many items are laid out so far: the start of a region for [`Painter::bottom_since`].
    pub fn cursor(&self) -> (usize, usize) {
        (self.items.len(), self.marks.len())
    }

    /// The lowest y reached by the items and marks laid out since `cursor`, or `from` if none.
    pub fn bottom_since(&self, (items, marks): (usize, usize), from: f64) -> f64 {
        let items = self.items[items..].iter().map(Item::bottom);
        let marks = self.marks[marks..].iter().map(|m| m.y + m.h);
        items.chain(marks).fold(from, f64::max)
    }

    /// Records a data element at (x, y, w, h) with its exact values.
    pub fn mark(&mut self, x: f64, y: f64, w: f64, h: f64, text: String) {
        self.marks.push(Mark { x, y, w, h, text });
    }

    /// Width of `text` in CSS pixels, as the target surface will draw it.
    pub fn text_width(&self, text: &str, size: f64, bold: bool) -> f64 {
        self.measure.text_width(text, size, bold)
    }

    /// One line of text with its baseline at `y`.
    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &mut self,
        x: f64,
        y: f64,
        text: &str,
        size: f64,
        bold: bool,
        color: Rgba,
        align: Align,
    ) {
        if !text.is_empty() {
            self.items.push(Item::Text {
                x,
                y,
                text: text.to_string(),
                size,
                bold,
                color,
                align,
            });
        }
    }

    /// Breaks `text` into lines no wider than `max_width`; a word longer than a line is cut with "…".
    pub fn wrap(&self, text: &str, max_width: f64, size: f64, bold: bool) -> Vec<String> {
        wrap_text(text, max_width, &|s| self.text_width(s, size, bold))
    }

    /// `text` shortened with "…" until it fits `max_width` at `size`.
    pub fn fit(&self, text: &str, max_width: f64, size: f64, bold: bool) -> String {
        ellipsize(text, max_width, &|s| self.text_width(s, size, bold))
    }

    /// Wrapped text from baseline `y`; returns the baseline after the last line.
    #[allow(clippy::too_many_arguments)]
    pub fn paragraph(
        &mut self,
        x: f64,
        y: f64,
        max_width: f64,
        text: &str,
        size: f64,
        bold: bool,
        color: Rgba,
        line_height: f64,
    ) -> f64 {
        let mut y = y;
        for line in &self.wrap(text, max_width, size, bold) {
            self.text(x, y, line, size, bold, color, Align::Left);
            y += line_height;
        }
        y
    }

    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, color: Rgba) {
        if w > 0.0 && h > 0.0 {
            self.items.push(Item::Rect { x, y, w, h, color });
        }
    }

    pub fn line(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, width: f64, color: Rgba) {
        self.polyline(&[(x0, y0), (x1, y1)], width, color);
    }

    pub fn polyline(&mut self, points: &[(f64, f64)], width: f64, color: Rgba) {
        if points.len() >= 2 {
            self.items.push(Item::Path {
                points: points.to_vec(),
                width,
                color,
            });
        }
    }

    pub fn polygon(&mut self, points: &[(f64, f64)], color: Rgba) {
        if points.len() >= 3 {
            self.items.push(Item::Polygon {
                points: points.to_vec(),
                color,
            });
        }
    }

    pub fn circle(&mut self, cx: f64, cy: f64, r: f64, color: Rgba) {
        self.items.push(Item::Circle { cx, cy, r, color });
    }

    /// A ring sector between radii `r0` < `r1`, from angle `a0` to `a1` (radians, 0 = east, counter-clockwise).
    #[allow(clippy::too_many_arguments)]
    pub fn sector(&mut self, cx: f64, cy: f64, r0: f64, r1: f64, a0: f64, a1: f64, color: Rgba) {
        self.items.push(Item::Sector {
            cx,
            cy,
            r0,
            r1,
            a0,
            a1,
            color,
        });
    }

    /// Diagonal hatching inside a rectangle: the pattern that tells a segment apart without colour.
    #[allow(clippy::too_many_arguments)]
    pub fn hatch(&mut self, x: f64, y: f64, w: f64, h: f64, spacing: f64, width: f64, color: Rgba) {
        if w <= 0.0 || h <= 0.0 {
            return;
        }
        // Lines x − y = c for c stepping across the rectangle, clipped to it.
        let mut c = -h;
        while c < w {
            let (sx, sy) = if c >= 0.0 { (c, h) } else { (0.0, h + c) };
            let (ex, ey) = if c + h <= w {
                (c + h, 0.0)
            } else {
                (w, h - (w - c))
            };
            if ex > sx {
                self.line(x + sx, y + sy, x + ex, y + ey, width, color);
            }
            c += spacing;
        }
    }
}

impl Measure for Painter<'_> {
    fn text_width(&self, text: &str, size: f64, bold: bool) -> f64 {
        Painter::text_width(self, text, size, bold)
    }
}

/// Greedy word wrap by measured width; words wider than a line are cut with an ellipsis.
/// (`&dyn Fn`, not a generic: one copy in the wasm for every caller.)
pub fn wrap_text(text: &str, max_width: f64, width_of: &dyn Fn(&str) -> f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if width_of(&candidate) <= max_width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        line = match fits_cut(word, max_width, width_of) {
            Some(cut) => cut,
            None => word.to_string(),
        };
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `Some(shortened)` when `word` alone is wider than `max_width`.
fn fits_cut(word: &str, max_width: f64, width_of: &dyn Fn(&str) -> f64) -> Option<String> {
    if width_of(word) <= max_width {
        return None;
    }
    let chars: Vec<char> = word.chars().collect();
    let mut keep = chars.len();
    while keep > 1 {
        keep -= 1;
        let s: String = chars[..keep].iter().collect::<String>() + "…";
        if width_of(&s) <= max_width {
            return Some(s);
        }
    }
    Some("…".to_string())
}

/// Shortens `text` with "…" until it fits `max_width`.
pub fn ellipsize(text: &str, max_width: f64, width_of: &dyn Fn(&str) -> f64) -> String {
    fits_cut(text, max_width, width_of).unwrap_or_else(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_by_width_and_cuts_long_words() {
        let w = &|s: &str| s.chars().count() as f64 * 10.0;
        assert_eq!(wrap_text("aa bb cc", 50.0, w), vec!["aa bb", "cc"]);
        assert_eq!(wrap_text("abcdefghij", 50.0, w), vec!["abcd…"]);
        assert_eq!(wrap_text("  ", 50.0, w), Vec::<String>::new());
        assert_eq!(ellipsize("abcdefghij", 50.0, w), "abcd…");
    }
}
