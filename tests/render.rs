//! Rendering: every example draws to SVG and PNG at phone and desktop widths;
//! the SVG says what the chart says; pixels land where the chart puts them.

#![cfg(feature = "native")]

use statchart::native::{output_size, render_png, render_svg, BundledFont, RasterBackend};
use statchart::render::{draw, layout, natural_height, Align, Item, Measure, Size};
use statchart::spec::ThemeName;
use statchart::theme::{Rgba, Theme};
use statchart::{parse_spec, Spec};

#[path = "support/examples.rs"]
mod support;
use support::examples;

fn example(name: &str) -> Spec {
    let path = format!("{}/examples/{name}.json", env!("CARGO_MANIFEST_DIR"));
    parse_spec(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn svg_of(json: &str, width: f64) -> String {
    let spec = parse_spec(json).unwrap();
    let size = output_size(&spec, Some(width), None, 1.0).unwrap();
    render_svg(&spec, size).unwrap()
}

/// Text content of every `<text>` element, unescaped enough for assertions.
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| t.split_once('>').map(|(_, rest)| rest))
        .filter_map(|t| {
            t.split_once("</text>")
                .map(|(inner, _)| inner.trim().replace("&amp;", "&"))
        })
        .collect()
}

#[test]
fn every_example_renders_at_phone_and_desktop_sizes() {
    let mut count = 0;
    for (name, json) in examples() {
        let spec = parse_spec(&json).unwrap();
        for width in [360.0, 1200.0] {
            let size = output_size(&spec, Some(width), None, 1.0).unwrap();
            let svg = render_svg(&spec, size).unwrap();
            assert!(svg.starts_with("<svg"), "{name}");
            assert!(
                svg.contains(r#"role="img""#) && svg.contains("<title id=\"statchart-title\">")
            );
            assert!(svg.trim_end().ends_with("</svg>"));
            if let Some(title) = &spec.title {
                // The title is drawn, wrapped into lines, word for word.
                let drawn = texts(&svg).join(" ");
                for word in title.split_whitespace().take(3) {
                    assert!(drawn.contains(word), "{name}: title word {word} missing");
                }
            }
            for scale in [1.0, 2.0] {
                let size = output_size(&spec, Some(width), None, scale).unwrap();
                let png = render_png(&spec, size).unwrap();
                assert_eq!(&png[1..4], b"PNG");
                // Width and height from the IHDR chunk: CSS size × scale.
                let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
                assert_eq!(w as f64, width * scale);
            }
        }
        count += 1;
    }
    assert!(count >= 15, "only {count} examples");
}

#[test]
fn gauge_shows_score_scale_and_margin() {
    let svg = svg_of(
        r#"{"type":"nps","data":{"promoters":500,"passives":330,"detractors":170}}"#,
        640.0,
    );
    let t = texts(&svg);
    for expected in [
        "33",
        "\u{2212}100",
        "+100",
        "0",
        "\u{2212}50",
        "+50",
        "± 4.6 (95%, n = 1,000)",
    ] {
        assert!(
            t.iter().any(|x| x == expected),
            "{expected} missing from {t:?}"
        );
    }
    // The NPS scale runs from −100 to +100, never "10 to 100" or a percentage.
    assert!(!t.iter().any(|x| x == "33%" || x == "10"));
}

#[test]
fn published_score_says_it_has_no_margin() {
    let svg = svg_of(
        r#"{"type":"nps","data":{"nps":33},"locale":"id-ID"}"#,
        640.0,
    );
    let t = texts(&svg);
    assert!(
        t.iter().any(|x| x == "angka terbitan; tanpa margin galat"),
        "{t:?}"
    );
    assert!(!svg.contains('±'));
}

#[test]
fn numbers_follow_the_locale() {
    let json = |locale: &str| {
        format!(
            r#"{{"type":"nps","view":"breakdown","locale":"{locale}","data":{{"promoters":500,"passives":330,"detractors":170}}}}"#
        )
    };
    let en = texts(&svg_of(&json("en-US"), 640.0));
    let id = texts(&svg_of(&json("id-ID"), 640.0));
    assert!(
        en.iter()
            .any(|x| x.starts_with("± 4.6 · 95% interval 28.3 to 37.5")),
        "{en:?}"
    );
    assert!(
        id.iter()
            .any(|x| x.starts_with("± 4,6 · interval 95% 28,3 sampai 37,5")),
        "{id:?}"
    );
    for word in [
        "Detractors",
        "Passives",
        "Promoters",
        "17%",
        "33%",
        "50%",
        "NPS 33",
    ] {
        assert!(en.iter().any(|x| x == word), "{word} missing from {en:?}");
    }
    for word in ["Detraktor", "Pasif", "Promotor"] {
        assert!(id.iter().any(|x| x == word), "{word} missing from {id:?}");
    }
}

#[test]
fn distribution_labels_all_eleven_answers_and_the_groups() {
    let svg = svg_of(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/illustrative-nps-distribution.json"
        ))
        .unwrap(),
        640.0,
    );
    let t = texts(&svg);
    for answer in 0..=10 {
        assert!(
            t.iter().any(|x| *x == answer.to_string()),
            "answer {answer} missing"
        );
    }
    // Each group's name and share under its bracket.
    let at = |word: &str| {
        t.iter()
            .position(|x| x == word)
            .unwrap_or_else(|| panic!("{word} missing"))
    };
    assert_eq!(t[at("Detractors") + 1], "17%");
    assert_eq!(t[at("Passives") + 1], "32%");
    assert_eq!(t[at("Promoters") + 1], "51%");
    assert!(
        t.iter()
            .any(|x| x.starts_with("NPS 33.6 ± 5.6 (95%, n = 700)")),
        "{t:?}"
    );
}

