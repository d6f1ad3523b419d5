//! The committed JSON Schema must be the one generated from the Rust types.
//! After changing the types: `UPDATE_SCHEMA=1 cargo test --test schema`.

#![cfg(feature = "native")]

#[path = "support/examples.rs"]
mod support;
use support::examples;

const SCHEMA_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/spec.schema.json");

fn generated() -> String {
    serde_json::to_string_pretty(&statchart::schema::json_schema()).unwrap() + "\n"
}

#[test]
fn committed_schema_is_up_to_date() {
    let fresh = generated();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(SCHEMA_PATH, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(SCHEMA_PATH).unwrap_or_default();
    assert!(
        committed == fresh,
        "docs/spec.schema.json is out of date: run UPDATE_SCHEMA=1 cargo test --test schema"
    );
}

#[test]
fn schema_names_every_chart_type() {
    let fresh = generated();
    for kind in [
        "\"nps\"",
        "\"nps-trend\"",
        "\"employment\"",
        "\"bar\"",
        "\"line\"",
        "\"donut\"",
        "\"kpi\"",
    ] {
        assert!(fresh.contains(kind), "schema lacks type {kind}");
    }
}

/// The schema and the parser agree: every example passes both, and specs the parser rejects
/// for their shape (unknown field, wrong type, missing data) fail the schema too.
#[test]
fn examples_validate_against_the_schema() {
    let schema = statchart::schema::json_schema();
    let validator = jsonschema::draft7::new(&schema).expect("schema compiles");
    let mut seen = 0;
    for (name, text) in examples() {
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
        statchart::parse_spec(&text).unwrap();
        seen += 1;
    }
    assert!(seen >= 10, "only {seen} examples");
    for bad in [
        r#"{"type":"nps","data":{"nps":33},"colour":"red"}"#,
        r#"{"type":"nps","data":{"promoters":"many","passives":1,"detractors":1}}"#,
        r#"{"type":"pie","data":[]}"#,
        r#"{"type":"kpi"}"#,
        r#"{"type":"bar","data":[{"label":"a","value":1,"extra":true}]}"#,
    ] {
        let value: serde_json::Value = serde_json::from_str(bad).unwrap();
        assert!(!validator.is_valid(&value), "schema accepted {bad}");
        assert!(statchart::parse_spec(bad).is_err(), "parser accepted {bad}");
    }
}
