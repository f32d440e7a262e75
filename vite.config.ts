import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * A strict Content-Security-Policy for the built app (the dev server needs inline scripts, so
 * it only goes into production HTML): our own origin only, no inline scripts, WebAssembly
 * compilation allowed ('wasm-unsafe-eval'); inline style attributes are used by KaTeX and charts.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function cspPlugin(): Plugin {
  return {
    name: 'distill-lab-csp',
    apply: 'build',
    transformIndexHtml: (html) => html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
  };
}

/**
 * Cross-origin isolation lets the WASM backend use threads where the browser allows it
 * (SharedArrayBuffer needs COOP/COEP). The CSP keeps every request on our own origin.
 */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  base: './',
  plugins: [react(), cspPlugin()],
  worker: { format: 'es' },
  server: { host: '127.0.0.1', headers: isolationHeaders },
  preview: { host: '127.0.0.1', headers: isolationHeaders },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096, sourcemap: false },
});
