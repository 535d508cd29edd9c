import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The call console, served by the gateway at `/` with its files under `/console/` (apart from the
 * API's paths). No inline script or style, so the page runs under a `'self'`-only CSP.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
