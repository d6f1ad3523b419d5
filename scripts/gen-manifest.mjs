// Writes custom-elements.json, the Custom Elements Manifest that IDEs and tools read,
// from js/stat-chart.js and its JSDoc, with @custom-elements-manifest/analyzer;
// private members and module-internal names are left out. With --check, fails
// when the committed file is not what the source gives (npm test runs this).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const target = join(root, 'custom-elements.json');
// The analyzer takes --outdir relative to its working directory.
execFileSync(join(root, 'node_modules/.bin/cem'), ['analyze', '--globs', 'js/stat-chart.js', '--outdir', 'out/cem'], { cwd: root, stdio: 'pipe' });
const manifest = JSON.parse(readFileSync(join(root, 'out/cem/custom-elements.json'), 'utf8'));

const internal = (name) => name.startsWith('#') || name.startsWith('[');
for (const mod of manifest.modules) {
  // The published file is the package's stat-chart.js.
  mod.path = 'stat-chart.js';
  mod.declarations = mod.declarations.filter((d) => d.kind === 'class' || d.kind === 'variable' && /^[A-Z_]+$|^ready$/.test(d.name));
  for (const d of mod.declarations) {
    if (d.members) d.members = d.members.filter((m) => !internal(m.name) && m.privacy !== 'private');
  }
  mod.exports = (mod.exports || []).filter((e) => mod.declarations.some((d) => d.name === e.name) || e.kind === 'custom-element-definition');
  for (const e of mod.exports) if (e.declaration?.module) e.declaration.module = 'stat-chart.js';
}
const text = `${JSON.stringify(manifest, null, 2)}\n`;

if (process.argv.includes('--check')) {
  if (!existsSync(target) || readFileSync(target, 'utf8') !== text) {
    console.error('custom-elements.json is stale: run node scripts/gen-manifest.mjs');
    process.exit(1);
  }
  console.log('custom-elements.json is current');
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
