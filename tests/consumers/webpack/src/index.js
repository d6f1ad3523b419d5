// The element from a src feed and inline JSON, and the JS API on a canvas.
import init, { Chart } from 'statchart';
import 'statchart/stat-chart.js';

const root = document.getElementById('root');
root.insertAdjacentHTML('beforeend', `
  <stat-chart id="inline"><script type="application/json">{"type":"nps","title":"webpack 5: inline","data":{"nps":33}}</script></stat-chart>
  <stat-chart id="fetched" src="feed.json"></stat-chart>
  <canvas id="api"></canvas>`);
await init();
new Chart('#api', { type: 'kpi', title: 'Kinds of training', data: { value: 480, suffix: '+' } });
document.body.dataset.ready = 'true';
