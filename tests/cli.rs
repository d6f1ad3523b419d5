//! The `statchart` command: check, stats and render, from files and standard input.

#![cfg(feature = "native")]

use serde_json::Value;
use std::process::Command;

#[path = "support/cli.rs"]
mod cli;
use cli::{run_cli, BIN};
const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");

fn stats(json: &str) -> Value {
    let out = run_cli(&["stats", "-"], json);
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

/// Runs the CLI with `args` and `stdin`; returns (success, stdout, stderr).
fn run(args: &[&str], stdin: &str) -> (bool, String, String) {
    let out = run_cli(args, stdin);
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn embed_prints_the_element_with_its_spec_a_static_chart_and_its_table() {
    let spec = format!("{EXAMPLES}/prakerja-nps-gauge-en.json");
    let (ok, html, err) = run(&["embed", &spec], "");
    assert!(ok, "{err}");
    assert!(html.starts_with("<stat-chart>\n<script type=\"application/json\">"));
    assert!(html.trim_end().ends_with("</stat-chart>"));
    // The inline spec is the file's JSON.
    let inline = between(&html, "<script type=\"application/json\">", "</script>");
    let file: Value = serde_json::from_str(&std::fs::read_to_string(&spec).unwrap()).unwrap();
    assert_eq!(serde_json::from_str::<Value>(inline).unwrap(), file);
    // A responsive SVG of the chart, with the title and the score as text.
    let svg = between(&html, "<svg", "</svg>");
    assert!(svg.contains(r#"class="statchart-static" width="100%" height=""#));
    assert!(svg.contains(r#"preserveAspectRatio="xMinYMin meet""#));
    assert!(svg.contains(">Kartu Prakerja training: Net Promoter Score</text>"));
    assert!(svg.contains(">33</text>"));
    // The summary and the data table as HTML.
    let details = between(&html, "<details class=\"statchart-data\">", "</details>");
    assert!(details.contains("<summary>Data table</summary>"));
    assert!(
        details.contains("<p>Kartu Prakerja training: Net Promoter Score. Net Promoter Score 33")
    );
    assert!(details.contains("<caption>Kartu Prakerja training: Net Promoter Score</caption>"));
    assert!(details.contains(r#"<th scope="row">NPS</th><td>33"#));
    assert!(
        !html.contains("statchart-print"),
        "a light chart needs no print copy"
    );
}

#[test]
fn embed_keeps_text_that_looks_like_html_as_text() {
    let hostile = r#"</script><img src=x onerror=alert(1)><!-- & "quotes""#;
    let spec = serde_json::json!({
        "type": "bar", "title": hostile, "subtitle": "<b>bold?</b>",
        "data": [{"label": "<i>a</i>", "value": 3}, {"label": "b & c", "value": 5}]
    })
    .to_string();
    let (ok, html, err) = run(&["embed", "-"], &spec);
    assert!(ok, "{err}");
    // One script element, which the title cannot close, and no markup from the spec.
    assert_eq!(html.matches("<script").count(), 1);
    assert_eq!(html.matches("</script>").count(), 1);
    for markup in ["<img", "<b>", "<i>", "<!--"] {
        assert!(!html.contains(markup), "{markup} got through: {html}");
    }
    let inline: Value = serde_json::from_str(between(
        &html,
        "<script type=\"application/json\">",
        "</script>",
    ))
    .unwrap();
    assert_eq!(inline["title"], hostile);
    let escaped =
        "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&lt;!-- &amp; &quot;quotes&quot;";
    assert!(html.contains(&format!("<caption>{escaped}</caption>")));
    // The chart wraps the long title, escaped the same way.
    assert!(html.contains(">&lt;/script&gt;&lt;img src=x"), "{html}");
    assert!(html.contains("<th scope=\"row\">&lt;i&gt;a&lt;/i&gt;</th>"));
    assert!(html.contains("<th scope=\"row\">b &amp; c</th>"));
}

#[test]
fn embed_with_src_refresh_and_image() {
    let spec = format!("{EXAMPLES}/prakerja-employment-kpi-en.json");
    let (ok, html, err) = run(
        &[
            "embed",
            &spec,
            "--src",
            "/feeds/kpi.json?a=1&b=\"2\"",
            "--refresh",
            "60",
            "--image",
            "--width",
            "400",
            "--scale",
            "2",
        ],
        "",
    );
    assert!(ok, "{err}");
    assert!(html.starts_with(
        "<stat-chart src=\"/feeds/kpi.json?a=1&amp;b=&quot;2&quot;\" refresh=\"60\">\n"
    ));
    // The live figures come from src; the inline spec says which ones the static chart shows.
    let inline = between(&html, "<script type=\"application/json\">", "</script>");
    assert_eq!(
        serde_json::from_str::<Value>(inline).unwrap()["data"]["rate"],
        24
    );
    assert!(!html.contains("<svg"));
    let img = between(
        &html,
        "<img class=\"statchart-static\" src=\"data:image/png;base64,",
        "\"",
    );
    let png = base64_decode(img);
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!(width, 800, "400 CSS pixels at scale 2");
    assert!(html.contains(&format!("width=\"400\" height=\"{}\"", height / 2)));
    assert!(
        html.contains("alt=\"Employed or running a business a month after the incentive. 24% of")
    );
}

#[test]
fn embed_of_a_dark_chart_carries_a_light_copy_for_print() {
    let spec = format!("{EXAMPLES}/illustrative-kpi-dark.json");
    let (ok, html, err) = run(&["embed", &spec], "");
    assert!(ok, "{err}");
    let screen = between(&html, "<svg", "</svg>");
    let print = between(&html, "class=\"statchart-print\"", "</svg>");
    assert!(html.contains(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"statchart-print\" display=\"none\" width=\"100%\""
    ));
    let background = |svg: &str| between(svg, "<rect", "/>").to_string();
    assert_ne!(background(screen), background(print));
    assert!(
        background(print).contains("#ffffff"),
        "{}",
        background(print)
    );
    // Each copy has its own title id, so that each names its own image.
    let ids: Vec<&str> = html
        .match_indices("<title id=\"")
        .map(|(i, m)| between(&html[i..], m, "\""))
        .collect();
    assert_eq!(ids.len(), 2);
    assert_ne!(ids[0], ids[1]);
}

#[test]
fn embed_refuses_bad_specs_and_options_in_one_line() {
    let (ok, out, err) = run(
        &["embed", "-"],
        r#"{"type":"nps","data":{"promoters":-3,"passives":1,"detractors":1}}"#,
    );
    assert!(!ok && out.is_empty());
    assert_eq!(
        err.trim(),
        "data.promoters: expected a non-negative number, got -3"
    );
    let spec = r#"{"type":"nps","data":{"nps":33}}"#;
    let (ok, _, err) = run(&["embed", "-", "--width", "50"], spec);
    assert!(!ok);
    assert_eq!(err.trim(), "width: expected 200 to 4096 pixels, got 50");
    let (ok, _, err) = run(&["embed", "-", "--refresh", "60"], spec);
    assert!(!ok && err.contains("--src"), "{err}");
}

#[test]
fn render_preset_social_writes_a_1200_by_630_png() {
    let dir = std::env::temp_dir().join(format!("statchart-social-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("card.png");
    let spec = format!("{EXAMPLES}/prakerja-nps-gauge-en.json");
    let (ok, _, err) = run(
        &[
            "render",
            &spec,
            "--preset",
            "social",
            "-o",
            path.to_str().unwrap(),
        ],
        "",
    );
    assert!(ok, "{err}");
    let card = tiny_skia::Pixmap::load_png(&path).unwrap();
    assert_eq!((card.width(), card.height()), (1200, 630));
    // Ink (dark pixels) where the title is, top left; none in the margin above it.
    let dark = |x0: u32, y0: u32, x1: u32, y1: u32| {
        let mut n = 0;
        for y in y0..y1 {
            for x in x0..x1 {
                let p = card.pixel(x, y).unwrap();
                n += usize::from(p.red() < 96 && p.green() < 96 && p.blue() < 96);
            }
        }
        n
    };
    assert!(dark(40, 40, 1100, 100) > 2000, "the title has ink");
    assert_eq!(dark(0, 0, 1200, 30), 0, "the margin is blank");
    assert!(dark(400, 150, 800, 450) > 2000, "the chart has ink");
    // The source line sits at the bottom.
    assert!(dark(40, 520, 1100, 600) > 500, "the source has ink");
    // Only PNG, and no size of its own.
    let (ok, _, err) = run(&["render", &spec, "--preset", "social", "-o", "x.svg"], "");
    assert!(!ok && err.contains("--preset social writes PNG"), "{err}");
    let (ok, _, err) = run(
        &[
            "render", &spec, "--preset", "social", "--width", "300", "-o", "x.png",
        ],
        "",
    );
    assert!(!ok && err.contains("cannot be used with"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

/// The text between the first `start` and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("no {start} in {text}"))
        + start.len();
    let to = text[from..]
        .find(end)
        .unwrap_or_else(|| panic!("no {end} after {start}"));
    &text[from..from + to]
}

fn base64_decode(text: &str) -> Vec<u8> {
    const ABC: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut count = 0;
    let mut out = Vec::new();
    for c in text.trim_end_matches('=').chars() {
        bits = bits << 6 | ABC.find(c).unwrap() as u32;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
        }
    }
    out
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
