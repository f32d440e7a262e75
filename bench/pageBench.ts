import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { presetConfig } from '../src/engine/experiment/presets';
import { parseExperiment } from '../src/engine/experiment/schema';
import lz from 'lz-string';

/**
 * The default experiment as a new user runs it (Chromium, WASM): Run → first chart point, Run →
 * done, the start-up share, main-thread long tasks from Run to done, and the peak RSS of all the
 * browser's processes — for a first run, a second run of the same setup, and an all-teacher
 * Fashion-MNIST run.
 */
export interface PageRun {
  readonly label: string;
  readonly runToFirstPointMs: number;
  readonly runToDoneMs: number;
  /** Run → first point as a share of Run → done. */
  readonly startupShare: number;
  readonly longTasks: number;
  readonly longestTaskMs: number;
  readonly peakRssMb: number;
}

const ROOT = path.resolve(import.meta.dirname, '..');
const PORT = Number(process.env.BENCH_PORT ?? 4199);

/** Sum of VmRSS over the processes whose command line names `marker` (one browser's processes). */
function rssMb(marker: string): number {
  let kb = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) continue;
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      kb += Number(m?.[1] ?? 0);
    } catch {
      // the process ended while we looked
    }
  }
  return kb / 1024;
}

async function runOnce(page: Page, label: string, marker: string): Promise<PageRun> {
  await page.evaluate(`(() => { window.__bench.longTasks = []; })()`);
  let peak = rssMb(marker);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb(marker));
  }, 250);
  try {
    const start = Date.now();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    // the previous run's points stay until the new run starts: wait for the reset first
    await page
      .locator('[data-testid="run-status"]:not([data-status="done"])')
      .waitFor({ timeout: 30_000 });
    await page
      .locator('[data-testid="loss-chart"]:not([data-points="0"])')
      .waitFor({ timeout: 180_000 });
    const first = Date.now() - start;
    await page
      .locator('[data-testid="run-status"][data-status="done"]')
      .waitFor({ timeout: 600_000 });
    const done = Date.now() - start;
    const tasks = await page.evaluate(
      () => (window as unknown as { __bench: { longTasks: number[] } }).__bench.longTasks,
    );
    return {
      label,
      runToFirstPointMs: first,
      runToDoneMs: done,
      startupShare: first / done,
      longTasks: tasks.length,
      longestTaskMs: Math.max(0, ...tasks),
      peakRssMb: Math.max(peak, rssMb(marker)),
    };
  } finally {
    clearInterval(timer);
  }
}

/** Every Fashion-MNIST zoo teacher (the zoo has five; a teacher may appear once). */
function allTeacherSetup(): string {
  const base = presetConfig('phi-s-balance');
  const ids = ['cnn', 'resnet', 'vit', 'mixer', 'mlp'];
  return lz.compressToEncodedURIComponent(
    JSON.stringify(
      parseExperiment({ ...base, dataset: 'fashion-mnist', teachers: ids.map((id) => ({ id })) }),
    ),
  );
}

export async function runPageBench(log: (s: string) => void): Promise<PageRun[]> {
  const server = spawn(
    path.join(ROOT, 'node_modules', '.bin', 'vite'),
    ['preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'],
    { cwd: ROOT, stdio: 'ignore' },
  );
  const profile = mkdtempSync(path.join(os.tmpdir(), 'distill-bench-'));
  try {
    await new Promise((r) => setTimeout(r, 2500));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      viewport: { width: 1440, height: 900 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    await context.addInitScript(() => {
      const w = window as unknown as { __bench: { longTasks: number[] } };
      w.__bench = { longTasks: [] };
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__bench.longTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    const rows: PageRun[] = [];
    const open = async (query: string): Promise<Page> => {
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${PORT}/?backend=wasm${query}`);
      await page
        .locator('[data-testid="backend-badge"][data-backend="wasm"]')
        .waitFor({ timeout: 90_000 });
      return page;
    };
    const page = await open('');
    log('page: default run (first)');
    rows.push(await runOnce(page, 'default, first run', profile));
    log('page: default run (second, same setup)');
    rows.push(await runOnce(page, 'default, second run', profile));
    await page.close();
    log('page: 5-teacher Fashion-MNIST run');
    const six = await open(`#x=${allTeacherSetup()}`);
    rows.push(await runOnce(six, '5-teacher Fashion-MNIST', profile));
    await six.close();
    await context.close();
    return rows;
  } finally {
    server.kill();
  }
}
