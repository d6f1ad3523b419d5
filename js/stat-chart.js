// <stat-chart>: the statchart embed. One module script, no build step:
//
//   <script type="module" src="https://…/stat-chart.js"></script>
//   <stat-chart src="/figures/nps.json" refresh="60"></stat-chart>
//   <stat-chart><script type="application/json">{"type":"nps","data":{"nps":33}}</script></stat-chart>
//
// The wasm is loaded from beside this file. The chart lives in a shadow root, so
// the page's CSS can neither break it nor be broken by it. Attributes: src,
// refresh (seconds), locale, view, theme (light | dark | auto), height (px),
// aspect-ratio (e.g. 16/9). Changing one redraws.
//
// The build bundles the wasm-bindgen glue into this file, so a page makes two
// requests, this script and the wasm, and the wasm download starts as soon as
// this script runs. The JS API is re-exported for pages that want both.
import init, { Chart, check } from './statchart.js';

export { Chart, check };

const wasmResponse = fetch(new URL('./statchart_bg.wasm', import.meta.url));
/** Resolves once the wasm is ready; `new Chart(…)` may be used after that. */
export const ready = init({ module_or_path: wasmResponse });
const wasm = ready;
const ANIMATION_MS = 400;
const MAX_BACKOFF_S = 600;

const STYLE = `
:host { display: block; position: relative; max-width: 100%; min-width: 0; }
:host([hidden]) { display: none; }
.wrap { position: relative; margin: 0; padding: 0; border: 0;
  /* Inherited text settings of the host page stop here. */
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
`;

const WORDS = {
  en: { stale: 'Not updated since', updated: 'Updated', notDrawn: 'Chart not drawn', hint: 'Use the arrow keys to read the values.' },
  id: { stale: 'Tidak diperbarui sejak', updated: 'Diperbarui', notDrawn: 'Grafik tidak digambar', hint: 'Gunakan tombol panah untuk membaca nilai.' },
};

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

const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

export class StatChart extends HTMLElement {
  static observedAttributes = ['src', 'refresh', 'locale', 'view', 'theme', 'height', 'aspect-ratio'];

