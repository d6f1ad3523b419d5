// The demo page served over HTTP, in real headless Chromium: every chart is
// painted and crisp, the editor redraws and names errors, the controls work.
// Screenshots go to out/screenshots/ to be looked at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { start, open } from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

const SHOTS = new URL('../../out/screenshots/', import.meta.url);
mkdirSync(SHOTS, { recursive: true });

/** Per canvas: its CSS size, backing-store size, and how many distinct colours it holds. */
async function canvases(page) {
  return page.$$eval('canvas', (list) => list.map((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const colours = new Set();
    for (let i = 0; i < d.length; i += 4 * 97) colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    const r = c.getBoundingClientRect();
    return { css: [r.width, r.height], store: [c.width, c.height], colours: colours.size, label: c.getAttribute('aria-label') };
  }));
}

for (const [width, dpr] of [[360, 1], [360, 2], [1200, 1], [1200, 2]]) {
  test(`demo at ${width} px, devicePixelRatio ${dpr}: every chart painted, no console errors`, async () => {
    const { page, errors } = await open(env, '/', { width, dpr });
    await page.waitForSelector('body[data-ready=true]', { timeout: 20000 });
    const list = await canvases(page);
    const examples = await page.$$eval('.card', (c) => c.length);
    assert.ok(examples >= 15, `only ${examples} example cards`);
    assert.equal(list.length, examples + 1, 'one canvas per example plus the editor preview');
    for (const c of list) {
      assert.ok(c.colours >= 3, `a blank canvas: ${JSON.stringify(c)}`);
      assert.ok(c.css[0] <= width, `wider than the page: ${c.css}`);
      // Crisp: the backing store is the CSS size times the pixel ratio.
      assert.equal(c.store[0], Math.round(c.css[0] * dpr), `backing store ${c.store} for CSS ${c.css}`);
      assert.ok(Math.abs(c.store[1] - c.css[1] * dpr) <= 1);
      assert.ok(c.label && c.label.length > 10, 'each chart has a text summary');
    }
    await page.screenshot({ path: new URL(`demo-${width}@${dpr}.png`, SHOTS).pathname, fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('the editor redraws as you type and names the bad field in place', async () => {
  const { page, errors } = await open(env, '/', { width: 1200 });
  await page.waitForSelector('body[data-ready=true]');
  const spec = { type: 'nps', view: 'breakdown', title: 'Typed in the editor', data: { promoters: 5, passives: 3, detractors: 2 } };
  await page.fill('#spec-text', JSON.stringify(spec));
  await page.waitForFunction(() => document.getElementById('preview').getAttribute('aria-label').startsWith('Typed in the editor'));
  assert.equal(await page.textContent('#spec-error'), '');
  spec.data.promoters = -3;
  await page.fill('#spec-text', JSON.stringify(spec));
  await page.waitForFunction(() => document.getElementById('spec-error').textContent !== '');
  assert.equal(await page.textContent('#spec-error'), 'data.promoters: expected a non-negative number, got -3');
  assert.equal(await page.getAttribute('#spec-text', 'aria-invalid'), 'true');
  await page.fill('#spec-text', '{"type":"kpi","data":{"value":480},"title":"Fixed"}');
  await page.waitForFunction(() => document.getElementById('spec-error').textContent === '');
  assert.match(await page.getAttribute('#preview', 'aria-label'), /^Fixed\. 480/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('width and theme controls redraw every chart', async () => {
  const { page } = await open(env, '/', { width: 1200 });
  await page.waitForSelector('body[data-ready=true]');
  await page.$eval('#width', (el) => { el.value = '400'; el.dispatchEvent(new Event('input')); });
  const widths = await page.$$eval('.card canvas', (l) => l.map((c) => c.getBoundingClientRect().width));
  assert.ok(widths.every((w) => w <= 400 && w > 300), `widths ${widths}`);
  await page.check('input[name=theme][value=dark]');
  // The top-left pixel of every card's chart is the dark background now.
  const corners = await page.$$eval('.card canvas', (l) => l.map((c) => Array.from(c.getContext('2d').getImageData(1, 1, 1, 1).data.slice(0, 3))));
  for (const rgb of corners) assert.deepEqual(rgb, [0x17, 0x17, 0x17]);
  await page.screenshot({ path: new URL('demo-dark-400.png', SHOTS).pathname, fullPage: false });
  await page.close();
});

test('SVG export draws what the canvas draws, for every example', async () => {
  const names = readdirSync(new URL('../../examples/', import.meta.url)).filter((f) => f.endsWith('.json'));
  const { page, errors } = await open(env, '/', { width: 800, dpr: 1 });
  const results = await page.evaluate(async (names) => {
    const { default: init, Chart } = await import('/pkg/statchart.js');
    await init();
    const out = [];
    for (const name of names) {
      const spec = await (await fetch(`/examples/${name}`)).json();
      const canvas = document.createElement('canvas');
      canvas.style.width = '640px';
      document.body.append(canvas);
      const chart = new Chart(canvas, spec, { pixelRatio: 1 });
      const svg = chart.toSvg();
      const img = new Image();
      img.src = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
      await img.decode();
      const copy = document.createElement('canvas');
      [copy.width, copy.height] = [canvas.width, canvas.height];
      copy.getContext('2d').drawImage(img, 0, 0);
      const a = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      const b = copy.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let differ = 0;
      for (let i = 0; i < a.length; i += 4) {
        if (Math.max(Math.abs(a[i] - b[i]), Math.abs(a[i + 1] - b[i + 1]), Math.abs(a[i + 2] - b[i + 2])) > 64) differ++;
      }
      out.push({ name, size: [img.width, img.height], store: [canvas.width, canvas.height], differ: differ / (a.length / 4), valid: new DOMParser().parseFromString(svg, 'image/svg+xml').querySelector('parsererror') === null });
      chart.destroy();
      canvas.remove();
    }
    return out;
  }, names);
  assert.equal(results.length, names.length);
  for (const r of results) {
    assert.ok(r.valid, `${r.name}: the SVG does not parse`);
    assert.deepEqual(r.size, r.store, `${r.name}: SVG size`);
    // Anti-aliased edges differ a little; a missing or misplaced element differs a lot.
    assert.ok(r.differ < 0.01, `${r.name}: ${(100 * r.differ).toFixed(2)}% of pixels differ`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('the editor downloads the chart as SVG and as PNG', async () => {
  const { page, errors } = await open(env, '/', { width: 1200, dpr: 2 });
  await page.waitForSelector('body[data-ready=true]', { timeout: 20000 });
  const saved = {};
  for (const kind of ['svg', 'png']) {
    const [file] = await Promise.all([page.waitForEvent('download'), page.click(`#download-${kind}`)]);
    const path = new URL(`download.${kind}`, SHOTS).pathname;
    await file.saveAs(path);
    saved[kind] = { name: file.suggestedFilename(), bytes: readFileSync(path) };
  }
  const svg = saved.svg.bytes.toString('utf8');
  assert.match(saved.svg.name, /^[\p{L}\p{N}-]+\.svg$/u);
  assert.ok(svg.startsWith('<svg') && svg.includes('<title id="statchart-title">Kartu Prakerja training: Net Promoter Score. Net Promoter Score 33'), svg.slice(0, 300));
  // The PNG is the canvas's backing store: 2 device pixels per CSS pixel here.
  const png = saved.png.bytes;
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  const width = png.readUInt32BE(16);
  const cssWidth = await page.$eval('#preview', (c) => c.getBoundingClientRect().width);
  assert.equal(width, Math.round(cssWidth * 2));
  assert.deepEqual(errors, []);
  await page.close();
});
