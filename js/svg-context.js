// SVG export in the browser: a stand-in for CanvasRenderingContext2D that the wasm's
// canvas backend draws on, and that writes what it is given as SVG elements.
// The wasm then needs no SVG writer of its own (4.5 KB gzipped less for every reader);
// the native build keeps src/svg.rs. Only the calls src/web/canvas.rs makes are here.

const TAU = 2 * Math.PI;
const STATE = ['fillStyle', 'strokeStyle', 'lineWidth', 'lineCap', 'lineJoin', 'font', 'textAlign', 'textBaseline'];
const num = (v) => String(Math.round(v * 100) / 100);
// Markup characters escaped; characters XML 1.0 forbids (controls, U+FFFE, U+FFFF,
// lone surrogates) replaced, or the document would not parse.
const escapeXml = (s) => String(s)
  .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
  .replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** ` fill="rgb(…)"` plus an opacity attribute for rgba(): SVG 1.1 readers know no rgba(). */
function paint(attr, css) {
  const m = /^rgba\((\d+),(\d+),(\d+),([\d.]+)\)$/.exec(css);
  return m ? ` ${attr}="rgb(${m[1]},${m[2]},${m[3]})" ${attr}-opacity="${m[4]}"` : ` ${attr}="${escapeXml(css)}"`;
}

class SvgContext {
  constructor(width, height, measure) {
    this.width = width;
    this.height = height;
    this.measure = measure;
    this.parts = [];
    this.d = '';
    this.fillStyle = '#000';
    this.strokeStyle = '#000';
    this.lineWidth = 1;
    this.lineCap = 'butt';
    this.lineJoin = 'miter';
    this.font = '10px sans-serif';
    this.textAlign = 'start';
    this.textBaseline = 'alphabetic';
  }

  /** Canvas state is saved and restored around each painting (js/canvas-ops.js). */
  save() { this.saved = STATE.map((k) => this[k]); }
  restore() { STATE.forEach((k, i) => { this[k] = this.saved[i]; }); }

  beginPath() { this.d = ''; }
  moveTo(x, y) { this.d += `M${num(x)} ${num(y)}`; }
  lineTo(x, y) { this.d += `${this.d ? 'L' : 'M'}${num(x)} ${num(y)}`; }
  closePath() { this.d += 'Z'; }

  /** Canvas arc semantics: a line to the arc's start if the path has a point, then the arc;
   * a sweep of 2π or more is the full circle (drawn as two half arcs). */
  arc(cx, cy, r, a0, a1, anticlockwise = false) {
    const at = (a) => `${num(cx + r * Math.cos(a))} ${num(cy + r * Math.sin(a))}`;
    let span = anticlockwise ? a0 - a1 : a1 - a0;
    const full = span >= TAU;
    span = full ? TAU : ((span % TAU) + TAU) % TAU;
    const sweep = anticlockwise ? 0 : 1;
    const dir = anticlockwise ? -1 : 1;
    this.d += `${this.d ? 'L' : 'M'}${at(a0)}`;
    const halves = full ? [a0 + dir * Math.PI, a0] : [a1];
    for (const end of halves) {
      const large = !full && span > Math.PI ? 1 : 0;
      this.d += `A${num(r)} ${num(r)} 0 ${large} ${sweep} ${at(end)}`;
    }
  }

  fill() { if (this.d) this.parts.push(`<path d="${this.d}"${paint('fill', this.fillStyle)}/>`); }

  stroke() { if (this.d) this.parts.push(`<path d="${this.d}"${this.strokeAttrs()}/>`); }

  strokeAttrs() {
    let attrs = ` fill="none"${paint('stroke', this.strokeStyle)} stroke-width="${num(this.lineWidth)}"`;
    if (this.lineCap !== 'butt') attrs += ` stroke-linecap="${this.lineCap}"`;
    if (this.lineJoin !== 'miter') attrs += ` stroke-linejoin="${this.lineJoin}"`;
    return attrs;
  }

  rect(x, y, w, h) { return `<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}"`; }
  fillRect(x, y, w, h) { this.parts.push(`${this.rect(x, y, w, h)}${paint('fill', this.fillStyle)}/>`); }
  strokeRect(x, y, w, h) { this.parts.push(`${this.rect(x, y, w, h)}${this.strokeAttrs()}/>`); }
  clearRect() {}

  fillText(text, x, y) {
    const [, bold, size, family] = /^(bold )?([\d.]+)px (.*)$/.exec(this.font) || [, '', '10', 'sans-serif'];
    const anchor = { center: 'middle', right: 'end', end: 'end' }[this.textAlign] || 'start';
    this.parts.push(`<text x="${num(x)}" y="${num(y)}" font-family="${escapeXml(family)}" font-size="${size}"`
      + `${bold ? ' font-weight="bold"' : ''} text-anchor="${anchor}"${paint('fill', this.fillStyle)}>${escapeXml(text)}</text>`);
  }

  /** Text is measured by the chart's real canvas, so the SVG is laid out as the chart is. */
  measureText(text) {
    this.measure.font = this.font;
    return this.measure.measureText(text);
  }
}

/** A recording context of `width` × `height` CSS pixels that measures text with `measure`. */
export function svgContext(width, height, measure) {
  return new SvgContext(width, height, measure);
}

/** The SVG document drawn on `ctx`, one image named by `title` for screen readers. */
export function svgDocument(ctx, title) {
  const { width: w, height: h } = ctx;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-labelledby="statchart-title">\n`
    + `<title id="statchart-title">${escapeXml(title)}</title>\n${ctx.parts.join('\n')}\n</svg>\n`;
}
