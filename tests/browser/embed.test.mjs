// The <stat-chart> element in real headless Chromium: inline and fetched specs,
// live refresh with ETags, a failing feed, resizing without loops, keyboard
// reading, accessibility (axe), hostile host CSS and hostile titles, memory.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { start, open } from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

const SHOTS = new URL('../../out/screenshots/', import.meta.url);
mkdirSync(SHOTS, { recursive: true });

const spec = (promoters, passives, detractors, extra = {}) =>
  JSON.stringify({ type: 'nps', title: 'Feed test', data: { promoters, passives, detractors }, ...extra });

async function putFeed(name, body, status = 200) {
  const r = await fetch(new URL(`/feed/${name}`, env.url), { method: 'PUT', body: JSON.stringify({ status, body }) });
  assert.equal(r.status, 204);
}

async function feedStats(name) {
  return (await fetch(new URL(`/feed-stats/${name}`, env.url))).json();
}

/** A page that has loaded stat-chart.js, with `html` in its body. */
async function pageWith(html, options = {}) {
  const { page, errors } = await open(env, '/frame.html', options);
  await page.evaluate(async (markup) => {
    await customElements.whenDefined('stat-chart');
    document.getElementById('root').innerHTML = markup;
  }, html);
  return { page, errors };
}

const label = (page, sel) => page.$eval(sel, (el) => el.shadowRoot.querySelector('canvas').getAttribute('aria-label') || '');
const waitLabel = (page, sel, re, timeout = 8000) => page.waitForFunction(
  ([s, source]) => new RegExp(source).test(document.querySelector(s)?.shadowRoot.querySelector('canvas').getAttribute('aria-label') || ''),
  [sel, re.source], { timeout });
const painted = (page, sel) => page.$eval(sel, (el) => {
  const c = el.shadowRoot.querySelector('canvas');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  const colours = new Set();
  for (let i = 0; i < d.length; i += 4 * 89) colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
  return colours.size;
});

