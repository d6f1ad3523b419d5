//! The chart spec v1 as Rust types.
//!
//! These types are what the renderer and the statistics consume, and (with the
//! `schema` feature) what `docs/spec.schema.json` is generated from. The JSON is
//! read by the hand-written parser in `parse.rs`, not by serde, so that every
//! error names its field in plain words; the serde attributes here only shape
//! the generated schema.

#[cfg(feature = "schema")]
use schemars::JsonSchema;

/// A whole chart: what to draw plus the words around it.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", schemars(title = "statchart chart spec v1"))]
pub struct Spec {
    /// What kind of chart, its view and its data.
    #[cfg_attr(feature = "schema", serde(flatten))]
    pub chart: Chart,
    /// Bold heading, top left. Plain text: markup is shown as typed.
    #[cfg_attr(feature = "schema", serde(default))]
    pub title: Option<String>,
    /// Grey line under the title.
    #[cfg_attr(feature = "schema", serde(default))]
    pub subtitle: Option<String>,
    /// Where the figures come from; drawn at the bottom after "Source:".
    #[cfg_attr(feature = "schema", serde(default))]
    pub source: Option<String>,
    /// A footnote drawn at the bottom.
    #[cfg_attr(feature = "schema", serde(default))]
    pub note: Option<String>,
    /// Language of numbers and built-in labels. Default `en-US`.
    #[cfg_attr(feature = "schema", serde(default))]
    pub locale: Locale,
    /// Colour theme. Default `light`.
    #[cfg_attr(feature = "schema", serde(default))]
    pub theme: ThemeName,
}

