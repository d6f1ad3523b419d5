// <stat-chart>: the statchart embed. One module script, no build step:
//
//   <script type="module" src="https://…/stat-chart.js"></script>
//   <stat-chart src="/figures/nps.json" refresh="60"></stat-chart>
//   <stat-chart><script type="application/json">{"type":"nps","data":{"nps":33}}</script></stat-chart>
//
// The wasm is loaded from beside this file when the first chart is connected,
// through the JS API module (./statchart.js), so the element and the JS API share
// one instance. The chart lives in a shadow root built without innerHTML and
// styled by a constructable stylesheet, so pages with a strict
// Content-Security-Policy or Trusted Types run it, and the page's CSS can neither
// break it nor be broken by it.
//
// A snippet made by `statchart embed` carries a static rendering of the chart (an
// SVG or <img> with class statchart-static, and its table in <details>) in the light
// DOM: readers without JavaScript, feed readers and crawlers see it, the element
// shows it (slotted) until the live chart is drawn, and the live chart then takes
// its box, same height, so nothing on the page moves. Print shows the static SVG
// (vector, light) while it still shows the current figures.
//
// Attributes (each has a property of the same name, camelCase): src, refresh
// (seconds, 5 to 86,400), timeout (seconds per request, 1 to 60, default 10),
// locale, view, theme (light | dark | auto), height (px), aspect-ratio (e.g. 16/9).
// Feeds: every request has a timeout and a size cap, one request is in flight per
// feed URL (elements polling the same URL share it), failures back off, and the
// chart says when its figures are not current.
import init, { Chart, check, MAX_SPEC_BYTES } from './statchart.js';

export { Chart, check, init };

/** Resolves to the wasm's exports once loaded; awaiting it starts the load. */
export const ready = { then: (ok, fail) => init().then(ok, fail) };

const ANIMATION_MS = 400;
/** The live chart keeps the static chart's box if that gives it at least this share of
 * the height it would take (see #takeOver). */
const HOLD_MIN = 0.85;
/** Bounds of the refresh interval, in seconds: a floor that no page can flood a feed
 * under, a ceiling (one day) far below the 2^31 ms at which setTimeout wraps to 0. */
export const REFRESH_MIN_S = 5;
export const REFRESH_MAX_S = 86_400;
/** Bounds and default of the per-request timeout, in seconds. */
export const TIMEOUT_MIN_S = 1;
export const TIMEOUT_MAX_S = 60;
export const TIMEOUT_DEFAULT_S = 10;
/** Longest wait between retries of a failing feed, in seconds. */
export const MAX_BACKOFF_S = 600;

// The static chart (.static) is laid out as the page lays it out without JavaScript:
// outside .wrap's resets and with no rules of its own on screen, so that upgrading the
// element moves nothing; a formatting context of its own, so that the box the live chart
// takes over holds the margins of the page's elements. On paper (.vector: it shows the
// figures on screen) the static SVG, or the light copy of a dark one, at the printed width.
// .wrap stops the text settings the host page's elements inherit.
const STYLE = `
:host { display: block; position: relative; max-width: 100%; min-width: 0; }
:host([hidden]) { display: none; }
.wrap { position: relative; margin: 0; padding: 0; border: 0;
  letter-spacing: normal; word-spacing: normal; text-transform: none; text-indent: 0; text-align: left;
  text-shadow: none; font-style: normal; font-weight: normal; line-height: normal; direction: ltr;
  white-space: normal; visibility: visible; }
canvas { display: block; width: 100%; max-width: none; margin: 0; padding: 0; border: 0; border-radius: 2px; }
canvas:focus { outline: none; }
canvas:focus-visible { outline: 3px solid #1a5fd0; outline-offset: 2px; }
.sr { position: absolute; top: 0; left: 0; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0; }
.tip { position: absolute; z-index: 2; max-width: 260px; padding: 6px 9px; border-radius: 4px; background: #1d1d1d; color: #fff;
  font: 13px/1.35 system-ui, -apple-system, "Segoe UI", sans-serif; pointer-events: none; box-shadow: 0 2px 6px rgb(0 0 0 / .25); }
.ring { position: absolute; z-index: 1; border: 2px solid #1a5fd0; border-radius: 3px; pointer-events: none; }
.stale { position: absolute; z-index: 1; top: 6px; right: 6px; padding: 2px 7px; border-radius: 3px; background: #fff3cd; color: #4d3800;
  font: 12px/1.4 system-ui, sans-serif; }
.error { padding: 12px; border: 1px solid #b3261e; border-radius: 4px; color: #8c1d18; background: #fff; font: 14px/1.4 system-ui, sans-serif; }
[hidden] { display: none !important; }
.ruler { height: 0; margin: 0; padding: 0; border: 0; }
.static { display: flow-root; }
@media print {
  :host { break-inside: avoid; }
  .static.vector[hidden] { display: flow-root !important; }
  .static.vector ~ .wrap { display: none !important; }
  .static.vector slot::slotted(.statchart-static), .static.vector slot::slotted(.statchart-print) { width: 100% !important; height: auto !important; }
  .static.vector slot::slotted(.statchart-print) { display: block !important; }
  .static.vector.light-copy slot::slotted(.statchart-static), slot::slotted(.statchart-data) { display: none !important; }
}
`;

