#!/usr/bin/env bash
# Renders every spec in examples/ to out/ as SVG (640 px) and PNG (360 and 1200 px, ×1 and ×2).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin statchart
mkdir -p out
for spec in examples/*.json; do
  name=$(basename "$spec" .json)
  ./target/release/statchart render "$spec" -o "out/$name.svg"
  for width in 360 1200; do
    for scale in 1 2; do
      ./target/release/statchart render "$spec" -o "out/$name-$width@$scale.png" --width "$width" --scale "$scale"
    done
  done
done
echo "rendered $(ls examples/*.json | wc -l) examples into out/"
