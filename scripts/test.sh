#!/usr/bin/env bash
# Every test: formatting and lints on both targets, the native tests, the wasm
# tests in headless Chromium, the generated types, and the browser tests
# (Playwright + Chromium) against the demo served over HTTP.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
step() { echo; echo "== $*"; }

step "cargo fmt --check"
cargo fmt --all -- --check
step "cargo clippy (native, then wasm32)"
cargo clippy --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown --no-default-features --features web,panic-hook --lib --tests -- -D warnings
step "native tests"
cargo test
step "wasm tests in headless Chromium"
wasm-pack test --headless --chrome . --no-default-features --features web,panic-hook
step "browser build"
bash scripts/build-wasm.sh
node scripts/size.mjs
step "TypeScript types match the schema and type-check real uses"
node scripts/gen-types.mjs --check
tsc -p tests/types
step "browser tests (Playwright, Chromium) against the served demo"
node --test --test-concurrency=1 tests/browser/