test('renders from inline JSON and from src, on a page with hostile CSS, at phone and desktop widths', async () => {
  for (const [width, dpr] of [[360, 1], [360, 2], [1200, 1], [1200, 2]]) {
    const { page, errors } = await open(env, '/embed.html', { width, dpr });
    await waitLabel(page, '#inline-gauge', /^Net Promoter Score pelatihan Kartu Prakerja\. Net Promoter Score 33/);
    await waitLabel(page, '#src-kpi', /24%/);
    for (const id of ['#inline-gauge', '#src-kpi', '#percent-height', '#dark-trend']) {
      await waitLabel(page, id, /./);
      assert.ok(await painted(page, id) >= 3, `${id} painted`);
      // The page's `canvas { max-width: 50% }` and `* { font-size: 22px }` do not reach inside.
      const [host, canvas] = await page.$eval(id, (el) => [el.getBoundingClientRect().width, el.shadowRoot.querySelector('canvas').getBoundingClientRect().width]);
      assert.ok(Math.abs(host - canvas) < 1, `${id}: canvas ${canvas} fills host ${host}`);
      const store = await page.$eval(id, (el) => el.shadowRoot.querySelector('canvas').width);
      assert.equal(store, Math.round(canvas * dpr), 'crisp: backing store = CSS width × devicePixelRatio');
    }
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), width, 'nothing overflows the page');
    await page.screenshot({ path: new URL(`embed-${width}@${dpr}.png`, SHOTS).pathname, fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('the refresh timer polls, a reload shows the new figures, and an unchanged feed answers 304', async () => {
  await putFeed('refresh', spec(50, 30, 20));
  const { page, errors } = await pageWith('<stat-chart id="c" src="/feed/refresh" refresh="5"></stat-chart>');
  await waitLabel(page, '#c', /Net Promoter Score 30 ±/);
  // The timer fires once the (clamped) interval has passed, with If-None-Match.
  let stats = await feedStats('refresh');
  for (let i = 0; i < 40 && stats.notModified < 1; i++) {
    await page.waitForTimeout(200);
    stats = await feedStats('refresh');
  }
  assert.ok(stats.times.at(-1) - stats.times.at(-2) >= 4900, `polled after ${stats.times.at(-1) - stats.times.at(-2)} ms: ${JSON.stringify(stats)}`);
  await putFeed('refresh', spec(70, 20, 10));
  await page.evaluate(() => document.querySelector('#c').reload());
  await waitLabel(page, '#c', /Net Promoter Score 60 ±/);
  // The change is announced in the live region.
  await page.waitForFunction(() => /Net Promoter Score 60/.test(document.querySelector('#c').shadowRoot.querySelector('[aria-live]').textContent));
  assert.deepEqual(errors, []);
  await page.close();
});

test('a failed fetch or a bad spec keeps the last good chart, marks it stale and backs off', async () => {
  await putFeed('flaky', spec(50, 30, 20));
  const { page } = await pageWith('<stat-chart id="c" src="/feed/flaky" refresh="5" locale="en-US"></stat-chart>');
  await waitLabel(page, '#c', /Net Promoter Score 30 ±/);
  const before = await page.$eval('#c', (el) => el.shadowRoot.querySelector('canvas').toDataURL());
  await putFeed('flaky', '', 503);
  await page.evaluate(() => document.querySelector('#c').reload());
  const mark = await page.$eval('#c', (el) => el.shadowRoot.querySelector('.stale').textContent);
  assert.match(mark, /^Not updated since \d\d:\d\d/);
  assert.match(await label(page, '#c'), /Net Promoter Score 30 ±/, 'the last good figures stay');
  assert.equal(await page.$eval('#c', (el) => el.shadowRoot.querySelector('canvas').toDataURL()), before, 'the chart is not blanked');
  // Each failure doubles the wait: 5 s, then 10 s, then 20 s.
  const delays = [await page.$eval('#c', (el) => el.nextFetchDelay)];
  for (let i = 0; i < 2; i++) delays.push(await page.evaluate(async () => { const el = document.querySelector('#c'); await el.reload(); return el.nextFetchDelay; }));
  assert.deepEqual(delays.map(Math.round), [5, 10, 20]);
  // A feed that answers with a bad spec is treated the same way.
  await putFeed('flaky', spec(-3, 1, 1));
  await page.evaluate(() => document.querySelector('#c').reload());
  assert.match(await label(page, '#c'), /Net Promoter Score 30 ±/);
  assert.equal(await page.$eval('#c', (el) => el.shadowRoot.querySelector('.stale').hidden), false);
  // Recovery clears the mark.
  await putFeed('flaky', spec(60, 30, 10));
  await page.evaluate(() => document.querySelector('#c').reload());
  await waitLabel(page, '#c', /Net Promoter Score 50 ±/);
  assert.equal(await page.$eval('#c', (el) => el.shadowRoot.querySelector('.stale').hidden), true);
  await page.close();
});

test('a container sized in percent does not start a resize loop', async () => {
  const { page, errors } = await pageWith(`
    <div style="height: 500px"><div id="box" style="height: 50%; overflow: auto">
      <stat-chart id="c" style="height: 100%"><script type="application/json">${spec(5, 3, 2)}</script></stat-chart>
    </div></div>`);
  await waitLabel(page, '#c', /Net Promoter Score/);
  const heights = [];
  for (let i = 0; i < 10; i++) {
    heights.push(await page.$eval('#c', (el) => el.shadowRoot.querySelector('canvas').height));
    await page.waitForTimeout(100);
  }
  assert.equal(new Set(heights).size, 1, `height settles: ${heights}`);
  assert.ok(heights[0] < 1000);
  // A real width change is followed.
  await page.$eval('#box', (el) => { el.style.width = '320px'; });
  await page.waitForFunction(() => document.querySelector('#c').shadowRoot.querySelector('canvas').getBoundingClientRect().width === 320);
  await page.waitForTimeout(200);
  assert.equal(await page.$eval('#c', (el) => el.shadowRoot.querySelector('canvas').width), 320);
  assert.deepEqual(errors.filter((e) => /ResizeObserver/.test(e)), []);
  await page.close();
});

test('the keyboard reaches the chart with a visible focus ring, and the arrow keys announce each value', async () => {
  const { page } = await pageWith(`<button>before</button><stat-chart id="c" view="breakdown"><script type="application/json">${spec(500, 330, 170)}</script></stat-chart>`);
  await waitLabel(page, '#c', /Net Promoter Score 33/);
  await page.focus('button');
  await page.keyboard.press('Tab');
  const outline = await page.$eval('#c', (el) => {
    const c = el.shadowRoot.activeElement;
    return c && c.tagName === 'CANVAS' ? getComputedStyle(c).outlineStyle : 'not focused';
  });
  assert.equal(outline, 'solid', 'a visible focus ring');
  const live = () => page.$eval('#c', (el) => el.shadowRoot.querySelector('[aria-live]').textContent);
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('#c').shadowRoot.querySelector('[aria-live]').textContent !== '');
  assert.equal(await live(), 'Detractors: 17% (170 / 1,000)');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => /^Passives/.test(document.querySelector('#c').shadowRoot.querySelector('[aria-live]').textContent));
  assert.equal(await live(), 'Passives: 33% (330 / 1,000)');
  const tip = await page.$eval('#c', (el) => { const t = el.shadowRoot.querySelector('.tip'); return [t.hidden, t.textContent]; });
  assert.deepEqual(tip, [false, 'Passives: 33% (330 / 1,000)']);
  assert.equal(await page.$eval('#c', (el) => el.shadowRoot.querySelector('.ring').hidden), false);
  await page.close();
});

test('hovering shows the exact value with its interval', async () => {
  const { page } = await pageWith(`<stat-chart id="c"><script type="application/json">${JSON.stringify({ type: 'nps-trend', data: [
    { period: 'Q1', promoters: 180, passives: 120, detractors: 100 },
    { period: 'Q2', promoters: 210, passives: 110, detractors: 90 }] })}</script></stat-chart>`, { width: 800 });
  await waitLabel(page, '#c', /Q1/);
  const marks = await page.$eval('#c', (el) => el.shadowRoot.querySelector('canvas').getBoundingClientRect());
  // Find the first point from the element's own marks and hover it.
  const point = await page.evaluate(() => {
    const el = document.querySelector('#c');
    const canvas = el.shadowRoot.querySelector('canvas');
    canvas.focus();
    canvas.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true }));
    const ring = el.shadowRoot.querySelector('.ring').getBoundingClientRect();
    canvas.blur();
    return { x: ring.left + ring.width / 2, y: ring.top + ring.height / 2 };
  });
  await page.mouse.move(point.x, point.y);
  const tip = await page.$eval('#c', (el) => el.shadowRoot.querySelector('.tip').textContent);
  assert.equal(tip, 'Q1: NPS 20 ± 8 (95% interval 11.9 to 27.8)');
  assert.ok(marks.width > 0);
  await page.close();
});