#[test]
fn trend_footnote_says_whether_the_change_is_significant() {
    let svg = render_svg(
        &example("illustrative-nps-trend"),
        output_size(&example("illustrative-nps-trend"), None, None, 1.0).unwrap(),
    )
    .unwrap();
    let t = texts(&svg);
    // The footnote wraps; its lines read as one. The change's interval (hand-worked in
    // tests/stats.rs style): −5.758583 ± 1.959964·√(12.741605 + 13.231539) = −5.758583 ± 9.988732 = [−15.7, +4.2].
    let joined = t.join(" ");
    assert!(
        joined.contains(
            "Change Q3 2023 → Q4 2023: \u{2212}5.8 (95% interval \u{2212}15.7 to +4.2), \
             not significant (z = \u{2212}1.1)"
        ),
        "{t:?}"
    );
    // Q2 → Q3 is significant (z ≈ 2.9) and gets a marker with its change in bold.
    assert!(t.iter().any(|x| x == "+18"));
    let published = example("prakerja-nps-trend");
    let svg = render_svg(
        &published,
        output_size(&published, None, None, 1.0).unwrap(),
    )
    .unwrap();
    assert!(texts(&svg).iter().any(|x| x.contains("tanpa uji")));
}

#[test]
fn svg_title_carries_the_summary() {
    let svg = svg_of(
        r#"{"type":"nps","title":"A & B","data":{"promoters":500,"passives":330,"detractors":170}}"#,
        640.0,
    );
    let title = svg
        .split("<title id=\"statchart-title\">")
        .nth(1)
        .unwrap()
        .split("</title>")
        .next()
        .unwrap();
    assert!(
        title.starts_with("A &amp; B. Net Promoter Score 33 ± 4.6"),
        "{title}"
    );
    assert!(title.contains("Promoters 50%, passives 33%, detractors 17%, of 1,000 respondents."));
}

// ------------------------------------------------------------------ pixels

fn pixels(json: &str, width: f64, height: f64, scale: f64) -> RasterBackend {
    let spec = parse_spec(json).unwrap();
    let size = Size::new(width, height, scale).unwrap();
    let (w, h) = size.device();
    let mut backend = RasterBackend::new(w, h).unwrap();
    draw(&spec, &mut backend, scale).unwrap();
    backend
}

fn pixel(b: &RasterBackend, x: u32, y: u32) -> (u8, u8, u8) {
    let p = b.pixmap.pixel(x, y).unwrap().demultiply();
    (p.red(), p.green(), p.blue())
}

fn count_colour(b: &RasterBackend, c: Rgba) -> usize {
    b.pixmap
        .pixels()
        .iter()
        .filter(|p| {
            let p = p.demultiply();
            (p.red(), p.green(), p.blue(), p.alpha()) == (c.r, c.g, c.b, 255)
        })
        .count()
}

