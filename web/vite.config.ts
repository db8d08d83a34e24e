import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The built IDE lands where Maven packs it: the web jar holds it under webroot/, and the app
// jar serves that folder at "/".
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'target/classes/webroot',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    // `npm run dev` against a Backend on :8080 (or the e2e mock Backend started by hand).
    proxy: { '/api': { target: 'http://127.0.0.1:8080', ws: true } },
  },
});
