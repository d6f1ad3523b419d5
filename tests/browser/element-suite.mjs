// <stat-chart> in a page we do not control, the same tests in every engine
// (element.<engine>.test.mjs runs them in one): feeds that hang, stall, lie, flood
// or answer out of order, counted on the server's side; lifecycle moves; strict
// Content-Security-Policy and Trusted Types sent as real headers; the wasm missing
// or blocked; input limits before wasm memory; the JS API's own errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { serve } from '../../scripts/serve.mjs';
import { embed } from '../../scripts/embed-article.mjs';
import { launch } from './engines.mjs';

const SHOTS = new URL('../../out/screenshots/', import.meta.url);
mkdirSync(SHOTS, { recursive: true });

const nps = (promoters, passives, detractors) =>
  JSON.stringify({ type: 'nps', title: 'Feed test', data: { promoters, passives, detractors } });

export function suite(engine) {
  let server, base, browser;
  before(async () => {
    ({ server, url: base } = await serve({ port: 0, quiet: true }));
    browser = await launch(engine);
    console.log(`# ${engine} ${browser.version}`);
  });
  after(async () => {
    await browser?.stop();
    server?.closeAllConnections();
    await new Promise((ok) => server?.close(ok));
  });

  let feedCount = 0;
  /** A fresh feed on the test server, answering as `settings` say. */
  async function feed(settings) {
    const name = `${engine}-${++feedCount}`;
    await setFeed(name, settings);
    return name;
  }
  async function setFeed(name, settings) {
    const r = await fetch(new URL(`/feed/${name}`, base), { method: 'PUT', body: JSON.stringify(settings) });
    assert.equal(r.status, 204);
  }
  const stats = async (name) => (await fetch(new URL(`/feed-stats/${name}`, base))).json();
  const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

  /** test.html, with stat-chart.js loaded and the helpers of www/test-helpers.js. */
  async function page(path = 'test.html', options) {
    const p = await browser.open(new URL(path, base).href, options);
    await p.waitFor(() => customElements.get('stat-chart') && window.T);
    return p;
  }
  /** What the page must not have seen: uncaught errors, unhandled rejections, policy violations. */
  async function clean(p) {
    const seen = await p.evaluate(() => window.__seen);
    assert.deepEqual([...seen.errors, ...seen.rejections, ...seen.violations, ...(p.errors || [])], []);
  }

  test(`${engine}: draws inline and fetched charts on a hostile page, crisp at a phone's and a desktop's width`, async () => {
    // Firefox takes its pixel ratio from a preference: a second browser runs at 2.
    const hidpi = engine === 'firefox' ? await launch(engine, { dpr: 2 }) : null;
    const runs = [[browser, 360, 1], [browser, 1200, 1], [hidpi || browser, 360, 2], [hidpi || browser, 1200, 2]];
    for (const [b, width, dpr] of runs) {
      if (engine === 'webkit' && dpr === 2) continue;  // WebKitGTK's driver has no pixel-ratio setting
      const p = await b.open(new URL('embed.html', base).href, { width, dpr });
      for (const id of ['inline-gauge', 'src-kpi', 'percent-height', 'dark-trend']) {
        await p.waitFor((i) => {
          const c = document.getElementById(i)?.shadowRoot.querySelector('canvas');
          return c && c.getAttribute('aria-label') && c.width > 0;
        }, id, 10000);
        const [host, css, store, ratio] = await p.evaluate((i) => {
          const el = document.getElementById(i);
          const c = el.shadowRoot.querySelector('canvas');
          return [el.getBoundingClientRect().width, c.getBoundingClientRect().width, c.width, devicePixelRatio];
        }, id);
        assert.ok(Math.abs(host - css) < 1, `${id}: canvas ${css} fills host ${host}`);
        assert.equal(ratio, dpr);
        assert.equal(store, Math.round(css * ratio), `${id}: backing store = CSS width × devicePixelRatio`);
      }
      await p.screenshot(new URL(`${engine}-embed-${width}@${dpr}.png`, SHOTS).pathname);
      await p.close();
    }
    await hidpi?.stop();
  });

  test(`${engine}: a refresh interval out of bounds is clamped and said once; nothing floods the feed`, async () => {
    const names = await Promise.all([0, 1, 2, 3].map(() => feed({ body: nps(5, 3, 2) })));
    const p = await page();
    await p.evaluate((n) => {
      T.chart({ id: 'huge', attrs: { src: `/feed/${n[0]}`, refresh: '3000000' } });
      T.chart({ id: 'inf', attrs: { src: `/feed/${n[1]}`, refresh: 'Infinity' } });
      T.chart({ id: 'tiny', attrs: { src: `/feed/${n[2]}`, refresh: '0.001' } });
      T.chart({ id: 'neg', attrs: { src: `/feed/${n[3]}`, refresh: '-1' } });
    }, names);
    await p.waitFor(() => ['huge', 'inf', 'tiny', 'neg'].every((id) => T.label(id)));
    await sleep(2500);
    for (const n of names) assert.equal((await stats(n)).hits, 1, `one request in 2.5 s for ${n}`);
    const seen = await p.evaluate(() => ({
      refresh: ['huge', 'inf', 'tiny', 'neg'].map((id) => document.getElementById(id).refresh),
      delay: document.getElementById('huge').nextFetchDelay,
      warnings: T.events('statchart:warning').map((e) => `${e.id}: ${e.detail.message}`),
    }));
    assert.deepEqual(seen.refresh, [86400, 0, 5, 0]);
    assert.ok(seen.delay > 86000 && seen.delay <= 86400, `next fetch in ${seen.delay} s`);
    assert.deepEqual(seen.warnings.sort(), [
      'huge: refresh="3000000" is outside 5…86400 seconds; 86400 is used',
      'inf: refresh="Infinity" is not a number of seconds; the chart will not refresh',
      'neg: refresh="-1" is not a number of seconds; the chart will not refresh',
      'tiny: refresh="0.001" is outside 5…86400 seconds; 5 is used',
    ]);
    await clean(p);
    await p.close();
  });

  test(`${engine}: a feed that hangs or stalls times out, marks the chart stale, and is retried later`, async () => {
    const name = await feed({ body: nps(50, 30, 20) });
    const p = await page();
    await p.evaluate((n) => T.chart({ id: 'c', attrs: { src: `/feed/${n}`, timeout: '1', locale: 'en-US' } }), name);
    await p.waitFor(() => /Net Promoter Score 30 ±/.test(T.label('c')));
    for (const how of [{ hang: true }, { stall: true, size: 5000 }]) {
      await setFeed(name, { body: nps(60, 30, 10), ...how });
      const took = await p.evaluate(async () => {
        const t0 = performance.now();
        await document.getElementById('c').reload();
        return performance.now() - t0;
      });
      assert.ok(took >= 900 && took < 3000, `${JSON.stringify(how)}: reload() settled after ${took} ms`);
      const state = await p.evaluate(() => ({
        stale: T.stale('c'), label: T.label('c'), delay: document.getElementById('c').nextFetchDelay,
        error: T.events('statchart:error', 'c').at(-1)?.detail.message,
      }));
      assert.match(state.stale, /^Not updated since \d\d:\d\d/);
      assert.match(state.label, /Net Promoter Score 30 ±/, 'the last good figures stay');
      assert.equal(state.error, 'the feed did not answer within 1 s');
      assert.ok(state.delay >= 4, `retried in ${state.delay} s`);
    }
    // It recovers.
    await setFeed(name, { body: nps(60, 30, 10) });
    await p.evaluate(() => document.getElementById('c').reload());
    await p.waitFor(() => /Net Promoter Score 50 ±/.test(T.label('c')) && !T.stale('c'));
    await clean(p);
    await p.close();
  });

  test(`${engine}: a newer src supersedes a slower one, and reload() joins the request in flight`, async () => {
    const slow = await feed({ body: nps(10, 10, 80), delay: 1500 });
    const fast = await feed({ body: nps(80, 10, 10) });
    const p = await page();
    await p.evaluate((n) => T.chart({ id: 'c', attrs: { src: `/feed/${n}` } }), slow);
    await sleep(200);
    await p.evaluate((n) => document.getElementById('c').setAttribute('src', `/feed/${n}`), fast);
    await p.waitFor(() => /Net Promoter Score 70 ±/.test(T.label('c')));
    await sleep(2000);
    assert.match(await p.evaluate(() => T.label('c')), /Net Promoter Score 70 ±/, 'the older answer never draws');
    assert.equal((await stats(slow)).inFlight, 0, 'the superseded request was aborted');
    // Twenty reloads during one slow request: one request.
    await setFeed(slow, { body: nps(20, 20, 60), delay: 1000 });
    await p.evaluate((n) => document.getElementById('c').setAttribute('src', `/feed/${n}`), slow);
    await sleep(100);
    await p.evaluate(() => Promise.all(Array.from({ length: 20 }, () => document.getElementById('c').reload())));
    const s = await stats(slow);
    assert.equal(s.hits, 2, `requests: ${s.hits}`);
    assert.equal(s.maxInFlight, 1);
    await p.waitFor(() => /Net Promoter Score −40 ±/.test(T.label('c')));
    await clean(p);
    await p.close();
  });

  test(`${engine}: a hundred charts polling one URL share one request per tick`, async () => {
    const name = await feed({ body: nps(5, 3, 2) });
    const p = await page();
    await p.evaluate((n) => {
      for (let i = 0; i < 100; i++) T.chart({ id: `c${i}`, attrs: { src: `/feed/${n}`, refresh: '60' } });
    }, name);
    await p.waitFor(() => Array.from({ length: 100 }, (_, i) => T.label(`c${i}`)).every(Boolean), null, 20000);
    assert.equal((await stats(name)).hits, 1);
    await p.evaluate(() => document.getElementById('c7').reload());
    assert.equal((await stats(name)).hits, 2);
    await clean(p);
    await p.close();
  });

  test(`${engine}: a moved chart draws again at once, without the network`, async () => {
    const name = await feed({ body: nps(50, 30, 20) });
    const p = await page();
    await p.evaluate((n) => {
      T.chart({ id: 'fed', attrs: { src: `/feed/${n}` } });
      T.chart({ id: 'set' });
      const other = document.createElement('section');
      other.id = 'other';
      document.body.append(other);
    }, name);
    await p.evaluate(() => document.getElementById('set').update({ type: 'kpi', title: 'Set by update()', data: { value: 480, suffix: '+' } }));
    await p.waitFor(() => T.label('fed') && T.label('set'));
    await setFeed(name, { body: nps(50, 30, 20), hang: true });  // the network would never answer now
    const after = await p.evaluate(async () => {
      const other = document.getElementById('other');
      other.append(document.getElementById('fed'), document.getElementById('set'));
      await T.sleep(50);
      return { fed: [T.label('fed'), T.painted('fed')], set: [T.label('set'), T.painted('set')] };
    });
    assert.match(after.fed[0], /Net Promoter Score 30 ±/);
    assert.match(after.set[0], /^Set by update\(\)\. 480\+/);
    assert.ok(after.fed[1] >= 3 && after.set[1] >= 3, `painted: ${after.fed[1]}, ${after.set[1]}`);
    await clean(p);
    await p.close();
  });

  test(`${engine}: a 304 with no chart to keep is an error, and bodies that are not specs say so`, async () => {
    const lying = await feed({ body: nps(5, 3, 2), always304: true });
    const bodies = await Promise.all(['null', '"text"', '[1,2,3]', '{"type":"nps","data":{"promoters":-3,"passives":1,"detractors":1}}']
      .map((body) => feed({ body })));
    const p = await page();
    await p.evaluate(([l, b]) => {
      T.chart({ id: 'lying', attrs: { src: `/feed/${l}` } });
      b.forEach((n, i) => T.chart({ id: `b${i}`, attrs: { src: `/feed/${n}` } }));
    }, [lying, bodies]);
    await p.waitFor(() => ['lying', 'b0', 'b1', 'b2', 'b3'].every((id) => T.error(id)));
    const seen = await p.evaluate(() => ({
      errors: ['lying', 'b0', 'b1', 'b2', 'b3'].map((id) => T.error(id)),
      events: T.events('statchart:error').map((e) => e.id),
      delay: document.getElementById('lying').nextFetchDelay,
    }));
    assert.deepEqual(seen.errors, [
      'Chart not drawn: the feed answered 304 Not Modified, but there is no chart to keep',
      'Chart not drawn: expected a spec object, got null',
      'Chart not drawn: expected a spec object, got a string',
      'Chart not drawn: expected a spec object, got an array',
      'Chart not drawn: data.promoters: expected a non-negative number, got -3',
    ]);
    assert.deepEqual([...new Set(seen.events)].sort(), ['b0', 'b1', 'b2', 'b3', 'lying']);
    assert.ok(seen.delay > 0, 'a failing feed is retried');
    await clean(p);
    await p.close();
  });

  test(`${engine}: a bad locale or aspect ratio never throws from a callback, and refreshing goes on`, async () => {
    const name = await feed({ body: nps(50, 30, 20) });
    const p = await page();
    await p.evaluate((n) => {
      const box = document.createElement('div');
      box.id = 'box';
      box.style.width = '400px';
      document.getElementById('root').append(box);
      T.chart({ id: 'c', attrs: { src: `/feed/${n}`, refresh: '5' } });
      T.chart({ id: 'tall', attrs: { 'aspect-ratio': '1/5' }, inline: { type: 'kpi', data: { value: 1 } }, parent: box });
    }, name);
    await p.waitFor(() => T.label('c') && T.label('tall'));
    await p.evaluate(() => document.getElementById('c').setAttribute('locale', 'not a locale!'));
    await setFeed(name, { status: 500 });
    await p.evaluate(() => document.getElementById('c').reload());
    await p.evaluate(() => { document.getElementById('box').style.width = '1500px'; });
    await p.waitFor(() => T.part('tall', 'canvas').getBoundingClientRect().height === 4096);
    const seen = await p.evaluate(() => ({
      stale: T.stale('c'), delay: document.getElementById('c').nextFetchDelay,
      height: T.part('tall', 'canvas').getBoundingClientRect().height,
    }));
    assert.match(seen.stale, /^Not updated since \d\d:\d\d/);
    assert.ok(seen.delay > 0, 'refreshing goes on');
    assert.equal(seen.height, 4096, 'the aspect ratio is held within the height limit');
    await p.evaluate(() => document.getElementById('c').removeAttribute('locale'));
    await setFeed(name, { body: nps(70, 20, 10) });
    await p.evaluate(() => document.getElementById('c').reload());
    await p.waitFor(() => /Net Promoter Score 60 ±/.test(T.label('c')) && !T.stale('c'));
    await clean(p);
    await p.close();
  });

  test(`${engine}: oversized answers and strings are refused before they reach wasm memory`, async () => {
    const big = await feed({ body: nps(5, 3, 2), size: 10_000_000 });
    const chunked = await feed({ body: nps(5, 3, 2), size: 3_000_000, chunked: true });
    const p = await page();
    const before = await p.evaluate(() => T.wasmBytes());
    await p.evaluate(([a, b]) => {
      T.chart({ id: 'big', attrs: { src: `/feed/${a}` } });
      T.chart({ id: 'chunked', attrs: { src: `/feed/${b}` } });
    }, [big, chunked]);
    await p.waitFor(() => T.error('big') && T.error('chunked'), null, 15000);
    const seen = await p.evaluate(async () => {
      const { check } = await T.api();
      const errors = [T.error('big'), T.error('chunked')];
      const said = [];
      for (const text of ['€'.repeat(2 ** 27), '€'.repeat(400000)]) {
        try { check(text); } catch (e) { said.push(e.message); }
        try { await document.getElementById('big').update(text); } catch (e) { said.push(e.message); }
      }
      return { said, errors, bytes: await T.wasmBytes() };
    });
    assert.deepEqual(seen.errors, [
      'Chart not drawn: the feed sent more than the limit of 1000000 bytes',
      'Chart not drawn: the feed sent more than the limit of 1000000 bytes',
    ]);
    assert.deepEqual(seen.said, Array(4).fill('spec is larger than the limit of 1000000 bytes'));
    assert.ok(seen.bytes - before <= 1 << 20, `wasm memory ${before} -> ${seen.bytes} bytes`);
    console.log(`# ${engine}: wasm memory ${before} -> ${seen.bytes} bytes after a 10 MB feed and a 384 MiB string`);
    await clean(p);
    await p.close();
  });

  test(`${engine}: an answer to a removed chart never draws, and a bad inline spec fires statchart:error`, async () => {
    const slow = await feed({ body: nps(5, 3, 2), delay: 800 });
    const p = await page();
    await p.evaluate((n) => {
      const el = T.chart({ id: 'gone', attrs: { src: `/feed/${n}` } });
      setTimeout(() => el.remove(), 100);
      T.chart({ id: 'bad', inline: '{"type":"nps","data":{"promoters":1,"passives":1}}' });
    }, slow);
    await sleep(1500);
    const seen = await p.evaluate(() => ({
      drawn: T.events('statchart:drawn', 'gone').length,
      bad: T.events('statchart:error', 'bad').map((e) => e.detail.message),
      box: T.error('bad'),
    }));
    assert.equal(seen.drawn, 0);
    assert.deepEqual(seen.bad, ['data.detractors: required field is missing']);
    assert.equal(seen.box, 'Chart not drawn: data.detractors: required field is missing');
    assert.equal((await stats(slow)).inFlight, 0);
    await clean(p);
    await p.close();
  });

  test(`${engine}: the JS API says what happened before init() and after destroy(), and nothing loads the wasm until a chart needs it`, async () => {
    const p = await page();
    const seen = await p.evaluate(async () => {
      const wasmRequests = () => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm')).length;
      const said = [];
      const api = await T.api();
      const canvas = document.createElement('canvas');
      document.body.append(canvas);
      const before = wasmRequests();
      try { new api.Chart(canvas, { type: 'kpi', data: { value: 1 } }); } catch (e) { said.push(e.message); }
      try { api.check({ type: 'kpi', data: { value: 1 } }); } catch (e) { said.push(e.message); }
      await api.default();
      const chart = new api.Chart(canvas, { type: 'kpi', data: { value: 1 } });
      chart.destroy();
      for (const call of [() => chart.update({ type: 'kpi', data: { value: 2 } }), () => chart.resize(), () => chart.toSvg()]) {
        try { call(); } catch (e) { said.push(e.message); }
      }
      return { said, before, after: wasmRequests() };
    });
    assert.equal(seen.before, 0, 'a page without a chart loads no wasm');
    assert.equal(seen.after, 1, 'one wasm for the element and the JS API');
    assert.deepEqual(seen.said, [
      'statchart is not ready: await init() before making a Chart or calling check()',
      'statchart is not ready: await init() before making a Chart or calling check()',
      ...Array(3).fill('this chart was destroyed: create a new Chart to draw again'),
    ]);
    await p.close();
  });

  test(`${engine}: every attribute has a property, both ways, and the spec property draws`, async () => {
    const p = await page();
    const seen = await p.evaluate(async () => {
      const el = T.chart({ id: 'c' });
      const pairs = [['src', 'src', '/nothing.json'], ['refresh', 'refresh', '60'], ['timeout', 'timeout', '5'],
        ['locale', 'locale', 'id-ID'], ['view', 'view', 'breakdown'], ['theme', 'theme', 'dark'],
        ['height', 'height', '320'], ['aspect-ratio', 'aspectRatio', '16/9']];
      const out = [];
      for (const [attribute, property, value] of pairs) {
        el[property] = value;
        const fromProperty = el.getAttribute(attribute);
        el.removeAttribute(attribute);
        const cleared = el[property];
        el.setAttribute(attribute, value);
        out.push([attribute, fromProperty, String(el[property]), cleared]);
        el.removeAttribute(attribute);
      }
      el.spec = { type: 'kpi', title: 'Set as a property', data: { value: 114 } };
      return { out, methods: ['refresh', 'src', 'theme'].map((k) => typeof el[k]) };
    });
    seen.label = await p.waitFor(() => T.label('c'));
    assert.deepEqual(seen.out, [
      ['src', '/nothing.json', '/nothing.json', ''], ['refresh', '60', '60', 0], ['timeout', '5', '5', 10],
      ['locale', 'id-ID', 'id-ID', ''], ['view', 'breakdown', 'breakdown', ''], ['theme', 'dark', 'dark', ''],
      ['height', '320', '320', 0], ['aspect-ratio', '16/9', '16/9', ''],
    ]);
    assert.match(seen.label, /^Set as a property\. 114/);
    assert.deepEqual(seen.methods, ['number', 'string', 'string'], 'no method shares a name with an attribute');
    await p.close();
  });

  test(`${engine}: under a strict policy with Trusted Types the charts draw and the table stays hidden`, async () => {
    const p = await browser.open(new URL('strict.html?csp=strict', base).href, { width: 800 });
    await p.waitFor(() => ['inline', 'fetched'].every((id) => document.getElementById(id)?.shadowRoot?.querySelector('canvas').getAttribute('aria-label')), null, 10000);
    const seen = await p.evaluate(() => ({
      table: document.getElementById('inline').shadowRoot.querySelector('.sr').getBoundingClientRect().height,
      rows: document.getElementById('inline').shadowRoot.querySelectorAll('tr').length,
      tip: getComputedStyle(document.getElementById('inline').shadowRoot.querySelector('.tip')).display,
      seen: JSON.parse(JSON.stringify(window.__seen)),  // before the probe below adds its own violation
      // The policy is in force: markup through innerHTML is refused where Trusted Types exist.
      trustedTypes: !!window.trustedTypes,
      innerHTML: (() => { try { document.createElement('div').innerHTML = '<b>x</b>'; return 'allowed'; } catch { return 'refused'; } })(),
    }));
    console.log(`# ${engine}: Trusted Types ${seen.trustedTypes ? 'supported' : 'not supported'}; innerHTML ${seen.innerHTML}`);
    if (seen.trustedTypes) assert.equal(seen.innerHTML, 'refused');
    assert.ok(seen.table <= 1, `the screen-reader table is visually hidden (${seen.table} px high)`);
    assert.ok(seen.rows >= 3);
    assert.equal(seen.tip, 'none');
    assert.deepEqual([...seen.seen.violations, ...seen.seen.errors, ...seen.seen.rejections], []);
    await p.screenshot(new URL(`${engine}-strict.png`, SHOTS).pathname);
    await p.close();
  });

  test(`${engine}: a statchart embed snippet shows its static chart, the live chart keeps its box, and stays where the wasm is blocked`, async () => {
    const snippet = embed('prakerja-nps-gauge-en');
    for (const csp of ['', 'no-wasm']) {
      const p = await page(`test.html${csp ? `?csp=${csp}` : ''}`, { width: 800 });
      // Inserted and measured in one script: the static chart as laid out before the live one.
      const before = await p.evaluate((html) => {
        const root = document.getElementById('root');
        root.innerHTML = html;
        const el = root.querySelector('stat-chart');
        return { host: el.getBoundingClientRect().height, shown: !el.shadowRoot.querySelector('.static').hidden };
      }, snippet);
      assert.ok(before.shown && before.host > 300, JSON.stringify(before));
      const after = csp
        ? await p.waitFor(() => window.__seen.events.some((e) => e.type === 'statchart:error') && {
          host: document.querySelector('stat-chart').getBoundingClientRect().height,
          shown: !document.querySelector('stat-chart').shadowRoot.querySelector('.static').hidden,
          error: document.querySelector('stat-chart').shadowRoot.querySelector('.error').hidden === false,
          source: window.__seen.events.find((e) => e.type === 'statchart:error').detail.source,
        })
        : await p.waitFor(() => {
          const el = document.querySelector('stat-chart');
          const canvas = el.shadowRoot.querySelector('canvas');
          return canvas.getAttribute('aria-label') && { host: el.getBoundingClientRect().height, shown: !el.shadowRoot.querySelector('.static').hidden, canvas: canvas.getBoundingClientRect().height };
        });
      if (csp) {
        assert.deepEqual(after, { host: before.host, shown: true, error: false, source: 'wasm' }, 'the static chart stays, no error box');
      } else {
        assert.equal(after.shown, false, 'the live chart took over');
        assert.ok(Math.abs(after.host - before.host) < 0.5, `box ${before.host} px static, ${after.host} px live`);
        assert.ok(Math.abs(after.canvas - before.host) < 0.5, 'the canvas fills it');
        await clean(p);
      }
      await p.screenshot(new URL(`${engine}-embed${csp ? `-${csp}` : ''}.png`, SHOTS).pathname);
      await p.close();
    }
  });

  test(`${engine}: where the wasm cannot run, every chart says so and the event names 'wasm-unsafe-eval' and connect-src`, async () => {
    const pages = ['strict.html?csp=no-wasm', 'strict.html?csp=no-connect', 'strict.html?pkg=broken', 'strict.html?no-webassembly'];
    for (const path of pages) {
      const p = await browser.open(new URL(path, base).href, { width: 800 });
      await p.waitFor(() => [...document.querySelectorAll('stat-chart')].every((el) => el.shadowRoot?.querySelector('.error').hidden === false), null, 10000);
      const seen = await p.evaluate(() => ({
        boxes: [...document.querySelectorAll('stat-chart')].map((el) => el.shadowRoot.querySelector('.error').textContent),
        events: window.__seen.events.filter((e) => e.type === 'statchart:error').map((e) => e.detail),
        rejections: window.__seen.rejections,
      }));
      assert.deepEqual(seen.boxes, Array(2).fill('Chart not drawn: this browser or page does not let the chart run'), path);
      assert.equal(seen.events.length, 2, path);
      for (const e of seen.events) {
        assert.equal(e.source, 'wasm');
        assert.match(e.message, /^statchart could not start its WebAssembly module: .*script-src needs 'wasm-unsafe-eval' \(not 'unsafe-eval'\) and its connect-src must allow http:\/\/127\.0\.0\.1:\d+\.$/, path);
      }
      assert.deepEqual(seen.rejections, [], path);
      await p.screenshot(new URL(`${engine}-cannot-run-${path.replace(/\W+/g, '-')}.png`, SHOTS).pathname);
      await p.close();
    }
  });
}