#[test]
fn background_follows_the_theme() {
    let light = pixels(r#"{"type":"kpi","data":{"value":1}}"#, 400.0, 300.0, 1.0);
    assert_eq!(pixel(&light, 0, 0), (255, 255, 255));
    assert_eq!(pixel(&light, 399, 299), (255, 255, 255));
    let dark = pixels(
        r#"{"type":"kpi","theme":"dark","data":{"value":1}}"#,
        400.0,
        300.0,
        1.0,
    );
    let bg = Theme::new(ThemeName::Dark).background;
    assert_eq!(pixel(&dark, 5, 5), (bg.r, bg.g, bg.b));
}

#[test]
fn breakdown_segments_have_their_colours_in_proportion() {
    let theme = Theme::new(ThemeName::Light);
    let all_promoters = pixels(
        r#"{"type":"nps","view":"breakdown","data":{"promoters":10,"passives":0,"detractors":0}}"#,
        600.0,
        300.0,
        1.0,
    );
    let half = pixels(
        r#"{"type":"nps","view":"breakdown","data":{"promoters":5,"passives":5,"detractors":0}}"#,
        600.0,
        300.0,
        1.0,
    );
    let accent_all = count_colour(&all_promoters, theme.accent);
    let accent_half = count_colour(&half, theme.accent);
    assert!(accent_all > 5000, "{accent_all}");
    let ratio = accent_half as f64 / accent_all as f64;
    assert!(
        (0.45..0.55).contains(&ratio),
        "half the bar should be promoters: {ratio}"
    );
    assert_eq!(count_colour(&all_promoters, theme.detractors), 0);
    let all_detractors = pixels(
        r#"{"type":"nps","view":"breakdown","data":{"promoters":0,"passives":0,"detractors":10}}"#,
        600.0,
        300.0,
        1.0,
    );
    assert_eq!(count_colour(&all_detractors, theme.accent), 0);
    assert!(count_colour(&all_detractors, theme.detractors) > 1000);
}

#[test]
fn scale_two_doubles_the_backing_store() {
    let theme = Theme::new(ThemeName::Light);
    let json =
        r#"{"type":"nps","view":"breakdown","data":{"promoters":10,"passives":0,"detractors":0}}"#;
    let one = pixels(json, 600.0, 300.0, 1.0);
    let two = pixels(json, 600.0, 300.0, 2.0);
    assert_eq!((two.pixmap.width(), two.pixmap.height()), (1200, 600));
    let ratio = count_colour(&two, theme.accent) as f64 / count_colour(&one, theme.accent) as f64;
    assert!(
        (3.8..4.2).contains(&ratio),
        "area should scale by 4: {ratio}"
    );
}

#[test]
fn gauge_needle_points_at_the_score() {
    // At −60 the needle leans up and left of the hub, at +60 up and right; the score
    // text sits under the hub, so the upper half holds only the needle in ink colour.
    let theme = Theme::new(ThemeName::Light);
    let ink = theme.text;
    let left = pixels(r#"{"type":"nps","data":{"nps":-60}}"#, 600.0, 400.0, 1.0);
    let right = pixels(r#"{"type":"nps","data":{"nps":60}}"#, 600.0, 400.0, 1.0);
    let dark_in = |b: &RasterBackend, x0: u32, x1: u32| {
        (0..200)
            .flat_map(|y| (x0..x1).map(move |x| (x, y)))
            .filter(|&(x, y)| pixel(b, x, y) == (ink.r, ink.g, ink.b))
            .count()
    };
    assert!(
        dark_in(&left, 0, 290) > 100,
        "needle left: {}",
        dark_in(&left, 0, 290)
    );
    assert_eq!(dark_in(&left, 310, 600), 0);
    assert!(dark_in(&right, 310, 600) > 100);
    assert_eq!(dark_in(&right, 0, 290), 0);
    assert!(count_colour(&left, theme.zones[0]) > 1000, "zones drawn");
}

#[test]
fn characters_xml_forbids_become_replacement_characters_in_svg() {
    let json = r#"{"type":"kpi","title":"a\uFFFEb\uFFFFc","data":{"value":1}}"#;
    let svg = svg_of(json, 360.0);
    assert!(!svg.contains(['\u{FFFE}', '\u{FFFF}']));
    assert!(
        texts(&svg).iter().any(|t| t == "a\u{FFFD}b\u{FFFD}c"),
        "{svg}"
    );
    let forbidden = |c: char| !matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..);
    assert!(!svg.contains(forbidden), "every character is an XML Char");
}

#[test]
fn the_nps_trend_footnote_is_drawn_once() {
    for (name, json) in examples()
        .into_iter()
        .filter(|(n, _)| n.contains("nps-trend"))
    {
        for width in [360.0, 1200.0] {
            let svg = svg_of(&json, width);
            let lines = texts(&svg);
            let footnote: Vec<_> = lines
                .iter()
                .filter(|t| t.starts_with("Change ") || t.starts_with("Perubahan "))
                .collect();
            assert_eq!(footnote.len(), 1, "{name} at {width}: {footnote:?}");
        }
    }
}

#[test]
fn the_last_of_twelve_monthly_labels_stays_inside_a_phone_wide_chart() {
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let data: Vec<String> = months
        .iter()
        .enumerate()
        .map(|(i, m)| format!(r#"{{"label":"{m} 2024","value":{}}}"#, i + 1))
        .collect();
    let json = format!(
        r#"{{"type":"line","title":"Monthly","data":[{}]}}"#,
        data.join(",")
    );
    let spec = parse_spec(&json).unwrap();
    let size = output_size(&spec, Some(320.0), None, 1.0).unwrap();
    let b = pixels(&json, 320.0, size.height, 1.0);
    // The frame keeps a margin: the rightmost columns hold nothing but background.
    let inked: Vec<(u32, u32)> = (314..320)
        .flat_map(|x| (0..b.pixmap.height()).map(move |y| (x, y)))
        .filter(|&(x, y)| pixel(&b, x, y) != (255, 255, 255))
        .collect();
    assert!(
        inked.is_empty(),
        "ink at the right edge: {:?}",
        &inked[..inked.len().min(5)]
    );
    assert!(texts(&svg_of(&json, 320.0)).iter().any(|t| t == "Dec 2024"));
}

/// Horizontal extent of a laid-out text item, measured with the font it is drawn in.
fn text_span(item: &Item) -> Option<(f64, f64, String)> {
    let Item::Text {
        x,
        text,
        size,
        bold,
        align,
        ..
    } = item
    else {
        return None;
    };
    let w = BundledFont.text_width(text, *size, *bold);
    let left = match align {
        Align::Left => *x,
        Align::Center => x - w / 2.0,
        Align::Right => x - w,
    };
    Some((left, left + w, text.clone()))
}

#[test]
fn bar_labels_and_bars_stay_inside_a_narrow_chart_even_for_huge_values() {
    for (value, short, exact) in [
        ("5000", "5,000", "5,000"),
        ("1e15", "1,000T", "1,000,000,000,000,000"),
    ] {
        let json = format!(
            r#"{{"type":"bar","title":"Balance","data":[{{"label":"Loss","value":-{value}}},{{"label":"Gain","value":{value}}}]}}"#
        );
        let spec = parse_spec(&json).unwrap();
        let scene = layout(&spec, 200.0, None, &BundledFont);
        for item in &scene.items {
            if let Some((l, r, text)) = text_span(item) {
                assert!(
                    l >= 0.0 && r <= 200.0,
                    "{value}: {text:?} spans {l:.1}..{r:.1}"
                );
            }
            if let Item::Rect { x, w, .. } = item {
                assert!(
                    *x >= 0.0 && x + w <= 200.0,
                    "{value}: a bar spans {x:.1}..{:.1}",
                    x + w
                );
            }
        }
        let labels: Vec<String> = scene
            .items
            .iter()
            .filter_map(text_span)
            .map(|t| t.2)
            .collect();
        assert!(labels.contains(&short.to_string()), "{value}: {labels:?}");
        assert!(labels.contains(&format!("−{short}")), "{value}: {labels:?}");
        // The tooltip keeps the exact figure.
        assert_eq!(scene.marks[1].text, format!("Gain: {exact}"));
    }
}

#[test]
fn compact_numbers_follow_the_locale() {
    use statchart::locale::Fmt;
    use statchart::spec::Locale;
    let (en, id) = (Fmt::new(Locale::EnUs), Fmt::new(Locale::IdId));
    assert_eq!(en.compact(1_500.0), "1.5K");
    assert_eq!(en.compact(-2_400_000_000.0), "−2.4B");
    assert_eq!(en.compact(1e15), "1,000T");
    assert_eq!(en.compact(999.5), "999.5");
    assert_eq!(id.compact(1_500.0), "1,5 rb");
    assert_eq!(id.compact(3_000_000.0), "3 jt");
    assert_eq!(id.compact(2_400_000_000.0), "2,4 M");
}

#[test]
fn the_natural_height_is_read_from_the_laid_out_chart() {
    // The source line sits under the body's lowest ink, whatever the chart kind.
    let mut mismatched = Vec::new();
    for (name, json) in examples() {
        let spec = parse_spec(&json).unwrap();
        for width in [360.0, 1200.0] {
            let scene = layout(&spec, width, None, &BundledFont);
            assert_eq!(
                scene.height,
                natural_height(&spec, width, &BundledFont),
                "{name}"
            );
            let lowest = scene.items.iter().map(Item::bottom).fold(0.0, f64::max);
            assert!(
                lowest <= scene.height,
                "{name} at {width}: ink at {lowest} below {}",
                scene.height
            );
            // The source line is the lowest text, under every item of the body.
            let source = scene.items.iter().rposition(|i| matches!(i, Item::Text { text, .. } if text.starts_with("Source") || text.starts_with("Sumber")));
            if let Some(at) = source {
                let body_lowest = scene.items[..at]
                    .iter()
                    .map(Item::bottom)
                    .fold(0.0, f64::max);
                let Item::Text { y, size, .. } = &scene.items[at] else {
                    unreachable!()
                };
                assert!(
                    body_lowest < y - size,
                    "{name} at {width}: body ink at {body_lowest}, source line at {y}"
                );
            }
            // Laid out at that height explicitly, the chart is the same: the canvas
            // lays out at its natural height, the SVG export at the canvas's height.
            let fixed = layout(&spec, width, Some(scene.height), &BundledFont);
            let differ = fixed
                .items
                .iter()
                .zip(&scene.items)
                .position(|(a, b)| a != b);
            if fixed.items.len() != scene.items.len() || differ.is_some() {
                mismatched.push(format!(
                    "{name} at {width}: item {differ:?}: {:?} vs {:?}",
                    differ.map(|i| &fixed.items[i]),
                    differ.map(|i| &scene.items[i])
                ));
            }
        }
    }
    assert!(mismatched.is_empty(), "{}", mismatched.join("\n"));
}

#[test]
fn marks_and_table_cross_to_javascript_as_exact_json() {
    use statchart::render::Mark;
    let tricky = "Quote \" backslash \\ tab\t bell\u{7} </script> ünï €";
    let marks = vec![
        Mark {
            x: 1.5,
            y: -2.0,
            w: 1e-7,
            h: 1234567.25,
            text: tricky.into(),
        },
        Mark {
            x: 0.0,
            y: 0.0,
            w: 0.0,
            h: 0.0,
            text: String::new(),
        },
    ];
    let parsed: serde_json::Value = serde_json::from_str(&Mark::list_json(&marks)).unwrap();
    assert_eq!(parsed[0]["text"], tricky);
    assert_eq!(parsed[0]["x"], 1.5);
    assert_eq!(parsed[0]["y"], -2.0);
    assert_eq!(parsed[0]["h"], 1234567.25);
    // Coordinates keep six decimals: a millionth of a CSS pixel.
    assert!((parsed[0]["w"].as_f64().unwrap() - 1e-7).abs() < 1e-6);
    assert_eq!(parsed[1]["text"], "");
    assert_eq!(Mark::list_json(&[]), "[]");

    // Every example's table and marks survive the trip unchanged.
    for (name, json) in examples() {
        let spec = parse_spec(&json).unwrap();
        let table = statchart::summary::table(&spec);
        let parsed: serde_json::Value = serde_json::from_str(&table.to_json()).unwrap();
        assert_eq!(parsed["caption"], table.caption.as_str(), "{name}");
        assert_eq!(
            parsed["headers"],
            serde_json::json!(table.headers),
            "{name}"
        );
        assert_eq!(parsed["rows"], serde_json::json!(table.rows), "{name}");
        let scene = layout(&spec, 360.0, None, &BundledFont);
        let parsed: Vec<serde_json::Value> =
            serde_json::from_str(&Mark::list_json(&scene.marks)).unwrap();
        assert_eq!(parsed.len(), scene.marks.len(), "{name}");
        for (p, m) in parsed.iter().zip(&scene.marks) {
            assert_eq!(p["text"], m.text.as_str(), "{name}");
            assert!((p["x"].as_f64().unwrap() - m.x).abs() < 1e-6, "{name}");
        }
    }
}

// ------------------------------------------------------------------ changes and shares

/// Each `<text>`'s content and (x, y).
fn text_positions(svg: &str) -> Vec<(String, [f64; 2])> {
    svg.split("<text ")
        .skip(1)
        .filter_map(|t| {
            let attr = |name: &str| -> f64 {
                let start = t.find(&format!(" {name}=\"")).map(|i| i + name.len() + 3);
                let start = start.or_else(|| {
                    t.starts_with(&format!("{name}=\""))
                        .then_some(name.len() + 2)
                });
                t[start.unwrap()..]
                    .split('"')
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap()
            };
            let (_, rest) = t.split_once('>')?;
            let (inner, _) = rest.split_once("</text>")?;
            Some((inner.trim().to_string(), [attr("x"), attr("y")]))
        })
        .collect()
}

/// Tooltip texts of the chart's marks, in reading order.
fn tips(json: &str) -> Vec<String> {
    let spec = parse_spec(json).unwrap();
    let size = output_size(&spec, Some(640.0), None, 1.0).unwrap();
    let (w, h) = size.device();
    let mut backend = RasterBackend::new(w, h).unwrap();
    draw(&spec, &mut backend, 1.0)
        .unwrap()
        .into_iter()
        .map(|m| m.text)
        .collect()
}

/// An employment trend whose 2021 → 2022 and 2022 → 2023 changes are significant.
/// Hand-worked (pooled z, Newcombe; see tests/stats.rs for the method):
/// 101/410 → 160/420: δ = 13.461092, p̄ = 261/830 = .3144578, z = 4.175991,
///   Wilson [.2071160, .2902760] and [.3357867, .4282761] → [+7.160147, +19.607771];
/// 160/420 → 133/430: δ = −7.165006, p̄ = 293/850 = .3447059, z = −2.197473,
///   Wilson [.3357867, .4282761] and [.2674652, .3545165] → [−13.481551, −0.774180];
/// 88/400 → 101/410: δ = 2.634146, z = 0.886192, not significant, [−3.197505, +8.431613].
fn employment_trend(locale: &str) -> String {
    format!(
        r#"{{"type":"employment","view":"trend","locale":"{locale}","data":[
        {{"period":"2020","employed":88,"total":400}},{{"period":"2021","employed":101,"total":410}},
        {{"period":"2022","employed":160,"total":420}},{{"period":"2023","employed":133,"total":430}}]}}"#
    )
}

#[test]
fn employment_trend_tests_each_change_in_both_locales() {
    let m = '\u{2212}';
    for (locale, foot, summary_part, tip, table_cell) in [
        (
            "en-US",
            format!("Change 2022 → 2023: {m}7.2 pts (95% interval {m}13.5 to {m}0.8 pts), significant (z = {m}2.2) · band: 95% interval (Wilson)"),
            "change 2021 → 2022: +13.5 pts (95% interval +7.2 to +19.6 pts), significant (z = 4.2); change 2022 → 2023",
            "2021: 24.6% (95% interval 20.7%–29%, 101 / 410) · change 2020 → 2021: +2.6 pts (95% interval \u{2212}3.2 to +8.4 pts), not significant (z = 0.9)",
            "+13.5 pts (95% interval +7.2 to +19.6 pts), significant (z = 4.2)",
        ),
        (
            "id-ID",
            format!("Perubahan 2022 → 2023: {m}7,2 poin (interval 95% {m}13,5 sampai {m}0,8 poin), signifikan (z = {m}2,2) · pita: interval 95% (Wilson)"),
            "perubahan 2021 → 2022: +13,5 poin (interval 95% +7,2 sampai +19,6 poin), signifikan (z = 4,2); perubahan 2022 → 2023",
            "2021: 24,6% (interval 95% 20,7%–29%, 101 / 410) · perubahan 2020 → 2021: +2,6 poin (interval 95% \u{2212}3,2 sampai +8,4 poin), tidak signifikan (z = 0,9)",
            "+13,5 poin (interval 95% +7,2 sampai +19,6 poin), signifikan (z = 4,2)",
        ),
    ] {
        let json = employment_trend(locale);
        for width in [360.0, 1200.0] {
            let t = texts(&svg_of(&json, width));
            assert!(t.join(" ").contains(&foot), "{locale} {width}: {t:?}");
            // Significant changes: bold figures beside a dot (not colour alone); the first,
            // not significant, in plain muted type.
            assert!(t.iter().any(|x| *x == "+13.5" || *x == "+13,5"), "{t:?}");
            assert!(t.iter().any(|x| *x == format!("{m}7.2") || *x == format!("{m}7,2")));
        }
        // At 360 px the change labels keep clear of the value labels: above the segment
        // when there is room, else below it.
        let placed = text_positions(&svg_of(&json, 360.0));
        let at = |t: &str| {
            placed
                .iter()
                .find(|(x, _)| x.as_str() == t)
                .map(|(_, p)| *p)
                .unwrap_or_else(|| panic!("{t} not drawn: {placed:?}"))
        };
        let values: Vec<[f64; 2]> = ["22%", "24.6%", "38.1%", "30.9%"]
            .iter()
            .map(|v| at(&v.replace('.', if locale == "en-US" { "." } else { "," })))
            .collect();
        for change in ["+13.5", "\u{2212}7.2"] {
            let [x, y] = at(&change.replace('.', if locale == "en-US" { "." } else { "," }));
            for [vx, vy] in &values {
                // Boxes about 40 px wide and a line (12 px) high, 4 px apart at least.
                assert!(
                    (x - vx).abs() >= 44.0 || (y - vy).abs() >= 16.0,
                    "{change} at {x},{y} runs into the value at {vx},{vy}"
                );
            }
        }
        let spec = parse_spec(&json).unwrap();
        let summary = statchart::summary::summary(&spec);
        assert!(summary.contains(summary_part), "{summary}");
        // The 2020 → 2021 change is not significant and not the latest: not in the summary.
        assert!(!summary.contains("2020 →"), "{summary}");
        assert_eq!(tips(&json)[1], tip);
        let table = statchart::summary::table(&spec);
        assert_eq!(table.headers.len(), 3);
        assert_eq!(table.rows[0][2], "–");
        assert_eq!(table.rows[2][2], table_cell);
    }
}

#[test]
fn a_change_without_a_test_says_why_in_words() {
    // A published rate on one side.
    let json = r#"{"type":"employment","view":"trend","data":[
        {"period":"2022","rate":24},{"period":"2023","employed":30,"total":100}]}"#;
    let foot = texts(&svg_of(json, 640.0)).join(" ");
    assert!(
        foot.contains(
            "Change 2022 → 2023: +6.0 pts, no test: published figures have no margin of error"
        ),
        "{foot}"
    );
    // Both rates 0: counted, but nothing varies. Newcombe still bounds the change
    // (0/50 vs 0/60: [−7.134760, +6.017185], tests/stats.rs).
    let json = r#"{"type":"employment","view":"trend","locale":"id-ID","data":[
        {"period":"2022","employed":0,"total":50},{"period":"2023","employed":0,"total":60}]}"#;
    let foot = texts(&svg_of(json, 640.0)).join(" ");
    assert!(
        foot.contains("0,0 poin (interval 95% \u{2212}7,1 sampai +6,0 poin), tanpa uji: tidak ada variasi dalam kedua periode"),
        "{foot}"
    );
}

