import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

/** Browser benchmarks in Chromium (Playwright) against the built app. */
export interface BrowserBenchRow {
  readonly backend: string;
  readonly chosen: string;
  readonly runToFirstPointMs: number;
  readonly longTasks: number;
  readonly longestTaskMs: number;
  readonly fps: number;
  readonly runMs: number;
}

export interface BundleSizes {
  readonly mainJsGzipKb: number;
  readonly workerJsGzipKb: number;
  readonly wasmGzipKb: number;
  readonly firstLoadMs: number;
}

const ROOT = path.resolve(import.meta.dirname, '..');
const PORT = 4199;

function chromiumPath(): string {
  for (const p of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'])
    if (p) return p;
  throw new Error('no Chromium');
}

export function bundleSizes(): Omit<BundleSizes, 'firstLoadMs'> {
  const dir = path.join(ROOT, 'dist', 'assets');
  const kb = (pred: (f: string) => boolean): number =>
    readdirSync(dir)
      .filter(pred)
      .reduce((s, f) => s + gzipSync(readFileSync(path.join(dir, f))).length, 0) / 1024;
  return {
    mainJsGzipKb: kb((f) => f.startsWith('index-') && f.endsWith('.js')),
    workerJsGzipKb: kb((f) => f.startsWith('lab.worker') && f.endsWith('.js')),
    wasmGzipKb: kb((f) => f.endsWith('.wasm')),
  };
}

export async function runBrowserBench(
  backends: readonly string[],
  log: (s: string) => void,
): Promise<{ rows: BrowserBenchRow[]; bundle: BundleSizes }> {
  const server = spawn(
    path.join(ROOT, 'node_modules', '.bin', 'vite'),
    ['preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'],
    { cwd: ROOT, stdio: 'ignore' },
  );
  try {
    await new Promise((r) => setTimeout(r, 2500));
    const browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--enable-unsafe-webgpu',
      ],
    });
    const rows: BrowserBenchRow[] = [];
    let firstLoadMs = Number.NaN;
    for (const backend of backends) {
      log(`browser: ${backend}`);
      const page = await browser.newPage();
      await page.addInitScript(() => {
        const w = window as unknown as { __bench: { longTasks: number[]; frames: number } };
        w.__bench = { longTasks: [], frames: 0 };
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.__bench.longTasks.push(e.duration);
        }).observe({ type: 'longtask', buffered: true });
      });
      const t0 = Date.now();
      await page.goto(`http://127.0.0.1:${PORT}/?backend=${backend}&preset=smoke`);
      await page
        .getByTestId('backend-badge')
        .and(page.locator('[data-backend]:not([data-backend=""])'))
        .waitFor({ timeout: 90_000 });
      if (backend === 'wasm') firstLoadMs = Date.now() - t0;
      const chosen = (await page.getByTestId('backend-badge').getAttribute('data-backend')) ?? '';
      // a string, not a function: the TS toolchain would wrap named closures in helpers the page lacks
      await page.evaluate(`(() => {
        const w = window;
        w.__bench.longTasks = [];
        w.__bench.frames = 0;
        const tick = () => { w.__bench.frames += 1; requestAnimationFrame(tick); };
        requestAnimationFrame(tick);
      })()`);
      const start = Date.now();
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await page
        .locator('[data-testid="loss-chart"]:not([data-points="0"])')
        .waitFor({ timeout: 120_000 });
      const first = Date.now() - start;
      await page
        .locator('[data-testid="run-status"][data-status="done"]')
        .waitFor({ timeout: 300_000 });
      const runMs = Date.now() - start;
      const m = await page.evaluate(
        () => (window as unknown as { __bench: { longTasks: number[]; frames: number } }).__bench,
      );
      rows.push({
        backend,
        chosen,
        runToFirstPointMs: first,
        longTasks: m.longTasks.length,
        longestTaskMs: Math.max(0, ...m.longTasks),
        fps: m.frames / (runMs / 1000),
        runMs,
      });
      await page.close();
    }
    await browser.close();
    return { rows, bundle: { ...bundleSizes(), firstLoadMs } };
  } finally {
    server.kill();
  }
}
