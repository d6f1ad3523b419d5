// The JS API and the element in one page: one wasm instance, typed specs and element.
import init, { Chart, type ChartSpec } from 'statchart';
import { ready, type StatChart } from 'statchart/stat-chart.js';

const breakdown = {
  type: 'nps',
  view: 'breakdown',
  title: 'Vite 8: would trainees recommend the course?',
  subtitle: 'Illustrative figures for a fictional training centre',
  data: { promoters: 500, passives: 330, detractors: 170 },
} satisfies ChartSpec;

await init();
new Chart('#api', breakdown);

const element: StatChart = document.querySelector('stat-chart')!;
element.refresh = 60;
element.addEventListener('statchart:drawn', (e) => { document.body.dataset.summary = e.detail.summary; });
element.addEventListener('statchart:error', (e) => { document.body.dataset.error = `${e.detail.source}: ${e.detail.message}`; });
await element.update({ type: 'employment', title: 'Employed a month later', data: { employed: 240, total: 1000 } });
await ready;
document.body.dataset.ready = 'true';
