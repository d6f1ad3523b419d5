#!/usr/bin/env bash
# Builds the browser package into pkg/ (wasm, JS glue, .d.ts) with wasm-pack,
# size-tuned: release profile opt-level z + LTO, then wasm-opt -Oz from npm's binaryen.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
wasm-pack build --target web --release --out-dir pkg --out-name statchart . \
  -- --no-default-features --features web
# pkg/statchart.js is the JS API: the wasm-bindgen glue (with its JS snippets) behind
# js/api.js, which loads one wasm instance per page on demand. The <stat-chart>
# element imports it rather than bundling it, so a page that uses both shares that
# instance. Both are minified (readers download them; js/ stays the source).
mv pkg/statchart.js pkg/glue.tmp.js
esbuild js/api.js --bundle --minify --format=esm --target=es2022 --log-level=warning \
  --alias:statchart-glue=./pkg/glue.tmp.js --outfile=pkg/statchart.js
esbuild js/stat-chart.js --bundle --minify --format=esm --target=es2022 --log-level=warning \
  --external:./statchart.js --outfile=pkg/stat-chart.js
rm -rf pkg/glue.tmp.js pkg/snippets
node scripts/package.mjs
