// For the browser tests (test.html): small readers of a chart's state, the same in
// every engine, so that test code passed to the page stays short.
window.T = {
  chart({ id, attrs = {}, inline, parent = document.getElementById('root') }) {
    const el = document.createElement('stat-chart');
    el.id = id;
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    if (inline !== undefined) {
      const s = document.createElement('script');
      s.type = 'application/json';
      s.textContent = typeof inline === 'string' ? inline : JSON.stringify(inline);
      el.append(s);
    }
    parent.append(el);
    return el;
  },
  part: (id, sel) => document.getElementById(id)?.shadowRoot.querySelector(sel),
  label: (id) => T.part(id, 'canvas')?.getAttribute('aria-label') || '',
  stale: (id) => (T.part(id, '.stale')?.hidden ? '' : T.part(id, '.stale')?.textContent || ''),
  error: (id) => (T.part(id, '.error')?.hidden ? '' : T.part(id, '.error')?.textContent || ''),
  /** Distinct colours in a sample of the canvas: a drawn chart has several. */
  painted(id) {
    const c = T.part(id, 'canvas');
    if (!c || !c.width) return 0;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const colours = new Set();
    for (let i = 0; i < d.length; i += 4 * 89) colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    return colours.size;
  },
  events: (type, id) => window.__seen.events.filter((e) => e.type === type && (!id || e.id === id)),
  sleep: (ms) => new Promise((ok) => setTimeout(ok, ms)),
  /** The JS API module, imported by the page itself (a WebDriver script's own
   * import() may get a module instance of its own, as in Firefox). */
  api: () => import('/pkg/statchart.js'),
  async wasmBytes() {
    const init = (await T.api()).default;
    return (await init()).memory.buffer.byteLength;
  },
};
