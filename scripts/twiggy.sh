#!/usr/bin/env bash
# Where the wasm's bytes go: builds the release wasm, runs wasm-bindgen keeping
# function names, and prints twiggy's largest items. Needs `cargo install twiggy`.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
cargo build --quiet --release --target wasm32-unknown-unknown --no-default-features --features web
out=$(mktemp -d)
wasm-bindgen --target web --keep-debug --out-dir "$out" target/wasm32-unknown-unknown/release/statchart.wasm
twiggy top -n "${1:-40}" "$out/statchart_bg.wasm"
