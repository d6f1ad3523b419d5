// Type-checks the published package's .d.ts against real uses: `tsc -p tests/types`.
// Each @ts-expect-error line must fail to compile, or tsc reports an unused directive.
import init, { Chart, check } from "../../pkg/statchart.js";
import type { ChartSpec, ChartOptions } from "../../pkg/statchart.js";

const gauge: ChartSpec = { type: "nps", data: { nps: 33 }, locale: "id-ID", title: "NPS Prakerja" };
const counts: ChartSpec = { type: "nps", view: "breakdown", data: { promoters: 500, passives: 330, detractors: 170 } };
const scores: ChartSpec = { type: "nps", view: "distribution", data: { scores: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] } };
const trend: ChartSpec = { type: "nps-trend", data: [{ period: "2023", nps: 33, label: "normal" }] };
const rate: ChartSpec = { type: "employment", data: { rate: 24, label: "employed" } };
const breakdown: ChartSpec = {
  type: "employment",
  data: { categories: ["Employed", "Looking"], groups: [{ label: "2023", values: [24, 76] }], unit: "percent" },
};
const kpi: ChartSpec = { type: "kpi", data: { value: 480, suffix: "+" } };
const options: ChartOptions = { height: 300, pixelRatio: 2, theme: "dark" };

// @ts-expect-error: unknown chart type
const wrongType: ChartSpec = { type: "pie", data: [] };
// @ts-expect-error: unknown top-level field
const extra: ChartSpec = { type: "kpi", data: { value: 1 }, colour: "red" };
// @ts-expect-error: a count must be a number
const badCount: ChartSpec = { type: "nps", data: { promoters: "5", passives: 1, detractors: 1 } };
// @ts-expect-error: theme is light or dark
const badOptions: ChartOptions = { theme: "blue" };

export async function demo(canvas: HTMLCanvasElement): Promise<string> {
  await init();
  check(gauge);
  new Chart("#other", gauge).destroy();
  const chart = new Chart(canvas, counts, options);
  chart.update(JSON.stringify(trend));
  chart.setTheme(undefined);
  chart.resize();
  const svg: string = chart.toSvg();
  const png: string = chart.toPng();
  chart.destroy();
  return svg + png + JSON.stringify([rate, scores, breakdown, kpi, wrongType, extra, badCount, badOptions]);
}