  #chart = null;
  #spec = null;          // the last good spec, as given
  #drawn = null;         // the spec as last drawn (attributes applied)
  #etag = null;
  #timer = 0;
  #failures = 0;
  #lastGood = null;      // Date of the last good figures
  #width = 0;
  #focus = -1;
  #frame = 0;
  #observer = null;
  #ratioQuery = null;
  #darkQuery = matchMedia('(prefers-color-scheme: dark)');
  #onScheme = () => this.#redraw();
  #ratio = 0;
  // Browser zoom fires resize and changes devicePixelRatio; redraw at the new ratio.
  #onWindowResize = () => { if (devicePixelRatio !== this.#ratio) this.#ratioChanged(); };
  #connected = false;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${STYLE}</style>
      <div class="wrap" part="chart">
        <canvas tabindex="0"></canvas>
        <div class="ring" hidden></div>
        <div class="tip" hidden role="presentation"></div>
        <div class="stale" hidden></div>
        <div class="error" hidden role="alert"></div>
      </div>
      <div class="sr"><table></table></div>
      <div class="sr live" aria-live="polite" aria-atomic="true"></div>`;
    this.canvas = root.querySelector('canvas');
    this.tip = root.querySelector('.tip');
    this.ring = root.querySelector('.ring');
    this.staleMark = root.querySelector('.stale');
    this.errorBox = root.querySelector('.error');
    this.table = root.querySelector('table');
    this.live = root.querySelector('.live');
    this.canvas.addEventListener('pointermove', (e) => this.#hover(e));
    this.canvas.addEventListener('pointerdown', (e) => this.#hover(e));
    // A touch lifts off (and "leaves") right after the tap: keep its tooltip until the next tap.
    this.canvas.addEventListener('pointerleave', (e) => { if (e.pointerType === 'mouse' && this.#focus < 0) this.#hideTip(); });
    this.canvas.addEventListener('keydown', (e) => this.#key(e));
    this.canvas.addEventListener('blur', () => { this.#focus = -1; this.#hideTip(); });
  }

  /** The chart's current spec (the last good one). */
  get spec() { return this.#spec; }

  /** Replaces the spec; animates from the old figures. Throws on a bad spec, keeping the old chart. */
  async update(spec) {
    await wasm;
    const parsed = typeof spec === 'string' ? JSON.parse(spec) : spec;
    this.#accept(parsed, true);
  }

  /** Fetches `src` now; resolves once the attempt has finished. */
  refresh() { return this.#fetch(); }

  async connectedCallback() {
    this.#connected = true;
    await wasm;
    if (!this.#connected) return;
    this.#observer = new ResizeObserver((entries) => this.#resized(entries[0].contentRect.width));
    this.#observer.observe(this);
    this.#watchRatio();
    this.#ratio = devicePixelRatio;
    addEventListener('resize', this.#onWindowResize);
    this.#darkQuery.addEventListener('change', this.#onScheme);
    if (this.hasAttribute('src')) {
      await this.#fetch();
    } else {
      const inline = this.querySelector('script[type="application/json"]');
      if (inline) {
        try {
          this.#accept(JSON.parse(inline.textContent), false);
        } catch (e) {
          this.#showError(e.message);
        }
      }
    }
  }

  disconnectedCallback() {
    this.#connected = false;
    clearTimeout(this.#timer);
    cancelAnimationFrame(this.#frame);
    this.#observer?.disconnect();
    removeEventListener('resize', this.#onWindowResize);
    this.#darkQuery.removeEventListener('change', this.#onScheme);
    this.#chart?.destroy();
    this.#chart = null;
  }

  attributeChangedCallback(name, old, value) {
    if (!this.#connected || old === value) return;
    if (name === 'src') {
      this.#etag = null;
      this.#fetch();
    } else if (name === 'refresh') {
      this.#schedule();
    } else {
      this.#redraw();
    }
  }

  // ---------------------------------------------------------------- figures

  /** Validates and draws a new spec, or throws keeping the last good chart. */
  #accept(spec, animate) {
    const effective = this.#effective(spec);
    check(effective);  // throws the one-line error naming the field
    const before = this.#drawn;
    this.#spec = spec;
    this.#lastGood = new Date();
    this.errorBox.hidden = true;
    this.staleMark.hidden = true;
    if (!this.#chart) {
      this.#chart = new Chart(this.canvas, effective, this.#options());
      this.#drawn = effective;
      this.#afterDraw(false);
    } else if (animate && before && !reducedMotion() && sameShape(before, effective)) {
      this.#animate(before, effective);
    } else {
      this.#draw(effective);
    }
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
    if (t === 'auto') return this.#darkQuery.matches ? 'dark' : 'light';
    return t === 'dark' || t === 'light' ? t : undefined;
  }

  /** A fixed height from the height attribute or the aspect ratio; else the chart's own. */
  #height() {
    const h = parseFloat(this.getAttribute('height'));
    if (h > 0) return h;
    const ratio = this.getAttribute('aspect-ratio');
    if (ratio) {
      const [a, b = 1] = ratio.split('/').map(Number);
      const width = this.#width || this.getBoundingClientRect().width;
      if (a > 0 && b > 0 && width > 0) return Math.max(200, Math.round(width * b / a));
    }
    return undefined;
  }

  #draw(spec) {
    cancelAnimationFrame(this.#frame);
    this.#chart.update(spec);
    this.#drawn = spec;
    this.#afterDraw(true);
  }

  /** Grows the old figures into the new ones in at most 400 ms. */
  #animate(from, to) {
    cancelAnimationFrame(this.#frame);
    const start = performance.now();
    const step = (now) => {
      const t = Math.min(1, (now - start) / ANIMATION_MS);
      const eased = 1 - (1 - t) ** 3;
      if (t >= 1) {
        this.#draw(to);
        return;
      }
      try {
        this.#chart.update(tween(from, to, eased));
      } catch {
        this.#draw(to);
        return;
      }
      this.#frame = requestAnimationFrame(step);
    };
    this.#frame = requestAnimationFrame(step);
  }

  #redraw() {
    if (!this.#chart || !this.#spec) return;
    try {
      this.#chart.setTheme(this.#theme());
      this.#chart.setHeight(this.#height());
      this.#draw(this.#effective(this.#spec));
    } catch (e) {
      // A bad attribute (say, a view the data cannot show): keep the last chart, say why.
      this.#chart.update(this.#drawn);
      this.#announce(e.message);
    }
  }

  /** After a final draw: accessible name, data table, and the change announced. */
  #afterDraw(announce) {
    const summary = this.#chart.summary();
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', summary);
    this.canvas.setAttribute('aria-description', this.#words().hint);
    this.#fillTable(this.#chart.table());
    this.#marks = this.#chart.marks();
    if (this.#focus >= this.#marks.length) this.#focus = -1;
    this.#hideTip();
    if (announce) this.#announce(`${this.#words().updated}: ${summary}`);
    this.dispatchEvent(new CustomEvent('statchart:drawn', { detail: { summary } }));
  }

  #marks = [];

