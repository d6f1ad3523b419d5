// The npm package as a web developer meets it: `npm pack` the built pkg/, install the
// tarball into small apps (tests/consumers/: Vite 8 + TypeScript, webpack 5, React 19 on
// Vite 6, Vue 3 on Vite 8; pinned versions and lock files), build each, type-check
// where it has TypeScript, serve the build on 127.0.0.1 and check in Chromium that every
// chart paints and the wasm is fetched once. The React app also runs on Vite 6's dev
// server, configured as the package README says.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './browser.mjs';

const root = new URL('../../', import.meta.url).pathname;
const apps = join(root, 'tests/consumers');
const out = join(root, 'out');
let tarball, browser;

const run = (cwd, cmd, args) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });

/** Installs an app's locked dependencies (skipped when they are current), then the tarball. */
function install(app) {
  const dir = join(apps, app);
  const marker = join(dir, 'node_modules/.package-lock.json');
  if (!existsSync(marker) || statSync(join(dir, 'package-lock.json')).mtimeMs > statSync(marker).mtimeMs) {
    run(dir, 'npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
  }
  run(dir, 'npm', ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', tarball]);
  return dir;
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm', '.css': 'text/css' };

/** A static server for a build: the first of `dirs` that has the file answers. */
function serveDirs(dirs) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    for (const dir of dirs) {
      const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
      if (existsSync(file) && statSync(file).isFile()) {
        res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' }).end(readFileSync(file));
        return;
      }
    }
    res.writeHead(404).end('not found');
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, url: `http://127.0.0.1:${server.address().port}/` })));
}

/** Opens `url`, collecting errors and counting wasm requests. */
async function open(url) {
  const context = await browser.newContext({ viewport: { width: 800, height: 1000 } });
  const page = await context.newPage();
  const errors = [];
  const wasm = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.url()); });
  await page.goto(url);
  await page.waitForSelector('body[data-ready=true]', { state: 'attached', timeout: 30000 })
    .catch((e) => { throw new Error(`${url} never got ready: ${errors.join('; ') || e.message}`); });
  return { page, errors, wasm, close: () => context.close() };
}

/** Waits until a chart is labelled and painted; returns its label. */
async function chart(page, id, pattern = /./) {
  await page.waitForFunction(([i, source]) => {
    const el = document.getElementById(i);
    const c = el?.shadowRoot?.querySelector('canvas') ?? el;
    if (!c || !c.width || !new RegExp(source).test(c.getAttribute('aria-label') || '')) return false;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const colours = new Set();
    for (let k = 0; k < d.length; k += 4 * 97) colours.add((d[k] << 16) | (d[k + 1] << 8) | d[k + 2]);
    return colours.size >= 3;
  }, [id, pattern.source], { timeout: 15000 });
  return page.$eval(`#${id}`, (el) => (el.shadowRoot?.querySelector('canvas') ?? el).getAttribute('aria-label'));
}

before(async () => {
  mkdirSync(out, { recursive: true });
  const [packed] = JSON.parse(run(root, 'npm', ['pack', '--json', '--pack-destination', out, './pkg']));
  tarball = join(out, packed.filename);
  console.log(`# package ${packed.filename}: ${packed.size} bytes packed, ${packed.unpackedSize} unpacked`);
  for (const f of packed.files) console.log(`#   ${f.path} ${f.size}`);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
after(async () => { await browser?.close(); });

test('the package follows npm conventions and ships what its README names', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'pkg/package.json'), 'utf8'));
  assert.deepEqual(Object.keys(pkg.exports['.']), ['types', 'default']);
  assert.deepEqual(Object.keys(pkg.exports['./stat-chart.js']), ['types', 'default']);
  assert.equal(pkg.exports['./statchart_bg.wasm'], './statchart_bg.wasm');
  assert.deepEqual(pkg.sideEffects, ['./stat-chart.js']);
  for (const key of ['repository', 'homepage', 'bugs', 'keywords', 'license', 'customElements']) assert.ok(pkg[key], key);
  const readme = readFileSync(join(root, 'pkg/README.md'), 'utf8');
  assert.match(readme, /npm install statchart/);
  assert.match(readme, /ChartSpec/);
  assert.doesNotMatch(readme, /npm start|\.\/pkg\/|frame\.html|docs\/spec/, 'no developer instructions or missing files');
  for (const file of readme.matchAll(/`((?:spec|custom-elements)[\w.-]*\.(?:md|json))`/g)) {
    assert.ok(pkg.files.includes(file[1]), `${file[1]} is shipped`);
  }
  for (const file of pkg.files) assert.ok(existsSync(join(root, 'pkg', file)), `${file} exists`);
  // Importing either entry in Node (as server-side rendering does) neither throws nor fetches.
  const said = run(root, 'node', ['--input-type=module', '-e',
    "const a = await import('./pkg/statchart.js'); const b = await import('./pkg/stat-chart.js'); console.log(typeof a.default, typeof b.StatChart)"]);
  assert.equal(said.trim(), 'function function');
});

