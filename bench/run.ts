/**
 * npm run bench                     Node (wasm, cpu) and Chromium (wasm, webgl, webgpu, cpu)
 * npm run bench -- --node-only      skip the browser part (--browser-only: skip Node)
 * npm run bench -- --compare a.json b.json
 * Writes bench/results/<date>.json and prints a table. Never fails on a timing.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runBrowserBench, type BrowserBenchRow, type BundleSizes } from './browserBench';
import { runNodeBench, type NodeBenchResult } from './nodeBench';

interface BenchFile {
  readonly date: string;
  readonly machine: { cpus: number; cpuModel: string; memoryGb: number; node: string };
  readonly node: NodeBenchResult[];
  readonly browser: BrowserBenchRow[];
  readonly bundle: BundleSizes | null;
}

const f = (v: number, d = 2): string => (Number.isFinite(v) ? v.toFixed(d) : '—');

export function formatBench(b: BenchFile): string {
  const lines: string[] = [];
  lines.push(`Distill Lab bench ${b.date} — ${b.machine.cpus} × ${b.machine.cpuModel}, ${b.machine.memoryGb} GB, Node ${b.machine.node}`);
  lines.push('', '| backend | distill step ms | plain step ms | distill/plain (≤1.3) | recompute/cache | step GFLOP/s | matmul GFLOP/s | step/matmul | tensors @10 → @1000 |', '|---|---|---|---|---|---|---|---|---|');
  for (const n of b.node) lines.push(`| node ${n.backend} | ${f(n.distillStepMs)} | ${f(n.plainStepMs)} | ${f(n.distillOverPlain)} | ${f(n.recomputeOverCache)} | ${f(n.stepGflops)} | ${f(n.matmulGflops)} | ${f(n.stepOverMatmul, 3)} | ${n.tensors.after10} → ${n.tensors.after1000} |`);
  const fit = b.node[0]?.normalizerFitMs ?? [];
  if (fit.length > 0) lines.push('', `PHI-S fit (ms): ${fit.map((x) => `C=${x.dim}, n=${x.samples}: ${f(x.ms, 0)}`).join(' · ')}`);
  if (b.browser.length > 0) {
    lines.push('', '| browser backend | chosen | Run → first point ms | long tasks > 50 ms | longest ms | fps | smoke run ms |', '|---|---|---|---|---|---|---|');
    for (const r of b.browser) lines.push(`| ${r.backend} | ${r.chosen} | ${r.runToFirstPointMs} | ${r.longTasks} | ${f(r.longestTaskMs, 0)} | ${f(r.fps, 0)} | ${r.runMs} |`);
  }
  if (b.bundle) lines.push('', `Bundle (gzip): main ${f(b.bundle.mainJsGzipKb, 0)} KB, worker ${f(b.bundle.workerJsGzipKb, 0)} KB, wasm ${f(b.bundle.wasmGzipKb, 0)} KB; first load to backend ready ${f(b.bundle.firstLoadMs, 0)} ms`);
  return lines.join('\n');
}

function compare(a: BenchFile, b: BenchFile): string {
  const rows: string[] = ['| metric | A | B | B/A |', '|---|---|---|---|'];
  for (const na of a.node) {
    const nb = b.node.find((x) => x.backend === na.backend);
    if (!nb) continue;
    for (const k of ['distillStepMs', 'plainStepMs', 'distillOverPlain', 'recomputeOverCache', 'stepGflops', 'matmulGflops'] as const) rows.push(`| node ${na.backend} ${k} | ${f(na[k])} | ${f(nb[k])} | ${f(nb[k] / na[k])} |`);
  }
  for (const ra of a.browser) {
    const rb = b.browser.find((x) => x.backend === ra.backend);
    if (rb) rows.push(`| browser ${ra.backend} Run→first point ms | ${ra.runToFirstPointMs} | ${rb.runToFirstPointMs} | ${f(rb.runToFirstPointMs / ra.runToFirstPointMs)} |`);
  }
  return rows.join('\n');
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { compare: { type: 'boolean' }, 'node-only': { type: 'boolean' }, 'browser-only': { type: 'boolean' } } });
if (values.compare === true) {
  const [a, b] = positionals;
  if (a === undefined || b === undefined) {
    console.error('usage: npm run bench -- --compare a.json b.json');
    process.exit(2);
  }
  console.log(compare(JSON.parse(readFileSync(a, 'utf8')) as BenchFile, JSON.parse(readFileSync(b, 'utf8')) as BenchFile));
} else {
  const log = (s: string): void => {
    process.stderr.write(`${s}\n`);
  };
  const node: NodeBenchResult[] = [];
  if (values['browser-only'] !== true) for (const backend of ['wasm', 'cpu'] as const) node.push(await runNodeBench(backend, log));
  const browser = values['node-only'] === true ? null : await runBrowserBench(['wasm', 'webgl', 'webgpu', 'cpu'], log);
  const file: BenchFile = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '?', memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    node,
    browser: browser?.rows ?? [],
    bundle: browser?.bundle ?? null,
  };
  const dir = path.resolve(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const out = path.join(dir, `${file.date.slice(0, 10)}.json`);
  writeFileSync(out, JSON.stringify(file, null, 2) + '\n');
  console.log(formatBench(file));
  console.log(`\nwrote ${out}`);
}
