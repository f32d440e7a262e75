/**
 * Where the main thread's long tasks come from: runs the default experiment in Chromium (WASM)
 * under a performance trace and lists every main-thread task over 50 ms from Run to done with
 * its largest parts (script functions by name and source position, style, layout, paint, GC).
 *
 *   npx vite build --minify false && npx tsx bench/longTasks.ts [--runs 2] [--port 4183]
 *
 * Prints a table; writes nothing. A diagnosis aid beside `npm run bench` (which counts them).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { functionName?: string; url?: string; lineNumber?: number; type?: string } };
}

const ROOT = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: { runs: { type: 'string', default: '2' }, port: { type: 'string', default: '4183' } },
});
const PORT = Number(values.port);

function describe(e: TraceEvent): string {
  const d = e.args?.data;
  if (e.name === 'FunctionCall' || e.name === 'EvaluateScript')
    return `${e.name} ${d?.functionName ?? '?'} ${path.basename(d?.url ?? '')}:${d?.lineNumber ?? '?'}`;
  if (e.name === 'EventDispatch' || e.name === 'TimerFire') return `${e.name} ${d?.type ?? ''}`;
  return e.name;
}

function attribute(events: TraceEvent[], t0: number, t1: number): string[] {
  const complete = events.filter((e) => e.ph === 'X' && e.dur !== undefined);
  const tasks = complete.filter(
    (e) => e.name === 'RunTask' && (e.dur ?? 0) > 50_000 && e.ts >= t0 && e.ts <= t1,
  );
  const mainTid = new Set(
    events
      .filter(
        (e) =>
          e.name === 'thread_name' &&
          (e.args as { name?: string } | undefined)?.name === 'CrRendererMain',
      )
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const lines: string[] = [];
  for (const task of tasks) {
    if (!mainTid.has(`${task.pid}:${task.tid}`)) continue;
    const end = task.ts + (task.dur ?? 0);
    const inside = complete.filter(
      (e) =>
        e !== task &&
        e.tid === task.tid &&
        e.pid === task.pid &&
        e.ts >= task.ts &&
        e.ts + (e.dur ?? 0) <= end,
    );
    const parts = inside
      .filter((e) => (e.dur ?? 0) > 5_000)
      .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
      .slice(0, 8)
      .map((e) => `${describe(e)} ${((e.dur ?? 0) / 1000).toFixed(0)} ms`);
    lines.push(
      `task at +${((task.ts - t0) / 1000).toFixed(0)} ms, ${((task.dur ?? 0) / 1000).toFixed(0)} ms: ${parts.join(' · ')}`,
    );
  }
  return lines;
}

const server = spawn(
  path.join(ROOT, 'node_modules', '.bin', 'vite'),
  ['preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'],
  { cwd: ROOT, stdio: 'ignore' },
);
try {
  await new Promise((r) => setTimeout(r, 2500));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`http://127.0.0.1:${PORT}/?backend=wasm`);
  await page
    .locator('[data-testid="backend-badge"][data-backend="wasm"]')
    .waitFor({ timeout: 90_000 });
  for (let run = 1; run <= Number(values.runs); run++) {
    await browser.startTracing(page, {
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8'],
    });
    const start = Date.now();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page
      .locator('[data-testid="run-status"]:not([data-status="done"])')
      .waitFor({ timeout: 30_000 });
    await page
      .locator('[data-testid="loss-chart"]:not([data-points="0"])')
      .waitFor({ timeout: 300_000 });
    const first = Date.now() - start;
    await page
      .locator('[data-testid="run-status"][data-status="done"]')
      .waitFor({ timeout: 600_000 });
    const done = Date.now() - start;
    const buf = await browser.stopTracing();
    const events = (JSON.parse(buf.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
    const ts = events.filter((e) => e.ph === 'X').map((e) => e.ts);
    const t0 = Math.min(...ts);
    const lines = attribute(events, t0, Math.max(...ts));
    console.log(
      `run ${run}: first point ${first} ms, done ${done} ms, ${lines.length} main-thread tasks > 50 ms`,
    );
    for (const l of lines) console.log(`  ${l}`);
  }
  await browser.close();
} finally {
  server.kill();
}
