//! statchart: statistically honest NPS and employment charts.
//!
//! A JSON spec comes in ([`spec`]), its figures are computed ([`stats`]) and
//! written out once ([`figures`]), and the chart is drawn through plotters'
//! `DrawingBackend` ([`render`]): onto SVG or PNG natively ([`native`]), or onto
//! a canvas in the browser.

pub mod figures;
pub mod locale;
pub mod render;
#[cfg(feature = "schema")]
pub mod schema;
pub mod spec;
pub mod stats;
pub mod summary;
#[cfg(feature = "svg")]
pub mod svg;
pub mod theme;

#[cfg(feature = "native")]
pub mod embed;
#[cfg(feature = "native")]
pub mod native;
#[cfg(feature = "serve")]
pub mod serve;
#[cfg(feature = "web")]
pub mod web;

pub use spec::{parse_spec, Spec, SpecError};

/// Why a chart could not be drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// The spec (or the requested size) is wrong; the message names the field.
    Spec(SpecError),
    /// The backend failed while drawing or encoding.
    Render(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Spec(e) => e.fmt(f),
            Error::Render(e) => write!(f, "rendering failed: {e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<SpecError> for Error {
    fn from(e: SpecError) -> Self {
        Error::Spec(e)
    }
}
