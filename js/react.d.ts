// JSX types for <stat-chart> in React 19. Once in the app, e.g. in a .d.ts file or
// the file that imports the element:
//
//   import type {} from 'statchart/react';
//
// React 19 sets a custom element's properties when the element has them, so
// `spec={object}` and `refresh={60}` reach the element as values, not strings.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { StatChart } from './stat-chart.js';
import type { ChartSpec } from './statchart.js';

export interface StatChartProps extends DetailedHTMLProps<HTMLAttributes<StatChart>, StatChart> {
  /** URL of a JSON spec to fetch. */
  src?: string;
  /** Seconds between fetches of `src` (5…86,400). */
  refresh?: number | string;
  /** Seconds a request may take (1…60, default 10). */
  timeout?: number | string;
  /** Overrides the spec's locale, e.g. `id-ID`. */
  locale?: string;
  /** Overrides the spec's view. */
  view?: 'gauge' | 'breakdown' | 'distribution' | 'kpi' | 'trend';
  theme?: 'light' | 'dark' | 'auto';
  /** A fixed CSS height in pixels. */
  height?: number | string;
  /** Height from the width, e.g. `16/9`. */
  'aspect-ratio'?: string;
  aspectRatio?: string;
  /** The chart's spec; a new object draws the new figures. */
  spec?: ChartSpec | string;
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'stat-chart': StatChartProps;
    }
  }
}