test('a devicePixelRatio change (browser zoom) redraws crisply, and a tap shows a tooltip', async () => {
  const { page } = await pageWith(`<stat-chart id="c" view="breakdown"><script type="application/json">${spec(500, 330, 170)}</script></stat-chart>`,
    { width: 600, dpr: 1, hasTouch: true });
  await waitLabel(page, '#c', /Net Promoter Score 33/);
  const size = () => page.$eval('#c', (el) => { const c = el.shadowRoot.querySelector('canvas'); return [c.width, c.getBoundingClientRect().width]; });
  const [store, css] = await size();
  assert.equal(store, css);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setDeviceMetricsOverride', { width: 600, height: 900, deviceScaleFactor: 2, mobile: false });
  // Emulation changes the ratio without the resize event that real browser zoom fires; send it.
  await page.evaluate(() => dispatchEvent(new Event('resize')));
  await page.waitForFunction(() => { const c = document.querySelector('#c').shadowRoot.querySelector('canvas'); return c.width === 2 * c.getBoundingClientRect().width; });
  // Tap the promoters' segment: the tooltip names it with its exact share.
  const box = await page.$eval('#c', (el) => { const r = el.shadowRoot.querySelector('canvas').getBoundingClientRect(); return [r.left, r.top, r.width]; });
  const marks = await page.evaluate(() => new Promise((ok) => {
    const el = document.querySelector('#c');
    const c = el.shadowRoot.querySelector('canvas');
    c.focus();
    c.dispatchEvent(new KeyboardEvent('keydown', { key: 'End' }));
    const ring = el.shadowRoot.querySelector('.ring').getBoundingClientRect();
    c.blur();
    ok({ x: ring.left + ring.width / 2, y: ring.top + ring.height / 2 });
  }));
  await page.touchscreen.tap(marks.x, marks.y);
  const tip = await page.$eval('#c', (el) => { const t = el.shadowRoot.querySelector('.tip'); return [t.hidden, t.textContent]; });
  assert.deepEqual(tip, [false, 'Promoters: 50% (500 / 1,000)']);
  assert.ok(box[2] > 0);
  await page.close();
});

