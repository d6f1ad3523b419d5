// `npm run bench`: statchart against Chart.js 4 in one headless Chromium run.
// Serves bench/page.html itself, draws the same charts at 640 × 400 CSS pixels and
// devicePixelRatio 2 with each library, and prints one table of medians with the
// statchart / Chart.js ratio. `--write` also records the run in docs/benchmarks.md.
import { chromium } from 'playwright-core';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, totalmem, release, platform } from 'node:os';
import { serve } from '../scripts/serve.mjs';
import { CHROMIUM_ARGS } from '../tests/browser/browser.mjs';

const root = new URL('..', import.meta.url);
const file = (p) => new URL(p, root);
const KINDS = ['gauge', 'breakdown', 'employment'];
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS || 15);
const DPR = 2;

mkdirSync(file('bench/vendor/'), { recursive: true });
copyFileSync(file('node_modules/chart.js/dist/chart.umd.min.js'), file('bench/vendor/chart.umd.min.js'));
if (!existsSync(file('pkg/statchart_bg.wasm'))) {
  console.error('pkg/ is not built: run npm run build (npm run bench does)');
  process.exit(1);
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

const { server, url } = await serve({ port: 0, quiet: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });

/** Opens the bench page cold (fresh context, cache disabled); returns page and CDP session. */
async function openPage(lib, kind, n = 1) {
  const context = await browser.newContext({ viewport: { width: 800, height: 600 }, deviceScaleFactor: DPR });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const ready = page.waitForEvent('console', { predicate: (m) => m.text() === 'bench ready', timeout: 60000 });
  await page.goto(new URL(`/bench/page.html?lib=${lib}&chart=${kind}&n=${n}`, url).href, { waitUntil: 'commit' });
  await ready;
  if (errors.length) throw new Error(`${lib} ${kind}: ${errors.join('; ')}`);
  return { page, cdp, close: () => context.close() };
}

const results = {};
const put = (key, lib, value) => { (results[key] ||= {})[lib] = value; };

const LIBS = ['statchart', 'chartjs'];
/** Cold first-paint times of both libraries, interleaved (and starting with each in turn)
 * so that neither pays for the browser's own warm-up or for drifts in machine load. */
async function coldPaints(kind, n, runs) {
  const times = { statchart: [], chartjs: [] };
  for (let i = 0; i < runs; i++) {
    for (const lib of i % 2 ? [...LIBS].reverse() : LIBS) {
      const p = await openPage(lib, kind, n);
      const { firstPaint, libraryBytes } = await p.page.evaluate(() => window.bench);
      times[lib].push(firstPaint);
      put('library bytes transferred, gzipped', lib, libraryBytes);
      await p.close();
    }
  }
  return times;
}

await coldPaints('gauge', 1, 1);  // warm the browser up; discarded
for (const kind of KINDS) {
  const times = await coldPaints(kind, 1, COLD_RUNS);
  for (const lib of LIBS) {
    put(`first chart painted, ${kind} (ms)`, lib, median(times[lib]));
    const p = await openPage(lib, kind);
    await p.page.evaluate(() => window.bench.updates(50));  // warm up
    put(`update and redraw, ${kind} (ms)`, lib, median(await p.page.evaluate(() => window.bench.updates(200))));
    await p.close();
  }
}
const many = await coldPaints('breakdown', 100, Math.max(3, COLD_RUNS >> 1));
for (const lib of LIBS) put('100 charts painted (ms)', lib, median(many[lib]));

for (const lib of LIBS) {
  const p = await openPage(lib, 'breakdown');
  const heap = async () => {
    await p.cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await p.cdp.send('Runtime.getHeapUsage');
    return usedSize + await p.page.evaluate(() => window.bench.wasmBytes());
  };
  await p.page.evaluate(() => window.bench.updates(500));
  const before = await heap();
  await p.page.evaluate(() => window.bench.updates(10000));
  const after = await heap();
  put('JS heap + wasm memory after 10 000 updates (KB)', lib, after / 1024);
  put('memory growth over 10 000 updates (KB)', lib, (after - before) / 1024);
  await p.close();
}

const chromiumVersion = browser.version();
await browser.close();
server.close();

const fmt = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(3));
const rows = Object.entries(results).map(([name, r]) => {
  const ratio = r.chartjs ? r.statchart / r.chartjs : NaN;
  return [name, fmt(r.statchart), fmt(r.chartjs), Number.isFinite(ratio) ? ratio.toFixed(2) : '–'];
});
const head = ['figure (median)', 'statchart', 'Chart.js', 'statchart / Chart.js'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
console.log(line(head));
for (const r of rows) console.log(line(r));

const pkg = (p) => JSON.parse(readFileSync(file(p), 'utf8')).version;
const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${release()}`;
const versions = `statchart ${pkg('pkg/package.json')}, Chart.js ${pkg('node_modules/chart.js/package.json')}, Chromium ${chromiumVersion}, Node.js ${process.version}`;
console.log(`\nmachine: ${machine}\nversions: ${versions}\nsettings: 640 × 400 CSS px, devicePixelRatio ${DPR}, ${COLD_RUNS} cold loads per chart (cache disabled), 200 updates`);

if (process.argv.includes('--write')) {
  const md = `# Benchmarks: statchart against Chart.js

Recorded by \`npm run bench -- --write\` on ${new Date().toISOString().slice(0, 10)}.

- machine: ${machine}
- versions: ${versions}
- settings: both libraries draw the same chart at 640 × 400 CSS pixels and devicePixelRatio ${DPR}
  in headless Chromium, served over HTTP on 127.0.0.1. Chart.js draws the NPS gauge as a half
  doughnut and the breakdowns as stacked horizontal bars, with animations off.
  Each page carries its library's preload hints in its head (as README.md advises for statchart).
  "First chart painted" is the time from navigation start to the frame after the chart was drawn,
  on a cold load with the cache disabled (median of ${COLD_RUNS}); "update and redraw" is one
  synchronous update (median of 200, after 50 to warm up); "100 charts" is a cold page with 100
  breakdown charts; memory is after garbage collection.
- library bytes: what the page downloaded of the library (Resource Timing's \`encodedBodySize\`),
  served gzipped at level 9 as a CDN would: for statchart its wasm, \`stat-chart.js\` (the
  element) and \`statchart.js\` (the JS API with the glue, which the element imports), for Chart.js
  \`chart.umd.min.js\`. \`npm run size\` prints the same figure from the files.

| ${head.join(' | ')} |
|${head.map(() => '---').join('|')}|
${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}
`;
  // The native section (criterion, `cargo bench`) is recorded by hand; keep it.
  const old = existsSync(file('docs/benchmarks.md')) ? readFileSync(file('docs/benchmarks.md'), 'utf8') : '';
  const native = old.indexOf('\n## Native');
  writeFileSync(file('docs/benchmarks.md'), md + (native >= 0 ? old.slice(native) : ''));
  console.log('wrote docs/benchmarks.md');
}
