//! The spec as data: one table of fields per object kind, and every enum's names.
//!
//! `read.rs` walks these tables over untrusted JSON, `parse.rs` adds the rules
//! that span fields, and (natively) `crate::schema` turns the same tables into
//! `docs/spec.schema.json`. Plain `static` data read by one non-generic
//! interpreter: that is what keeps the spec reader small in the wasm.

use super::limits::*;
use super::types::*;

/// What a field holds, with its limits.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// Plain text (no control characters) of at most this many characters.
    Text(u16),
    /// Non-blank text of at most [`MAX_LABEL_CHARS`] characters.
    Label,
    /// A whole number of respondents, 0 to [`MAX_COUNT`].
    Count,
    /// A whole number of respondents, 1 to [`MAX_COUNT`].
    Respondents,
    /// A number within ±[`MAX_VALUE`].
    Value,
    /// A number from 0 to [`MAX_VALUE`].
    Amount,
    /// A percentage, 0 to 100.
    Percent,
    /// A Net Promoter Score, −100 to +100.
    Score,
    /// A gauge zone boundary, strictly between −100 and +100.
    Zone,
    /// One of these names; read as its index.
    Choice(&'static Names),
    /// A list of values of one kind.
    List(&'static List),
    /// Anything: read by its own code in `parse.rs`; the name is its schema definition.
    Nested(&'static str),
}

/// The names an enum is written with in JSON, in the order of the Rust variants.
#[derive(Debug)]
pub struct Names {
    /// The schema definition (and TypeScript type) name.
    pub def: &'static str,
    pub names: &'static [&'static str],
}

/// A list of `min..=max` items of one kind.
#[derive(Debug)]
pub struct List {
    pub min: u16,
    pub max: u16,
    pub item: Kind,
    /// Replaces "expected a list" and wrong-length messages when not empty.
    pub wrong: &'static str,
}

/// One key of an object.
#[derive(Debug)]
pub struct Field {
    pub key: &'static str,
    pub kind: Kind,
    pub required: bool,
    /// What the field means, for the schema and the TypeScript types only.
    #[cfg(feature = "schema")]
    pub doc: &'static str,
}

/// A required field. The doc text is dropped from builds without the schema.
const fn req(key: &'static str, kind: Kind, doc: &'static str) -> Field {
    field(key, kind, true, doc)
}

/// An optional field: absent and `null` both mean the default.
const fn opt(key: &'static str, kind: Kind, doc: &'static str) -> Field {
    field(key, kind, false, doc)
}

#[allow(unused_variables)]
const fn field(key: &'static str, kind: Kind, required: bool, doc: &'static str) -> Field {
    Field {
        key,
        kind,
        required,
        #[cfg(feature = "schema")]
        doc,
    }
}

// ---------------------------------------------------------------- names

pub static CHART_TYPES: Names = Names {
    def: "ChartType",
    names: &[
        "nps",
        "nps-trend",
        "employment",
        "bar",
        "line",
        "donut",
        "kpi",
    ],
};
/// Positions of the chart kinds in [`CHART_TYPES`] and [`ROOTS`].
pub mod chart {
    pub const NPS: usize = 0;
    pub const NPS_TREND: usize = 1;
    pub const EMPLOYMENT: usize = 2;
    pub const BAR: usize = 3;
    pub const LINE: usize = 4;
    pub const DONUT: usize = 5;
    pub const KPI: usize = 6;
}
pub static NPS_VIEWS: Names = Names {
    def: "NpsView",
    names: &["gauge", "breakdown", "distribution"],
};
pub const NPS_VIEW_VALUES: [NpsView; 3] =
    [NpsView::Gauge, NpsView::Breakdown, NpsView::Distribution];
pub static EMPLOYMENT_VIEWS: Names = Names {
    def: "EmploymentView",
    names: &["kpi", "breakdown", "trend"],
};
pub const EMPLOYMENT_VIEW_VALUES: [EmploymentView; 3] = [
    EmploymentView::Kpi,
    EmploymentView::Breakdown,
    EmploymentView::Trend,
];
pub static LOCALES: Names = Names {
    def: "Locale",
    names: &["en-US", "id-ID"],
};
pub const LOCALE_VALUES: [Locale; 2] = [Locale::EnUs, Locale::IdId];
pub static THEMES: Names = Names {
    def: "ThemeName",
    names: &["light", "dark"],
};
pub const THEME_VALUES: [ThemeName; 2] = [ThemeName::Light, ThemeName::Dark];
pub static UNITS: Names = Names {
    def: "BreakdownUnit",
    names: &["count", "percent"],
};
pub const UNIT_VALUES: [BreakdownUnit; 2] = [BreakdownUnit::Count, BreakdownUnit::Percent];
pub static MODES: Names = Names {
    def: "BreakdownMode",
    names: &["stacked", "grouped"],
};
pub const MODE_VALUES: [BreakdownMode; 2] = [BreakdownMode::Stacked, BreakdownMode::Grouped];

/// Every enum of the spec, for the schema and the tests.
pub static ALL_NAMES: [&Names; 7] = [
    &CHART_TYPES,
    &NPS_VIEWS,
    &EMPLOYMENT_VIEWS,
    &LOCALES,
    &THEMES,
    &UNITS,
    &MODES,
];

// ---------------------------------------------------------------- the root

const TEXT: Kind = Kind::Text(MAX_TEXT_CHARS as u16);
const AFFIX: Kind = Kind::Text(MAX_AFFIX_CHARS as u16);

/// Read first, to pick the table of the chart kind; its names are [`CHART_TYPES`].
pub const TYPE: Field = req(
    "type",
    Kind::Text(MAX_LABEL_CHARS as u16),
    "The chart kind.",
);

/// The fields every chart kind has, after its own.
pub static COMMON: [Field; 6] = [
    opt(
        "title",
        TEXT,
        "Bold heading, top left. Plain text: markup is shown as typed.",
    ),
    opt("subtitle", TEXT, "Grey line under the title."),
    opt(
        "source",
        TEXT,
        "Where the figures come from; drawn at the bottom after \"Source:\".",
    ),
    opt("note", TEXT, "A footnote drawn at the bottom."),
    opt(
        "locale",
        Kind::Choice(&LOCALES),
        "Language of numbers and built-in labels. Default `en-US`.",
    ),
    opt(
        "theme",
        Kind::Choice(&THEMES),
        "Colour theme. Default `light`.",
    ),
];

const UNIT: Field = opt("unit", AFFIX, "The unit of the values, e.g. \"people\".");

/// Each chart kind's own fields, in the order of [`CHART_TYPES`]; `type` is in each so
/// that it counts as a known field.
pub static ROOTS: [&[Field]; 7] = [
    &[
        TYPE,
        opt(
            "view",
            Kind::Choice(&NPS_VIEWS),
            "What to draw. Default `gauge`.",
        ),
        req("data", Kind::Nested("NpsData"), "The survey's figures."),
        opt(
            "zones",
            Kind::List(&ZONES),
            "Gauge zone boundaries between −100 and +100, increasing. Default `[0, 30, 70]`.",
        ),
    ],
    &[
        TYPE,
        req(
            "data",
            Kind::List(&NPS_POINTS),
            "One entry per period, in order.",
        ),
    ],
    &[
        TYPE,
        opt(
            "view",
            Kind::Choice(&EMPLOYMENT_VIEWS),
            "What to draw; it must fit the data's shape, which it follows by default.",
        ),
        req(
            "data",
            Kind::Nested("EmploymentData"),
            "The figures, in one of three shapes.",
        ),
    ],
    &[
        TYPE,
        req(
            "data",
            Kind::List(&BARS),
            "One bar per item, drawn in this order.",
        ),
        UNIT,
    ],
    &[
        TYPE,
        req(
            "data",
            Kind::List(&POINTS),
            "One point per period, in order.",
        ),
        UNIT,
    ],
    &[
        TYPE,
        req("data", Kind::List(&SLICES), "One slice per part."),
        UNIT,
    ],
    &[TYPE, req("data", Kind::Nested("KpiData"), "The figure.")],
];

pub static ZONES: List = List {
    min: 0,
    max: 6,
    item: Kind::Zone,
    wrong: "",
};
pub static NPS_POINTS: List = list(MAX_POINTS, Kind::Nested("NpsPoint"));
pub static BARS: List = list(MAX_BARS, Kind::Nested("Item"));
pub static POINTS: List = list(MAX_POINTS, Kind::Nested("Item"));
pub static SLICES: List = list(MAX_SLICES, Kind::Nested("Slice"));

/// A list of 1 to `max` items.
const fn list(max: usize, item: Kind) -> List {
    List {
        min: 1,
        max: max as u16,
        item,
        wrong: "",
    }
}

// ---------------------------------------------------------------- NPS

pub static SCORES: List = List {
    min: 11,
    max: 11,
    item: Kind::Count,
    wrong: "expected 11 counts, for the answers 0 to 10",
};

/// The forms NPS data comes in; the first whose required keys appear is read.
pub static NPS_FORMS: [&[Field]; 4] = [
    &[req(
        "scores",
        Kind::List(&SCORES),
        "How many answered 0, 1, …, 10.",
    )],
    &[
        req(
            "promoters_pct",
            Kind::Percent,
            "Share of promoters (9–10), in percent.",
        ),
        req(
            "passives_pct",
            Kind::Percent,
            "Share of passives (7–8), in percent.",
        ),
        req(
            "detractors_pct",
            Kind::Percent,
            "Share of detractors (0–6), in percent.",
        ),
        opt(
            "respondents",
            Kind::Respondents,
            "The sample size, if published: it gives the score an interval.",
        ),
    ],
    &[
        req(
            "promoters",
            Kind::Count,
            "Respondents who answered 9 or 10.",
        ),
        req("passives", Kind::Count, "Respondents who answered 7 or 8."),
        req(
            "detractors",
            Kind::Count,
            "Respondents who answered 0 to 6.",
        ),
    ],
    &[req("nps", Kind::Score, "The published score.")],
];

/// An NPS trend's period, before its NPS data.
pub static NPS_POINT: [Field; 2] = [
    req(
        "period",
        Kind::Label,
        "The period's name, e.g. \"2024 Q1\".",
    ),
    opt("label", Kind::Label, "An annotation drawn by the point."),
];

// ---------------------------------------------------------------- employment

/// The forms of a rate: counts (with an interval) or a published percentage.
pub static RATE_FORMS: [&[Field]; 2] = [
    &[
        req("employed", Kind::Count, "Respondents in work."),
        req(
            "total",
            Kind::Count,
            "All respondents; at least `employed`.",
        ),
    ],
    &[req(
        "rate",
        Kind::Percent,
        "A published rate in percent: no interval.",
    )],
];

/// A single rate's words, after its value.
pub static RATE_FIGURE: [Field; 2] = [
    opt("label", TEXT, "What the figure counts; drawn under it."),
    opt("period", Kind::Label, "When it was measured."),
];

/// A rate trend's period, before its value.
pub static RATE_POINT: [Field; 1] = [req("period", Kind::Label, "The period's name.")];

pub static RATE_POINTS: List = list(MAX_POINTS, Kind::Nested("RatePoint"));

pub static CATEGORIES: List = list(MAX_CATEGORIES, Kind::Label);
pub static GROUPS: List = list(MAX_GROUPS, Kind::Nested("BreakdownGroup"));

pub static BREAKDOWN: [Field; 4] = [
    req(
        "categories",
        Kind::List(&CATEGORIES),
        "Outcome names, e.g. \"Employed\", \"Self-employed\", \"Still looking\".",
    ),
    opt(
        "unit",
        Kind::Choice(&UNITS),
        "Whether `values` are respondent counts or percentages. Default `count`.",
    ),
    opt(
        "mode",
        Kind::Choice(&MODES),
        "`stacked` (each bar adds to 100%) or `grouped` (bars side by side). Default `stacked`.",
    ),
    req(
        "groups",
        Kind::List(&GROUPS),
        "One bar per cohort or period.",
    ),
];

const GROUP_VALUES_DOC: &str = "One value per category, in the order of `categories`.";
pub static COUNT_VALUES: List = list(MAX_CATEGORIES, Kind::Count);
pub static PERCENT_VALUES: List = list(MAX_CATEGORIES, Kind::Percent);

/// A breakdown group, by the breakdown's `unit`: counts, then percentages.
pub static GROUPS_BY_UNIT: [[Field; 2]; 2] = [
    [
        req("label", Kind::Label, "The cohort or period."),
        req("values", Kind::List(&COUNT_VALUES), GROUP_VALUES_DOC),
    ],
    [
        req("label", Kind::Label, "The cohort or period."),
        req("values", Kind::List(&PERCENT_VALUES), GROUP_VALUES_DOC),
    ],
];

// ---------------------------------------------------------------- generic charts

pub static ITEM: [Field; 2] = [
    req("label", Kind::Label, "The item's name, drawn by its value."),
    req("value", Kind::Value, "The value."),
];

/// A donut's part: its value cannot be negative.
pub static SLICE: [Field; 2] = [
    req("label", Kind::Label, "The part's name."),
    req("value", Kind::Amount, "The part's size."),
];

pub static KPI: [Field; 4] = [
    req("value", Kind::Value, "The figure."),
    opt("label", TEXT, "What the figure counts; drawn under it."),
    opt("prefix", AFFIX, "Text before the number, e.g. \"Rp \"."),
    opt(
        "suffix",
        AFFIX,
        "Text after the number, e.g. \"+\" for \"480+\".",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_enum_has_one_name_per_variant() {
        assert_eq!(NPS_VIEWS.names.len(), NPS_VIEW_VALUES.len());
        assert_eq!(EMPLOYMENT_VIEWS.names.len(), EMPLOYMENT_VIEW_VALUES.len());
        assert_eq!(LOCALES.names.len(), LOCALE_VALUES.len());
        assert_eq!(THEMES.names.len(), THEME_VALUES.len());
        assert_eq!(UNITS.names.len(), UNIT_VALUES.len());
        assert_eq!(MODES.names.len(), MODE_VALUES.len());
        assert_eq!(CHART_TYPES.names.len(), ROOTS.len());
    }
}