test('a title holding markup shows as text and runs nothing', async () => {
  const evil = '<img src=x onerror="window.__pwned=1"> & <script>window.__pwned=2</script>';
  const { page } = await pageWith(`<stat-chart id="c"></stat-chart>`);
  await page.evaluate((title) => document.querySelector('#c').update({ type: 'kpi', title, data: { value: 1 } }), evil);
  await waitLabel(page, '#c', /onerror/);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  const caption = await page.$eval('#c', (el) => el.shadowRoot.querySelector('caption').textContent);
  assert.equal(caption, evil);
  assert.equal(await page.$eval('#c', (el) => el.shadowRoot.querySelectorAll('img, script').length), 0);
  const svg = await page.evaluate(async () => {
    const { Chart, ready } = await import('/pkg/stat-chart.js');
    await ready;
    const c = document.createElement('canvas');
    document.body.append(c);
    return new Chart(c, { type: 'kpi', title: '<img src=x onerror=alert(1)>', data: { value: 1 } }).toSvg();
  });
  assert.ok(!svg.includes('<img') && svg.includes('&lt;img'));
  await page.close();
});

test('updates animate within 400 ms, and not at all under prefers-reduced-motion', async () => {
  for (const motion of ['no-preference', 'reduce']) {
    const { page } = await pageWith(`<stat-chart id="c"><script type="application/json">{"type":"nps","data":{"nps":-60}}</script></stat-chart>`);
    await page.emulateMedia({ reducedMotion: motion });
    await waitLabel(page, '#c', /Net Promoter Score −60/);
    const seen = await page.evaluate(async () => {
      const canvas = document.querySelector('#c').shadowRoot.querySelector('canvas');
      const labels = [];
      const t0 = performance.now();
      let done = 0;
      document.querySelector('#c').update({ type: 'nps', data: { nps: 80 } });
      await new Promise((ok) => {
        const watch = () => {
          labels.push(canvas.getAttribute('aria-label'));
          if (/Score 80 /.test(labels.at(-1)) && !done) done = performance.now() - t0;
          if (performance.now() - t0 > 700) ok(); else requestAnimationFrame(watch);
        };
        requestAnimationFrame(watch);
      });
      return { distinct: [...new Set(labels)].length, done };
    });
    if (motion === 'reduce') {
      assert.equal(seen.distinct, 1, 'jumps straight to the new figure');
    } else {
      assert.ok(seen.distinct >= 4, `the needle swings through ${seen.distinct} states`);
      assert.ok(seen.done <= 500, `finished after ${seen.done} ms`);
    }
    await page.close();
  }
});

test('attributes re-render: locale, view and theme', async () => {
  const { page } = await pageWith(`<stat-chart id="c"><script type="application/json">${spec(500, 330, 170)}</script></stat-chart>`);
  await waitLabel(page, '#c', /Promoters 50%/);
  await page.$eval('#c', (el) => el.setAttribute('locale', 'id-ID'));
  await waitLabel(page, '#c', /Promotor 50%, pasif 33%, detraktor 17%, dari 1\.000 responden/);
  await page.$eval('#c', (el) => el.setAttribute('theme', 'dark'));
  await page.waitForFunction(() => {
    const c = document.querySelector('#c').shadowRoot.querySelector('canvas');
    return Array.from(c.getContext('2d').getImageData(1, 1, 1, 1).data.slice(0, 3)).join() === '23,23,23';
  });
  await page.$eval('#c', (el) => el.setAttribute('view', 'breakdown'));
  await page.waitForFunction(() => document.querySelector('#c').shadowRoot.querySelector('caption') !== null);
  await page.close();
});