const WORDS = {
  en: { stale: 'Not updated since', notYet: 'Waiting for figures', updated: 'Updated', notDrawn: 'Chart not drawn', cannotStart: 'this browser or page does not let the chart run', hint: 'Use the arrow keys to read the values.' },
  id: { stale: 'Tidak diperbarui sejak', notYet: 'Menunggu angka', updated: 'Diperbarui', notDrawn: 'Grafik tidak digambar', cannotStart: 'peramban atau halaman ini tidak mengizinkan grafik berjalan', hint: 'Gunakan tombol panah untuk membaca nilai.' },
};

// In Node (server-side rendering imports the element) there is no DOM: the module
// must still import, and defines nothing.
const HTMLElementBase = globalThis.HTMLElement ?? class {};

/** One stylesheet object shared by every chart's shadow root (adopted, so CSP's
 * style-src does not apply); engines without adoptedStyleSheets get a <style>. */
let sharedSheet = null;
function adoptStyle(root) {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    if (!sharedSheet) {
      sharedSheet = new CSSStyleSheet();
      sharedSheet.replaceSync(STYLE);
    }
    root.adoptedStyleSheets = [sharedSheet];
  } else {
    const style = document.createElement('style');
    style.textContent = STYLE;
    root.append(style);
  }
}

/** An element with a class and attributes, built without markup. */
function make(tag, className, attributes = {}) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
  return el;
}

/** The new spec's numbers, part way from the old ones; counts stay whole. */
function tween(from, to, t) {
  if (typeof from === 'number' && typeof to === 'number') {
    const v = from + (to - from) * t;
    return Number.isInteger(from) && Number.isInteger(to) ? Math.round(v) : v;
  }
  if (Array.isArray(from) && Array.isArray(to)) return to.map((x, i) => tween(from[i], x, t));
  if (from && to && typeof from === 'object' && typeof to === 'object') {
    const out = {};
    for (const k of Object.keys(to)) out[k] = tween(from[k], to[k], t);
    return out;
  }
  return to;
}

/** Whether two specs have the same structure, so that one can grow into the other. */
function sameShape(a, b) {
  if (typeof a === 'number' || typeof b === 'number') return typeof a === typeof b;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameShape(x, b[i]));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).sort(), kb = Object.keys(b).sort();
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameShape(a[k], b[k]));
  }
  return a === b;
}

/** JSON with object keys sorted: equal for equal specs, whatever their key order. */
const canonical = (value) => JSON.stringify(value, (_, v) => (v && typeof v === 'object' && !Array.isArray(v)
  ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]]))
  : v));

const kindOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? 'a string' : typeof v);

/** A spec given as an object or JSON text, parsed in JS after a size check, so that
 * an oversized text is refused before anything is copied into wasm memory. */
function readSpec(spec) {
  let value = spec;
  if (typeof spec === 'string') {
    if (spec.length > MAX_SPEC_BYTES || (spec.length * 3 > MAX_SPEC_BYTES && new Blob([spec]).size > MAX_SPEC_BYTES)) {
      throw new Error(`spec is larger than the limit of ${MAX_SPEC_BYTES} bytes`);
    }
    try {
      value = JSON.parse(spec);
    } catch (e) {
      throw new Error(`invalid JSON: ${e.message}`);
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`expected a spec object, got ${kindOf(value)}`);
  }
  return value;
}

const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

/** A number attribute read strictly: digits with an optional fraction, nothing else. */
function strictNumber(text) {
  return text !== null && /^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : NaN;
}

const messageOf = (error) => String(error?.message || error);

// How a feed hands its results to the elements that follow it (not public API).
const ANSWERED = Symbol('statchart feed answered');
const FAILED = Symbol('statchart feed failed');

// ------------------------------------------------------------------ feeds

/**
 * A remote spec polled by one or more elements. Elements with the same `src`
 * share one Feed: one request per tick and one in flight at a time, whatever
 * the number of charts. Every request is timed out and size-capped; failures
 * back off; a 304 is trusted only when there is a body to keep.
 */
class Feed {
  static #all = new Map();

  /** The feed of an absolute URL, created on first use. */
  static for(url) {
    let feed = Feed.#all.get(url);
    if (!feed) Feed.#all.set(url, (feed = new Feed(url)));
    return feed;
  }

  url;
  subscribers = new Set();
  text = null;       // the last body received
  etag = null;
  received = 0;      // when `text` arrived (ms since epoch)
  failures = 0;
  #request = null;   // { controller, promise } while a request is in flight
  #timer = 0;
  #due = 0;          // when the next request is scheduled (ms since epoch)

  constructor(url) { this.url = url; }

