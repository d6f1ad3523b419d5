// Builds www/article.html: a news article whose charts are `statchart embed`
// snippets, as a CMS would paste them (static chart, summary and table inside each
// <stat-chart>). The browser tests load it with and without JavaScript and print it;
// `node scripts/embed-article.mjs` writes it for a look at http://127.0.0.1:8080/article.html.
// The page has no inline script or style, so it also runs under the strict policy.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The snippet for an example (or, for `-`, the spec in `input`), from the CLI (`cargo run`,
 * so it is built if needed). */
export function embed(example, ...args) {
  const input = example === '-' ? args.shift() : undefined;
  const spec = example === '-' ? '-' : `examples/${example}.json`;
  return execFileSync('cargo', ['run', '--quiet', '--bin', 'statchart', '--', 'embed', spec, ...args],
    { cwd: root, encoding: 'utf8', input });
}

/** A chart whose text looks like HTML: it must stay text. */
export const HOSTILE = {
  type: 'bar',
  title: 'Mentors\' <b>marks</b> </script><img src=x class=injected>',
  source: '<a href="https://example.com/" class=injected>a link?</a>',
  data: [{ label: '<i class=injected>Mentor A</i>', value: 4 }, { label: 'Mentor B & C', value: 6 }],
};

/** Writes the article and returns its path under www/. */
export function buildArticle() {
  const html = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Kartu Prakerja in charts (statchart embed test article)</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="article.css">
  <script type="module" src="/pkg/stat-chart.js"></script>
</head>
<body>
<main>
<article>
<h1>Kartu Prakerja in charts</h1>
<p class="byline">A test article: every chart below is a <code>statchart embed</code> snippet.</p>
<p>Indonesia's Kartu Prakerja job-training programme reports a Net Promoter Score of 33 for its
  2023 normal scheme. The score runs from −100 to +100; it is not a percentage.</p>
<figure id="gauge">${embed('prakerja-nps-gauge-en')}</figure>
<p>One month after the incentive, 24% of participants who had been unemployed were working or
  running a business, the programme said. This chart follows the programme's own feed.</p>
<figure id="feed">${embed('prakerja-employment-kpi-en', '--src', '/examples/prakerja-employment-kpi-en.json', '--refresh', '300')}</figure>
<p>The charts below use invented figures for a fictional training centre.</p>
<figure id="trend" class="wide">${embed('illustrative-nps-trend')}</figure>
<p>Where graduates went, by cohort:</p>
<figure id="breakdown">${embed('illustrative-employment-breakdown')}</figure>
<p>The same centre's placements, in its dark house style:</p>
<figure id="dark">${embed('illustrative-kpi-dark')}</figure>
<p>Text in a chart that looks like HTML stays text:</p>
<figure id="hostile">${embed('-', JSON.stringify(HOSTILE))}</figure>
<p>As an image, for feed readers and mail:</p>
<figure id="image">${embed('prakerja-nps-gauge', '--image')}</figure>
<p>The end of the article.</p>
</article>
</main>
</body>
</html>
`;
  writeFileSync(`${root}/www/article.html`, html);
  return '/article.html';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(`wrote www${buildArticle()}`);
