//! The JSON Schema of the spec (draft-07), generated from the field tables in
//! [`crate::spec::fields`]: the tables the reader checks, so the schema carries the
//! same fields, enum names and limits (text lengths, list lengths, number ranges).
//! What it cannot say (sums, employed ≤ total, zone order, view against data) the
//! reader alone checks.

use crate::spec::fields::*;
use crate::spec::limits::*;
use serde_json::{json, Map, Value};

/// Text without control characters (what `char::is_control` finds).
const PLAIN: &str = "^[^\\u0000-\\u001F\\u007F-\\u009F]*$";
/// Plain text with at least one character that is not white space.
const NON_BLANK: &str =
    "^[^\\u0000-\\u001F\\u007F-\\u009F]*[^\\s\\u0000-\\u001F\\u007F-\\u009F][^\\u0000-\\u001F\\u007F-\\u009F]*$";

/// What each chart kind draws, in the order of [`CHART_TYPES`].
const CHART_DOCS: [&str; 7] = [
    "Net Promoter Score of one survey.",
    "NPS per period, with the significance of each change.",
    "Employment outcomes. The default view follows the data's shape.",
    "Horizontal bars, one per item, labelled directly.",
    "One series over periods.",
    "Parts of a whole.",
    "One big figure.",
];
/// The NPS data forms, in the order of [`NPS_FORMS`].
const NPS_FORM_DOCS: [&str; 4] = [
    "How many answered 0, 1, …, 10.",
    "Published shares in percent (adding up to 100), with the sample size if known.",
    "Counts of respondents in each group.",
    "A published score alone: no interval can be given.",
];
/// The rate forms, in the order of [`RATE_FORMS`].
const RATE_FORM_DOCS: [&str; 2] = [
    "`employed` of `total` respondents: the rate gets a Wilson interval.",
    "A published percentage alone: no interval.",
];

/// The schema of a spec as JSON.
pub fn json_schema() -> Value {
    let mut defs = Map::new();
    for names in &ALL_NAMES[1..] {
        defs.insert(
            names.def.into(),
            json!({ "type": "string", "enum": names.names }),
        );
    }
    let forms = |forms: &[&'static [Field]], docs: &[&str], extra: &'static [Field], first| {
        let all = forms.iter().zip(docs).map(|(form, doc)| {
            let parts: [&[Field]; 2] = if first { [extra, form] } else { [form, extra] };
            object(&parts, doc)
        });
        all.collect::<Vec<_>>()
    };
    let mut def = |name: &str, doc: &str, mut schema: Value| {
        schema["description"] = doc.into();
        defs.insert(name.into(), schema);
    };
    def(
        "NpsData",
        "One survey's NPS, in any of the forms reports publish.",
        json!({ "anyOf": forms(&NPS_FORMS, &NPS_FORM_DOCS, &[], true) }),
    );
    def(
        "NpsPoint",
        "One period of an NPS trend: its name, then its NPS data in any form.",
        json!({ "anyOf": forms(&NPS_FORMS, &NPS_FORM_DOCS, &NPS_POINT, true) }),
    );
    def(
        "EmploymentData",
        "The shapes of employment data; each has its own view.",
        json!({ "anyOf": [
            described(reference("RateFigure"), "One rate, for the `kpi` view."),
            described(reference("Breakdown"), "Outcomes per cohort or period, for the `breakdown` view."),
            described(kind(Kind::List(&RATE_POINTS)), "Rates per period, for the `trend` view."),
        ] }),
    );
    def(
        "RateFigure",
        "A rate: `employed` of `total`, or a published `rate` in percent.",
        json!({ "anyOf": forms(&RATE_FORMS, &RATE_FORM_DOCS, &RATE_FIGURE, false) }),
    );
    def(
        "RatePoint",
        "One period of an employment trend.",
        json!({ "anyOf": forms(&RATE_FORMS, &RATE_FORM_DOCS, &RATE_POINT, true) }),
    );
    def(
        "Breakdown",
        "Named outcomes per cohort or period.",
        object(&[&BREAKDOWN], ""),
    );
    // The reader picks counts or percentages by the breakdown's unit; the schema
    // allows what either allows.
    let mut group = object(&[&GROUPS_BY_UNIT[0]], "");
    group["properties"]["values"]["items"] =
        json!({ "type": "number", "minimum": 0, "maximum": MAX_COUNT });
    def(
        "BreakdownGroup",
        "One cohort or period of a breakdown.",
        group,
    );
    def(
        "Item",
        "One labelled value of a generic chart.",
        object(&[&ITEM], ""),
    );
    def(
        "Slice",
        "One part of a donut: its value cannot be negative.",
        object(&[&SLICE], ""),
    );
    def(
        "KpiData",
        "The figure of a generic KPI.",
        object(&[&KPI], ""),
    );

    let roots: Vec<Value> = (0..ROOTS.len())
        .map(|k| {
            let mut root = object(&[ROOTS[k], &COMMON], CHART_DOCS[k]);
            root["properties"]["type"] =
                json!({ "type": "string", "enum": [CHART_TYPES.names[k]] });
            root
        })
        .collect();
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "statchart chart spec v1",
        "description": "A whole chart: what to draw plus the words around it.",
        "type": "object",
        "anyOf": roots,
        "definitions": defs,
    })
}

