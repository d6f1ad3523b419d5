import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  // As the package README says: the dev server's pre-bundling would move the glue away
  // from its wasm.
  optimizeDeps: { exclude: ['statchart'] },
});
