// The iframe embed: frame.html?src=…json[&refresh=…&locale=…&view=…&theme=…]
// reports its height to the parent page, which sizes the iframe to fit. A file, not
// an inline script, so frame.html runs under a strict Content-Security-Policy.
const params = new URLSearchParams(location.search);
if (params.has('src')) {
  const chart = document.createElement('stat-chart');
  for (const name of ['src', 'refresh', 'locale', 'view', 'theme']) {
    if (params.has(name)) chart.setAttribute(name, params.get(name));
  }
  document.getElementById('root').append(chart);
  const report = () => parent.postMessage({ type: 'statchart:height', height: document.documentElement.scrollHeight }, '*');
  new ResizeObserver(report).observe(document.body);
  chart.addEventListener('statchart:drawn', report);
}
