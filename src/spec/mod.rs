//! The chart spec: types, limits, and the validating parser.

pub mod fields;
pub mod json;
mod parse;
mod read;
mod types;

pub use parse::{parse_spec, spec_from_json, theme_named};
pub use types::*;

/// Documented limits on untrusted input (docs/spec.md lists them).
pub mod limits {
    /// Largest spec accepted, in bytes of JSON.
    pub const MAX_SPEC_BYTES: usize = 1_000_000;
    /// Points of a trend or line chart.
    pub const MAX_POINTS: usize = 500;
    /// Bars of a bar chart.
    pub const MAX_BARS: usize = 60;
    /// Slices of a donut.
    pub const MAX_SLICES: usize = 12;
    /// Outcome categories of an employment breakdown.
    pub const MAX_CATEGORIES: usize = 8;
    /// Cohorts or periods of an employment breakdown.
    pub const MAX_GROUPS: usize = 40;
    /// Respondents in one count, and in all counts of one figure together.
    pub const MAX_COUNT: u64 = 1_000_000_000;
    /// Largest magnitude of a generic value.
    pub const MAX_VALUE: f64 = 1e15;
    /// Title, subtitle, source, note and KPI label, in characters.
    pub const MAX_TEXT_CHARS: usize = 300;
    /// Labels, periods and categories, in characters.
    pub const MAX_LABEL_CHARS: usize = 80;
    /// Units, prefixes and suffixes, in characters.
    pub const MAX_AFFIX_CHARS: usize = 12;
    /// How far published shares may stray from 100 in total (rounding in the source).
    pub const SHARE_SUM_TOLERANCE: f64 = 1.5;
    /// Output size, in CSS pixels, each way.
    pub const MIN_SIZE: u32 = 200;
    pub const MAX_SIZE: u32 = 4096;
    /// Device pixels per CSS pixel.
    pub const MAX_SCALE: f64 = 4.0;
}

/// A spec that cannot be drawn: the field's path and what is wrong with it.
#[derive(Debug, Clone, PartialEq)]
pub struct SpecError {
    /// Dotted path to the bad field (`data.promoters`, `data[2].period`), empty for the whole spec.
    pub path: String,
    pub message: String,
}

impl SpecError {
    pub fn at(path: &str, message: impl Into<String>) -> Self {
        SpecError {
            path: path.to_string(),
            message: message.into(),
        }
    }
    pub fn root(message: impl Into<String>) -> Self {
        Self::at("", message)
    }
}

impl std::fmt::Display for SpecError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for SpecError {}
