/**
 * npm run bench                     Node (wasm, cpu) and Chromium (wasm, webgl, webgpu, cpu)
 * npm run bench -- --node-only      skip the browser part (--browser-only: skip Node)
 * npm run bench -- --quick          Node WASM, the PyTorch peer and the default-run page bench only
 * npm run bench -- --steps          Node WASM step ratios, the PyTorch peer's steps, kernels per step
 * npm run bench -- --compare a.json b.json
 * Writes bench/results/<date>.json and prints a table. Never fails on a timing.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runBrowserBench, type BrowserBenchRow, type BundleSizes } from './browserBench';
import { runNodeBench, type NodeBenchResult } from './nodeBench';
import { runPageBench, type PageRun } from './pageBench';
import { runPeerBench, type PeerBenchResult } from './peerBench';
import { selectNodeBackend } from '../src/engine/backend/nodeBackend';

interface BenchFile {
  readonly date: string;
  readonly machine: { cpus: number; cpuModel: string; memoryGb: number; node: string };
  readonly node: NodeBenchResult[];
  readonly browser: BrowserBenchRow[];
  readonly bundle: BundleSizes | null;
  /** Node WASM: the matched PyTorch-CPU step, kernels per step, start-up share, WASM heap. */
  readonly peer?: PeerBenchResult | null;
  /** Chromium WASM: the default run as a user runs it (first, second), and all Fashion-MNIST teachers. */
  readonly page?: PageRun[];
  /** 1-minute load average at the start and the end (other work on the machine skews absolute times). */
  readonly loadAverage?: [number, number];
}

const f = (v: number, d = 2): string => (Number.isFinite(v) ? v.toFixed(d) : '—');

export function formatBench(b: BenchFile): string {
  const lines: string[] = [];
  lines.push(
    `Distill Lab bench ${b.date} — ${b.machine.cpus} × ${b.machine.cpuModel}, ${b.machine.memoryGb} GB, Node ${b.machine.node}`,
  );
  lines.push(
    '',
    '| backend | distill step ms | plain step ms | distill/plain (≤1.3) | recompute/cache | step GFLOP/s | matmul GFLOP/s | step/matmul | tensors @10 → @1000 |',
    '|---|---|---|---|---|---|---|---|---|',
  );
  for (const n of b.node)
    lines.push(
      `| node ${n.backend} | ${f(n.distillStepMs)} | ${f(n.plainStepMs)} | ${f(n.distillOverPlain)} | ${f(n.recomputeOverCache)} | ${f(n.stepGflops)} | ${f(n.matmulGflops)} | ${f(n.stepOverMatmul, 3)} | ${n.tensors.after10} → ${n.tensors.after1000} |`,
    );
  const fit = b.node[0]?.normalizerFitMs ?? [];
  if (fit.length > 0)
    lines.push(
      '',
      `PHI-S fit (ms): ${fit.map((x) => `C=${x.dim}, n=${x.samples}: ${f(x.ms, 0)}`).join(' · ')}`,
    );
  if (b.browser.length > 0) {
    lines.push(
      '',
      '| browser backend | chosen | Run → first point ms | long tasks > 50 ms | longest ms | fps | smoke run ms |',
      '|---|---|---|---|---|---|---|',
    );
    for (const r of b.browser)
      lines.push(
        `| ${r.backend} | ${r.chosen} | ${r.runToFirstPointMs} | ${r.longTasks} | ${f(r.longestTaskMs, 0)} | ${f(r.fps, 0)} | ${r.runMs} |`,
      );
  }
  lines.push(...formatPeer(b.peer ?? null), ...formatPage(b.page ?? []));
  if (b.loadAverage)
    lines.push(
      '',
      `Load average (1 min) at start / end: ${f(b.loadAverage[0])} / ${f(b.loadAverage[1])}`,
    );
  if (b.bundle)
    lines.push(
      '',
      `Bundle (gzip): main ${f(b.bundle.mainJsGzipKb, 0)} KB, worker ${f(b.bundle.workerJsGzipKb, 0)} KB, wasm ${f(b.bundle.wasmGzipKb, 0)} KB; first load to backend ready ${f(b.bundle.firstLoadMs, 0)} ms`,
    );
  return lines.join('\n');
}

