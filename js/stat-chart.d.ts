// Types of the <stat-chart> element module (statchart/stat-chart.js). Importing the
// module defines the element; these declarations also make
// `document.querySelector('stat-chart')` and `document.createElement('stat-chart')`
// typed, and type the element's events.
import type { ChartSpec, InitOutput } from './statchart.js';

export { Chart, check, default as init } from './statchart.js';
export type { ChartSpec, ChartOptions, InitOutput } from './statchart.js';

/** Awaiting it loads the wasm (once per page) and resolves to its exports. */
export declare const ready: PromiseLike<InitOutput>;

/** Bounds of the `refresh` attribute, in seconds. */
export declare const REFRESH_MIN_S: 5;
export declare const REFRESH_MAX_S: 86400;
/** Bounds and default of the `timeout` attribute, in seconds. */
export declare const TIMEOUT_MIN_S: 1;
export declare const TIMEOUT_MAX_S: 60;
export declare const TIMEOUT_DEFAULT_S: 10;
/** Longest wait between retries of a failing feed, in seconds. */
export declare const MAX_BACKOFF_S: 600;

/** `statchart:drawn`: a chart was drawn; `summary` is what screen readers are told. */
export interface StatChartDrawnDetail {
  summary: string;
}

/** `statchart:error`: something could not be used; the last good chart stays. */
export interface StatChartErrorDetail {
  message: string;
  /** Where it came from: a spec given to the element, the feed, an attribute, or the wasm itself. */
  source: 'spec' | 'feed' | 'attribute' | 'wasm';
}

/** `statchart:warning`: an attribute value out of bounds or not a number; a safe value is used. */
export interface StatChartWarningDetail {
  message: string;
  attribute: 'refresh' | 'timeout';
}

export interface StatChartEventMap extends HTMLElementEventMap {
  'statchart:drawn': CustomEvent<StatChartDrawnDetail>;
  'statchart:error': CustomEvent<StatChartErrorDetail>;
  'statchart:warning': CustomEvent<StatChartWarningDetail>;
}

/** The `<stat-chart>` element. Every attribute has a property; setting either works the same. */
export declare class StatChart extends HTMLElement {
  static readonly observedAttributes: string[];
  /** URL of a JSON spec to fetch (`src` attribute). */
  src: string;
  /** Seconds between fetches of `src`, clamped to 5…86,400; 0: fetch once. */
  get refresh(): number;
  set refresh(value: number | string | null);
  /** Seconds a request may take, body included (1…60, default 10). */
  get timeout(): number;
  set timeout(value: number | string | null);
  /** Overrides the spec's locale, e.g. `id-ID`. */
  locale: string;
  /** Overrides the spec's view (`gauge`, `breakdown`, `distribution`, `kpi`, `trend`). */
  view: string;
  /** `light`, `dark` or `auto` (follows the reader's setting). */
  theme: string;
  /** A fixed CSS height in pixels (200…4096); 0: the chart takes the height it needs. */
  get height(): number;
  set height(value: number | string | null);
  /** Height from the width, e.g. `16/9` (`aspect-ratio` attribute). */
  aspectRatio: string;
  /** The last good spec; setting it draws it (a bad one shows its error and keeps the chart). */
  get spec(): ChartSpec | null;
  set spec(value: ChartSpec | string | null | undefined);
  /** Seconds until the next fetch of `src`, 0 when none is scheduled. */
  readonly nextFetchDelay: number;
  /** Draws a spec, animating from the old figures; rejects with the error naming the bad field. */
  update(spec: ChartSpec | string): Promise<void>;
  /** Fetches `src` now, or joins the request in flight; resolves once it has been handled. */
  reload(): Promise<void>;

  addEventListener<K extends keyof StatChartEventMap>(type: K, listener: (this: StatChart, ev: StatChartEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof StatChartEventMap>(type: K, listener: (this: StatChart, ev: StatChartEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'stat-chart': StatChart;
  }
}
