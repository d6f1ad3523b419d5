// Compile-time checks: each @ts-expect-error line must fail to type-check, or tsc
// reports the directive as unused and the consumer test fails.
import type { ChartSpec } from 'statchart';
import type { StatChartErrorDetail } from 'statchart/stat-chart.js';

// @ts-expect-error: a count must be a number
export const badCount: ChartSpec = { type: 'nps', data: { promoters: '5', passives: 1, detractors: 1 } };
// @ts-expect-error: unknown chart type
export const badType = { type: 'pie', data: [] } satisfies ChartSpec;

export function typed(el: HTMLElementTagNameMap['stat-chart']) {
  // @ts-expect-error: update takes a spec, not a number
  el.update(42);
  // @ts-expect-error: refresh() was renamed reload(); refresh is the interval
  el.refresh();
  el.addEventListener('statchart:error', (e) => {
    const source: StatChartErrorDetail['source'] = e.detail.source;
    // @ts-expect-error: detail has no such field
    return source + e.detail.nonsense;
  });
  const created = document.createElement('stat-chart');
  created.aspectRatio = '16/9';
  return created.reload();
}
