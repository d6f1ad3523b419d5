// The JS API as published in pkg/statchart.js: the wasm-bindgen glue behind a thin
// wrapper that loads one wasm instance per page (the <stat-chart> element imports
// this module too), never at import time, and says what went wrong when it cannot
// load or when a chart is made before init().
import initGlue, { Chart as GlueChart, check as glueCheck, initSync as glueInitSync } from 'statchart-glue';

/** Largest spec, in bytes of JSON text (the core's MAX_SPEC_BYTES). */
export const MAX_SPEC_BYTES = 1_000_000;

let loading = null;
let loaded = null;

/** Why the wasm could not start, in words a page author can act on. */
function explain(error, where) {
  const csp = `If the page sends a Content-Security-Policy, its script-src needs 'wasm-unsafe-eval' (not 'unsafe-eval') and its connect-src must allow ${where}.`;
  const why = typeof WebAssembly !== 'object' ? 'this browser cannot run WebAssembly' : String(error?.message || error).replace(/[\s.]+$/, '');
  return new Error(`statchart could not start its WebAssembly module: ${why}. ${csp}`, { cause: error });
}

/**
 * Loads and starts the wasm, once per page: every later call (and every
 * <stat-chart>) shares the same instance. Resolves to the wasm's exports.
 * `options.module_or_path` may name another wasm URL, a Response or a Module.
 */
export default function init(options) {
  if (loaded) return Promise.resolve(loaded);
  if (!loading) {
    const given = options && typeof options === 'object' && !(options instanceof URL) && 'module_or_path' in options
      ? options.module_or_path : options;
    const source = given ?? new URL('./statchart_bg.wasm', import.meta.url);
    // Not `new URL(source, import.meta.url)`: webpack would take that for an asset reference.
    const here = import.meta.url;
    const where = source instanceof URL || typeof source === 'string' ? new URL(source, here).origin : 'the wasm\'s origin';
    loading = (async () => {
      if (typeof WebAssembly !== 'object') throw new Error('no WebAssembly');
      let input = source;
      if (input instanceof URL || typeof input === 'string') {
        const response = await fetch(input);
        if (!response.ok) throw new Error(`HTTP ${response.status} for ${response.url || input}`);
        input = response;
      }
      loaded = await initGlue({ module_or_path: input });
      return loaded;
    })().catch((error) => {
      loading = null;  // a later call may try again (a network blip); a policy fails the same way
      throw explain(error, where);
    });
  }
  return loading;
}

/** Starts the wasm from bytes or a compiled module, synchronously. */
export function initSync(module) {
  loaded ??= glueInitSync(module);
  return loaded;
}

function started() {
  if (!loaded) throw new Error('statchart is not ready: await init() before making a Chart or calling check()');
}

/** A chart drawn on one canvas; see pkg/statchart.d.ts for its methods. */
export class Chart extends GlueChart {
  constructor(target, spec, options) {
    started();
    super(target, spec, options);
  }

  /** The data elements as drawn, with the text a tooltip shows (JSON from the wasm). */
  marks() {
    return JSON.parse(this.marksJson());
  }

  /** The figures as a table for screen readers, or null before a chart is drawn. */
  table() {
    const json = this.tableJson();
    return json ? JSON.parse(json) : null;
  }
}

/** Validates a spec without drawing; throws the one-line error naming the field. */
export function check(spec) {
  started();
  return glueCheck(spec);
}