/// The chart kinds, keyed by the spec's `type` field.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(
    feature = "schema",
    serde(tag = "type", rename_all = "kebab-case", deny_unknown_fields)
)]
pub enum Chart {
    /// Net Promoter Score of one survey.
    Nps {
        #[cfg_attr(feature = "schema", serde(default))]
        view: NpsView,
        data: NpsData,
        /// Gauge zone boundaries between −100 and +100, increasing. Default `[0, 30, 70]`.
        #[cfg_attr(feature = "schema", serde(default))]
        zones: Option<Vec<f64>>,
    },
    /// NPS per period, with the significance of each change.
    NpsTrend { data: Vec<NpsPoint> },
    /// Employment outcomes. The default view follows the data's shape.
    Employment {
        #[cfg_attr(feature = "schema", serde(default))]
        view: Option<EmploymentView>,
        data: EmploymentData,
    },
    /// Horizontal bars, one per item, labelled directly.
    Bar {
        data: Vec<Item>,
        #[cfg_attr(feature = "schema", serde(default))]
        unit: Option<String>,
    },
    /// One series over periods.
    Line {
        data: Vec<Item>,
        #[cfg_attr(feature = "schema", serde(default))]
        unit: Option<String>,
    },
    /// Parts of a whole.
    Donut {
        data: Vec<Item>,
        #[cfg_attr(feature = "schema", serde(default))]
        unit: Option<String>,
    },
    /// One big figure.
    Kpi { data: KpiData },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", serde(rename_all = "kebab-case"))]
pub enum NpsView {
    #[default]
    Gauge,
    Breakdown,
    Distribution,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", serde(rename_all = "kebab-case"))]
pub enum EmploymentView {
    Kpi,
    Breakdown,
    Trend,
}

/// One survey's NPS, in any of the forms reports publish.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", serde(untagged, deny_unknown_fields))]
pub enum NpsData {
    /// Counts of respondents in each group.
    Counts {
        promoters: u64,
        passives: u64,
        detractors: u64,
    },
    /// How many answered 0, 1, …, 10.
    Scores { scores: [u64; 11] },
    /// Published shares in percent (adding up to 100), with the sample size if known.
    Shares {
        promoters_pct: f64,
        passives_pct: f64,
        detractors_pct: f64,
        #[cfg_attr(feature = "schema", serde(default))]
        respondents: Option<u64>,
    },
    /// A published score alone: no interval can be given.
    Published { nps: f64 },
}

/// One period of an NPS trend.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", serde(deny_unknown_fields))]
pub struct NpsPoint {
    pub period: String,
    /// An annotation drawn by the point.
    #[cfg_attr(feature = "schema", serde(default))]
    pub label: Option<String>,
    #[cfg_attr(feature = "schema", serde(flatten))]
    pub data: NpsData,
}

/// The shapes of employment data; each has its own view.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", serde(untagged))]
pub enum EmploymentData {
    /// One rate, for the `kpi` view.
    Rate(RateFigure),
    /// Outcomes per cohort or period, for the `breakdown` view.
    Breakdown(Breakdown),
    /// Rates per period, for the `trend` view.
    Trend(Vec<RatePoint>),
}

/// A rate: `employed` of `total`, or a published `rate` in percent.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", serde(deny_unknown_fields))]
pub struct RateFigure {
    #[cfg_attr(feature = "schema", serde(flatten))]
    pub value: RateValue,
    /// What the figure counts; drawn under it.
    #[cfg_attr(feature = "schema", serde(default))]
    pub label: Option<String>,
    /// When it was measured.
    #[cfg_attr(feature = "schema", serde(default))]
    pub period: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", serde(untagged))]
pub enum RateValue {
    /// `employed` of `total` respondents: the rate gets a Wilson interval.
    Counts { employed: u64, total: u64 },
    /// A published percentage alone: no interval.
    Published { rate: f64 },
}

/// One period of an employment trend.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", serde(deny_unknown_fields))]
pub struct RatePoint {
    pub period: String,
    #[cfg_attr(feature = "schema", serde(flatten))]
    pub value: RateValue,
}

/// Named outcomes per cohort or period.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", serde(deny_unknown_fields))]
pub struct Breakdown {
    /// Outcome names, e.g. "Employed", "Self-employed", "Still looking".
    pub categories: Vec<String>,
    /// One bar per cohort or period.
    pub groups: Vec<BreakdownGroup>,
    /// Whether `values` are respondent counts or percentages. Default `count`.
    #[cfg_attr(feature = "schema", serde(default))]
    pub unit: BreakdownUnit,
    /// `stacked` (each bar adds to 100%) or `grouped` (bars side by side). Default `stacked`.
    #[cfg_attr(feature = "schema", serde(default))]
    pub mode: BreakdownMode,
}

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", serde(deny_unknown_fields))]
pub struct BreakdownGroup {
    pub label: String,
    /// One value per category, in the order of `categories`.
    pub values: Vec<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", serde(rename_all = "kebab-case"))]
pub enum BreakdownUnit {
    #[default]
    Count,
    Percent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", serde(rename_all = "kebab-case"))]
pub enum BreakdownMode {
    #[default]
    Stacked,
    Grouped,
}

/// One labelled value of a generic chart.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", serde(deny_unknown_fields))]
pub struct Item {
    pub label: String,
    pub value: f64,
}

/// The figure of a generic KPI.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", serde(deny_unknown_fields))]
pub struct KpiData {
    pub value: f64,
    /// What the figure counts; drawn under it.
    #[cfg_attr(feature = "schema", serde(default))]
    pub label: Option<String>,
    /// Text before the number, e.g. "Rp ".
    #[cfg_attr(feature = "schema", serde(default))]
    pub prefix: Option<String>,
    /// Text after the number, e.g. "+" for "480+".
    #[cfg_attr(feature = "schema", serde(default))]
    pub suffix: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub enum Locale {
    #[default]
    #[cfg_attr(feature = "schema", serde(rename = "en-US"))]
    EnUs,
    #[cfg_attr(feature = "schema", serde(rename = "id-ID"))]
    IdId,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[cfg_attr(feature = "schema", serde(rename_all = "kebab-case"))]
pub enum ThemeName {
    #[default]
    Light,
    Dark,
}
