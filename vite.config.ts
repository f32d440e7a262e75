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

/** As a header the policy also forbids framing (frame-ancestors is ignored in a <meta> tag). */
const CSP_HEADER = `${CSP}; frame-ancestors 'none'`;

/**
 * The policy goes into the built HTML as a <meta> tag (any static host) and, with
 * frame-ancestors, into the preview server's headers and a `_headers` file for hosts that read
 * one (Netlify, Cloudflare Pages); the README lists them for other servers.
 */
function cspPlugin(): Plugin {
  return {
    name: 'distill-lab-csp',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace(
        '<head>',
        `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`,
      ),
    generateBundle() {
      const lines = Object.entries(securityHeaders).map(([k, v]) => `  ${k}: ${v}`);
      this.emitFile({ type: 'asset', fileName: '_headers', source: `/*\n${lines.join('\n')}\n` });
    },
  };
}

/**
 * `vite build --mode e2e` (npm run build:e2e) keeps the test hooks the e2e specs use (crash the
 * worker, lose the GPU device) and marks dist with `e2e-build.txt`, which playwright.config.ts
 * checks; a production build leaves both out.
 */
function e2eMarkerPlugin(): Plugin {
  let mode = '';
  return {
    name: 'distill-lab-e2e-marker',
    apply: 'build',
    configResolved: (config) => {
      mode = config.mode;
    },
    generateBundle() {
      if (mode === 'e2e')
        this.emitFile({
          type: 'asset',
          fileName: 'e2e-build.txt',
          source: 'built with --mode e2e: test hooks included\n',
        });
    },
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
const securityHeaders = {
  ...isolationHeaders,
  'Content-Security-Policy': CSP_HEADER,
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

export default defineConfig({
  base: './',
  plugins: [react(), cspPlugin(), e2eMarkerPlugin()],
  worker: { format: 'es' },
  server: { host: '127.0.0.1', headers: isolationHeaders },
  preview: { host: '127.0.0.1', headers: securityHeaders },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096, sourcemap: false },
});