#[test]
fn nps_trend_changes_carry_their_interval_in_tips_table_and_summary() {
    let spec = example("illustrative-nps-trend");
    let json = std::fs::read_to_string(format!(
        "{}/examples/illustrative-nps-trend.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    // Q2 → Q3 (210/110/90 → 260/100/60): 29.268293 → 47.619048, Δ = 18.350755;
    // V = 10⁴·(.731707 − .292683²)/410 = 15.757171 and 12.741605: √28.498776 = 5.338424,
    // z = 3.437485; Δ ∓ 1.959964·5.338424 = Δ ∓ 10.463120 → [+7.887635, +28.813875].
    let expected = "Q2 2023 → Q3 2023: +18.4 (95% interval +7.9 to +28.8), significant (z = 3.4)";
    assert!(tips(&json)[2].ends_with(expected), "{:?}", tips(&json));
    let table = statchart::summary::table(&spec);
    assert_eq!(table.headers[2], "Change");
    assert!(expected.ends_with(&table.rows[2][2]));
    assert!(statchart::summary::summary(&spec).contains(expected));
}

#[test]
fn breakdown_shares_of_counts_carry_wilson_intervals() {
    // 0, 10 and 20 of 30: [0, 11.35], [19.23, 51.22], [48.78, 80.77] (tests/stats.rs).
    let json = r#"{"type":"employment","view":"breakdown","locale":"LOCALE","data":{
        "categories":["Employed","Self-employed","Still looking"],
        "groups":[{"label":"2023","values":[0,10,20]}]}}"#;
    let en = json.replace("LOCALE", "en-US");
    let table = statchart::summary::table(&parse_spec(&en).unwrap());
    assert_eq!(
        table.rows[0][1..],
        [
            "0% (95% interval 0%–11.4%, 0 / 30)",
            "33.3% (95% interval 19.2%–51.2%, 10 / 30)",
            "66.7% (95% interval 48.8%–80.8%, 20 / 30)"
        ]
    );
    // The zero share draws no segment, so it has no mark; the others do.
    assert_eq!(
        tips(&en),
        [
            "2023 · Self-employed: 33.3% (95% interval 19.2%–51.2%, 10 / 30)",
            "2023 · Still looking: 66.7% (95% interval 48.8%–80.8%, 20 / 30)"
        ]
    );
    let id = json.replace("LOCALE", "id-ID");
    assert_eq!(
        tips(&id)[0],
        "2023 · Self-employed: 33,3% (interval 95% 19,2%–51,2%, 10 / 30)"
    );
    // Percentages have no interval to give.
    let grouped = example("illustrative-employment-breakdown-grouped");
    assert_eq!(statchart::summary::table(&grouped).rows[0][1], "30%");
}

