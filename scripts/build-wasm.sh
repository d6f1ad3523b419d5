#!/usr/bin/env bash
# Builds the browser package into pkg/ (wasm, JS glue, .d.ts) with wasm-pack,
# size-tuned: release profile opt-level z + LTO, then wasm-opt -Oz from npm's binaryen.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
wasm-pack build --target web --release --out-dir pkg --out-name statchart . \
  -- --no-default-features --features web
# The <stat-chart> element ships beside the glue it imports, and in the package;
# both are minified (readers download them; js/stat-chart.js stays the source).
cp js/stat-chart.js pkg/stat-chart.src.js
esbuild pkg/stat-chart.src.js --bundle --minify --format=esm --target=es2022 --log-level=warning --outfile=pkg/stat-chart.js
rm pkg/stat-chart.src.js
# The glue imports its JS snippets (js/svg-context.js) from pkg/snippets/: bundle them in.
esbuild pkg/statchart.js --bundle --minify --format=esm --target=es2022 --log-level=warning --outfile=pkg/statchart.js --allow-overwrite
rm -rf pkg/snippets
node -e '
const fs = require("fs");
const p = JSON.parse(fs.readFileSync("pkg/package.json", "utf8"));
p.files = [...new Set([...(p.files || []), "stat-chart.js"])].filter((f) => !f.startsWith("snippets"));
delete p.sideEffects;
fs.writeFileSync("pkg/package.json", JSON.stringify(p, null, 2) + "\n");
'
