// An article whose charts are `statchart embed` snippets (scripts/embed-article.mjs),
// in real headless Chromium: without JavaScript every chart and its text is there;
// with JavaScript (under the strict policy) the live charts take over without moving
// the page (layout-shift entries summed, at 360 and 1200 px, devicePixelRatio 1 and
// 2); where the wasm cannot run the static charts stay; printed to PDF, the charts
// are vector text that pdftotext finds. Screenshots go to out/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { start } from './browser.mjs';
import { buildArticle, HOSTILE } from '../../scripts/embed-article.mjs';

const OUT = new URL('../../out/', import.meta.url);
const SHOTS = new URL('screenshots/', OUT);
mkdirSync(SHOTS, { recursive: true });

/** The article's figures: id, example, the title each chart must show, and a figure from its data. */
const example = (name) => JSON.parse(readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), 'utf8'));
const FIGURES = [
  ['gauge', 'prakerja-nps-gauge-en', '33'],
  ['feed', 'prakerja-employment-kpi-en', '24%'],
  ['trend', 'illustrative-nps-trend', '47.6'],
  ['breakdown', 'illustrative-employment-breakdown', '30%'],
  ['dark', 'illustrative-kpi-dark', '1,284'],
  ['hostile', HOSTILE, '6'],
  ['image', 'prakerja-nps-gauge', '33'],
].map(([id, name, figure]) => ({ id, title: (typeof name === 'string' ? example(name) : name).title, figure }));
/** The --image chart scales with the width like any <img>; its live chart takes the height
 * it needs where the scaled image is too short for it (at 360 px), so it is left out of the
 * bound, and last in the article: it moves only the closing paragraph. */
const SVG_FIGURES = FIGURES.filter((f) => f.id !== 'image');
const MAX_SHIFT = 0.01;

let env, path;
before(async () => {
  path = buildArticle();
  env = await start();
});
after(async () => { await env?.stop(); });

/** A page of the article in a fresh context; `js` false disables JavaScript. */
async function load({ width, dpr = 1, js = true, csp = 'strict', hash = '' }) {
  const context = await env.browser.newContext({ viewport: { width, height: 800 }, deviceScaleFactor: dpr, javaScriptEnabled: js });
  const page = await context.newPage();
  page.on('close', () => context.close().catch(() => {}));
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  // Registered before the page's own scripts: every layout shift and every chart event.
  await page.addInitScript(() => {
    window.statchartShifts = [];
    window.statchartEvents = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.statchartShifts.push({ value: e.value, time: e.startTime });
    }).observe({ type: 'layout-shift', buffered: true });
    for (const type of ['statchart:drawn', 'statchart:error']) {
      document.addEventListener(type, (e) => window.statchartEvents.push({ type, id: e.target.closest('figure')?.id, ...e.detail }), true);
    }
  });
  await page.goto(new URL(`${path}?csp=${csp}${hash}`, env.url).href);
  return { page, errors };
}

/** Per chart: its box, and what its static rendering shows (without JavaScript, the light DOM). */
const staticCharts = (page) => page.$$eval('stat-chart', (list) => list.map((el) => {
  const still = el.querySelector(':scope > .statchart-static');
  const r = still.getBoundingClientRect();
  const at = document.elementFromPoint(r.left + r.width / 2, Math.min(r.top + r.height / 3, innerHeight - 1));
  return {
    id: el.closest('figure').id,
    host: el.getBoundingClientRect().height,
    box: [r.left, r.right, r.width, r.height],
    visible: r.top >= innerHeight || r.bottom <= 0 || still.contains(at) || still === at,
    kind: still.localName,
    text: still.localName === 'img' ? still.alt : still.textContent,
    table: el.querySelector(':scope > details table')?.textContent ?? '',
    summary: el.querySelector(':scope > details p')?.textContent ?? '',
  };
}));

