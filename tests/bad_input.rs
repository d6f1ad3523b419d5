//! Untrusted specs: each bad one gets one clear line naming the field, from
//! `statchart check` and `statchart render` alike, exit code 1, no panic, no hang.

#![cfg(feature = "native")]

use std::process::Output;
use std::time::{Duration, Instant};

#[path = "support/cli.rs"]
mod cli;

fn run(args: &[&str], stdin: &str) -> (Output, Duration) {
    let start = Instant::now();
    let out = cli::run_cli(args, stdin);
    (out, start.elapsed())
}

/// Asserts that `spec` fails both `check` and `render` with one line containing `expected`.
fn rejects(name: &str, spec: &str, expected: &str) {
    let tmp = std::env::temp_dir().join(format!("statchart-bad-{}-{name}.svg", std::process::id()));
    let out_path = tmp.to_str().unwrap();
    for args in [vec!["check", "-"], vec!["render", "-", "-o", out_path]] {
        let (out, took) = run(&args, spec);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{name} ({args:?}): status {:?}, stderr {stderr}",
            out.status
        );
        assert!(!stderr.contains("panicked"), "{name}: panic: {stderr}");
        assert_eq!(
            stderr.trim_end().lines().count(),
            1,
            "{name}: not one line: {stderr}"
        );
        assert!(
            stderr.contains(expected),
            "{name}: {stderr:?} lacks {expected:?}"
        );
        assert!(took < Duration::from_secs(5), "{name}: took {took:?}");
        assert!(!tmp.exists(), "{name}: wrote an output file for a bad spec");
    }
}

