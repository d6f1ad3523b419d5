//! The committed JSON Schema must be the one generated from the reader's field tables.
//! After changing the tables: `UPDATE_SCHEMA=1 cargo test --test schema`.

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

fn validator() -> jsonschema::Validator {
    jsonschema::draft7::new(&statchart::schema::json_schema()).expect("schema compiles")
}

fn schema_accepts(validator: &jsonschema::Validator, spec: &str) -> bool {
    validator.is_valid(&serde_json::from_str(spec).unwrap())
}

fn list(n: usize, item: impl Fn(usize) -> String) -> String {
    (0..n).map(item).collect::<Vec<_>>().join(",")
}

/// The limits come from the reader's own tables: a sample of them, one past each
/// limit, fails both the reader and the schema, and the limit itself passes both.
#[test]
fn schema_rejects_what_the_reader_rejects_for_its_limits() {
    let v = validator();
    let bars = |n| {
        format!(
            r#"{{"type":"bar","data":[{}]}}"#,
            list(n, |i| format!(r#"{{"label":"b{i}","value":{i}}}"#))
        )
    };
    let slices = |n| {
        format!(
            r#"{{"type":"donut","data":[{}]}}"#,
            list(n, |i| format!(r#"{{"label":"s{i}","value":{}}}"#, i + 1))
        )
    };
    let kpi = |extra: &str| format!(r#"{{"type":"kpi","data":{{"value":1}}{extra}}}"#);
    let title = |n| kpi(&format!(r#","title":"{}""#, "t".repeat(n)));
    let label = |n| {
        format!(
            r#"{{"type":"bar","data":[{{"label":"{}","value":1}}]}}"#,
            "é".repeat(n)
        )
    };
    let unit = |n| {
        format!(
            r#"{{"type":"line","unit":"{}","data":[{{"label":"a","value":1}}]}}"#,
            "u".repeat(n)
        )
    };
    let rate = |r: &str| format!(r#"{{"type":"employment","data":{{"rate":{r}}}}}"#);
    let zones = |z: &str| format!(r#"{{"type":"nps","data":{{"nps":3}},"zones":[{z}]}}"#);
    let scores = |n| {
        format!(
            r#"{{"type":"nps","data":{{"scores":[{}]}}}}"#,
            list(n, |_| "1".into())
        )
    };
    let breakdown = |n, values: &str| {
        format!(
            r#"{{"type":"employment","data":{{"categories":[{}],"groups":[{{"label":"g","values":[{values}]}}]}}}}"#,
            list(n, |i| format!(r#""c{i}""#))
        )
    };
    let counts = |p: &str| {
        format!(r#"{{"type":"nps","data":{{"promoters":{p},"passives":1,"detractors":1}}}}"#)
    };
    let rejected = [
        ("percent 101", rate("101")),
        ("percent -1", rate("-1")),
        ("share 101", r#"{"type":"nps","data":{"promoters_pct":101,"passives_pct":0,"detractors_pct":0}}"#.to_string()),
        ("61 bars", bars(61)),
        ("13 slices", slices(13)),
        ("no bars", bars(0)),
        ("301-character title", title(301)),
        ("81-character label", label(81)),
        ("13-character unit", unit(13)),
        ("control character", kpi(r#","title":"a\u0007b""#)),
        ("blank label", r#"{"type":"bar","data":[{"label":"  ","value":1}]}"#.to_string()),
        ("fractional count", counts("2.5")),
        ("negative count", counts("-3")),
        ("count over 10^9", counts("1000000001")),
        ("negative slice", r#"{"type":"donut","data":[{"label":"a","value":-1}]}"#.to_string()),
        ("nps 150", r#"{"type":"nps","data":{"nps":150}}"#.to_string()),
        ("zone 100", zones("0, 100")),
        ("7 zones", zones("1,2,3,4,5,6,7")),
        ("10 scores", scores(10)),
        ("0 respondents", r#"{"type":"nps","data":{"promoters_pct":50,"passives_pct":30,"detractors_pct":20,"respondents":0}}"#.to_string()),
        ("kpi 1e16", r#"{"type":"kpi","data":{"value":1e16}}"#.to_string()),
        ("9 categories", breakdown(9, "1,1,1,1,1,1,1,1,1")),
        ("unknown locale", kpi(r#","locale":"fr-FR""#)),
    ];
    for (name, spec) in &rejected {
        assert!(
            statchart::parse_spec(spec).is_err(),
            "{name}: the reader accepted it"
        );
        assert!(!schema_accepts(&v, spec), "{name}: the schema accepted it");
    }
    let accepted = [
        ("percent 100", rate("100")),
        ("60 bars", bars(60)),
        ("12 slices", slices(12)),
        ("300-character title", title(300)),
        ("80-character label", label(80)),
        ("12-character unit", unit(12)),
        ("count 10^9", counts("999999998")),
        ("6 zones", zones("-99.5,1,2,3,4,99.5")),
        ("11 scores", scores(11)),
        ("8 categories", breakdown(8, "1,1,1,1,1,1,1,1")),
        (
            "null for an optional field",
            kpi(r#","title":null,"locale":null"#),
        ),
    ];
    for (name, spec) in &accepted {
        statchart::parse_spec(spec)
            .unwrap_or_else(|e| panic!("{name}: the reader rejected it: {e}"));
        assert!(schema_accepts(&v, spec), "{name}: the schema rejected it");
    }
}

/// Each enum's names live in one table; every name the reader accepts passes the
/// schema in a spec that uses it, and the schema's enums hold nothing else.
#[test]
fn every_enum_name_the_reader_accepts_is_in_the_schema() {
    use statchart::spec::fields::ALL_NAMES;
    let v = validator();
    let schema = statchart::schema::json_schema();
    let mut seen = 0;
    for names in ALL_NAMES {
        for name in names.names {
            let spec = match names.def {
                "ChartType" => match *name {
                    "nps" => r#"{"type":"nps","data":{"nps":12}}"#.to_string(),
                    "nps-trend" => {
                        r#"{"type":"nps-trend","data":[{"period":"a","nps":12}]}"#.into()
                    }
                    "employment" => r#"{"type":"employment","data":{"rate":12}}"#.into(),
                    "kpi" => r#"{"type":"kpi","data":{"value":12}}"#.into(),
                    other => format!(r#"{{"type":"{other}","data":[{{"label":"a","value":1}}]}}"#),
                },
                "NpsView" => format!(
                    r#"{{"type":"nps","view":"{name}","data":{{"scores":[1,2,3,4,5,6,7,8,9,10,11]}}}}"#
                ),
                "EmploymentView" => {
                    let data = match *name {
                        "kpi" => r#"{"employed":3,"total":4}"#,
                        "breakdown" => {
                            r#"{"categories":["a"],"groups":[{"label":"g","values":[100]}]}"#
                        }
                        _ => r#"[{"period":"p","rate":12}]"#,
                    };
                    format!(r#"{{"type":"employment","view":"{name}","data":{data}}}"#)
                }
                "Locale" | "ThemeName" => {
                    let key = if names.def == "Locale" {
                        "locale"
                    } else {
                        "theme"
                    };
                    format!(r#"{{"type":"kpi","data":{{"value":1}},"{key}":"{name}"}}"#)
                }
                "BreakdownUnit" | "BreakdownMode" => {
                    let key = if names.def == "BreakdownUnit" {
                        "unit"
                    } else {
                        "mode"
                    };
                    format!(
                        r#"{{"type":"employment","data":{{"categories":["a","b"],"{key}":"{name}","groups":[{{"label":"g","values":[50,50]}}]}}}}"#
                    )
                }
                other => panic!("no sample spec for the enum {other}: add one here"),
            };
            statchart::parse_spec(&spec).unwrap_or_else(|e| panic!("{spec}: {e}"));
            assert!(schema_accepts(&v, &spec), "the schema rejects {spec}");
            seen += 1;
        }
        if names.def != "ChartType" {
            assert_eq!(
                schema["definitions"][names.def]["enum"],
                serde_json::json!(names.names),
                "{}",
                names.def
            );
        }
    }
    assert!(seen >= 20, "only {seen} names");
}

/// TypeScript has no types for lengths and ranges: the generated declarations
/// carry them as doc tags (`npm run types` writes them, CI checks they are current).
#[test]
fn typescript_types_carry_the_limits() {
    let ts =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/types/spec.d.ts")).unwrap();
    for tag in [
        "@maxLength 300",
        "@maxLength 80",
        "@maxLength 12",
        "@minimum 0\n",
        "@maximum 100\n",
        "@minimum -100\n",
        "@maximum 1000000000\n",
        "@maxItems 60\n",
        "@maxItems 12\n",
        "@maxItems 500\n",
        "@maxItems 40\n",
        "@maxItems 8\n",
    ] {
        assert!(ts.contains(tag), "types/spec.d.ts lacks {tag:?}");
    }
    // The 11 NPS scores stay a tuple; the slice type exists for donuts.
    assert!(ts.contains("scores: [number, number, number, number, number, number, number, number, number, number, number]"));
    assert!(ts.contains("export interface Slice"));
}