for (const width of [360, 1200]) {
  test(`without JavaScript at ${width} px: every chart, its title, figures, summary and table`, async () => {
    const { page, errors } = await load({ width, js: false });
    const charts = await staticCharts(page);
    assert.deepEqual(charts.map((c) => c.id), FIGURES.map((f) => f.id));
    for (const [i, c] of charts.entries()) {
      const { title, figure } = FIGURES[i];
      assert.ok(c.box[2] > 200 && c.box[3] > 150, `${c.id}: a chart-sized box ${c.box}`);
      assert.ok(c.box[0] >= 0 && c.box[1] <= width, `${c.id}: inside the page ${c.box}`);
      if (c.kind === 'svg') {
        // The chart's own text: title and figures, as SVG text.
        for (const word of title.split(' ').slice(0, 4)) assert.ok(c.text.includes(word), `${c.id}: ${word} in ${c.text.slice(0, 200)}`);
        assert.ok(c.text.includes(figure), `${c.id}: ${figure} drawn`);
      } else {
        assert.ok(c.text.startsWith(title), `${c.id}: alt text ${c.text}`);
      }
      assert.ok(c.table.includes(title), `${c.id}: the table's caption is the title`);
      assert.ok(c.table.includes(figure.replace(',', '')) || c.table.includes(figure), `${c.id}: ${figure} in the table ${c.table}`);
      assert.ok(c.summary.startsWith(title), `${c.id}: summary ${c.summary}`);
    }
    // Scrolled into view one by one, each static chart is what the reader sees there.
    for (const f of FIGURES) {
      await page.$eval(`#${f.id}`, (el) => el.scrollIntoView());
      const c = (await staticCharts(page)).find((x) => x.id === f.id);
      assert.ok(c.visible, `${f.id}: the static chart is on top at its place`);
    }
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), width, 'nothing overflows the page');
    assert.equal(await page.$$eval('.injected, stat-chart b, stat-chart a', (l) => l.length), 0, 'no markup from a spec');
    await page.evaluate(() => scrollTo(0, 0));
    await page.screenshot({ path: new URL(`article-nojs-${width}.png`, SHOTS).pathname, fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  });
}

/** Waits until every chart is live: drawn, its static chart hidden. */
const allLive = (page) => page.waitForFunction(() => [...document.querySelectorAll('stat-chart')].every((el) => {
  const canvas = el.shadowRoot?.querySelector('canvas');
  return canvas && !canvas.hidden && canvas.getAttribute('aria-label') && el.shadowRoot.querySelector('.static').hidden;
}), null, { timeout: 20000 });

/** The sum of the layout shifts so far, once two more frames have been drawn. */
const shifts = (page) => page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => {
  ok(window.statchartShifts.reduce((sum, e) => sum + e.value, 0));
}, 300)))));

const figures = {};
for (const [width, dpr] of [[360, 1], [360, 2], [1200, 1], [1200, 2]]) {
  test(`with JavaScript at ${width} px, devicePixelRatio ${dpr}: the live charts take over, layout shift ≤ ${MAX_SHIFT}`, async () => {
    // The page as laid out without JavaScript: the boxes the live charts must keep.
    const { page: still } = await load({ width, dpr, js: false });
    const boxes = Object.fromEntries((await staticCharts(still)).map((c) => [c.id, c.host]));
    await still.close();

    // Loaded at the top, and scrolled to each chart (the shift score counts what is in view).
    const sums = {};
    for (const hash of ['', ...SVG_FIGURES.map((f) => `#${f.id}`)]) {
      const { page, errors } = await load({ width, dpr, hash });
      await allLive(page);
      sums[hash || 'top'] = await shifts(page);
      const live = await page.$$eval('stat-chart', (list) => list.map((el) => {
        const c = el.shadowRoot.querySelector('canvas');
        return { id: el.closest('figure').id, host: el.getBoundingClientRect().height, css: c.getBoundingClientRect().width, store: c.width };
      }));
      for (const c of live) {
        if (c.id !== 'image') assert.ok(Math.abs(c.host - boxes[c.id]) < 0.5, `${c.id}: ${boxes[c.id]} px static, ${c.host} px live`);
        assert.equal(c.store, Math.round(c.css * dpr), `${c.id}: crisp backing store`);
      }
      const events = await page.evaluate(() => window.statchartEvents);
      assert.deepEqual(events.filter((e) => e.type === 'statchart:error'), []);
      assert.deepEqual(errors, []);
      if (!hash && dpr === 1) await page.screenshot({ path: new URL(`article-live-${width}.png`, SHOTS).pathname, fullPage: true });
      await page.close();
    }
    figures[`${width}@${dpr}`] = sums;
    console.log(`layout shift at ${width} px, devicePixelRatio ${dpr}: ${JSON.stringify(sums)}`);
    for (const [where, sum] of Object.entries(sums)) assert.ok(sum <= MAX_SHIFT, `${where}: layout shift ${sum}`);
  });
}

