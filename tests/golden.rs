//! Golden snapshots: every example rendered to SVG at 360 and 1200 px and to PNG at
//! 360 px, scale 2, must equal the files committed in tests/golden/. A refactor of the
//! renderer keeps them, or changes them on purpose: `UPDATE_GOLDEN=1 cargo test --test
//! golden` rewrites the files, and the commit says why they changed.

#![cfg(feature = "native")]

use statchart::native::{output_size, render_png, render_svg};
use statchart::parse_spec;
use std::path::PathBuf;

#[path = "support/examples.rs"]
mod support;
use support::examples;

/// Compares `actual` with the committed file, or writes it when UPDATE_GOLDEN is set.
/// Returns a line describing a mismatch.
fn compare(name: &str, actual: &[u8]) -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return None;
    }
    match std::fs::read(&path) {
        Err(_) => Some(format!(
            "{name}: no golden file (UPDATE_GOLDEN=1 writes it)"
        )),
        Ok(expected) if expected != actual => Some(format!(
            "{name}: differs from the golden file ({} bytes now, {} committed)",
            actual.len(),
            expected.len()
        )),
        Ok(_) => None,
    }
}

#[test]
fn every_example_matches_its_golden_svg_and_png() {
    let mut mismatches = Vec::new();
    let mut count = 0;
    for (name, json) in examples() {
        let spec = parse_spec(&json).unwrap();
        for width in [360.0, 1200.0] {
            let size = output_size(&spec, Some(width), None, 1.0).unwrap();
            let svg = render_svg(&spec, size).unwrap();
            mismatches.extend(compare(&format!("{name}-{width}.svg"), svg.as_bytes()));
            count += 1;
        }
        let size = output_size(&spec, Some(360.0), None, 2.0).unwrap();
        let png = render_png(&spec, size).unwrap();
        mismatches.extend(compare(&format!("{name}-360@2.png"), &png));
        count += 1;
    }
    assert!(count >= 60, "{count} snapshots");
    assert!(
        mismatches.is_empty(),
        "{} of {count} snapshots changed:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
