// The three browser engines behind one small interface, for tests that must hold
// in every engine: Chromium through playwright-core, Firefox ESR through geckodriver
// and WebKitGTK through WebKitWebDriver (under Xvfb), both over W3C WebDriver.
//
// Playwright can drive only its own patched Firefox and WebKit builds, which cannot
// be downloaded here; Debian's browsers speak W3C WebDriver, and the few commands
// these tests need (new session, navigate, execute async script, screenshot) are a
// page of code, so there is no WebDriver package.
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { writeFileSync, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './browser.mjs';

export const ENGINES = ['chromium', 'firefox', 'webkit'];

const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => ok(port)); });
    s.on('error', fail);
  });
}

function which(name, fallbacks = []) {
  for (const p of [...fallbacks]) if (existsSync(p)) return p;
  try { return execFileSync('which', [name], { encoding: 'utf8' }).trim(); } catch { return null; }
}

/** Runs a function's source in the page: `fn(arg)` may return a promise; JSON comes back. */
const wrap = (fn) => `const done = arguments[arguments.length - 1];
  Promise.resolve().then(() => (${fn})(arguments[0])).then(
    (value) => done({ value: value === undefined ? null : value }),
    (error) => done({ error: String(error && error.stack || error) }));`;

/** Polls `fn(arg)` in the page until it returns something truthy, or fails after `timeout` ms. */
const poll = (fn, timeout) => `(arg) => new Promise((ok, fail) => {
  const t0 = performance.now();
  const f = (${fn});
  const tick = async () => {
    let v;
    try { v = await f(arg); } catch (e) { v = false; }
    if (v) ok(v);
    else if (performance.now() - t0 > ${timeout}) fail(new Error('timed out after ${timeout} ms waiting for ' + ${JSON.stringify(String(fn).slice(0, 300))}));
    else setTimeout(tick, 25);
  };
  tick();
})`;

class WebDriverPage {
  constructor(driver) { this.driver = driver; }
  async goto(url) { await this.driver.command('POST', '/url', { url }); }
  async evaluate(fn, arg = null) {
    const r = await this.driver.command('POST', '/execute/async', { script: wrap(fn), args: [arg] });
    if (r && r.error) throw new Error(`in ${this.driver.engine}: ${r.error}`);
    return r ? r.value : r;
  }
  async waitFor(fn, arg = null, timeout = 8000) { return this.evaluate(poll(fn, timeout), arg); }
  async screenshot(path) {
    const data = await this.driver.command('GET', '/screenshot');
    writeFileSync(path, Buffer.from(data, 'base64'));
  }
  async close() { await this.goto('about:blank'); }
}

class WebDriver {
  constructor(engine, base, child) { this.engine = engine; this.base = base; this.child = child; this.session = null; }

  async raw(method, path, body) {
    const r = await fetch(this.base + path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(`${this.engine} WebDriver ${method} ${path}: ${r.status} ${JSON.stringify(json.value || json).slice(0, 500)}`);
    return json.value;
  }

  command(method, path, body) { return this.raw(method, `/session/${this.session}${path}`, body); }

  async start(capabilities) {
    for (let i = 0; ; i++) {
      try {
        await this.raw('GET', '/status');
        break;
      } catch (e) {
        if (i > 100) throw new Error(`${this.engine} driver did not start: ${e.message}`);
        await new Promise((ok) => setTimeout(ok, 100));
      }
    }
    const value = await this.raw('POST', '/session', { capabilities: { alwaysMatch: capabilities } });
    this.session = value.sessionId;
    this.version = value.capabilities.browserVersion;
    await this.command('POST', '/timeouts', { script: 60000, pageLoad: 30000 });
  }

  async stop() {
    try { if (this.session) await this.raw('DELETE', `/session/${this.session}`); } catch { /* the browser may be gone */ }
    try { process.kill(-this.child.pid, 'SIGTERM'); } catch { /* already gone */ }
  }
}

/**
 * Starts `engine`; resolves to { engine, version, open(url, {width, height, dpr}), stop() }.
 * WebDriver engines keep one window and one pixel ratio for the whole run.
 */
export async function launch(engine, { dpr = 1 } = {}) {
  if (engine === 'chromium') {
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'],
    });
    return {
      engine,
      version: browser.version(),
      async open(url, { width = 1200, height = 900, dpr: ratio = dpr } = {}) {
        const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: ratio });
        const page = await context.newPage();
        const errors = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(url);
        return {
          errors,
          raw: page,
          evaluate: (fn, arg = null) => page.evaluate(fn, arg),
          waitFor: (fn, arg = null, timeout = 8000) => page.waitForFunction(fn, arg, { timeout, polling: 25 }).then((h) => h.jsonValue()),
          screenshot: (path) => page.screenshot({ path, fullPage: true }),
          close: () => context.close(),
        };
      },
      stop: () => browser.close(),
    };
  }
  const port = await freePort();
  let child, capabilities;
  if (engine === 'firefox') {
    const gecko = which('geckodriver', [`${homedir()}/.cargo/bin/geckodriver`]);
    child = spawn(gecko, ['--port', String(port), '--host', '127.0.0.1'], { detached: true, stdio: 'ignore' });
    capabilities = {
      browserName: 'firefox',
      'moz:firefoxOptions': {
        binary: which('firefox-esr', ['/usr/bin/firefox-esr']),
        args: ['-headless', '--width=1200', '--height=900'],
        prefs: {
          'layout.css.devPixelsPerPx': String(dpr),
          'browser.shell.checkDefaultBrowser': false,
          'datareporting.policy.dataSubmissionEnabled': false,
          'app.update.enabled': false,
        },
      },
    };
  } else if (engine === 'webkit') {
    child = spawn('xvfb-run', ['-a', '-s', '-screen 0 1600x1200x24', which('WebKitWebDriver'), `--port=${port}`, '--host=127.0.0.1'],
      { detached: true, stdio: 'ignore' });
    capabilities = {
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
    };
  } else {
    throw new Error(`unknown engine ${engine}`);
  }
  const driver = new WebDriver(engine, `http://127.0.0.1:${port}`, child);
  await driver.start(capabilities);
  const page = new WebDriverPage(driver);
  return {
    engine,
    version: driver.version,
    async open(url, { width = 1200, height = 900 } = {}) {
      await driver.command('POST', '/window/rect', { width, height }).catch(() => {});
      await page.goto(url);
      return { errors: [], raw: null, evaluate: page.evaluate.bind(page), waitFor: page.waitFor.bind(page), screenshot: page.screenshot.bind(page), close: page.close.bind(page) };
    },
    stop: () => driver.stop(),
  };
}