test('the live chart keeps the static box until the width changes, then takes its own height', async () => {
  const { page, errors } = await load({ width: 1200 });
  await allLive(page);
  const height = (sel) => page.$eval(sel, (el) => el.shadowRoot.querySelector('canvas').getBoundingClientRect().height);
  const held = await height('#trend stat-chart');
  // A chart of the same spec with no static chart, beside it: the height the chart takes.
  await page.$eval('#trend', (figure) => {
    const twin = document.createElement('stat-chart');
    twin.id = 'twin';
    twin.spec = JSON.parse(figure.querySelector('script').textContent);
    figure.append(twin);
  });
  await page.waitForFunction(() => document.getElementById('twin').shadowRoot.querySelector('canvas').getAttribute('aria-label'));
  assert.notEqual(held, await height('#twin'), 'the static box differs from the natural height at 1200 px');
  await page.setViewportSize({ width: 1000, height: 800 });
  await page.waitForFunction(() => {
    const h = (id) => document.querySelector(id).shadowRoot.querySelector('canvas').getBoundingClientRect().height;
    return h('#twin') === h('#trend stat-chart');
  }, null, { timeout: 5000 });
  // The column charts kept their width, and their box.
  assert.ok(Math.abs(await height('#gauge stat-chart') - (await page.$eval('#gauge stat-chart', (el) => el.getBoundingClientRect().height))) < 0.5);
  assert.deepEqual(errors, []);
  await page.close();
});

test('text that looks like HTML is drawn and read as text', async () => {
  const { page } = await load({ width: 360 });
  await allLive(page);
  const label = await page.$eval('#hostile stat-chart', (el) => el.shadowRoot.querySelector('canvas').getAttribute('aria-label'));
  assert.ok(label.startsWith(HOSTILE.title), label);
  assert.equal(await page.$$eval('.injected', (l) => l.length), 0);
  await page.close();
});

test('where the wasm cannot run, the static charts stay and the page author is told', async () => {
  const { page, errors } = await load({ width: 360, csp: 'no-wasm' });
  await page.waitForFunction(() => window.statchartEvents.filter((e) => e.type === 'statchart:error').length === document.querySelectorAll('stat-chart').length, null, { timeout: 20000 });
  const events = await page.evaluate(() => window.statchartEvents);
  assert.ok(events.every((e) => e.type === 'statchart:error' && e.source === 'wasm'), JSON.stringify(events));
  const states = await page.$$eval('stat-chart', (list) => list.map((el) => ({
    static: !el.shadowRoot.querySelector('.static').hidden && el.querySelector(':scope > .statchart-static').getBoundingClientRect().height > 150,
    error: !el.shadowRoot.querySelector('.error').hidden,
  })));
  assert.ok(states.every((s) => s.static && !s.error), JSON.stringify(states));
  // (The policy also blocks the --image chart's data: URL, which the browser reports.)
  const ours = errors.filter((e) => /statchart/.test(e));
  assert.equal(ours.length, 1, `one console message for the page: ${ours}`);
  assert.match(ours[0], /'wasm-unsafe-eval'/, 'it tells the page author what to do');
  await page.close();
});

