import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The dashboard: static files (index.html and hashed assets) in dist/apps/dashboard, served by
// stats at GET /. `nx serve dashboard` runs the dev server on 127.0.0.1:4200 with /ws proxied to
// a running stats: STATS_URL, http://127.0.0.1:3002 by default.
const root = fileURLToPath(new URL('.', import.meta.url));
const statsUrl = new URL(process.env['STATS_URL'] || 'http://127.0.0.1:3002');
const statsWs = `${statsUrl.protocol === 'https:' || statsUrl.protocol === 'wss:' ? 'wss' : 'ws'}://${statsUrl.host}`;
const proxy = { '/ws': { target: statsWs, ws: true, changeOrigin: true } };

export default defineConfig({
  root,
  // Relative asset URLs: the page works wherever stats mounts it.
  base: './',
  cacheDir: '../../node_modules/.vite/dashboard',
  // The one workspace lib the page uses, from its source: it is browser-safe by design.
  resolve: {
    alias: { '@tradeflow/contract': fileURLToPath(new URL('../../libs/contract/src/index.ts', import.meta.url)) },
  },
  build: {
    outDir: '../../dist/apps/dashboard',
    emptyOutDir: true,
    target: 'es2022',
    // The map's geometry stays a file of its own, fetched once, out of the script.
    assetsInlineLimit: 4096,
    reportCompressedSize: true,
    sourcemap: false,
  },
  server: { host: '127.0.0.1', port: 4200, strictPort: true, proxy },
  preview: { host: '127.0.0.1', port: 4300, strictPort: true, proxy },
});
