#!/usr/bin/env bash
# Every test: formatting and lints on both targets, the native tests, the wasm
# tests in headless Chromium, the generated types, the wasm's feature floor, and
# the browser tests against the demo served over HTTP (Chromium through Playwright,
# Firefox ESR and WebKitGTK through WebDriver, two at a time), and the packed npm
# package installed into Vite, webpack, React and Vue apps (tests/consumers/).
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
node scripts/size.mjs   # fails above the budget in size-budget.json
step "TypeScript types and the Custom Elements Manifest match their sources; real uses type-check"
node scripts/gen-types.mjs --check
node scripts/gen-manifest.mjs --check
tsc -p tests/types
step "the wasm uses no feature beyond the documented floor"
node scripts/wasm-features.mjs
step "browser tests: Chromium, Firefox ESR and WebKitGTK against the served demo"
node --test --test-concurrency=2 tests/wasm-features.test.mjs tests/size-budget.test.mjs tests/browser/
