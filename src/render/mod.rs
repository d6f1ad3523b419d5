//! Drawing: one module per chart kind, generic over plotters' `DrawingBackend`.
//!
//! Every backend that statchart draws on implements [`Surface`]: plotters'
//! `DrawingBackend` plus the two things plotters lacks for good charts, text
//! measured the way the backend will draw it, and real ring sectors.

mod bars;
mod donut;
mod frame;
mod gauge;
mod kpi;
mod lines;
mod nps_breakdown;
mod nps_distribution;
mod painter;
mod scene;

pub use frame::Rect;
pub use painter::{backend_color, ellipsize, wrap_text, Align, Mark, Paint, Painter};
pub use scene::{paint, Item, Scene};

use crate::figures::Figures;
use crate::locale::Fmt;
use crate::spec::limits::{MAX_SCALE, MAX_SIZE, MIN_SIZE};
use crate::spec::{Chart, EmploymentData, NpsView, Spec, SpecError};
use crate::theme::Theme;
use plotters_backend::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{
    BackendColor, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontFamily, FontStyle,
};

/// Font families asked for in SVG and on canvas; layout is measured with the first.
pub const FONT_FAMILY: &str = "DejaVu Sans, Verdana, Arial, sans-serif";

/// Measures text; implemented by each surface the way it draws.
pub trait Measure {
    /// Advance width in CSS pixels of `text` set at `size` CSS pixels.
    fn text_width(&self, text: &str, size: f64, bold: bool) -> f64;
}

impl<M: Measure + ?Sized> Measure for &M {
    fn text_width(&self, text: &str, size: f64, bold: bool) -> f64 {
        (**self).text_width(text, size, bold)
    }
}

/// A plotters backend statchart can draw on.
pub trait Surface: DrawingBackend + Measure {
    /// Fills the ring sector between radii `r0` < `r1` (device pixels), from
    /// angle `a0` to `a1` (radians, 0 = east, counter-clockwise as on paper).
    /// The default approximates the arcs with a polygon; canvas draws real arcs.
    #[allow(clippy::too_many_arguments)]
    fn fill_sector(
        &mut self,
        center: (f64, f64),
        r0: f64,
        r1: f64,
        a0: f64,
        a1: f64,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let points = sector_outline(center, r0, r1, a0, a1, 0.25);
        let style = color;
        self.fill_polygon(
            points
                .into_iter()
                .map(|(x, y)| (x.round() as i32, y.round() as i32)),
            &style,
        )
    }
}

/// Outline of a ring sector as points, with chords within `tolerance` device pixels of the arc.
pub fn sector_outline(
    center: (f64, f64),
    r0: f64,
    r1: f64,
    a0: f64,
    a1: f64,
    tolerance: f64,
) -> Vec<(f64, f64)> {
    let (cx, cy) = center;
    let sweep = a1 - a0;
    // Chord error r·(1 − cos(θ/2)) ≤ tolerance.
    let step = 2.0 * (1.0 - tolerance / r1.max(1.0)).clamp(-1.0, 1.0).acos();
    let n = ((sweep.abs() / step.max(1e-3)).ceil() as usize).clamp(2, 2000);
    let at = |r: f64, a: f64| polar(cx, cy, r, a);
    let mut pts = Vec::with_capacity(2 * n + 2);
    for i in 0..=n {
        pts.push(at(r1, a0 + sweep * i as f64 / n as f64));
    }
    for i in (0..=n).rev() {
        pts.push(at(r0, a0 + sweep * i as f64 / n as f64));
    }
    pts
}

/// A line segment in device pixels, moved half a pixel where it runs along the grid with
/// an odd width, so that it covers whole pixels instead of blurring across two.
pub fn crisp_segment(from: (i32, i32), to: (i32, i32), width: u32) -> ((f64, f64), (f64, f64)) {
    let half = if width % 2 == 1 { 0.5 } else { 0.0 };
    let (mut a, mut b) = ((from.0 as f64, from.1 as f64), (to.0 as f64, to.1 as f64));
    if from.1 == to.1 {
        a.1 += half;
        b.1 += half;
    } else if from.0 == to.0 {
        a.0 += half;
        b.0 += half;
    }
    (a, b)
}

/// How a backend sets a line of text under statchart's convention: `size()` is
/// 1.24 × the em size (plotters' SVG habit) and the position is the text's top,
/// 0.76 em above its baseline.
pub struct TextPlacement {
    /// Font size (em) in device pixels.
    pub size: f64,
    pub bold: bool,
    pub align: HPos,
    pub x: f64,
    pub baseline: f64,
}

impl TextPlacement {
    pub fn of<T: BackendTextStyle>(style: &T, pos: (i32, i32)) -> Self {
        let size = style.size() / 1.24;
        TextPlacement {
            size,
            bold: matches!(style.style(), FontStyle::Bold),
            align: style.anchor().h_pos,
            x: pos.0 as f64,
            baseline: pos.1 as f64 + 0.76 * size,
        }
    }
}

