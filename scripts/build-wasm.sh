#!/usr/bin/env bash
# Builds the browser package into pkg/ (wasm, JS glue, .d.ts) with wasm-pack,
# size-tuned: release profile opt-level z + LTO, then wasm-opt -Oz from npm's binaryen.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
wasm-pack build --target web --release --out-dir pkg --out-name statchart . \
  -- --no-default-features --features web