/// An object with exactly the fields of `parts`.
fn object(parts: &[&[Field]], doc: &str) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for field in parts.iter().flat_map(|p| p.iter()) {
        let mut schema = kind(field.kind);
        if field.required {
            required.push(field.key);
        } else {
            schema = nullable(schema);
        }
        properties.insert(field.key.into(), described(schema, field.doc));
    }
    let mut out = json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    });
    described(out.take(), doc)
}

/// The schema of one kind of value, with its limits.
fn kind(kind: Kind) -> Value {
    match kind {
        Kind::Text(max) => json!({ "type": "string", "maxLength": max, "pattern": PLAIN }),
        Kind::Label => json!({
            "type": "string", "minLength": 1, "maxLength": MAX_LABEL_CHARS, "pattern": NON_BLANK,
        }),
        Kind::Count => json!({ "type": "integer", "minimum": 0, "maximum": MAX_COUNT }),
        Kind::Respondents => json!({ "type": "integer", "minimum": 1, "maximum": MAX_COUNT }),
        Kind::Value => json!({ "type": "number", "minimum": -MAX_VALUE, "maximum": MAX_VALUE }),
        Kind::Amount => json!({ "type": "number", "minimum": 0, "maximum": MAX_VALUE }),
        Kind::Percent => json!({ "type": "number", "minimum": 0, "maximum": 100 }),
        Kind::Score => json!({ "type": "number", "minimum": -100, "maximum": 100 }),
        Kind::Zone => {
            json!({ "type": "number", "exclusiveMinimum": -100, "exclusiveMaximum": 100 })
        }
        Kind::Choice(names) => reference(names.def),
        Kind::List(list) => json!({
            "type": "array", "minItems": list.min, "maxItems": list.max, "items": self::kind(list.item),
        }),
        Kind::Nested(def) => reference(def),
    }
}

/// The reader takes `null` for an optional field as absent.
fn nullable(mut schema: Value) -> Value {
    match schema.get("type").cloned() {
        Some(Value::String(t)) => {
            schema["type"] = json!([t, "null"]);
            schema
        }
        _ => json!({ "anyOf": [schema, { "type": "null" }] }),
    }
}

fn reference(def: &str) -> Value {
    json!({ "$ref": format!("#/definitions/{def}") })
}

fn described(mut schema: Value, doc: &str) -> Value {
    if schema.get("$ref").is_some() && !doc.is_empty() {
        // draft-07 ignores the siblings of a $ref, so it is wrapped to carry a description.
        schema = json!({ "allOf": [schema] });
    }
    if !doc.is_empty() {
        schema["description"] = doc.into();
    }
    schema
}
