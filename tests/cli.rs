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
