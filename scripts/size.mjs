// Prints the gzipped bytes of what a page loads for statchart: the wasm, the JS
// glue and (when built) the <stat-chart> element; and their total.
// Gzip at level 9, as a CDN would serve them. Run `npm run build` first.
import { gzipSync } from 'node:zlib';
import { existsSync, readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const files = ['pkg/statchart_bg.wasm', 'pkg/statchart.js', 'pkg/stat-chart.js'];
let total = 0;
const rows = [];
for (const file of files) {
  const url = new URL(file, root);
  if (!existsSync(url)) continue;
  const raw = readFileSync(url);
  const gz = gzipSync(raw, { level: 9 }).length;
  total += gz;
  rows.push([file, raw.length, gz]);
}
if (rows.length === 0) {
  console.error('nothing built: run npm run build first');
  process.exit(1);
}
const pad = (s, n) => String(s).padStart(n);
console.log(`${'file'.padEnd(24)} ${pad('bytes', 9)} ${pad('gzipped', 9)}`);
for (const [file, raw, gz] of rows) console.log(`${file.padEnd(24)} ${pad(raw, 9)} ${pad(gz, 9)}`);
console.log(`${'total'.padEnd(24)} ${pad('', 9)} ${pad(total, 9)}  (${(total / 1024).toFixed(1)} KiB)`);