/// The point at angle `a` (radians, counter-clockwise from east) and radius `r`
/// around (cx, cy), in screen coordinates (y down).
pub fn polar(cx: f64, cy: f64, r: f64, a: f64) -> (f64, f64) {
    let (cos, sin) = cos_sin(a);
    (cx + r * cos, cy - r * sin)
}

/// (cos a, sin a) to within a few ulps for the angles charts use (|a| up to ~1e6).
///
/// Reduced to [−π/4, π/4] by quarter turns and summed as Taylor series: libm's
/// general argument reduction (for angles up to 1e300) would cost the wasm 6 KB.
pub fn cos_sin(a: f64) -> (f64, f64) {
    use std::f64::consts::FRAC_PI_2;
    let q = (a / FRAC_PI_2 + 0.5).floor();
    let x = a - q * FRAC_PI_2;
    let x2 = x * x;
    let mut sin = 0.0;
    let mut cos = 0.0;
    // Terms up to x^19 and x^18: the next ones are below 1e-17 for |x| ≤ π/4.
    let (mut s_term, mut c_term) = (x, 1.0);
    for k in 0..10 {
        sin += s_term;
        cos += c_term;
        let (n1, n2) = ((2 * k + 2) as f64, (2 * k + 3) as f64);
        s_term *= -x2 / (n1 * n2);
        c_term *= -x2 / ((2 * k + 1) as f64 * n1);
    }
    match (q as i64).rem_euclid(4) {
        0 => (cos, sin),
        1 => (-sin, cos),
        2 => (-cos, -sin),
        _ => (sin, -cos),
    }
}

/// The text style handed to backends: size in device pixels, top-anchored.
#[derive(Clone, Copy)]
pub struct Font {
    /// Font size (em) in device pixels.
    pub size: f64,
    pub bold: bool,
    pub color: BackendColor,
    pub align: Align,
}

/// Error type of [`Font`]; our backends set text themselves and never fail here.
#[derive(Debug)]
pub struct NoFontError;

impl std::fmt::Display for NoFontError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("font error")
    }
}
impl std::error::Error for NoFontError {}

impl BackendTextStyle for Font {
    type FontError = NoFontError;
    fn color(&self) -> BackendColor {
        self.color
    }
    /// plotters' text size is 1.24 × the CSS font size (its SVG backend divides by 1.24).
    fn size(&self) -> f64 {
        self.size * 1.24
    }
    fn style(&self) -> FontStyle {
        if self.bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        }
    }
    fn anchor(&self) -> Pos {
        let h = match self.align {
            Align::Left => HPos::Left,
            Align::Center => HPos::Center,
            Align::Right => HPos::Right,
        };
        Pos::new(h, VPos::Top)
    }
    fn family(&self) -> FontFamily<'_> {
        FontFamily::Name(FONT_FAMILY)
    }
    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), NoFontError> {
        // Rough box for plotters' generic code paths; statchart measures with `Measure`.
        let w = (text.chars().count() as f64 * self.size * 0.55) as i32;
        Ok(((0, 0), (w, self.size as i32)))
    }
    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        _text: &str,
        _pos: (i32, i32),
        _draw: F,
    ) -> Result<Result<(), E>, NoFontError> {
        Ok(Ok(()))
    }
}

/// Output size in CSS pixels and device pixels per CSS pixel.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Size {
    pub width: f64,
    pub height: f64,
    pub scale: f64,
}

impl Size {
    /// Checks a requested size against the documented limits.
    pub fn new(width: f64, height: f64, scale: f64) -> Result<Size, SpecError> {
        let (lo, hi) = (MIN_SIZE as f64, MAX_SIZE as f64);
        for (name, v) in [("width", width), ("height", height)] {
            if !(lo..=hi).contains(&v) {
                return Err(SpecError::at(
                    name,
                    format!(
                        "expected {MIN_SIZE} to {MAX_SIZE} pixels, got {}",
                        crate::locale::plain(v)
                    ),
                ));
            }
        }
        if !(scale > 0.0 && scale <= MAX_SCALE) {
            return Err(SpecError::at(
                "scale",
                format!(
                    "expected more than 0 and at most {}, got {}",
                    crate::locale::plain(MAX_SCALE),
                    crate::locale::plain(scale)
                ),
            ));
        }
        Ok(Size {
            width,
            height,
            scale,
        })
    }
    /// Backing-store size in device pixels.
    pub fn device(&self) -> (u32, u32) {
        (
            (self.width * self.scale).round() as u32,
            (self.height * self.scale).round() as u32,
        )
    }
}

/// Default width in CSS pixels when none is asked for.
pub const DEFAULT_WIDTH: f64 = 640.0;

/// The height the chart wants at `width`: header and footer as wrapped, plus the body
/// as laid out.
pub fn natural_height(spec: &Spec, width: f64, m: &dyn Measure) -> f64 {
    layout(spec, width, None, m).height
}

