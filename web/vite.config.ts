/**
 * The web client's build: `npm run build:web` (vite build --config web/vite.config.ts), and
 * `ferry start` when web/dist is missing or older than the sources. Root web/, entry
 * web/index.html (which loads /src/main.ts), output web/dist, which the relay serves with
 * `--web-dir web/dist` (relay/web-app-files.ts: assets/ is cached as immutable, so file names
 * must stay content-hashed). Resolve and define as for the browser test bundles
 * (test/browser/support/bundle.ts): libp2p needs no polyfills, only process.env.NODE_ENV.
 *
 * `npx vite --config web/vite.config.ts` serves the app for UI work with hot reload; /ferry/
 * (config.json) goes to a relay started with `ferry start` (HTTP on 127.0.0.1:9464).
 */
import { defineConfig } from 'vite'

/** `ferry start`'s relay: where the dev server finds /ferry/config.json. */
const LOCAL_RELAY_HTTP = 'http://127.0.0.1:9464'

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  logLevel: 'warn',
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    reportCompressedSize: false,
    // libp2p with WebRTC is about 500 kB before gzip: expected, not a warning.
    chunkSizeWarningLimit: 2_000
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/ferry/': LOCAL_RELAY_HTTP }
  }
})