fn counts(p: &str, n: &str, d: &str) -> String {
    format!(r#"{{"type":"nps","data":{{"promoters":{p},"passives":{n},"detractors":{d}}}}}"#)
}

#[test]
fn malformed_json() {
    rejects("truncated", r#"{"type":"nps","#, "invalid JSON");
    rejects("empty", "", "invalid JSON");
    rejects(
        "trailing",
        r#"{"type":"kpi","data":{"value":1}} x"#,
        "invalid JSON: trailing characters",
    );
    rejects(
        "nan",
        r#"{"type":"nps","data":{"nps":NaN}}"#,
        "invalid JSON",
    );
    rejects(
        "infinity",
        r#"{"type":"nps","data":{"nps":Infinity}}"#,
        "invalid JSON",
    );
    rejects(
        "overflow",
        r#"{"type":"nps","data":{"nps":1e400}}"#,
        "invalid JSON",
    );
}

#[test]
fn wrong_shapes_and_types() {
    rejects("null root", "null", "expected an object, got null");
    rejects("array root", "[]", "expected an object, got a list");
    rejects(
        "no type",
        r#"{"data":{}}"#,
        "type: required field is missing",
    );
    rejects(
        "unknown type",
        r#"{"type":"pie","data":[]}"#,
        "type: unknown chart type \"pie\"",
    );
    rejects(
        "string count",
        &counts("\"5\"", "1", "1"),
        "data.promoters: expected a non-negative number, got \"5\"",
    );
    rejects(
        "bool count",
        &counts("true", "1", "1"),
        "data.promoters: expected a non-negative number, got true",
    );
    rejects(
        "unknown field",
        r#"{"type":"nps","data":{"nps":33},"colour":"red"}"#,
        "colour: unknown field",
    );
    rejects(
        "unknown data field",
        r#"{"type":"nps","data":{"nps":33,"n":5}}"#,
        "data.n: unknown field",
    );
    rejects(
        "bad locale",
        r#"{"type":"nps","data":{"nps":33},"locale":"fr-FR"}"#,
        "locale: expected one of en-US, id-ID, got \"fr-FR\"",
    );
    rejects(
        "view for data",
        r#"{"type":"nps","view":"breakdown","data":{"nps":33}}"#,
        "view: the breakdown view needs",
    );
    rejects(
        "employment view",
        r#"{"type":"employment","view":"trend","data":{"rate":24}}"#,
        "data: the trend view needs a list of periods",
    );
    rejects(
        "title number",
        r#"{"type":"kpi","data":{"value":1},"title":5}"#,
        "title: expected text, got 5",
    );
}

#[test]
fn numbers_out_of_range() {
    rejects(
        "negative",
        &counts("-3", "1", "1"),
        "data.promoters: expected a non-negative number, got -3",
    );
    rejects(
        "fraction",
        &counts("2.5", "1", "1"),
        "data.promoters: expected a whole number of respondents, got 2.5",
    );
    rejects(
        "huge count",
        &counts("1e300", "1", "1"),
        "data.promoters: 1e300 is too large; the limit is 1000000000",
    );
    rejects(
        "huge sum",
        &counts("900000000", "900000000", "1"),
        "data: 1800000001 respondents in all; the limit is 1000000000",
    );
    rejects(
        "nps 150",
        r#"{"type":"nps","data":{"nps":150}}"#,
        "data.nps: NPS runs from -100 to +100, got 150",
    );
    rejects(
        "rate 120",
        r#"{"type":"employment","data":{"rate":120}}"#,
        "data.rate: expected a percentage from 0 to 100, got 120",
    );
    rejects(
        "employed > total",
        r#"{"type":"employment","data":{"employed":5,"total":4}}"#,
        "data.employed: 5 employed is more than the total of 4",
    );
    rejects(
        "huge value",
        r#"{"type":"bar","data":[{"label":"a","value":1e20}]}"#,
        "data[0].value: 1e20 is too large; the limit is ±1000000000000000",
    );
    rejects(
        "negative donut",
        r#"{"type":"donut","data":[{"label":"a","value":-1}]}"#,
        "data[0].value: expected a non-negative number, got -1",
    );
    rejects(
        "zone",
        r#"{"type":"nps","data":{"nps":3},"zones":[0,120]}"#,
        "zones[1]: a zone boundary lies between -100 and +100",
    );
}

#[test]
fn shares_that_do_not_add_up() {
    rejects(
        "shares",
        r#"{"type":"nps","data":{"promoters_pct":50,"passives_pct":30,"detractors_pct":10}}"#,
        "data: promoters_pct + passives_pct + detractors_pct must add up to 100, got 90",
    );
    rejects(
        "breakdown percent",
        r#"{"type":"employment","data":{"categories":["a","b"],"unit":"percent","groups":[{"label":"x","values":[50,40]}]}}"#,
        "data.groups[0].values: percentages must add up to 100, got 90",
    );
}

#[test]
fn empty_data() {
    rejects(
        "zero respondents",
        &counts("0", "0", "0"),
        "data: no respondents: all counts are 0",
    );
    rejects(
        "empty object",
        r#"{"type":"nps","data":{}}"#,
        "data: expected NPS data",
    );
    rejects(
        "empty trend",
        r#"{"type":"nps-trend","data":[]}"#,
        "data: is empty: nothing to draw",
    );
    rejects(
        "empty bar",
        r#"{"type":"bar","data":[]}"#,
        "data: is empty: nothing to draw",
    );
    rejects(
        "zero donut",
        r#"{"type":"donut","data":[{"label":"a","value":0}]}"#,
        "data: all values are 0",
    );
    rejects(
        "short scores",
        r#"{"type":"nps","data":{"scores":[1,2,3]}}"#,
        "data.scores: expected 11 counts, for the answers 0 to 10",
    );
    rejects(
        "total zero",
        r#"{"type":"employment","data":{"employed":0,"total":0}}"#,
        "data.total: no respondents: total is 0",
    );
}

#[test]
fn absurd_sizes() {
    let points: Vec<String> = (0..100_000)
        .map(|i| format!(r#"{{"label":"p{i}","value":{i}}}"#))
        .collect();
    // 100 000 points are more bytes than any spec may have; 501 fit in bytes but not in points.
    rejects(
        "100000 points",
        &format!(r#"{{"type":"line","data":[{}]}}"#, points.join(",")),
        "spec is larger than the limit of 1000000 bytes",
    );
    let points: Vec<String> = (0..501)
        .map(|i| format!(r#"{{"period":"p{i}","nps":{}}}"#, i % 100))
        .collect();
    rejects(
        "501 points",
        &format!(r#"{{"type":"nps-trend","data":[{}]}}"#, points.join(",")),
        "data: has 501 items; the limit is 500",
    );
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    rejects("deep root", &deep, "invalid JSON: recursion limit exceeded");
    let deep_field = format!(
        r#"{{"type":"nps","data":{{"nps":{}}}}}"#,
        "[".repeat(10_000) + &"]".repeat(10_000)
    );
    rejects(
        "deep field",
        &deep_field,
        "invalid JSON: recursion limit exceeded",
    );
    let big = format!(
        r#"{{"type":"kpi","data":{{"value":1}},"note":"{}"}}"#,
        "a".repeat(2_000_000)
    );
    rejects(
        "2 MB",
        &big,
        "spec is larger than the limit of 1000000 bytes",
    );
}

#[test]
fn hostile_text() {
    rejects(
        "control",
        "{\"type\":\"kpi\",\"data\":{\"value\":1},\"title\":\"a\\u0007b\"}",
        "title: text holds the control character U+0007",
    );
    rejects(
        "newline",
        "{\"type\":\"kpi\",\"data\":{\"value\":1},\"title\":\"a\\nb\"}",
        "title: text holds the control character U+000A",
    );
    let long_label = format!(
        r#"{{"type":"bar","data":[{{"label":"{}","value":1}}]}}"#,
        "x".repeat(10_000)
    );
    rejects(
        "long label",
        &long_label,
        "data[0].label: text is 10000 characters long; the limit is 80",
    );
    let long_title = format!(
        r#"{{"type":"kpi","data":{{"value":1}},"title":"{}"}}"#,
        "y".repeat(5_000)
    );
    rejects(
        "long title",
        &long_title,
        "title: text is 5000 characters long; the limit is 300",
    );
    rejects(
        "blank label",
        r#"{"type":"bar","data":[{"label":"  ","value":1}]}"#,
        "data[0].label: expected a non-empty label",
    );
}

#[test]
fn html_in_a_title_is_drawn_as_text() {
    let spec =
        r#"{"type":"kpi","data":{"value":1},"title":"<img src=x onerror=alert(1)> & <script>"}"#;
    let (out, _) = run(&["check", "-"], spec);
    assert!(out.status.success());
    let path = std::env::temp_dir().join(format!("statchart-html-{}.svg", std::process::id()));
    let (out, _) = run(&["render", "-", "-o", path.to_str().unwrap()], spec);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let svg = std::fs::read_to_string(&path).unwrap();
    std::fs::remove_file(&path).ok();
    assert!(
        !svg.contains("<img") && !svg.contains("<script"),
        "markup leaked into the SVG"
    );
    assert!(svg.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &lt;script&gt;"));
}

#[test]
fn bad_render_options() {
    let good = r#"{"type":"kpi","data":{"value":1}}"#;
    let path = std::env::temp_dir().join(format!("statchart-opt-{}.png", std::process::id()));
    let p = path.to_str().unwrap();
    for (args, expected) in [
        (
            vec!["render", "-", "-o", p, "--width", "100000"],
            "width: expected 200 to 4096 pixels, got 100000",
        ),
        (
            vec!["render", "-", "-o", p, "--height", "10"],
            "height: expected 200 to 4096 pixels, got 10",
        ),
        (
            vec!["render", "-", "-o", p, "--scale", "0"],
            "scale: expected more than 0 and at most 4, got 0",
        ),
        (
            vec!["render", "-", "-o", p, "--scale", "NaN"],
            "scale: expected more than 0 and at most 4, got NaN",
        ),
        (
            vec!["render", "-", "-o", "/tmp/statchart-x.gif"],
            "the output must end in .svg or .png",
        ),
    ] {
        let (out, _) = run(&args, good);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{stderr:?} lacks {expected:?}");
        assert_eq!(stderr.trim_end().lines().count(), 1);
    }
    let (out, _) = run(&["check", "/nonexistent/spec.json"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("/nonexistent/spec.json: "));
}
