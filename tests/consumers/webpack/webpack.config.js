// Nothing about wasm here: webpack 5 emits statchart_bg.wasm as an asset from the
// package's `new URL(…, import.meta.url)`.
import { fileURLToPath } from 'node:url';

export default {
  entry: './src/index.js',
  output: { path: fileURLToPath(new URL('dist', import.meta.url)), filename: 'main.js', clean: true },
};