  #fillTable(t) {
    const doc = this.ownerDocument;
    this.table.replaceChildren();
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
    this.table.append(caption, head, body);
  }

  #words() {
    const locale = this.getAttribute('locale') || this.#spec?.locale || 'en-US';
    return locale.startsWith('id') ? WORDS.id : WORDS.en;
  }

  #announce(text) {
    // Clearing first makes screen readers announce a repeated text too.
    this.live.textContent = '';
    requestAnimationFrame(() => { this.live.textContent = text; });
  }

  #showError(message) {
    this.errorBox.textContent = `${this.#words().notDrawn}: ${message}`;
    this.errorBox.hidden = false;
  }

  // ---------------------------------------------------------------- the feed

  async #fetch() {
    const src = this.getAttribute('src');
    if (!src) return;
    clearTimeout(this.#timer);
    try {
      const headers = this.#etag ? { 'If-None-Match': this.#etag } : {};
      const response = await fetch(new URL(src, this.ownerDocument.baseURI), { headers, cache: 'no-store' });
      if (response.status === 304) {
        this.#succeeded();
        return;
      }
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const etag = response.headers.get('ETag');
      const spec = JSON.parse(await response.text());
      this.#accept(spec, true);
      this.#etag = etag;
      this.#succeeded();
    } catch (e) {
      this.#failed(e);
    }
  }

  #succeeded() {
    this.#failures = 0;
    this.staleMark.hidden = true;
    this.#schedule();
  }

  /** Keeps the last good chart, marks it stale, retries later and later. */
  #failed(error) {
    this.#failures += 1;
    if (this.#chart && this.#lastGood) {
      const locale = this.getAttribute('locale') || this.#spec?.locale || 'en-US';
      const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(this.#lastGood);
      this.staleMark.textContent = `${this.#words().stale} ${time}`;
      this.staleMark.title = String(error.message || error);
      this.staleMark.hidden = false;
    } else {
      this.#showError(error.message || String(error));
    }
    this.dispatchEvent(new CustomEvent('statchart:error', { detail: { message: String(error.message || error) } }));
    this.#schedule();
  }

  #schedule() {
    clearTimeout(this.#timer);
    if (!this.#connected || !this.hasAttribute('src')) return;
    const every = parseFloat(this.getAttribute('refresh'));
    const base = every > 0 ? every : 0;
    if (!base && this.#failures === 0) return;
    const delay = this.#failures === 0
      ? base
      : Math.min(MAX_BACKOFF_S, Math.max(base, 5) * 2 ** (this.#failures - 1));
    this.#timer = setTimeout(() => this.#fetch(), delay * 1000);
  }

  /** The delay before the next fetch, in seconds (for tests and dashboards). */
  get nextFetchDelay() {
    const every = parseFloat(this.getAttribute('refresh')) || 0;
    return this.#failures === 0 ? every : Math.min(MAX_BACKOFF_S, Math.max(every, 5) * 2 ** (this.#failures - 1));
  }

  // ---------------------------------------------------------------- size

  #resized(width) {
    // Only the width drives the chart; the height follows from it, so a container
    // sized in percent of its content cannot start a resize loop.
    if (Math.abs(width - this.#width) < 0.5) return;
    this.#width = width;
    if (!this.#chart) return;
    if (this.getAttribute('aspect-ratio')) this.#chart.setHeight(this.#height());
    else this.#chart.resize();
    this.#marks = this.#chart.marks();
    this.#hideTip();
  }

  #watchRatio() {
    this.#ratioQuery = matchMedia(`(resolution: ${devicePixelRatio}dppx)`);
    this.#ratioQuery.addEventListener('change', () => {
      this.#ratioChanged();
      if (this.#connected) this.#watchRatio();
    }, { once: true });
  }

  #ratioChanged() {
    this.#ratio = devicePixelRatio;
    if (this.#chart) {
      this.#chart.resize();
      this.#marks = this.#chart.marks();
    }
  }

  // ---------------------------------------------------------------- reading values

  #hover(event) {
    const r = this.canvas.getBoundingClientRect();
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
    this.tip.textContent = m.text;
    this.tip.hidden = false;
    const width = this.canvas.clientWidth;
    const tw = this.tip.offsetWidth, th = this.tip.offsetHeight;
    let left = m.x + m.w / 2 - tw / 2;
    left = Math.max(0, Math.min(width - tw, left));
    const top = m.y - th - 8 >= 0 ? m.y - th - 8 : m.y + m.h + 8;
    this.tip.style.left = `${left}px`;
    this.tip.style.top = `${top}px`;
    this.ring.hidden = !withRing;
    if (withRing) Object.assign(this.ring.style, {
      left: `${m.x - 3}px`, top: `${m.y - 3}px`, width: `${m.w + 2}px`, height: `${m.h + 2}px`,
    });
  }

  #hideTip() {
    this.tip.hidden = true;
    this.ring.hidden = true;
  }
}

if (!customElements.get('stat-chart')) customElements.define('stat-chart', StatChart);
