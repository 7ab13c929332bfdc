import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The dev server's React Refresh preamble is an inline script, which the strict CSP of
 * index.html forbids; relax script-src for `vite serve` only. Builds keep the strict policy.
 */
function devCsp(): Plugin {
  return {
    name: 'clusterdeck-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Relative asset URLs so the same build loads from app:// (Electron) and http:// (browser mode).
  base: './',
  plugins: [react(), devCsp()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    sourcemap: true,
    // Loaded from disk or localhost, never over a slow network: one chunk is fine.
    chunkSizeWarningLimit: 1500,
  },
});
