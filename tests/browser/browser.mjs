// Shared set-up for the browser tests: the demo server on a free port and
// Debian's Chromium driven by playwright-core.
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

export async function start() {
  const { server, url } = await serve({ port: 0, quiet: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  return {
    url,
    browser,
    async stop() {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}

/** Opens `path` at a viewport and pixel ratio, collecting console errors and page errors. */
export async function open(env, path, { width = 1200, height = 900, dpr = 1, hasTouch = false } = {}) {
  // A context per page: axe needs one, and it keeps pages from sharing caches.
  const context = await env.browser.newContext({ viewport: { width, height }, deviceScaleFactor: dpr, hasTouch });
  const page = await context.newPage();
  page.on('close', () => context.close().catch(() => {}));
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(new URL(path, env.url).href);
  return { page, errors };
}
