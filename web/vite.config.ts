import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * The referral form. Built to web/dist and served same-origin with the API
 * under a strict CSP (`script-src 'self'; style-src 'self'`), so the build
 * must emit no inline scripts or styles.
 */
export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  css: {
    preprocessorOptions: {
      scss: {
        // govuk-frontend is loaded with `@use`; keep its deprecation notices quiet.
        quietDeps: true,
      },
    },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // Inline assets would become data: URIs; keep everything a file for the CSP.
    assetsInlineLimit: 0,
    // The modulepreload polyfill is not needed by supported browsers.
    modulePreload: { polyfill: false },
    sourcemap: false,
    // lightningcss rejects govuk-frontend's IE hack `(min-width: 0\0)`; esbuild keeps it.
    cssMinify: 'esbuild',
  },
  server: {
    proxy: {
      // `npm start` serves the API; in `vite dev` forward to it.
      '/api': process.env.API_ORIGIN ?? 'http://localhost:3000',
    },
  },
  preview: {
    headers: {
      'Content-Security-Policy':
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    },
  },
});
