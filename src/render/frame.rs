//! The news frame around every chart: title, subtitle, and at the bottom the
//! source and note, each wrapped to the width, never clipped.

use super::{Align, Measure, Painter};
use crate::figures::{end_sentence, push};
use crate::locale::Fmt;
use crate::spec::Spec;

/// A region in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    /// Whether the two boxes share any area.
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
    /// This region, or, when its height is unbounded (a chart at its natural
    /// height), `natural` tall: for charts that fill whatever height they get.
    pub fn or_height(self, natural: f64) -> Rect {
        if self.h.is_finite() {
            self
        } else {
            Rect { h: natural, ..self }
        }
    }
}

/// Air between the body's lowest ink and the source line, in CSS pixels.
const BODY_GAP: f64 = 6.0;

/// Outer margin: tighter on phones.
pub fn padding(width: f64) -> f64 {
    (width * 0.04).clamp(12.0, 24.0)
}

/// Font sizes that grow a little with the width, for phones up to desktops.
#[derive(Debug, Clone, Copy)]
pub struct TypeScale {
    pub title: f64,
    pub subtitle: f64,
    pub label: f64,
    pub small: f64,
}

impl TypeScale {
    pub fn for_width(width: f64) -> Self {
        TypeScale {
            title: (width / 30.0).clamp(17.0, 24.0),
            subtitle: (width / 44.0).clamp(13.0, 16.0),
            label: (width / 48.0).clamp(12.0, 15.0),
            small: (width / 56.0).clamp(11.0, 13.0),
        }
    }
}

pub struct FrameLayout {
    pub pad: f64,
    pub width: f64,
    pub sizes: TypeScale,
    title: Vec<String>,
    subtitle: Vec<String>,
    footer: Vec<String>,
    pub header_height: f64,
    pub footer_height: f64,
}

impl FrameLayout {
    pub fn new(spec: &Spec, width: f64, m: &dyn Measure) -> Self {
        let pad = padding(width);
        let sizes = TypeScale::for_width(width);
        let inner = width - 2.0 * pad;
        let wrap = |text: &Option<String>, size: f64, bold: bool| match text {
            Some(t) => super::wrap_text(t, inner, &|s| m.text_width(s, size, bold)),
            None => Vec::new(),
        };
        let title = wrap(&spec.title, sizes.title, true);
        let subtitle = wrap(&spec.subtitle, sizes.subtitle, false);
        let fmt = Fmt::new(spec.locale);
        let footer_text = match (&spec.source, &spec.note) {
            (Some(s), Some(n)) => {
                let mut line = fmt.source_line(s);
                end_sentence(&mut line);
                push(&mut line, &[" ", n]);
                Some(line)
            }
            (Some(s), None) => Some(fmt.source_line(s)),
            (None, Some(n)) => Some(n.clone()),
            (None, None) => None,
        };
        let footer = wrap(&footer_text, sizes.small, false);
        let mut header_height = pad;
        if !title.is_empty() {
            header_height += title.len() as f64 * sizes.title * 1.25;
        }
        if !subtitle.is_empty() {
            header_height += 4.0 + subtitle.len() as f64 * sizes.subtitle * 1.35;
        }
        header_height += if title.is_empty() && subtitle.is_empty() {
            0.0
        } else {
            sizes.subtitle
        };
        let footer_height = pad
            + BODY_GAP
            + if footer.is_empty() {
                0.0
            } else {
                footer.len() as f64 * sizes.small * 1.4 + sizes.small * 0.6
            };
        FrameLayout {
            pad,
            width,
            sizes,
            title,
            subtitle,
            footer,
            header_height,
            footer_height,
        }
    }

    pub fn body_width(&self) -> f64 {
        self.width - 2.0 * self.pad
    }

    /// Lays out the title and subtitle; returns the body region under them, `height`
    /// tall, or unbounded (infinite) when the chart takes its natural height.
    pub fn header(&self, p: &mut Painter, height: Option<f64>) -> Rect {
        let (text, muted) = (p.theme.text, p.theme.muted);
        let s = self.sizes;
        let mut y = self.pad;
        for line in &self.title {
            y += s.title * 1.25;
            p.text(
                self.pad,
                y - s.title * 0.3,
                line,
                s.title,
                true,
                text,
                Align::Left,
            );
        }
        if !self.subtitle.is_empty() {
            y += 4.0;
        }
        for line in &self.subtitle {
            y += s.subtitle * 1.35;
            p.text(
                self.pad,
                y - s.subtitle * 0.35,
                line,
                s.subtitle,
                false,
                muted,
                Align::Left,
            );
        }
        Rect {
            x: self.pad,
            y: self.header_height,
            w: self.body_width(),
            h: height.map_or(f64::INFINITY, |h| {
                (h - self.header_height - self.footer_height).max(0.0)
            }),
        }
    }

    /// Lays out the source and note at the bottom of a chart `height` tall.
    pub fn footer(&self, p: &mut Painter, height: f64) {
        let muted = p.theme.muted;
        let s = self.sizes;
        let mut y = height - self.footer_height + BODY_GAP + s.small * 0.6;
        for line in &self.footer {
            y += s.small * 1.4;
            p.text(
                self.pad,
                y - s.small * 0.3,
                line,
                s.small,
                false,
                muted,
                Align::Left,
            );
        }
    }
}