/// (x1, y1, x2, y2) of every `<line>` in an SVG.
fn svg_lines(svg: &str) -> Vec<[f64; 4]> {
    svg.split("<line ")
        .skip(1)
        .map(|l| {
            let attr = |name: &str| -> f64 {
                let start = l.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                l[start..].split('"').next().unwrap().parse().unwrap()
            };
            [attr("x1"), attr("y1"), attr("x2"), attr("y2")]
        })
        .collect()
}

#[test]
fn grouped_bars_of_counts_draw_each_share_with_a_whisker() {
    // 50 of 100: Wilson [40.383, 59.617] (centre .5, half = 1.887458·√(.0025 + .0000960)
    // = .0961685): a whisker 19.234 points long, centred on the bar's end.
    let json = r#"{"type":"employment","view":"breakdown","locale":"LOCALE","data":{
        "categories":["Employed","Other"],"mode":"grouped",
        "groups":[{"label":"2023","values":[50,50]}]}}"#;
    let svg = svg_of(&json.replace("LOCALE", "en-US"), 1200.0);
    assert!(texts(&svg).iter().any(|t| t == "95% interval"));
    let lines = svg_lines(&svg);
    // The legend's whisker (3 lines), then per bar: whisker and caps, the part inside the bar.
    assert_eq!(lines.len(), 3 + 2 * 5);
    // The bars start where the legend's first swatch does (the second rect, after the
    // background).
    let left: f64 = svg
        .split("<rect x=\"")
        .nth(2)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let (lo, hi, end) = (lines[3][0], lines[3][2], lines[7][2]);
    let ratio = (hi - lo) / (end - left);
    assert!((ratio - 19.234 / 50.0).abs() < 0.01, "{ratio}");
    assert!(((end - lo) - (hi - end)).abs() <= 1.0, "{lo} {end} {hi}");
    let id = svg_of(&json.replace("LOCALE", "id-ID"), 360.0);
    assert!(texts(&id).iter().any(|t| t == "Interval 95%"));
    // Stacked bars and percentages get no whiskers.
    for name in [
        "illustrative-employment-breakdown",
        "illustrative-employment-breakdown-grouped",
    ] {
        let spec = example(name);
        let svg = render_svg(&spec, output_size(&spec, None, None, 1.0).unwrap()).unwrap();
        assert!(svg_lines(&svg).is_empty(), "{name}");
        assert!(
            !texts(&svg).iter().any(|t| t.contains("interval")),
            "{name}"
        );
    }
}