test('Vite 8 + TypeScript: builds, type-checks the spec and the element, and paints both', async () => {
  const dir = install('vite');
  run(dir, 'npm', ['run', 'typecheck']);
  run(dir, 'npm', ['run', 'build']);
  const { server, url } = await serveDirs([join(dir, 'dist')]);
  const p = await open(url);
  assert.match(await chart(p.page, 'api'), /^Vite 8: would trainees recommend the course\?/);
  assert.match(await chart(p.page, 'element'), /^Employed a month later\. 24%/);
  assert.equal(p.wasm.length, 1, `one wasm for the JS API and the element: ${p.wasm}`);
  assert.deepEqual(p.errors, []);
  await p.close();
  server.close();
});

test('webpack 5: builds with no wasm configuration and paints inline, fetched and API charts', async () => {
  const dir = install('webpack');
  run(dir, 'npm', ['run', 'build']);
  const { server, url } = await serveDirs([join(dir, 'dist'), join(dir, 'public')]);
  const p = await open(url);
  assert.match(await chart(p.page, 'inline'), /^webpack 5: inline/);
  assert.match(await chart(p.page, 'fetched'), /^webpack 5: fetched/);
  assert.match(await chart(p.page, 'api'), /^Kinds of training/);
  assert.equal(p.wasm.length, 1);
  assert.deepEqual(p.errors, []);
  await p.close();
  server.close();
});

/** The React app's checks, for its production build and its dev server. */
async function reactChecks(url) {
  const p = await open(url);
  const { page } = p;
  assert.match(await chart(page, 'chart-a', /Net Promoter Score 30 ±/), /^Chart A/);
  await chart(page, 'chart-b', /114/);
  await chart(page, 'inline', /24%/);
  // A new spec prop draws the new figures.
  await page.click('#next');
  await chart(page, 'chart-a', /Net Promoter Score 50 ±/);
  // A keyed re-order moves the elements: both are drawn again at once.
  await page.click('#reorder');
  const moved = await page.evaluate(() => ['chart-a', 'chart-b'].map((id) => {
    const c = document.getElementById(id).shadowRoot.querySelector('canvas');
    return [document.getElementById(id).previousElementSibling?.id ?? '', c.getAttribute('aria-label')?.slice(0, 7)];
  }));
  assert.deepEqual(moved.map(([, label]) => label), ['Chart A', 'Chart B']);
  assert.equal(moved[0][0], 'chart-b', 'chart-a now comes after chart-b');
  await chart(page, 'chart-a');
  // Changing the inline JSON child redraws.
  await page.click('#inline-next');
  await chart(page, 'inline', /25%/);
  assert.ok(Number(await page.textContent('#drawn')) >= 2, 'statchart:drawn reached the ref listener');
  assert.equal(p.wasm.length, 1);
  assert.deepEqual(p.errors, []);
  await p.close();
}

test('React 19 (Vite 6): properties, events, keyed re-order and the inline child; JSX types', async () => {
  const dir = install('react');
  run(dir, 'npm', ['run', 'typecheck']);
  run(dir, 'npm', ['run', 'build']);
  const { server, url } = await serveDirs([join(dir, 'dist')]);
  await reactChecks(url);
  server.close();
});

test('React 19 on Vite 6\'s dev server, with optimizeDeps.exclude as the README says', async () => {
  const dir = join(apps, 'react');  // installed by the test before
  const port = 20000 + Math.floor(Math.random() * 20000);
  const dev = spawn(join(dir, 'node_modules/.bin/vite'), ['--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: dir, stdio: 'ignore', detached: true });
  try {
    const url = `http://127.0.0.1:${port}/`;
    for (let i = 0; ; i++) {
      try { if ((await fetch(url)).ok) break; } catch { /* not up yet */ }
      if (i > 150) throw new Error('the Vite dev server did not start');
      await new Promise((ok) => setTimeout(ok, 200));
    }
    await reactChecks(url);
  } finally {
    process.kill(-dev.pid, 'SIGTERM');
  }
});

test('Vue 3 (Vite 8): a bound spec, an event listener and a keyed re-order', async () => {
  const dir = install('vue');
  run(dir, 'npm', ['run', 'build']);
  const { server, url } = await serveDirs([join(dir, 'dist')]);
  const p = await open(url);
  const { page } = p;
  await chart(page, 'chart-a', /Net Promoter Score 30 ±/);
  await chart(page, 'chart-b', /480\+/);
  await page.click('#next');
  await chart(page, 'chart-a', /Net Promoter Score 50 ±/);
  await page.click('#reorder');
  await chart(page, 'chart-a');
  await chart(page, 'chart-b');
  assert.ok(Number(await page.textContent('#drawn')) >= 2, 'the @statchart:drawn listener ran');
  assert.equal(p.wasm.length, 1);
  assert.deepEqual(p.errors, []);
  await p.close();
  server.close();
});
