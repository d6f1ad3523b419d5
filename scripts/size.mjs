// Prints the gzipped bytes of the browser package and of what a page downloads:
// a page with the <stat-chart> element loads the wasm, stat-chart.js and the JS API
// module it imports (statchart.js, the glue); a page using the JS API alone loads
// the wasm and statchart.js.
// Gzip at level 9, as a CDN would serve them. Run `npm run build` first.
// Fails (exit 1) when a total is above its budget in size-budget.json (or --budget FILE).
import { gzipSync } from 'node:zlib';
import { existsSync, readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const size = {};
for (const file of ['statchart_bg.wasm', 'statchart.js', 'stat-chart.js']) {
  const url = new URL(`pkg/${file}`, root);
  if (!existsSync(url)) {
    console.error(`pkg/${file} is missing: run npm run build first`);
    process.exit(1);
  }
  const raw = readFileSync(url);
  size[file] = [raw.length, gzipSync(raw, { level: 9 }).length];
}
const pad = (s, n) => String(s).padStart(n);
const row = (name, raw, gz) => console.log(`${name.padEnd(34)} ${pad(raw, 9)} ${pad(gz, 9)}`);
row('file', 'bytes', 'gzipped');
for (const [file, [raw, gz]] of Object.entries(size)) row(`pkg/${file}`, raw, gz);
const total = (files) => files.reduce((sum, f) => sum + size[f][1], 0);
const element = total(['statchart_bg.wasm', 'statchart.js', 'stat-chart.js']);
const api = total(['statchart_bg.wasm', 'statchart.js']);
row('total, page with <stat-chart>', '', element);
row('total, page with the JS API', '', api);
console.log(`\nwasm + JS glue: ${api} bytes (${(api / 1024).toFixed(1)} KiB); with the element: ${element} bytes (${(element / 1024).toFixed(1)} KiB)`);

const budgetAt = process.argv.includes('--budget') ? process.argv[process.argv.indexOf('--budget') + 1] : new URL('size-budget.json', root);
const budget = JSON.parse(readFileSync(budgetAt, 'utf8'));
let over = false;
for (const [name, bytes] of [['page with <stat-chart>', element], ['page with the JS API', api]]) {
  const limit = budget[name];
  const verdict = bytes <= limit ? 'within' : 'OVER';
  console.log(`${name}: ${bytes} bytes, budget ${limit}: ${verdict} (${bytes - limit >= 0 ? '+' : ''}${bytes - limit})`);
  over ||= bytes > limit;
}
if (over) {
  console.error('size budget exceeded: make the package smaller, or raise size-budget.json with the reason in the commit');
  process.exit(1);
}
