//! The chart spec v1 as Rust types.
//!
//! These types are what the renderer and the statistics consume. The JSON is
//! read by the field tables in `fields.rs` (which also generate
//! `docs/spec.schema.json`), not by serde, so that every error names its field in
//! plain words.

/// A whole chart: what to draw plus the words around it.
#[derive(Debug, Clone, PartialEq)]
pub struct Spec {
    /// What kind of chart, its view and its data.
    pub chart: Chart,
    /// Bold heading, top left. Plain text: markup is shown as typed.
    pub title: Option<String>,
    /// Grey line under the title.
    pub subtitle: Option<String>,
    /// Where the figures come from; drawn at the bottom after "Source:".
    pub source: Option<String>,
    /// A footnote drawn at the bottom.
    pub note: Option<String>,
    /// Language of numbers and built-in labels. Default `en-US`.
    pub locale: Locale,
    /// Colour theme. Default `light`.
    pub theme: ThemeName,
}

/// The chart kinds, keyed by the spec's `type` field.
#[derive(Debug, Clone, PartialEq)]
pub enum Chart {
    /// Net Promoter Score of one survey.
    Nps {
        view: NpsView,
        data: NpsData,
        /// Gauge zone boundaries between −100 and +100, increasing. Default `[0, 30, 70]`.
        zones: Option<Vec<f64>>,
    },
    /// NPS per period, with the significance of each change.
    NpsTrend { data: Vec<NpsPoint> },
    /// Employment outcomes. The default view follows the data's shape.
    Employment {
        view: Option<EmploymentView>,
        data: EmploymentData,
    },
    /// Horizontal bars, one per item, labelled directly.
    Bar {
        data: Vec<Item>,
        unit: Option<String>,
    },
    /// One series over periods.
    Line {
        data: Vec<Item>,
        unit: Option<String>,
    },
    /// Parts of a whole.
    Donut {
        data: Vec<Item>,
        unit: Option<String>,
    },
    /// One big figure.
    Kpi { data: KpiData },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NpsView {
    #[default]
    Gauge,
    Breakdown,
    Distribution,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmploymentView {
    Kpi,
    Breakdown,
    Trend,
}

/// One survey's NPS, in any of the forms reports publish.
#[derive(Debug, Clone, PartialEq)]
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
        respondents: Option<u64>,
    },
    /// A published score alone: no interval can be given.
    Published { nps: f64 },
}

/// One period of an NPS trend.
#[derive(Debug, Clone, PartialEq)]
pub struct NpsPoint {
    pub period: String,
    /// An annotation drawn by the point.
    pub label: Option<String>,
    pub data: NpsData,
}

/// The shapes of employment data; each has its own view.
#[derive(Debug, Clone, PartialEq)]
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
pub struct RateFigure {
    pub value: RateValue,
    /// What the figure counts; drawn under it.
    pub label: Option<String>,
    /// When it was measured.
    pub period: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RateValue {
    /// `employed` of `total` respondents: the rate gets a Wilson interval.
    Counts { employed: u64, total: u64 },
    /// A published percentage alone: no interval.
    Published { rate: f64 },
}

/// One period of an employment trend.
#[derive(Debug, Clone, PartialEq)]
pub struct RatePoint {
    pub period: String,
    pub value: RateValue,
}

/// Named outcomes per cohort or period.
#[derive(Debug, Clone, PartialEq)]
pub struct Breakdown {
    /// Outcome names, e.g. "Employed", "Self-employed", "Still looking".
    pub categories: Vec<String>,
    /// One bar per cohort or period.
    pub groups: Vec<BreakdownGroup>,
    /// Whether `values` are respondent counts or percentages. Default `count`.
    pub unit: BreakdownUnit,
    /// `stacked` (each bar adds to 100%) or `grouped` (bars side by side). Default `stacked`.
    pub mode: BreakdownMode,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BreakdownGroup {
    pub label: String,
    /// One value per category, in the order of `categories`.
    pub values: Vec<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BreakdownUnit {
    #[default]
    Count,
    Percent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BreakdownMode {
    #[default]
    Stacked,
    Grouped,
}

/// One labelled value of a generic chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub label: String,
    pub value: f64,
}

/// The figure of a generic KPI.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiData {
    pub value: f64,
    /// What the figure counts; drawn under it.
    pub label: Option<String>,
    /// Text before the number, e.g. "Rp ".
    pub prefix: Option<String>,
    /// Text after the number, e.g. "+" for "480+".
    pub suffix: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    #[default]
    EnUs,
    IdId,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    #[default]
    Light,
    Dark,
}
