import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

const chromium =
  process.env.CHROMIUM_PATH ??
  ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (chromium === undefined) {
  throw new Error('No Chromium: run `npx tsx scripts/ensure-chromium.ts` or set CHROMIUM_PATH.');
}

const PORT = Number(process.env.E2E_PORT ?? 4173);

// the specs use test hooks that only e2e builds have (production builds strip them)
if (!existsSync('dist/e2e-build.txt')) {
  throw new Error(
    'dist is not an e2e build: run `npm run build:e2e` (vite build --mode e2e) first.',
  );
}

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 180_000,
  expect: { timeout: 60_000 },
  fullyParallel: false,
  // two spec files at once (each page trains on one WASM thread; the machine has two cores)
  workers: Number(process.env.E2E_WORKERS ?? 2),
  // @long specs (a 20,000-step run, a 100 MB import) take 10–25 min here: `npm run test:long`
  grepInvert: process.env.E2E_LONG === undefined ? /@long/ : undefined,
  forbidOnly: process.env.CI !== undefined,
  retries: process.env.CI !== undefined ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'on-first-retry',
    viewport: { width: 1280, height: 860 },
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--enable-unsafe-webgpu',
      ],
    },
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: process.env.CI === undefined,
    timeout: 60_000,
  },
});