#[test]
fn a_long_trend_footnote_is_never_cut_and_the_source_stays_below_it() {
    let json = r#"{"type":"employment","view":"trend","locale":"id-ID","source":"Sumber data",
        "data":[{"period":"Angkatan pertama tahun anggaran 2022","employed":88,"total":400},
                {"period":"Angkatan kedua tahun anggaran 2023","employed":140,"total":410}]}"#;
    let spec = parse_spec(json).unwrap();
    for width in [320.0, 1200.0] {
        let scene = layout(&spec, width, None, &BundledFont);
        let texts: Vec<&Item> = scene
            .items
            .iter()
            .filter(|i| matches!(i, Item::Text { .. }))
            .collect();
        let words: Vec<String> = texts
            .iter()
            .filter_map(|i| text_span(i))
            .map(|t| t.2)
            .collect();
        let all = words.join(" ");
        assert!(all.contains("signifikan (z = "), "{width}: {all}");
        assert!(
            all.ends_with("95% (Wilson) Sumber: Sumber data"),
            "{width}: {all}"
        );
        // Every line sits above the source line, none below the chart.
        let Some(Item::Text { y: source_y, .. }) = texts.last() else {
            unreachable!()
        };
        for i in &texts[..texts.len() - 1] {
            assert!(
                i.bottom() < *source_y - 8.0,
                "{width}: {i:?} reaches the source line"
            );
        }
    }
}
