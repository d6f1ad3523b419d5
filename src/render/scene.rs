//! A chart laid out but not yet drawn: what each chart kind produces, and the one
//! loop that paints it on any backend.
//!
//! Laying out first lets the natural height be read from what will be drawn
//! (instead of per-kind height functions that mirrored the drawing by hand), and
//! lets one layout serve a canvas, an SVG and a PNG.

use super::painter::{backend_color, Mark, Paint};
use super::{sector_outline, Align, Font};
use crate::theme::Rgba;

/// One thing to draw, in CSS pixels.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// One line of text with its baseline at `y`.
    Text {
        x: f64,
        y: f64,
        text: String,
        size: f64,
        bold: bool,
        color: Rgba,
        align: Align,
    },
    Rect {
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        color: Rgba,
    },
    /// An open stroke through the points.
    Path {
        points: Vec<(f64, f64)>,
        width: f64,
        color: Rgba,
    },
    Polygon {
        points: Vec<(f64, f64)>,
        color: Rgba,
    },
    Circle {
        cx: f64,
        cy: f64,
        r: f64,
        color: Rgba,
    },
    /// A ring sector between radii `r0` < `r1`, from angle `a0` to `a1`
    /// (radians, 0 = east, counter-clockwise).
    Sector {
        cx: f64,
        cy: f64,
        r0: f64,
        r1: f64,
        a0: f64,
        a1: f64,
        color: Rgba,
    },
}

impl Item {
    /// The lowest y the item reaches, for reading a chart's natural height.
    pub fn bottom(&self) -> f64 {
        let lowest = |points: &[(f64, f64)]| points.iter().map(|p| p.1).fold(f64::MIN, f64::max);
        match self {
            // Descenders reach about a quarter em below the baseline.
            Item::Text { y, size, .. } => y + 0.25 * size,
            Item::Rect { y, h, .. } => y + h,
            Item::Path { points, width, .. } => lowest(points) + width / 2.0,
            Item::Polygon { points, .. } => lowest(points),
            Item::Circle { cy, r, .. } => cy + r,
            Item::Sector {
                cx,
                cy,
                r0,
                r1,
                a0,
                a1,
                ..
            } => lowest(&sector_outline((*cx, *cy), *r0, *r1, *a0, *a1, 1.0)),
        }
    }
}

/// A laid-out chart: its size in CSS pixels, background, items in painting order,
/// and its data elements for tooltips and keyboard access.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    pub width: f64,
    pub height: f64,
    pub background: Rgba,
    pub items: Vec<Item>,
    pub marks: Vec<Mark>,
}

/// Paints `scene` on a backend whose size is the device size; `scale` is device
/// pixels per CSS pixel. Stops at the first backend error.
pub fn paint(scene: &Scene, backend: &mut dyn Paint, scale: f64) -> Result<(), String> {
    let px = |v: f64| (v * scale).round() as i32;
    let pt = |(x, y): (f64, f64)| (px(x), px(y));
    let pts = |points: &[(f64, f64)]| {
        let mut out = Vec::with_capacity(points.len());
        for &p in points {
            out.push(pt(p));
        }
        out
    };
    let (w, h) = backend.size();
    backend.rect(
        (0, 0),
        (w as i32 - 1, h as i32 - 1),
        backend_color(scene.background),
    )?;
    for item in &scene.items {
        match item {
            Item::Text {
                x,
                y,
                text,
                size,
                bold,
                color,
                align,
            } => {
                let font = Font {
                    size: size * scale,
                    bold: *bold,
                    color: backend_color(*color),
                    align: *align,
                };
                // Backends anchor text at its top, 0.76 em above the baseline (plotters' SVG convention).
                backend.text(text, &font, pt((*x, y - 0.76 * size)))?;
            }
            Item::Rect { x, y, w, h, color } => {
                let (x0, y0) = pt((*x, *y));
                let (x1, y1) = pt((x + w, y + h));
                if x1 > x0 && y1 > y0 {
                    backend.rect((x0, y0), (x1 - 1, y1 - 1), backend_color(*color))?;
                }
            }
            Item::Path {
                points,
                width,
                color,
            } => {
                let width = (width * scale).round().max(1.0) as u32;
                backend.path(&pts(points), backend_color(*color), width)?;
            }
            Item::Polygon { points, color } => {
                backend.polygon(&pts(points), backend_color(*color))?
            }
            Item::Circle { cx, cy, r, color } => {
                let radius = (r * scale).round().max(1.0) as u32;
                backend.circle(pt((*cx, *cy)), radius, backend_color(*color))?;
            }
            Item::Sector {
                cx,
                cy,
                r0,
                r1,
                a0,
                a1,
                color,
            } => backend.sector(
                (cx * scale, cy * scale),
                r0 * scale,
                r1 * scale,
                *a0,
                *a1,
                backend_color(*color),
            )?,
        }
    }
    backend.present()
}
