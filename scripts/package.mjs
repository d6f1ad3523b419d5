// Completes the npm package that wasm-pack wrote into pkg/: the element's types,
// the React JSX types, the Custom Elements Manifest, the spec and its schema, the
// package's own README, and a package.json that follows npm's conventions (an
// exports map with types conditions, sideEffects naming the element, links).
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const at = (p) => new URL(p, root);
const wasmPack = JSON.parse(readFileSync(at('pkg/package.json'), 'utf8'));

// wasm-bindgen types `[Symbol.dispose]()`, which TypeScript knows only with the
// esnext.disposable library: reference it, so that projects on ES2022 type-check.
const glueTypes = readFileSync(at('pkg/statchart.d.ts'), 'utf8');
if (!glueTypes.startsWith('/// <reference lib="esnext.disposable" />')) {
  writeFileSync(at('pkg/statchart.d.ts'), `/// <reference lib="esnext.disposable" />\n${glueTypes}`);
}
copyFileSync(at('js/stat-chart.d.ts'), at('pkg/stat-chart.d.ts'));
copyFileSync(at('js/react.d.ts'), at('pkg/react.d.ts'));
copyFileSync(at('custom-elements.json'), at('pkg/custom-elements.json'));
copyFileSync(at('docs/spec.md'), at('pkg/spec.md'));
copyFileSync(at('docs/spec.schema.json'), at('pkg/spec.schema.json'));
copyFileSync(at('js/README.package.md'), at('pkg/README.md'));
copyFileSync(at('LICENSE'), at('pkg/LICENSE'));

const repository = 'https://github.com/statchart/statchart';
const pkg = {
  name: wasmPack.name,
  version: wasmPack.version,
  description: wasmPack.description,
  keywords: ['chart', 'charts', 'nps', 'net-promoter-score', 'statistics', 'confidence-interval',
    'employment', 'web-component', 'custom-element', 'canvas', 'wasm', 'webassembly', 'dataviz', 'accessibility'],
  license: wasmPack.license,
  homepage: `${repository}#readme`,
  repository: { type: 'git', url: `git+${repository}.git` },
  bugs: { url: `${repository}/issues` },
  type: 'module',
  main: './statchart.js',
  module: './statchart.js',
  types: './statchart.d.ts',
  exports: {
    '.': { types: './statchart.d.ts', default: './statchart.js' },
    './stat-chart.js': { types: './stat-chart.d.ts', default: './stat-chart.js' },
    './element': { types: './stat-chart.d.ts', default: './stat-chart.js' },
    './react': { types: './react.d.ts' },
    './statchart_bg.wasm': './statchart_bg.wasm',
    './custom-elements.json': './custom-elements.json',
    './spec.schema.json': './spec.schema.json',
    './package.json': './package.json',
  },
  // Importing the element module defines <stat-chart>: bundlers must keep it.
  sideEffects: ['./stat-chart.js'],
  customElements: 'custom-elements.json',
  files: ['statchart.js', 'statchart.d.ts', 'statchart_bg.wasm', 'statchart_bg.wasm.d.ts', 'stat-chart.js',
    'stat-chart.d.ts', 'react.d.ts', 'custom-elements.json', 'spec.md', 'spec.schema.json', 'README.md', 'LICENSE'],
};
writeFileSync(at('pkg/package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