test('height from an attribute or an aspect ratio, and theme="auto" follows the reader\'s setting', async () => {
  const { page } = await pageWith(`
    <div style="width: 600px">
      <stat-chart id="ratio" aspect-ratio="2/1"><script type="application/json">${spec(5, 3, 2)}</script></stat-chart>
      <stat-chart id="fixed" height="300"><script type="application/json">${spec(5, 3, 2)}</script></stat-chart>
      <stat-chart id="auto" theme="auto"><script type="application/json">${spec(5, 3, 2)}</script></stat-chart>
    </div>`);
  await page.emulateMedia({ colorScheme: 'dark' });
  for (const id of ['#ratio', '#fixed', '#auto']) await waitLabel(page, id, /Net Promoter Score/);
  const css = (id) => page.$eval(id, (el) => { const r = el.shadowRoot.querySelector('canvas').getBoundingClientRect(); return [r.width, r.height]; });
  assert.deepEqual(await css('#ratio'), [600, 300]);
  assert.equal((await css('#fixed'))[1], 300);
  await page.waitForFunction(() => {
    const c = document.querySelector('#auto').shadowRoot.querySelector('canvas');
    return Array.from(c.getContext('2d').getImageData(1, 1, 1, 1).data.slice(0, 3)).join() === '23,23,23';
  });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForFunction(() => {
    const c = document.querySelector('#auto').shadowRoot.querySelector('canvas');
    return Array.from(c.getContext('2d').getImageData(1, 1, 1, 1).data.slice(0, 3)).join() === '255,255,255';
  });
  await page.close();
});

test('numbers match the browser\'s Intl for en-US and id-ID', async () => {
  const { page } = await pageWith('<stat-chart id="c"></stat-chart>');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  for (const [locale, value] of [['en-US', 24.5], ['id-ID', 24.5], ['en-US', 1234567], ['id-ID', 1234567], ['id-ID', 0.5]]) {
    const [summary, intl] = await page.evaluate(async ([loc, v]) => {
      const el = document.querySelector('#c');
      await el.update({ type: 'kpi', locale: loc, data: { value: v } });
      const s = el.shadowRoot.querySelector('canvas').getAttribute('aria-label');
      return [s, new Intl.NumberFormat(loc, { maximumFractionDigits: 2 }).format(v)];
    }, [locale, value]);
    assert.equal(summary, `${intl}.`, `${locale} ${value}`);
  }
  await page.close();
});

test('axe finds no accessibility violations on the demo and the embed page', async () => {
  for (const path of ['/', '/embed.html']) {
    const { page } = await open(env, path, { width: 1200 });
    if (path === '/') await page.waitForSelector('body[data-ready=true]');
    else await waitLabel(page, '#dark-trend', /./);
    const result = await new AxeBuilder({ page }).analyze();
    const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    assert.deepEqual(summary, [], `${path}`);
    await page.close();
  }
});

test('the iframe embed takes the height of its content', async () => {
  const { page } = await open(env, '/embed.html', { width: 800 });
  const frame = page.frameLocator('#framed');
  await frame.locator('stat-chart').waitFor();
  await page.waitForFunction(() => {
    const f = document.querySelector('#framed');
    const inner = f.contentDocument?.documentElement.scrollHeight || 0;
    return inner > 250 && Math.abs(f.getBoundingClientRect().height - inner) <= 1;
  }, null, { timeout: 10000 });
  await page.close();
});

test('memory stays flat over 10 000 updates', async () => {
  const { page } = await pageWith('<canvas id="raw" style="width: 480px"></canvas><stat-chart id="c"></stat-chart>');
  const result = await page.evaluate(async () => {
    const init = (await import('/pkg/statchart.js')).default;
    const { Chart } = await import('/pkg/statchart.js');
    const wasm = await init();
    const a = { type: 'nps', view: 'breakdown', data: { promoters: 500, passives: 330, detractors: 170 } };
    const b = { type: 'nps', view: 'breakdown', data: { promoters: 520, passives: 300, detractors: 180 } };
    const chart = new Chart(document.querySelector('#raw'), a);
    const el = document.querySelector('#c');
    for (let i = 0; i < 500; i++) chart.update(i % 2 ? a : b);
    const wasmBefore = wasm.memory.buffer.byteLength;
    const t0 = performance.now();
    for (let i = 0; i < 10000; i++) chart.update(i % 2 ? a : b);
    const ms = (performance.now() - t0) / 10000;
    const wasmAfter = wasm.memory.buffer.byteLength;
    return { wasmBefore, wasmAfter, ms };
  });
  assert.ok(result.wasmAfter - result.wasmBefore <= 64 * 1024, `wasm memory grew ${result.wasmAfter - result.wasmBefore} bytes`);
  const cdp = await page.context().newCDPSession(page);
  const heap = async () => { await cdp.send('HeapProfiler.collectGarbage'); return (await cdp.send('Runtime.getHeapUsage')).usedSize; };
  const heapBefore = await heap();
  await page.evaluate(async () => {
    const el = document.querySelector('#c');
    matchMedia('(prefers-reduced-motion: reduce)');
    for (let i = 0; i < 10000; i++) await el.update(JSON.stringify({ type: 'nps', data: { nps: i % 2 ? 30 : 40 } }));
  });
  const heapAfter = await heap();
  assert.ok(heapAfter - heapBefore < 2 * 1024 * 1024, `JS heap grew ${heapAfter - heapBefore} bytes over 10 000 element updates`);
  console.log(`# memory: wasm ${result.wasmBefore} -> ${result.wasmAfter} bytes, JS heap ${heapBefore} -> ${heapAfter}, ${result.ms.toFixed(3)} ms per update`);
  await page.close();
});