/// Lays `spec` out `width` CSS pixels wide and `height` tall, or at its natural
/// height (the header, the body as laid out, the footer; within the size limits).
///
/// The natural height is read from a first layout with an unbounded body; the
/// chart is then laid out at that height, so that it is exactly the chart an
/// SVG export or a fixed-height element of that size draws.
pub fn layout(spec: &Spec, width: f64, height: Option<f64>, m: &dyn Measure) -> Scene {
    let figures = Figures::of(spec);
    let figures = figures.as_ref();
    let height = height.unwrap_or_else(|| lay_out(spec, figures, width, None, m).height);
    lay_out(spec, figures, width, Some(height), m)
}

fn lay_out(
    spec: &Spec,
    figures: Option<&Figures>,
    width: f64,
    height: Option<f64>,
    m: &dyn Measure,
) -> Scene {
    let mut p = Painter::new(m, width, Theme::new(spec.theme), Fmt::new(spec.locale));
    let frame = frame::FrameLayout::new(spec, width, m);
    let body = frame.header(&mut p, height);
    let start = p.cursor();
    draw_body(&mut p, spec, figures, body);
    let height = height.unwrap_or_else(|| {
        (p.bottom_since(start, body.y) + frame.footer_height)
            .round()
            .clamp(MIN_SIZE as f64, MAX_SIZE as f64)
    });
    frame.footer(&mut p, height);
    p.finish(height)
}

/// Lays out the chart's own part in `body`: the chart kind's module, with its figures.
fn draw_body(p: &mut Painter, spec: &Spec, figures: Option<&Figures>, body: Rect) {
    match (&spec.chart, figures) {
        (Chart::Nps { view, zones, .. }, Some(Figures::Nps(f))) => match view {
            NpsView::Gauge => gauge::draw(p, body, f, zones.as_deref()),
            NpsView::Breakdown => nps_breakdown::draw(p, body, f),
            NpsView::Distribution => nps_distribution::draw(p, body, f),
        },
        (Chart::NpsTrend { data }, Some(Figures::NpsTrend(t))) => {
            lines::draw_nps_trend(p, body, t, data)
        }
        (_, Some(Figures::Rate(r))) => kpi::draw_rate(p, body, r),
        (
            Chart::Employment {
                data: EmploymentData::Breakdown(b),
                ..
            },
            Some(Figures::Breakdown(g)),
        ) => bars::draw_breakdown(p, body, b, g),
        (_, Some(Figures::RateTrend(t))) => lines::draw_rate_trend(p, body, t),
        (Chart::Bar { unit, .. }, Some(Figures::Items(a))) => {
            bars::draw_bars(p, body, a, unit.as_deref())
        }
        (Chart::Line { unit, .. }, Some(Figures::Items(a))) => {
            lines::draw_line(p, body, a, unit.as_deref())
        }
        (_, Some(Figures::Items(a))) => donut::draw(p, body, a),
        (_, Some(Figures::Value(v))) => kpi::draw_value(p, body, v),
        _ => {}
    }
}

/// Draws `spec` onto `backend`, whose size is the device size; `scale` is device pixels per CSS pixel.
/// Returns the chart's marks (data elements with their values) for tooltips and keyboard access.
pub fn draw<B: Surface>(spec: &Spec, backend: &mut B, scale: f64) -> Result<Vec<Mark>, String> {
    let (w, h) = backend.get_size();
    let scene = layout(spec, w as f64 / scale, Some(h as f64 / scale), &*backend);
    paint(&scene, backend, scale)?;
    Ok(scene.marks)
}

/// Lays out a one-line error state in place of a chart: the widget shows what went wrong.
pub fn error_scene(
    message: &str,
    width: f64,
    height: f64,
    m: &dyn Measure,
    theme: crate::spec::ThemeName,
) -> Scene {
    let mut p = Painter::new(
        m,
        width,
        Theme::new(theme),
        Fmt::new(crate::spec::Locale::EnUs),
    );
    let pad = frame::padding(width);
    let ink = p.theme.detractors;
    let text = p.theme.text;
    p.text(
        pad,
        pad + 16.0,
        "Chart not drawn",
        16.0,
        true,
        ink,
        Align::Left,
    );
    p.paragraph(
        pad,
        pad + 40.0,
        width - 2.0 * pad,
        message,
        13.0,
        false,
        text,
        18.0,
    );
    p.finish(height)
}

/// Draws the error state of [`error_scene`] onto `backend`.
pub fn draw_error<B: Surface>(
    message: &str,
    backend: &mut B,
    scale: f64,
    theme: crate::spec::ThemeName,
) -> Result<(), String> {
    let (w, h) = backend.get_size();
    let scene = error_scene(
        message,
        w as f64 / scale,
        h as f64 / scale,
        &*backend,
        theme,
    );
    paint(&scene, backend, scale)
}

#[cfg(test)]
mod tests {
    use super::cos_sin;

    #[test]
    fn cos_sin_matches_libm() {
        let mut a = -20.0;
        while a < 20.0 {
            let (c, s) = cos_sin(a);
            assert!(
                (c - a.cos()).abs() < 1e-14 && (s - a.sin()).abs() < 1e-14,
                "{a}"
            );
            a += 0.0137;
        }
        assert_eq!(cos_sin(0.0), (1.0, 0.0));
    }
}
