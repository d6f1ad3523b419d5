// One page, two libraries: ?lib=statchart|chartjs&chart=gauge|breakdown|employment&n=1.
// Draws the same chart with either library at 640 × 400 CSS pixels and exposes
// window.bench for bench/run.mjs: first paint, update timings, many charts, memory.
const params = new URLSearchParams(location.search);
const LIB = params.get('lib');
const KIND = params.get('chart') || 'gauge';
const N = Number(params.get('n') || 1);
const WIDTH = 640, HEIGHT = 400;

// The same figures for both libraries: two variants to alternate between on update.
const NPS = [[500, 330, 170], [520, 300, 180]];
const COHORTS = ['Cohort 1 (2022)', 'Cohort 2 (2023)', 'Cohort 3 (2023)'];
const OUTCOMES = ['Employed', 'Self-employed', 'Still looking', 'Not looking'];
const EMPLOYMENT = [
  [[120, 60, 190, 30], [150, 70, 160, 20], [170, 85, 130, 15]],
  [[125, 58, 185, 32], [148, 75, 158, 19], [176, 80, 128, 16]],
];
const nps = ([p, , d]) => (100 * (p - d)) / 1000;
const shares = (row) => row.map((v) => (100 * v) / row.reduce((a, b) => a + b, 0));

function statchartSpec(kind, v) {
  const [promoters, passives, detractors] = NPS[v];
  if (kind === 'gauge') return { type: 'nps', title: 'NPS', data: { promoters, passives, detractors } };
  if (kind === 'breakdown') return { type: 'nps', view: 'breakdown', title: 'NPS', data: { promoters, passives, detractors } };
  return {
    type: 'employment', title: 'Outcomes',
    data: { categories: OUTCOMES, groups: COHORTS.map((label, i) => ({ label, values: EMPLOYMENT[v][i] })) },
  };
}

function chartjsConfig(kind, v) {
  const base = { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: kind !== 'gauge' } } };
  if (kind === 'gauge') {
    const score = nps(NPS[v]);
    return {
      type: 'doughnut',
      data: { labels: ['NPS', ''], datasets: [{ data: [score + 100, 100 - score], backgroundColor: ['#17785a', '#dcdcdc'] }] },
      options: { ...base, rotation: -90, circumference: 180, cutout: '70%', plugins: { title: { display: true, text: 'NPS' }, legend: { display: false } } },
    };
  }
  if (kind === 'breakdown') {
    const s = shares(NPS[v]);
    const names = ['Promoters', 'Passives', 'Detractors'], colours = ['#17785a', '#b9b9b9', '#c0392b'];
    return {
      type: 'bar',
      data: { labels: ['NPS'], datasets: [2, 1, 0].map((i) => ({ label: names[i], data: [s[i]], backgroundColor: colours[i] })) },
      options: { ...base, indexAxis: 'y', scales: { x: { stacked: true, max: 100 }, y: { stacked: true } }, plugins: { title: { display: true, text: 'NPS' } } },
    };
  }
  const colours = ['#0072b2', '#e69f00', '#009e73', '#cc79a7'];
  const rows = EMPLOYMENT[v].map(shares);
  return {
    type: 'bar',
    data: { labels: COHORTS, datasets: OUTCOMES.map((label, c) => ({ label, data: rows.map((r) => r[c]), backgroundColor: colours[c] })) },
    options: { ...base, indexAxis: 'y', scales: { x: { stacked: true, max: 100 }, y: { stacked: true } }, plugins: { title: { display: true, text: 'Outcomes' } } },
  };
}

async function loadLibrary() {
  if (LIB === 'statchart') {
    // What an embedding page loads: stat-chart.js and the JS API module it imports
    // (statchart.js, with the glue); awaiting `ready` starts the wasm (preloaded by
    // the page's hints); the re-exported JS API draws here.
    const mod = await import('/pkg/stat-chart.js');
    const wasm = await mod.ready;
    return {
      create: (box, v) => {
        const canvas = document.createElement('canvas');
        box.append(canvas);
        return new mod.Chart(canvas, statchartSpec(KIND, v), { height: HEIGHT });
      },
      update: (chart, v) => chart.update(statchartSpec(KIND, v)),
      wasmBytes: () => wasm.memory.buffer.byteLength,
    };
  }
  await new Promise((ok, fail) => {
    const s = document.createElement('script');
    s.src = '/bench/vendor/chart.umd.min.js';
    s.onload = ok;
    s.onerror = fail;
    document.head.append(s);
  });
  return {
    create: (box, v) => {
      const canvas = document.createElement('canvas');
      box.append(canvas);
      return new window.Chart(canvas, chartjsConfig(KIND, v));
    },
    update: (chart, v) => {
      const next = chartjsConfig(KIND, v);
      chart.data.datasets.forEach((d, i) => { d.data = next.data.datasets[i].data; });
      chart.update('none');
    },
    wasmBytes: () => 0,
  };
}

const painted = () => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));

function box() {
  const div = document.createElement('div');
  div.className = 'box';
  document.getElementById('charts').append(div);
  return div;
}

const lib = await loadLibrary();
const charts = [];
for (let i = 0; i < N; i++) charts.push(lib.create(box(), 0));
await painted();
// Milliseconds since navigation start until the first chart (or all N) reached the screen.
const firstPaint = performance.now();

// Bytes of the library's files as they came over the wire (gzipped by the server).
const libraryBytes = performance.getEntriesByType('resource')
  .filter((e) => /\/pkg\/|\/vendor\//.test(e.name))
  .reduce((sum, e) => sum + e.encodedBodySize, 0);

window.bench = {
  firstPaint,
  libraryBytes,
  /** Per-update times in ms: update and re-render, alternating figures. */
  updates(count) {
    const times = [];
    for (let i = 0; i < count; i++) {
      const t = performance.now();
      lib.update(charts[0], (i + 1) % 2);
      times.push(performance.now() - t);
    }
    return times;
  },
  /** Time to create `count` more charts on the page, until painted. */
  async many(count) {
    const t = performance.now();
    for (let i = 0; i < count; i++) charts.push(lib.create(box(), i % 2));
    await painted();
    return performance.now() - t;
  },
  wasmBytes: () => lib.wasmBytes(),
};
document.body.dataset.ready = 'true';
// bench/run.mjs waits for this message rather than polling the page, whose injected
// script would otherwise take the main thread in the middle of a cold load.
console.debug('bench ready');
