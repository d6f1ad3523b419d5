//! The `statchart` command: check, stats and render, from files and standard input.

#![cfg(feature = "native")]

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_statchart");
const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");

fn stats(json: &str) -> Value {
    let mut child = Command::new(BIN)
        .args(["stats", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(json.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap()
}

#[test]
fn stats_for_nps_counts_are_unrounded() {
    let s = stats(r#"{"type":"nps","data":{"promoters":500,"passives":330,"detractors":170}}"#);
    assert_eq!(num(&s["nps"]), 33.0);
    assert_eq!(num(&s["n"]), 1000.0);
    assert_eq!(num(&s["promoters_pct"]), 50.0);
    assert_eq!(num(&s["passives_pct"]), 33.0);
    assert_eq!(num(&s["detractors_pct"]), 17.0);
    assert_eq!(num(&s["moe95"]), 4.642674384760872);
    assert_eq!(num(&s["ci95"][0]), 28.26498356708234);
    assert_eq!(num(&s["ci95"][1]), 37.53760865624767);
}

#[test]
fn stats_for_a_published_score_have_no_interval() {
    let s = stats(r#"{"type":"nps","data":{"nps":33}}"#);
    assert_eq!(num(&s["nps"]), 33.0);
    assert!(s["moe95"].is_null() && s["ci95"].is_null() && s["n"].is_null());
}

#[test]
fn stats_for_a_trend_list_points_and_changes() {
    let s = stats(
        r#"{"type":"nps-trend","data":[
        {"period":"Q1","promoters":180,"passives":120,"detractors":100},
        {"period":"Q3","promoters":260,"passives":100,"detractors":60}]}"#,
    );
    assert_eq!(s["points"].as_array().unwrap().len(), 2);
    assert_eq!(s["points"][0]["period"], "Q1");
    assert_eq!(num(&s["points"][0]["nps"]), 20.0);
    let c = &s["changes"][0];
    assert_eq!(num(&c["change"]), 47.61904761904762 - 20.0);
    assert_eq!(num(&c["z"]), 5.107496748307771);
    assert_eq!(c["significant"], true);
}

#[test]
fn stats_for_an_employment_rate() {
    let s = stats(r#"{"type":"employment","data":{"employed":24,"total":100}}"#);
    assert_eq!(num(&s["rate"]), 24.0);
    assert_eq!(num(&s["n"]), 100.0);
    assert_eq!(num(&s["ci95"][0]), 16.691325556948772);
    let s = stats(r#"{"type":"employment","data":{"rate":24}}"#);
    assert!(s["ci95"].is_null());
}

#[test]
fn check_and_render_files() {
    let spec = format!("{EXAMPLES}/prakerja-nps-gauge.json");
    let out = Command::new(BIN).args(["check", &spec]).output().unwrap();
    assert!(out.status.success() && out.stderr.is_empty());
    let dir = std::env::temp_dir().join(format!("statchart-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (file, args) in [
        ("a.svg", vec![]),
        ("a.png", vec!["--width", "360", "--scale", "2"]),
    ] {
        let path = dir.join(file);
        let mut cmd = Command::new(BIN);
        cmd.args(["render", &spec, "-o", path.to_str().unwrap()])
            .args(&args);
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let bytes = std::fs::read(&path).unwrap();
        if file.ends_with(".png") {
            assert_eq!(u32::from_be_bytes(bytes[16..20].try_into().unwrap()), 720);
        } else {
            let svg = String::from_utf8(bytes).unwrap();
            assert!(svg.contains(r#"width="640""#), "default width 640");
            assert!(svg.contains("Net Promoter Score pelatihan Kartu Prakerja"));
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

fn example_stats(name: &str) -> Value {
    stats(&std::fs::read_to_string(format!("{EXAMPLES}/{name}.json")).unwrap())
}

fn pair(v: &Value) -> [f64; 2] {
    [num(&v[0]), num(&v[1])]
}

#[test]
fn stats_give_the_interval_of_each_nps_change() {
    // Q1 → Q2 of the example: Δ = 29.268293 − 20 = 9.268293, V = 16.5 and 15.757171,
    // √32.257171 = 5.679540, ∓ 11.131693 → [−1.863401, +20.399986].
    let s = example_stats("illustrative-nps-trend");
    let c = &s["changes"][0];
    let [lo, hi] = pair(&c["ci95"]);
    assert!((lo - -1.863400586494949).abs() < 1e-9 && (hi - 20.399985952348608).abs() < 1e-9);
    // Published scores: no interval.
    let s = example_stats("prakerja-nps-trend");
    assert!(s["changes"][0]["ci95"].is_null() && s["changes"][0]["z"].is_null());
}

#[test]
fn stats_give_each_change_of_an_employment_trend() {
    // 88/400 → 101/410: δ = 2.634146 points; p̄ = 189/810 = .2333333,
    // SE = √(.2333333·.7666667·(1/400 + 1/410)) = .0297243, z = .0263415/.0297243 = .886192;
    // Wilson [.1821739, .2631530] and [.2071160, .2902760]; Newcombe
    // lower = .0263415 − √((.2463415 − .2071160)² + (.2631530 − .22)²) = −.0319751,
    // upper = .0263415 + √((.2902760 − .2463415)² + (.22 − .1821739)²) = .0843161.
    let s = example_stats("illustrative-employment-trend");
    let changes = s["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 3);
    let c = &changes[0];
    assert_eq!(
        (c["from"].as_str(), c["to"].as_str()),
        (Some("2020"), Some("2021"))
    );
    assert!((num(&c["change"]) - 2.6341463414634143).abs() < 1e-9);
    assert!((num(&c["z"]) - 0.8861916018666087).abs() < 1e-9);
    assert_eq!(c["significant"], false);
    let [lo, hi] = pair(&c["ci95"]);
    assert!((lo - -3.1975051651343436).abs() < 1e-9 && (hi - 8.431612888639552).abs() < 1e-9);
    // A published rate on one side: no test, no interval, said as null.
    let s = stats(
        r#"{"type":"employment","view":"trend","data":[{"period":"a","rate":20},{"period":"b","employed":1,"total":4}]}"#,
    );
    let c = &s["changes"][0];
    assert_eq!(num(&c["change"]), 5.0);
    assert!(c["z"].is_null() && c["significant"].is_null() && c["ci95"].is_null());
}

#[test]
fn stats_give_each_breakdown_share_its_interval() {
    // Cohort 1, Employed: 120 of 400 = 30%; Wilson: centre = (.3 + .0048018)/1.0096037
    // = .3019025, half = 1.941320·√(.000525 + .0000060) = .0447348 → [25.716767, 34.663725].
    let s = example_stats("illustrative-employment-breakdown");
    let g = &s["groups"][0];
    assert_eq!(num(&g["n"]), 400.0);
    let ci = g["ci95_pct"].as_array().unwrap();
    assert_eq!(ci.len(), 4);
    let [lo, hi] = pair(&ci[0]);
    assert!((lo - 25.716767195619706).abs() < 1e-9 && (hi - 34.663724577752156).abs() < 1e-9);
    let s = example_stats("illustrative-employment-breakdown-grouped");
    assert!(s["groups"][0]["ci95_pct"].is_null());
}
