//! Any text as a spec: parsing must return a spec or an error, and everything done
//! with a spec that parsed must succeed; never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

include!("../../tests/support/exercise.rs");

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(spec) = statchart::parse_spec(text) {
        exercise(&spec);
    }
});