test('printed to PDF, every chart is vector text, light, at the printed width', async () => {
  const { page, errors } = await load({ width: 1200 });
  await allLive(page);
  await page.emulateMedia({ media: 'print' });
  // On paper the static SVG shows, not the canvas; the dark chart prints its light copy.
  const printed = await page.$$eval('stat-chart', (list) => list.map((el) => {
    const shown = (sel) => { const x = el.querySelector(sel); return x ? getComputedStyle(x).display !== 'none' && x.getBoundingClientRect().height > 0 : null; };
    return {
      id: el.closest('figure').id,
      canvas: el.shadowRoot.querySelector('canvas').getBoundingClientRect().height > 0,
      static: shown(':scope > .statchart-static'),
      print: shown(':scope > .statchart-print'),
      width: (el.querySelector(':scope > .statchart-print') ?? el.querySelector(':scope > .statchart-static')).getBoundingClientRect().width,
      host: el.getBoundingClientRect().width,
    };
  }));
  for (const p of printed) {
    assert.equal(p.canvas, false, `${p.id}: no bitmap on paper`);
    if (p.id === 'dark') assert.deepEqual([p.static, p.print], [false, true], 'the dark chart prints light');
    else assert.deepEqual([p.static, p.print], [true, null], p.id);
    assert.ok(Math.abs(p.width - p.host) < 1, `${p.id}: the chart fills the printed width (${p.width} of ${p.host})`);
  }
  // Back to no emulation: page.pdf() prints with print media, as a reader's browser does.
  await page.emulateMedia({ media: null });
  const pdf = new URL('article.pdf', OUT).pathname;
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  const flat = text.replace(/\s+/g, ' ');
  const found = [];
  for (const f of FIGURES.filter((x) => x.id !== 'image')) {
    assert.ok(flat.includes(f.title), `${f.id}: title "${f.title}" in the PDF's text`);
    assert.ok(flat.includes(f.figure), `${f.id}: ${f.figure} in the PDF's text`);
    found.push(`${f.title} / ${f.figure}`);
  }
  console.log(`pdftotext ${pdf}: found ${found.join('; ')}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a dark live chart with no static SVG in its place prints light, and is dark again after', async () => {
  const spec = { ...example('illustrative-kpi-dark'), title: 'Printed from the feed' };
  const put = await fetch(new URL('/feed/print-dark', env.url), { method: 'PUT', body: JSON.stringify({ status: 200, body: JSON.stringify(spec) }) });
  assert.equal(put.status, 204);
  const context = await env.browser.newContext({ viewport: { width: 600, height: 800 } });
  const page = await context.newPage();
  await page.goto(new URL('/frame.html', env.url).href);
  await page.evaluate(async () => {
    await customElements.whenDefined('stat-chart');
    const el = document.createElement('stat-chart');
    el.src = '/feed/print-dark';
    document.getElementById('root').append(el);
  });
  await page.waitForFunction(() => document.querySelector('stat-chart')?.shadowRoot.querySelector('canvas').getAttribute('aria-label'));
  const corner = () => page.$eval('stat-chart', (el) => [...el.shadowRoot.querySelector('canvas').getContext('2d').getImageData(1, 1, 1, 1).data.slice(0, 3)]);
  const screen = await corner();
  assert.ok(Math.max(...screen) < 64, `dark on screen: ${screen}`);
  await page.emulateMedia({ media: 'print' });
  await page.waitForFunction(() => document.querySelector('stat-chart').shadowRoot.querySelector('canvas').getContext('2d').getImageData(1, 1, 1, 1).data[0] > 200);
  assert.ok(Math.min(...await corner()) > 200, 'light on paper');
  await page.emulateMedia({ media: 'screen' });
  await page.waitForFunction(() => document.querySelector('stat-chart').shadowRoot.querySelector('canvas').getContext('2d').getImageData(1, 1, 1, 1).data[0] < 64);
  assert.deepEqual(await corner(), screen, 'dark again after printing');
  await context.close();
});