function formatPeer(p: PeerBenchResult | null): string[] {
  if (!p) return [];
  const lines = [
    '',
    `PyTorch peer: torch ${p.torch} (one thread). Lab: Node WASM.`,
    '',
    '| step | batch | lab samples/s | torch samples/s | lab ÷ torch (≥0.35) |',
    '|---|---|---|---|---|',
  ];
  for (const r of p.rows)
    lines.push(
      `| ${r.mode} | ${r.batch} | ${f(r.labSamplesPerS, 0)} | ${r.torchSamplesPerS === null ? 'torch: not available' : f(r.torchSamplesPerS, 0)} | ${r.labOverTorch === null ? '—' : f(r.labOverTorch)} |`,
    );
  lines.push(
    '',
    `Kernels per step (tf.profile): plain ${p.kernelsPerStep.plain}, distill ${p.kernelsPerStep.distill}`,
  );
  for (const s of p.startup)
    lines.push(
      `Node start-up, ${s.label}: Run → first point ${f(s.runToFirstPointMs, 0)} ms of ${f(s.runToDoneMs, 0)} ms (share ${f(s.share, 3)}, target ≤ 0.10)`,
    );
  lines.push(
    `WASM heap after each run: ${p.wasmHeapMbAfterRun.map((m) => `${f(m, 0)} MB`).join(' → ')}`,
  );
  return lines;
}

function formatPage(rows: readonly PageRun[]): string[] {
  if (rows.length === 0) return [];
  const lines = [
    '',
    '| page run (Chromium WASM) | Run → first point ms (≤2000) | Run → done ms | start-up share (≤0.10) | long tasks > 50 ms | longest ms | peak RSS MB |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of rows)
    lines.push(
      `| ${r.label} | ${r.runToFirstPointMs} | ${r.runToDoneMs} | ${f(r.startupShare, 3)} | ${r.longTasks} | ${f(r.longestTaskMs, 0)} | ${f(r.peakRssMb, 0)} |`,
    );
  return lines;
}

function compare(a: BenchFile, b: BenchFile): string {
  const rows: string[] = ['| metric | A | B | B/A |', '|---|---|---|---|'];
  for (const na of a.node) {
    const nb = b.node.find((x) => x.backend === na.backend);
    if (!nb) continue;
    for (const k of [
      'distillStepMs',
      'plainStepMs',
      'distillOverPlain',
      'recomputeOverCache',
      'stepGflops',
      'matmulGflops',
    ] as const)
      rows.push(`| node ${na.backend} ${k} | ${f(na[k])} | ${f(nb[k])} | ${f(nb[k] / na[k])} |`);
  }
  for (const ra of a.browser) {
    const rb = b.browser.find((x) => x.backend === ra.backend);
    if (rb)
      rows.push(
        `| browser ${ra.backend} Run→first point ms | ${ra.runToFirstPointMs} | ${rb.runToFirstPointMs} | ${f(rb.runToFirstPointMs / ra.runToFirstPointMs)} |`,
      );
  }
  return rows.join('\n');
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    compare: { type: 'boolean' },
    'node-only': { type: 'boolean' },
    'browser-only': { type: 'boolean' },
    quick: { type: 'boolean' },
    steps: { type: 'boolean' },
  },
});
if (values.compare === true) {
  const [a, b] = positionals;
  if (a === undefined || b === undefined) {
    console.error('usage: npm run bench -- --compare a.json b.json');
    process.exit(2);
  }
  console.log(
    compare(
      JSON.parse(readFileSync(a, 'utf8')) as BenchFile,
      JSON.parse(readFileSync(b, 'utf8')) as BenchFile,
    ),
  );
} else {
  const log = (s: string): void => {
    process.stderr.write(`${s}\n`);
  };
  const load0 = os.loadavg()[0] ?? Number.NaN;
  const steps = values.steps === true;
  const quick = values.quick === true || steps;
  const withNode = values['browser-only'] !== true;
  const withBrowser = values['node-only'] !== true && !steps;
  const node: NodeBenchResult[] = [];
  if (withNode)
    for (const backend of quick ? (['wasm'] as const) : (['wasm', 'cpu'] as const))
      node.push(await runNodeBench(backend, log, steps));
  let peer: PeerBenchResult | null = null;
  if (withNode) {
    await selectNodeBackend('wasm');
    peer = await runPeerBench(log, !steps);
  }
  const browser =
    !withBrowser || quick ? null : await runBrowserBench(['wasm', 'webgl', 'webgpu', 'cpu'], log);
  const page = withBrowser ? await runPageBench(log) : [];
  const file: BenchFile = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? '?',
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    node,
    browser: browser?.rows ?? [],
    bundle: browser?.bundle ?? null,
    peer,
    page,
    loadAverage: [load0, os.loadavg()[0] ?? Number.NaN],
  };
  const dir = path.resolve(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const suffix = steps
    ? `-steps-${file.date.slice(11, 16).replace(':', '')}`
    : quick
      ? '-quick'
      : '';
  const out = path.join(dir, `${file.date.slice(0, 10)}${suffix}.json`);
  writeFileSync(out, JSON.stringify(file, null, 2) + '\n');
  console.log(formatBench(file));
  console.log(`\nwrote ${out}`);
}