  /** Adds an element: it gets the feed's last body at once if there is one, and a fresh
   * request starts unless one is in flight or the body is recent. */
  add(element) {
    this.subscribers.add(element);
    if (this.text !== null) element[ANSWERED](this, this.text);
    if (!this.#request && (this.text === null || Date.now() - this.received >= REFRESH_MIN_S * 1000)) this.fetch();
    else this.schedule();
  }

  /** Removes an element; the last one out aborts the request and stops the timer. */
  remove(element) {
    this.subscribers.delete(element);
    if (this.subscribers.size) {
      this.schedule();
      return;
    }
    clearTimeout(this.#timer);
    this.#request?.controller.abort(new DOMException('no chart needs this feed any more', 'AbortError'));
    this.#request = null;
    if (Feed.#all.get(this.url) === this) Feed.#all.delete(this.url);
  }

  /** Fetches now, or joins the request in flight. Resolves when it has been handled. */
  fetch() {
    if (this.#request) return this.#request.promise;
    clearTimeout(this.#timer);
    const controller = new AbortController();
    const request = { controller, promise: null };
    request.promise = this.#run(controller).finally(() => {
      if (this.#request === request) this.#request = null;
      this.schedule();
    });
    this.#request = request;
    return request.promise;
  }

  /** Seconds between requests: the shortest interval any subscriber asks for, or 0. */
  interval() {
    let every = 0;
    for (const el of this.subscribers) {
      const s = el.refresh;
      if (s > 0 && (!every || s < every)) every = s;
    }
    return every;
  }

  /** Seconds until the next request: the interval, or a growing back-off after failures. */
  delay() {
    const every = this.interval();
    if (this.failures === 0) return every;
    return Math.min(MAX_BACKOFF_S, Math.max(every, REFRESH_MIN_S) * 2 ** (this.failures - 1));
  }

  schedule() {
    clearTimeout(this.#timer);
    this.#due = 0;
    if (!this.subscribers.size || this.#request) return;
    const seconds = this.delay();
    if (!seconds) return;
    this.#due = Date.now() + seconds * 1000;
    this.#timer = setTimeout(() => this.fetch(), seconds * 1000);
  }

  /** Seconds until the next scheduled request, or 0 when none is scheduled. */
  dueIn() { return this.#due ? Math.max(0, (this.#due - Date.now()) / 1000) : 0; }

  #timeoutSeconds() {
    let t = TIMEOUT_MAX_S;
    for (const el of this.subscribers) t = Math.min(t, el.timeout);
    return t;
  }

  async #run(controller) {
    const seconds = this.#timeoutSeconds();
    const timer = setTimeout(() => controller.abort(new DOMException(`the feed did not answer within ${seconds} s`, 'TimeoutError')), seconds * 1000);
    try {
      // A conditional request only when there is a body to keep.
      const headers = this.text !== null && this.etag ? { 'If-None-Match': this.etag } : {};
      const response = await fetch(this.url, { headers, cache: 'no-store', signal: controller.signal });
      let text;
      if (response.status === 304) {
        if (this.text === null) throw new Error('the feed answered 304 Not Modified, but there is no chart to keep');
        text = this.text;
      } else {
        if (!response.ok) throw new Error(`the feed answered HTTP ${response.status}`);
        text = await readCapped(response);
        this.etag = response.headers.get('ETag');
      }
      if (controller.signal.aborted) return;
      this.text = text;
      this.received = Date.now();
      // A body that no chart could use (not a spec, a bad one) backs off like an HTTP error.
      const used = [...this.subscribers].map((el) => el[ANSWERED](this, text));
      this.failures = used.length && !used.some(Boolean) ? this.failures + 1 : 0;
    } catch (error) {
      if (controller.signal.aborted && controller.signal.reason?.name === 'AbortError') return;  // nobody is waiting
      const reason = controller.signal.aborted ? controller.signal.reason : error;
      this.failures += 1;
      for (const el of [...this.subscribers]) el[FAILED](this, new Error(messageOf(reason)));
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The body as text, refused past the spec limit without reading the rest. The
 * request's timeout covers the body, so a body that stalls fails too. */
async function readCapped(response) {
  const tooBig = () => new Error(`the feed sent more than the limit of ${MAX_SPEC_BYTES} bytes`);
  const declared = Number(response.headers.get('Content-Length'));
  if (declared > MAX_SPEC_BYTES && !response.headers.get('Content-Encoding')) {
    response.body?.cancel().catch(() => {});
    throw tooBig();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const parts = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_SPEC_BYTES) {
      reader.cancel().catch(() => {});
      throw tooBig();
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const p of parts) { bytes.set(p, at); at += p.byteLength; }
  return new TextDecoder().decode(bytes);
}

// ------------------------------------------------------------------ the element

/** Page-wide: the wasm could not load. Said once in the console, shown by every chart. */
let loadFailureSaid = false;

/**
 * A statistics chart drawn from a JSON spec: set as the `spec` property, given inline
 * in a `<script type="application/json">` child, or fetched from `src`.
 *
 * @element stat-chart
 * @summary NPS and employment charts with their margins of error, from a JSON spec.
 *
 * @attr {string} src - URL of a JSON spec to fetch
 * @attr {number} refresh - seconds between fetches of `src`, clamped to 5…86,400 (absent or 0: fetch once)
 * @attr {number} timeout - seconds a request may take, body included (1…60, default 10)
 * @attr {string} locale - overrides the spec's locale (`en-US`, `id-ID`)
 * @attr {string} view - overrides the spec's view (`gauge`, `breakdown`, `distribution`, `kpi`, `trend`)
 * @attr {'light'|'dark'|'auto'} theme - colour theme; `auto` follows the reader's setting
 * @attr {number} height - a fixed CSS height in pixels (200…4096)
 * @attr {string} aspect-ratio - height from the width, e.g. `16/9`
 *
 * @fires {CustomEvent<{summary: string}>} statchart:drawn - a chart was drawn; `summary` is what screen readers hear
 * @fires {CustomEvent<{message: string, source: 'spec'|'feed'|'attribute'|'wasm'}>} statchart:error - something could not be used; the last good chart stays
 * @fires {CustomEvent<{message: string, attribute: string}>} statchart:warning - an attribute value out of bounds; a safe value is used
 *
 * @slot - a `<script type="application/json">` holding the spec (watched for changes), and the
 *   static chart of `statchart embed` (`.statchart-static`, `.statchart-print`, `.statchart-data`),
 *   shown until the live chart is drawn
 * @csspart chart - the box around the canvas
 */
export class StatChart extends HTMLElementBase {
  static observedAttributes = ['src', 'refresh', 'timeout', 'locale', 'view', 'theme', 'height', 'aspect-ratio'];

  #chart = null;
  #spec = null;          // the last good spec, as given
  #given = null;         // a spec set through the property or update(), kept across moves
  #drawn = null;         // the spec as last drawn (attributes applied)
  #feed = null;
  #feedText = null;      // the feed body last handled, accepted or not
  #feedUsable = false;   // whether that body drew
  #lastGood = null;      // Date of the last good figures
  #width = 0;
  #focus = -1;
  #frame = 0;            // animation frame of an update
  #resizeFrame = 0;      // animation frame of a resize
  #marks = [];
  #connected = false;
  #generation = 0;       // one per connection: work started for an older one is dropped
  #release = [];         // what disconnecting must undo
  #warned = new Set();   // attribute warnings already given
  #lastError = '';
  #parts = null;
  #held = 0;             // the static chart's height, kept by the live chart until the width changes
  #heldWidth = 0;
  #heightChanged = false;
  #staticFigures = null; // the spec the static chart shows (canonical JSON), if there is one

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    adoptStyle(root);
    const wrap = make('div', 'wrap', { part: 'chart' });
    const canvas = make('canvas', '', { tabindex: '0' });
    const ring = make('div', 'ring', { hidden: '' });
    const tip = make('div', 'tip', { hidden: '', role: 'presentation' });
    const stale = make('div', 'stale', { hidden: '' });
    const error = make('div', 'error', { hidden: '', role: 'alert' });
    const fallback = make('div', 'static', { hidden: '' });
    fallback.append(document.createElement('slot'));
    wrap.append(canvas, ring, tip, stale, error);
    const tableBox = make('div', 'sr');
    const table = make('table');
    tableBox.append(table);
    const live = make('div', 'sr live', { 'aria-live': 'polite', 'aria-atomic': 'true' });
    // The resize observer watches this zero-height line, whose size follows the width
    // alone: the chart's own height changes never notify it.
    const ruler = make('div', 'ruler');
    root.append(ruler, fallback, wrap, tableBox, live);
    this.#parts = { canvas, ring, tip, stale, error, table, live, ruler, fallback };
    canvas.addEventListener('pointermove', (e) => this.#hover(e));
    canvas.addEventListener('pointerdown', (e) => this.#hover(e));
    // A touch lifts off (and "leaves") right after the tap: keep its tooltip until the next tap.
    canvas.addEventListener('pointerleave', (e) => { if (e.pointerType === 'mouse' && this.#focus < 0) this.#hideTip(); });
    canvas.addEventListener('keydown', (e) => this.#key(e));
    canvas.addEventListener('blur', () => { this.#focus = -1; this.#hideTip(); });
  }

  // ------------------------------------------------------------ properties

  get src() { return this.getAttribute('src') ?? ''; }
  set src(v) { this.#reflect('src', v); }
  /** Seconds between fetches of `src` (0: fetch once), clamped to 5…86,400; a value out
   * of bounds is reported once (console and `statchart:warning`). */
  get refresh() {
    return this.#seconds('refresh', REFRESH_MIN_S, REFRESH_MAX_S, 0, 'the chart will not refresh');
  }
  set refresh(v) { this.#reflect('refresh', v); }
  /** Seconds each request may take before it counts as failed (1…60, default 10). */
  get timeout() {
    return this.#seconds('timeout', TIMEOUT_MIN_S, TIMEOUT_MAX_S, TIMEOUT_DEFAULT_S, `${TIMEOUT_DEFAULT_S} is used`);
  }
  set timeout(v) { this.#reflect('timeout', v); }
  get locale() { return this.getAttribute('locale') ?? ''; }
  set locale(v) { this.#reflect('locale', v); }
  get view() { return this.getAttribute('view') ?? ''; }
  set view(v) { this.#reflect('view', v); }
  get theme() { return this.getAttribute('theme') ?? ''; }
  set theme(v) { this.#reflect('theme', v); }
  get height() { return strictNumber(this.getAttribute('height')) || 0; }
  set height(v) { this.#reflect('height', v); }
  get aspectRatio() { return this.getAttribute('aspect-ratio') ?? ''; }
  set aspectRatio(v) { this.#reflect('aspect-ratio', v); }

  /** A seconds attribute read strictly and clamped to [min, max]; absent (or "0" for
   * refresh) gives `fallback`, and a value that is not a number or out of bounds is said once. */
  #seconds(name, min, max, fallback, otherwise) {
    const text = this.getAttribute(name);
    if (text === null || text.trim() === '' || (!fallback && text.trim() === '0')) return fallback;
    const seconds = strictNumber(text);
    if (!(seconds >= 0)) {
      this.#warn(name, `${name}="${text}" is not a number of seconds; ${otherwise}`);
      return fallback;
    }
    const clamped = Math.min(max, Math.max(min, seconds));
    if (clamped !== seconds) this.#warn(name, `${name}="${text}" is outside ${min}…${max} seconds; ${clamped} is used`);
    return clamped;
  }

  #reflect(name, value) {
    if (value === null || value === undefined || value === false) this.removeAttribute(name);
    else this.setAttribute(name, String(value));
  }

  /** The chart's current spec (the last good one); setting it draws it. */
  get spec() { return this.#spec; }
  set spec(value) {
    if (value === null || value === undefined) return;
    this.update(value).catch(() => {});  // reported by update's error state and event
  }

  /** The delay before the next fetch of `src`, in seconds (0 when none is scheduled). */
  get nextFetchDelay() { return this.#feed ? this.#feed.dueIn() : 0; }

  /** Replaces the spec (an object or JSON text); animates from the old figures.
   * Rejects on a bad spec, keeping the old chart and showing why. */
  async update(spec) {
    try {
      const value = readSpec(spec);
      this.#given = value;
      await init();
      this.#accept(value, true);
    } catch (e) {
      this.#rejected(e, 'spec');
      throw e;
    }
  }

  /** Fetches `src` now (or joins the request in flight); resolves once it is handled. */
  reload() {
    return this.#feed ? this.#feed.fetch() : Promise.resolve();
  }

  // ------------------------------------------------------------ lifecycle

  connectedCallback() {
    this.#connected = true;
    const generation = ++this.#generation;
    const observer = new ResizeObserver((entries) => this.#resized(entries[0].contentRect.width));
    observer.observe(this.#parts.ruler);
    const dark = matchMedia('(prefers-color-scheme: dark)');
    const onScheme = () => { if (this.getAttribute('theme') === 'auto') this.#redraw(); };
    dark.addEventListener('change', onScheme);
    // Paper is white: a dark canvas is redrawn light for print (the static SVG has its own light copy).
    const print = matchMedia('print');
    const onPrint = () => this.#printing(print.matches);
    print.addEventListener('change', onPrint);
    // Browser zoom fires resize and changes devicePixelRatio; redraw at the new ratio.
    let ratio = devicePixelRatio;
    const onResize = () => { if (devicePixelRatio !== ratio) { ratio = devicePixelRatio; this.#ratioChanged(); } };
    addEventListener('resize', onResize);
    // The inline JSON child may be edited (a CMS preview, a framework re-render).
    const children = new MutationObserver(() => this.#readInline());
    children.observe(this, { childList: true, subtree: true, characterData: true });
    this.#release.push(
      () => observer.disconnect(),
      () => dark.removeEventListener('change', onScheme),
      () => removeEventListener('resize', onResize),
      () => children.disconnect(),
      () => print.removeEventListener('change', onPrint),
    );
    // Until the live chart is drawn, a static chart from `statchart embed` is shown.
    if (!this.#chart) {
      const still = this.#staticChart();
      this.#parts.fallback.hidden = !still;
      this.#parts.canvas.hidden = !!still;
      this.#parts.fallback.classList.toggle('light-copy', !!this.querySelector(':scope > .statchart-print'));
      if (still && this.#staticFigures === null) {
        try {
          this.#staticFigures = canonical(readSpec(this.querySelector(':scope > script[type="application/json"]')?.textContent ?? ''));
        } catch {
          // No spec of its own: print shows the live chart.
        }
      }
    }
    init().then(() => {
      if (generation === this.#generation && this.#connected) this.#start();
    }, (error) => {
      if (generation === this.#generation && this.#connected) this.#wasmFailed(error);
    });
  }

  disconnectedCallback() {
    this.#connected = false;
    this.#generation += 1;
    cancelAnimationFrame(this.#frame);
    cancelAnimationFrame(this.#resizeFrame);
    for (const undo of this.#release.splice(0)) undo();
    this.#leaveFeed();
    this.#freeChart();
  }

  attributeChangedCallback(name, old, value) {
    if (!this.#connected || old === value) return;
    try {
      if (name === 'src') {
        this.#leaveFeed();
        this.#feedText = null;
        if (value) this.#joinFeed();
        else this.#readInline();
      } else if (name === 'refresh') {
        this.#warned.delete('refresh');
        this.#feed?.schedule();
      } else if (name === 'timeout') {
        this.#warned.delete('timeout');
      } else {
        this.#redraw();
      }
    } catch (e) {
      this.#rejected(e, 'attribute');
    }
  }

  /** Connected and the wasm ready: draw the last good spec at once, then follow the source. */
  #start() {
    if (this.#spec) {
      try {
        this.#draw(this.#effective(this.#spec), false);
      } catch (e) {
        this.#rejected(e, 'attribute');
      }
    }
    if (this.hasAttribute('src')) {
      this.#joinFeed();
    } else if (this.#given && !this.#spec) {
      try { this.#accept(this.#given, false); } catch (e) { this.#rejected(e, 'spec'); }
    } else if (!this.#given) {
      this.#readInline();
    }
  }

  #joinFeed() {
    const src = this.getAttribute('src');
    let url;
    try {
      url = new URL(src, this.ownerDocument.baseURI).href;
    } catch {
      this.#rejected(new Error(`src="${src}" is not a URL`), 'attribute');
      return;
    }
    this.#feed = Feed.for(url);
    this.#feed.add(this);
  }

  #leaveFeed() {
    this.#feed?.remove(this);
    this.#feed = null;
  }

  #freeChart() {
    if (!this.#chart) return;
    this.#chart.destroy();
    this.#chart.free();
    this.#chart = null;
  }

  #readInline() {
    if (!this.#connected || this.hasAttribute('src') || this.#given) return;
    const inline = this.querySelector('script[type="application/json"]');
    if (!inline) return;
    const text = inline.textContent;
    if (text === this.#feedText) return;
    this.#feedText = text;
    try {
      this.#accept(readSpec(text), !!this.#chart);
    } catch (e) {
      this.#rejected(e, 'spec');
    }
  }

  // ------------------------------------------------------------ feed answers

  /** Called by the feed with a body: draws it if it is new and good. Says whether
   * the body is usable, so that a feed serving a bad spec backs off. */
  [ANSWERED](feed, text) {
    if (feed !== this.#feed || !this.#connected) return true;
    if (text === this.#feedText) {
      // Unchanged: still current, unless the body was refused.
      if (this.#feedUsable) this.#current();
      return this.#feedUsable;
    }
    this.#feedText = text;
    try {
      this.#accept(readSpec(text), true);
      this.#feedUsable = true;
    } catch (e) {
      this.#feedUsable = false;
      this.#rejected(e, 'feed');
    }
    return this.#feedUsable;
  }


  /** Called by the feed when a request failed: the last good chart stays, marked stale. */
  [FAILED](feed, error) {
    if (feed !== this.#feed || !this.#connected) return;
    this.#rejected(error, 'feed');
  }

  // ------------------------------------------------------------ figures

  /** Validates and draws a new spec, or throws keeping the last good chart
   * (the caller reports the error: it knows where the spec came from). A change
   * is parsed once and drawn once, unless it animates. */
  #accept(spec, animate) {
    const effective = this.#effective(spec);
    const before = this.#drawn;
    const animates = animate && this.#connected && this.#chart && before && !reducedMotion() && sameShape(before, effective);
    if (this.#connected && !animates) {
      this.#draw(effective, !!before);  // throws the one-line error naming the field
    } else {
      check(effective);  // an animation heads for it, or nothing is drawn yet: it must be good
    }
    this.#spec = spec;
    this.#lastGood = new Date();
    this.#current();
    if (animates) this.#animate(before, effective);
  }

  /** The figures are current: no stale mark, no error. */
  #current() {
    this.#lastError = '';
    this.#parts.error.hidden = true;
    this.#parts.stale.hidden = true;
  }

  /** The spec with the element's attributes applied. */
  #effective(spec) {
    const out = { ...spec };
    const locale = this.getAttribute('locale');
    const view = this.getAttribute('view');
    if (locale) out.locale = locale;
    if (view) out.view = view;
    return out;
  }

  #options() {
    return { theme: this.#theme(), height: this.#height() };
  }

  #theme() {
    const t = this.getAttribute('theme');
    if (t === 'auto') return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
    return t === 'dark' || t === 'light' ? t : undefined;
  }

  /** A fixed height from the height attribute or the aspect ratio, within the chart's
   * limits; else undefined, and the chart takes the height it needs. */
  #height() {
    const clamp = (h) => Math.min(4096, Math.max(200, Math.round(h)));
    const h = strictNumber(this.getAttribute('height'));
    if (h > 0) return clamp(h);
    const ratio = this.getAttribute('aspect-ratio');
    const m = ratio && /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*(\d+(?:\.\d+)?))?\s*$/.exec(ratio);
    if (m) {
      const a = Number(m[1]), b = Number(m[2] ?? 1);
      const width = this.#width || this.getBoundingClientRect().width;
      if (a > 0 && b > 0 && width > 0) return clamp(width * b / a);
    }
    if (this.#held) return Math.min(4096, Math.max(200, this.#held));
    return undefined;
  }

  /** Draws `spec` without animation, making the wasm chart if there is none; a bad
   * spec throws and leaves the chart as it was. */
  #draw(spec, announce) {
    cancelAnimationFrame(this.#frame);
    if (!this.#chart) {
      this.#takeOver(spec);
    } else {
      this.#chart.tryUpdate(spec);
    }
    this.#drawn = spec;
    this.#afterDraw(announce);
  }

  /** The first live chart. Where a static chart is on screen, the live one takes its
   * box: it is drawn at the static chart's height and keeps it until the width changes.
   * Heights computed on both sides could not agree: the canvas measures text with the
   * reader's fonts, the static SVG was laid out with DejaVu Sans at another width. Only
   * when the box gives the chart much less than it needs (a scaled-down <img> on a
   * phone) does the chart take its own height: a squeezed chart is worse than a jump. */
  #takeOver(spec) {
    const { canvas, fallback, ruler } = this.#parts;
    const box = fallback.hidden ? 0 : fallback.getBoundingClientRect().height;
    this.#held = 0;
    fallback.hidden = true;
    canvas.hidden = false;
    try {
      this.#chart = new Chart(canvas, spec, this.#options());
      if (box && this.#height() === undefined && box >= HOLD_MIN * canvas.getBoundingClientRect().height) {
        this.#held = box;
        this.#heldWidth = ruler.getBoundingClientRect().width;
        this.#chart.setHeight(this.#height());
      }
    } catch (e) {
      // Not drawn: the static chart stays.
      this.#held = 0;
      if (this.#staticChart()) {
        fallback.hidden = false;
        canvas.hidden = true;
      }
      throw e;
    }
  }

  /** The static rendering of `statchart embed` among the children, if any. */
  #staticChart() {
    return this.querySelector(':scope > .statchart-static');
  }

  /** Grows the old figures into the new ones in at most 400 ms. */
  #animate(from, to) {
    cancelAnimationFrame(this.#frame);
    const start = performance.now();
    const step = (now) => {
      if (!this.#chart) return;
      const t = Math.min(1, (now - start) / ANIMATION_MS);
      const eased = 1 - (1 - t) ** 3;
      try {
        if (t >= 1) {
          this.#draw(to, true);
          return;
        }
        try {
          this.#chart.tryUpdate(tween(from, to, eased));
        } catch {
          this.#draw(to, true);
          return;
        }
      } catch (e) {
        this.#rejected(e, 'spec');
        return;
      }
      this.#frame = requestAnimationFrame(step);
    };
    this.#frame = requestAnimationFrame(step);
  }

  #redraw() {
    if (!this.#chart || !this.#spec) return;
    try {
      // Theme and height first, without drawing: one draw for the change.
      this.#chart.configure(this.#theme(), this.#height());
      this.#draw(this.#effective(this.#spec), true);
    } catch (e) {
      // A bad attribute (say, a view the data cannot show): the last chart stays; say why.
      this.#rejected(e, 'attribute');
    }
  }

  /** After a final draw: accessible name, data table, and the change announced. */
  #afterDraw(announce) {
    const summary = this.#chart.summary();
    // Print shows the static SVG (vector) only while it shows what is on screen.
    this.#parts.fallback.classList.toggle('vector', this.#staticFigures !== null && canonical(this.#drawn) === this.#staticFigures);
    const { canvas } = this.#parts;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', summary);
    canvas.setAttribute('aria-description', this.#words().hint);
    this.#fillTable(this.#chart.table());
    this.#marks = this.#chart.marks();
    if (this.#focus >= this.#marks.length) this.#focus = -1;
    this.#hideTip();
    if (announce) this.#announce(`${this.#words().updated}: ${summary}`);
    this.dispatchEvent(new CustomEvent('statchart:drawn', { detail: { summary } }));
  }

  #fillTable(t) {
    const doc = this.ownerDocument;
    const { table } = this.#parts;
    table.replaceChildren();
    if (!t) return;
    const caption = doc.createElement('caption');
    caption.textContent = t.caption;
    const head = doc.createElement('thead');
    const hr = head.insertRow();
    for (const h of t.headers) {
      const th = doc.createElement('th');
      th.scope = 'col';
      th.textContent = h;
      hr.append(th);
    }
    const body = doc.createElement('tbody');
    for (const row of t.rows) {
      const tr = body.insertRow();
      row.forEach((cell, i) => {
        const c = doc.createElement(i === 0 ? 'th' : 'td');
        if (i === 0) c.scope = 'row';
        c.textContent = cell;  // text, never markup
        tr.append(c);
      });
    }
    table.append(caption, head, body);
  }

  #locale() {
    return this.getAttribute('locale') || this.#spec?.locale || 'en-US';
  }

  #words() {
    return String(this.#locale()).toLowerCase().startsWith('id') ? WORDS.id : WORDS.en;
  }

  /** The time of the last good figures, in the chart's locale (or English if that is not a locale). */
  #time(date) {
    const options = { hour: '2-digit', minute: '2-digit' };
    try {
      return new Intl.DateTimeFormat(this.#locale(), options).format(date);
    } catch {
      return new Intl.DateTimeFormat('en-US', options).format(date);
    }
  }

  #announce(text) {
    // Clearing first makes screen readers announce a repeated text too.
    const { live } = this.#parts;
    live.textContent = '';
    requestAnimationFrame(() => { live.textContent = text; });
  }

  /**
   * Something could not be used (a spec, a feed answer, an attribute): a drawn chart
   * stays and is marked stale; with nothing drawn the element shows the message. Either
   * way a `statchart:error` event, and a console message when the message changes.
   */
  #rejected(error, source) {
    const message = messageOf(error);
    if (this.#chart && this.#spec) {
      if (source !== 'attribute') {
        this.#parts.stale.textContent = `${this.#words().stale} ${this.#time(this.#lastGood)}`;
        this.#parts.stale.title = message;
        this.#parts.stale.hidden = false;
      } else {
        this.#announce(message);
      }
    } else {
      this.#showError(message);
    }
    if (message !== this.#lastError) {
      console.warn(`<stat-chart${this.id ? ` id="${this.id}"` : ''}>: ${message}`);
    }
    this.#lastError = message;
    this.dispatchEvent(new CustomEvent('statchart:error', { detail: { message, source } }));
  }

  #showError(message) {
    this.#parts.error.textContent = `${this.#words().notDrawn}: ${message}`;
    this.#parts.error.hidden = false;
    // With no chart, the blank canvas would only push the message down.
    if (!this.#chart) this.#parts.canvas.hidden = true;
  }

  /** The wasm cannot run on this page: every chart says so; the console says it once. */
  #wasmFailed(error) {
    const message = messageOf(error);
    if (!loadFailureSaid) {
      loadFailureSaid = true;
      console.error(message);
    }
    // The reader gets a short sentence, or the static chart where there is one; the
    // page author the details (console, event, tooltip).
    if (!this.#staticChart()) {
      this.#showError(this.#words().cannotStart);
      this.#parts.error.title = message;
    }
    this.dispatchEvent(new CustomEvent('statchart:error', { detail: { message, source: 'wasm' } }));
  }

  /** A bad attribute value is said once (console and event), and a safe value used. */
  #warn(attribute, message) {
    if (this.#warned.has(attribute)) return;
    this.#warned.add(attribute);
    console.warn(`<stat-chart${this.id ? ` id="${this.id}"` : ''}>: ${message}`);
    this.dispatchEvent(new CustomEvent('statchart:warning', { detail: { message, attribute } }));
  }

  // ------------------------------------------------------------ size

  #resized(width) {
    // Only the width drives the chart; the height follows from it, so a container
    // sized in percent of its content cannot start a resize loop.
    if (Math.abs(width - this.#width) < 0.5) return;
    this.#width = width;
    // A new width: the static chart's height no longer holds; the chart takes what it needs.
    if (this.#held && Math.abs(width - this.#heldWidth) >= 0.5) {
      this.#held = 0;
      this.#heightChanged = true;
    }
    // Redrawn in the next frame, not inside the observer's callback: a height changed
    // there makes the browser report a ResizeObserver loop error to the page.
    cancelAnimationFrame(this.#resizeFrame);
    this.#resizeFrame = requestAnimationFrame(() => this.#resizeNow());
  }


  #resizeNow() {
    if (!this.#chart || !this.#spec) return;
    try {
      if (this.getAttribute('aspect-ratio') || this.#heightChanged) this.#chart.setHeight(this.#height());
      else this.#chart.resize();
      this.#heightChanged = false;
      this.#marks = this.#chart.marks();
      this.#hideTip();
    } catch (e) {
      this.#rejected(e, 'attribute');
    }
  }

  /** Print starts or ends: a dark live chart that is printed (no static SVG in its
   * place) is drawn light for the paper, and in its theme again afterwards. */
  #printing(on) {
    if (!this.#chart || !this.#spec || this.#parts.fallback.classList.contains('vector')) return;
    const dark = (this.#theme() ?? this.#drawn?.theme) === 'dark';
    if (on && !dark) return;
    try {
      this.#chart.configure(on ? 'light' : this.#theme(), this.#height());
      this.#chart.resize();
    } catch (e) {
      this.#rejected(e, 'attribute');
    }
  }

  #ratioChanged() {
    if (!this.#chart || !this.#spec) return;
    try {
      this.#chart.resize();
      this.#marks = this.#chart.marks();
    } catch (e) {
      this.#rejected(e, 'attribute');
    }
  }

  // ------------------------------------------------------------ reading values

  #hover(event) {
    const r = this.#parts.canvas.getBoundingClientRect();
    const x = event.clientX - r.left, y = event.clientY - r.top;
    let best = -1, bestDistance = 24;
    this.#marks.forEach((m, i) => {
      const dx = Math.max(m.x - x, 0, x - (m.x + m.w));
      const dy = Math.max(m.y - y, 0, y - (m.y + m.h));
      const d = Math.hypot(dx, dy);
      if (d < bestDistance) { best = i; bestDistance = d; }
    });
    if (best >= 0) this.#showTip(best, false);
    else if (this.#focus < 0) this.#hideTip();
  }

  #key(event) {
    const n = this.#marks.length;
    if (!n) return;
    const moves = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    let i = this.#focus;
    if (event.key in moves) i = i < 0 ? (moves[event.key] > 0 ? 0 : n - 1) : (i + moves[event.key] + n) % n;
    else if (event.key === 'Home') i = 0;
    else if (event.key === 'End') i = n - 1;
    else if (event.key === 'Escape') { this.#focus = -1; this.#hideTip(); return; }
    else return;
    event.preventDefault();
    this.#focus = i;
    this.#showTip(i, true);
    this.#announce(this.#marks[i].text);
  }

  #showTip(i, withRing) {
    const m = this.#marks[i];
    const { tip, ring, canvas } = this.#parts;
    tip.textContent = m.text;
    tip.hidden = false;
    const width = canvas.clientWidth;
    const tw = tip.offsetWidth, th = tip.offsetHeight;
    let left = m.x + m.w / 2 - tw / 2;
    left = Math.max(0, Math.min(width - tw, left));
    const top = m.y - th - 8 >= 0 ? m.y - th - 8 : m.y + m.h + 8;
    // CSSOM, not a style attribute string: allowed under style-src 'self'.
    tip.style.left = `${left}px`;
    tip.style.top = `${top}px`;
    ring.hidden = !withRing;
    if (withRing) Object.assign(ring.style, {
      left: `${m.x - 3}px`, top: `${m.y - 3}px`, width: `${m.w + 2}px`, height: `${m.h + 2}px`,
    });
  }

  #hideTip() {
    this.#parts.tip.hidden = true;
    this.#parts.ring.hidden = true;
  }
}

if (globalThis.customElements && !customElements.get('stat-chart')) customElements.define('stat-chart', StatChart);