test('1,000 charts created, drawn and removed leave nothing alive after GC', async () => {
  const { page } = await pageWith('<div id="host"></div>');
  const cdp = await page.context().newCDPSession(page);
  const gc = async () => { for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage'); };
  const wasmBefore = await page.evaluate(async () => (await (await import('/pkg/statchart.js')).default()).memory.buffer.byteLength);
  await page.evaluate(async () => {
    window.refs = [];
    const host = document.getElementById('host');
    for (let i = 0; i < 1000; i++) {
      const el = document.createElement('stat-chart');
      const json = document.createElement('script');
      json.type = 'application/json';
      json.textContent = JSON.stringify({ type: 'nps', view: 'breakdown', title: `Chart ${i}`, data: { promoters: 500 + i, passives: 330, detractors: 170 } });
      el.append(json);
      const drawn = new Promise((ok) => el.addEventListener('statchart:drawn', ok, { once: true }));
      host.append(el);
      await drawn;
      window.refs.push(new WeakRef(el));
      el.remove();
    }
  });
  await page.waitForTimeout(200);  // let pending animation frames run
  await gc();
  const alive = await page.evaluate(() => window.refs.filter((r) => r.deref()).length);
  const wasmAfter = await page.evaluate(async () => (await (await import('/pkg/statchart.js')).default()).memory.buffer.byteLength);
  console.log(`# lifecycle: ${alive} of 1000 elements alive after GC; wasm memory ${wasmBefore} -> ${wasmAfter} bytes`);
  assert.equal(alive, 0);
  assert.ok(wasmAfter - wasmBefore <= 256 * 1024, `wasm memory grew ${wasmAfter - wasmBefore} bytes`);
  await page.close();
});

test('requests per minute under each kind of feed failure stay bounded (clock sped up 60×)', async () => {
  const SPEED = 60;
  const kinds = {
    healthy: { body: spec(5, 3, 2) },
    'HTTP 500': { status: 500 },
    hanging: { hang: true },
    'stalled body': { body: spec(5, 3, 2), stall: true, size: 4000 },
    'first answer 304': { body: spec(5, 3, 2), always304: true },
    oversized: { body: spec(5, 3, 2), size: 5_000_000 },
    'bad spec': { body: spec(-3, 1, 1) },
    flapping: { body: spec(5, 3, 2), flap: true },
  };
  const names = Object.keys(kinds).map((k, i) => `rate-${i}`);
  await Promise.all(Object.values(kinds).map((settings, i) => fetch(new URL(`/feed/${names[i]}`, env.url), { method: 'PUT', body: JSON.stringify(settings) })));
  const context = await env.browser.newContext({ viewport: { width: 800, height: 900 } });
  // Timers run 60 times faster: one real second is one minute of the chart's life.
  await context.addInitScript((speed) => {
    const set = window.setTimeout.bind(window);
    window.setTimeout = (fn, ms = 0, ...args) => set(fn, ms / speed, ...args);
  }, SPEED);
  const page = await context.newPage();
  await page.goto(new URL('/frame.html', env.url).href);
  await page.evaluate((list) => {
    for (const n of list) {
      const el = document.createElement('stat-chart');
      el.setAttribute('src', `/feed/${n}`);
      el.setAttribute('refresh', '5');
      document.getElementById('root').append(el);
    }
  }, names);
  const t0 = Date.now();
  await page.waitForTimeout(5 * 1000);
  const rows = [];
  for (const [i, kind] of Object.keys(kinds).entries()) {
    const { times } = await feedStats(names[i]);
    const minute = (m) => times.filter((t) => t - t0 >= m * 1000 && t - t0 < (m + 1) * 1000).length;
    rows.push({ kind, first: minute(0), fifth: minute(4), total: times.length });
  }
  console.log('# requests per minute of the chart\'s life (refresh="5", 60× clock): kind | minute 1 | minute 5 | 5 minutes');
  for (const r of rows) console.log(`# ${r.kind} | ${r.first} | ${r.fifth} | ${r.total}`);
  for (const r of rows) {
    assert.ok(r.first <= 13, `${r.kind}: ${r.first} requests in the first minute`);
    if (r.kind !== 'healthy' && r.kind !== 'flapping') assert.ok(r.fifth <= 1, `${r.kind}: ${r.fifth} requests in the fifth minute (backing off)`);
  }
  await context.close();
});

test('without constructable stylesheets the element falls back to a style element, and the table stays hidden', async () => {
  const context = await env.browser.newContext({ viewport: { width: 800, height: 900 } });
  await context.addInitScript(() => { delete ShadowRoot.prototype.adoptedStyleSheets; });
  const page = await context.newPage();
  await page.goto(new URL('/frame.html?src=/examples/illustrative-nps-breakdown.json', env.url).href);
  await waitLabel(page, 'stat-chart', /Net Promoter Score/);
  const seen = await page.$eval('stat-chart', (el) => ({
    styles: el.shadowRoot.querySelectorAll('style').length,
    table: el.shadowRoot.querySelector('.sr').getBoundingClientRect().height,
    rows: el.shadowRoot.querySelectorAll('tr').length,
  }));
  assert.equal(seen.styles, 1);
  assert.ok(seen.table <= 1 && seen.rows >= 3, JSON.stringify(seen));
  await context.close();
});

test('toSvg() stays well-formed XML when a title holds characters XML forbids', async () => {
  const { page } = await pageWith('<canvas id="raw" style="width: 400px"></canvas>');
  const result = await page.evaluate(async () => {
    const { Chart, ready } = await import('/pkg/stat-chart.js');
    await ready;
    const svg = new Chart('#raw', { type: 'kpi', title: 'a\uFFFEb\uFFFFc & <d>', data: { value: 1 } }).toSvg();
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    return { error: doc.querySelector('parsererror')?.textContent ?? '', title: doc.querySelector('title')?.textContent };
  });
  assert.equal(result.error, '');
  assert.equal(result.title.slice(0, 11), 'a\uFFFDb\uFFFDc & <d>');
  await page.close();
});

test('one attribute change parses the spec once and draws once', async () => {
  const context = await env.browser.newContext({ viewport: { width: 800, height: 900 } });
  // Count whole-canvas background fills (one per draw) and JSON.stringify calls (one per
  // spec object handed to the wasm, which parses it).
  await context.addInitScript(() => {
    window.__draws = 0;
    window.__parses = 0;
    const fill = CanvasRenderingContext2D.prototype.fillRect;
    CanvasRenderingContext2D.prototype.fillRect = function (x, y, w, h) {
      if (x === 0 && y === 0 && w === this.canvas.width && h === this.canvas.height) window.__draws += 1;
      return fill.call(this, x, y, w, h);
    };
    const stringify = JSON.stringify;
    JSON.stringify = function (...args) { window.__parses += 1; return stringify.apply(this, args); };
  });
  const page = await context.newPage();
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(new URL('/frame.html', env.url).href);
  await page.evaluate((json) => {
    const el = document.createElement('stat-chart');
    el.id = 'c';
    const s = document.createElement('script');
    s.type = 'application/json';
    s.textContent = json;
    el.append(s);
    document.getElementById('root').append(el);
  }, spec(500, 330, 170));
  await waitLabel(page, '#c', /Net Promoter Score 33/);
  await page.waitForTimeout(300);
  const counts = [];
  for (const [name, value] of [['theme', 'dark'], ['locale', 'id-ID'], ['view', 'breakdown'], ['height', '420']]) {
    await page.evaluate(() => { window.__draws = 0; window.__parses = 0; });
    await page.$eval('#c', (el, [n, v]) => el.setAttribute(n, v), [name, value]);
    await page.waitForTimeout(100);
    counts.push([name, ...(await page.evaluate(() => [window.__draws, window.__parses]))]);
  }
  assert.deepEqual(counts, [['theme', 1, 1], ['locale', 1, 1], ['view', 1, 1], ['height', 1, 1]]);
  await context.close();
});
