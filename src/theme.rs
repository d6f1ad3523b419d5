//! Colours of the light and dark themes.
//!
//! One accent plus greys, and an Okabe–Ito palette (safe for colour-blind
//! readers) where categories need telling apart. Text colours keep at least
//! 4.5:1 against the background (WCAG 1.4.3).

use crate::spec::ThemeName;

/// An sRGB colour with alpha in 0..=1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgba {
    pub r: u8,
    pub g: u8,
    pub b: u8,
    pub a: f64,
}

impl Rgba {
    pub const fn hex(rgb: u32) -> Self {
        Rgba {
            r: (rgb >> 16) as u8,
            g: (rgb >> 8) as u8,
            b: rgb as u8,
            a: 1.0,
        }
    }
    pub const fn with_alpha(self, a: f64) -> Self {
        Rgba { a, ..self }
    }
    /// Relative luminance (WCAG 2).
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = c as f64 / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.r) + 0.7152 * lin(self.g) + 0.0722 * lin(self.b)
    }
    /// WCAG contrast ratio between two opaque colours.
    pub fn contrast(self, other: Rgba) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
    /// `#rrggbb`, for SVG and canvas styles.
    pub fn css(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub background: Rgba,
    pub text: Rgba,
    /// Subtitles, source lines, axis labels.
    pub muted: Rgba,
    pub grid: Rgba,
    /// The one accent: promoters, the main series, the big figure.
    pub accent: Rgba,
    pub passives: Rgba,
    pub detractors: Rgba,
    /// Gauge zones from −100 upwards.
    pub zones: [Rgba; 4],
    /// Categories that need their own colour.
    pub palette: [Rgba; 8],
    /// The confidence band under a line.
    pub band: Rgba,
}

impl Theme {
    /// A copy of the named theme: from a static, so that the wasm holds each theme
    /// once as data rather than as code that builds every colour at each call.
    pub fn new(name: ThemeName) -> Theme {
        match name {
            ThemeName::Light => LIGHT,
            ThemeName::Dark => DARK,
        }
    }

    /// Text colour readable on `fill`: dark or light ink, whichever contrasts more.
    ///
    /// Decided with a gamma-2 luminance (no libm `pow` in the wasm); the
    /// contrast test checks the choice with the exact WCAG formula.
    pub fn ink_on(&self, fill: Rgba) -> Rgba {
        let lin = |c: u8| (c as f64 / 255.0) * (c as f64 / 255.0);
        let y = 0.2126 * lin(fill.r) + 0.7152 * lin(fill.g) + 0.0722 * lin(fill.b);
        // Equal contrast against #1d1d1d (Y ≈ 0.012) and white (Y = 1) at Y ≈ 0.205.
        if y > 0.205 {
            Rgba::hex(0x1d1d1d)
        } else {
            Rgba::hex(0xffffff)
        }
    }
}

static LIGHT: Theme = Theme {
    background: Rgba::hex(0xffffff),
    text: Rgba::hex(0x1d1d1d),
    muted: Rgba::hex(0x5e5e5e),
    grid: Rgba::hex(0xdcdcdc),
    accent: Rgba::hex(0x17785a),
    passives: Rgba::hex(0xb9b9b9),
    detractors: Rgba::hex(0xc0392b),
    zones: [
        Rgba::hex(0xeac6c0),
        Rgba::hex(0xede3c6),
        Rgba::hex(0xcfe4d8),
        Rgba::hex(0xa4d3ba),
    ],
    palette: OKABE_ITO,
    band: Rgba::hex(0x17785a).with_alpha(0.18),
};

static DARK: Theme = Theme {
    background: Rgba::hex(0x171717),
    text: Rgba::hex(0xf1f1f1),
    muted: Rgba::hex(0xb4b4b4),
    grid: Rgba::hex(0x3c3c3c),
    accent: Rgba::hex(0x42c495),
    passives: Rgba::hex(0x8c8c8c),
    detractors: Rgba::hex(0xf0705f),
    zones: [
        Rgba::hex(0x5a2f2a),
        Rgba::hex(0x574d2e),
        Rgba::hex(0x2f4a3d),
        Rgba::hex(0x2d6b50),
    ],
    palette: [
        Rgba::hex(0x56b4e9),
        Rgba::hex(0xe69f00),
        Rgba::hex(0x42c495),
        Rgba::hex(0xcc79a7),
        Rgba::hex(0xf0e442),
        Rgba::hex(0xd55e00),
        Rgba::hex(0x9ecae1),
        Rgba::hex(0xdddddd),
    ],
    band: Rgba::hex(0x42c495).with_alpha(0.25),
};

/// Okabe & Ito (2008), the palette most tested for colour-vision deficiency.
const OKABE_ITO: [Rgba; 8] = [
    Rgba::hex(0x0072b2),
    Rgba::hex(0xe69f00),
    Rgba::hex(0x009e73),
    Rgba::hex(0xcc79a7),
    Rgba::hex(0x56b4e9),
    Rgba::hex(0xd55e00),
    Rgba::hex(0xf0e442),
    Rgba::hex(0x000000),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_contrast_meets_wcag_aa() {
        for name in [ThemeName::Light, ThemeName::Dark] {
            let t = Theme::new(name);
            assert!(t.text.contrast(t.background) >= 4.5);
            assert!(t.muted.contrast(t.background) >= 4.5, "{name:?} muted");
            assert!(t.accent.contrast(t.background) >= 4.5, "{name:?} accent");
            assert!(t.detractors.contrast(t.background) >= 3.0);
            for fill in [t.accent, t.passives, t.detractors] {
                assert!(t.ink_on(fill).contrast(fill) >= 4.5, "{name:?} {fill:?}");
            }
        }
    }
}
