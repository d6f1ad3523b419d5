// Imported by the wasm: the canvas side of src/web. It paints the operations
// src/web/canvas.rs records, in one call per chart, on a CanvasRenderingContext2D or
// on the SVG recorder (js/svg-context.js), and does the few DOM calls a chart needs
// (and reads its options), so that the wasm holds one context and needs neither
// per-method import shims nor reflection.

/** Canvas methods by operation code, with how many numbers each takes. */
const CALLS = [['beginPath', 0], ['closePath', 0], ['fill', 0], ['stroke', 0], ['moveTo', 2], ['lineTo', 2],
  ['fillRect', 4], ['strokeRect', 4], ['arc', 6]];
/** Properties set from a number (codes 9–12): the value, or its name by index. */
const NUMBERS = [['lineWidth'], ['lineCap', 'butt', 'round'], ['lineJoin', 'miter', 'round'], ['textAlign', 'left', 'center', 'right']];
/** Properties set from a text (codes 13–15); code 16 is fillText(text, x, y). */
const TEXTS = ['fillStyle', 'strokeStyle', 'font'];

/** Replays `ops` on `ctx`; each text is the next `length` UTF-16 units of `text`. */
export function paint(ctx, ops, text) {
  let i = 0;
  let at = 0;
  ctx.save();
  ctx.textBaseline = 'alphabetic';
  while (i < ops.length) {
    const code = ops[i++];
    if (code < 9) {
      const [name, n] = CALLS[code];
      ctx[name](...ops.subarray(i, i += n));
    } else if (code < 13) {
      const [name, ...names] = NUMBERS[code - 9];
      const v = ops[i++];
      ctx[name] = names.length ? names[v] : v;
    } else {
      const s = text.slice(at, at += ops[i++]);
      if (code < 16) ctx[TEXTS[code - 13]] = s;
      else ctx.fillText(s, ops[i++], ops[i++]);
    }
  }
  ctx.restore();
}

/** Advance width of `text` on `ctx`, setting its font first when `font` is given. */
export function measure(ctx, font, text) {
  if (font) ctx.font = font;
  return ctx.measureText(text).width;
}

/** The 2D context of `target` (a canvas or a CSS selector), its canvas styled for the
 * chart; or, as text, why there is none. */
export function attach(target) {
  let canvas = target;
  if (typeof target === 'string') {
    if (typeof document !== 'object') return 'no document';
    try {
      canvas = document.querySelector(target);
    } catch {
      return `invalid selector "${target}"`;
    }
    if (!canvas) return `no element matches "${target}"`;
    if (!(canvas instanceof HTMLCanvasElement)) return `"${target}" is not a canvas`;
  } else if (typeof HTMLCanvasElement !== 'function' || !(target instanceof HTMLCanvasElement)) {
    return 'expected a canvas element or a selector';
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return 'the canvas has no 2D context';
  const { style } = canvas;
  // A canvas without a CSS width would grow with its own backing store on every resize.
  if (!style.width) style.width = '100%';
  // Text is drawn by the chart: the page's letter spacing or direction must not reach it.
  Object.assign(style, { display: 'block', letterSpacing: 'normal', wordSpacing: 'normal', direction: 'ltr' });
  return ctx;
}

/** The canvas's laid-out CSS width and height, and the window's devicePixelRatio. */
export function box(ctx) {
  const { width, height } = ctx.canvas.getBoundingClientRect();
  return [width, height, self.devicePixelRatio || 1];
}

/** Sizes the backing store in device pixels, and the CSS height. */
export function fit(ctx, width, height, cssHeight) {
  const { canvas } = ctx;
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  canvas.style.height = `${cssHeight}px`;
}

/** Names the canvas as one image for screen readers. */
export function label(ctx, text) {
  ctx.canvas.setAttribute('role', 'img');
  ctx.canvas.setAttribute('aria-label', text);
}

/** Clears the canvas and its name. */
export function release(ctx) {
  const { canvas } = ctx;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  canvas.removeAttribute('aria-label');
  canvas.removeAttribute('role');
}

/** The canvas as a PNG `data:` URL; empty when it cannot be exported. */
export function png(ctx) {
  try {
    return ctx.canvas.toDataURL('image/png');
  } catch {
    return '';
  }
}

/** The option `key` of `options` (undefined when not given). */
export function option(options, key) {
  return options[key];
}
