// The demo page: every example chart, a JSON editor that redraws as you type,
// and controls for width and theme. Uses only the public JS API of pkg/.
import init, { Chart } from '../pkg/statchart.js';

await init();

const gallery = document.getElementById('gallery');
const text = document.getElementById('spec-text');
const errorLine = document.getElementById('spec-error');
const widthInput = document.getElementById('width');
const widthValue = document.getElementById('width-value');
const charts = [];
let theme;

// Programme figures first, then the illustrative ones.
const names = (await (await fetch('/examples/index.json')).json()).sort((a, b) => (b.startsWith('prakerja') - a.startsWith('prakerja')) || a.localeCompare(b));
const specs = await Promise.all(names.map(async (n) => [n, await (await fetch(`/examples/${n}`)).text()]));

for (const [name, json] of specs) {
  const card = document.createElement('figure');
  card.className = 'card';
  card.dataset.example = name;
  const canvas = document.createElement('canvas');
  const caption = document.createElement('figcaption');
  caption.className = 'name';
  caption.textContent = name.replace(/\.json$/, '');
  const edit = document.createElement('button');
  edit.type = 'button';
  edit.textContent = 'Edit this spec';
  edit.addEventListener('click', () => {
    text.value = json;
    redrawPreview();
    text.focus();
  });
  card.append(canvas, caption, edit);
  gallery.append(card);
  charts.push(new Chart(canvas, json));
}

const first = specs.find(([n]) => n === 'prakerja-nps-gauge-en.json') || specs[0];
const preview = new Chart(document.getElementById('preview'), first[1]);
text.value = first[1];

function redrawPreview() {
  try {
    preview.update(text.value);
    errorLine.textContent = '';
    text.removeAttribute('aria-invalid');
  } catch (e) {
    errorLine.textContent = e.message;
    text.setAttribute('aria-invalid', 'true');
  }
}

/** Saves the preview as a file: SVG for print and editing, PNG at the screen's resolution. */
function download(href, extension) {
  const link = document.createElement('a');
  let name = 'chart';
  try { name = JSON.parse(text.value).title?.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').toLowerCase() || name; } catch {}
  link.href = href;
  link.download = `${name}.${extension}`;
  link.click();
}
document.getElementById('download-svg').addEventListener('click', () => {
  const url = URL.createObjectURL(new Blob([preview.toSvg()], { type: 'image/svg+xml' }));
  download(url, 'svg');
  setTimeout(() => URL.revokeObjectURL(url), 1000);
});
document.getElementById('download-png').addEventListener('click', () => download(preview.toPng(), 'png'));

let pending;
text.addEventListener('input', () => {
  clearTimeout(pending);
  pending = setTimeout(redrawPreview, 120);
});

function resizeAll() {
  const px = `${widthInput.value}px`;
  widthValue.textContent = px;
  document.documentElement.style.setProperty('--chart-width', px);
  for (const chart of [...charts, preview]) chart.resize();
}
widthInput.addEventListener('input', resizeAll);

for (const radio of document.querySelectorAll('input[name=theme]')) {
  radio.addEventListener('change', () => {
    theme = radio.value === 'spec' ? undefined : radio.value;
    document.documentElement.dataset.theme = theme || 'light';
    for (const chart of [...charts, preview]) chart.setTheme(theme);
  });
}

// Redraw crisply when the page zooms or moves to a screen with another pixel ratio.
let ratioQuery;
function watchRatio() {
  ratioQuery = matchMedia(`(resolution: ${devicePixelRatio}dppx)`);
  ratioQuery.addEventListener('change', () => { resizeAll(); watchRatio(); }, { once: true });
}
watchRatio();
window.addEventListener('resize', () => { for (const chart of [...charts, preview]) chart.resize(); });
document.body.dataset.ready = 'true';
