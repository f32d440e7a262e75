import { execFileSync } from 'node:child_process';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { loadDataset } from '../src/data/loadDataset';
import { nodePublicReader } from '../src/data/nodePublicReader';
import type { RunEvent } from '../src/engine/events';
import { presetConfig } from '../src/engine/experiment/presets';
import { parseExperiment, type ExperimentConfig } from '../src/engine/experiment/schema';
import { MemoryOutputStore } from '../src/engine/outputStore';
import { runExperiment } from '../src/engine/runExperiment';
import { buildTeacherCache } from '../src/engine/teacherCache';
import { zooSources } from '../src/engine/teacherSources';
import { createTrainer } from '../src/engine/trainer';
import { openInterleaved } from './interleaved';

/**
 * The lab's step against its PyTorch-CPU peer (one thread), kernels per step, the engine's
 * start-up share (first run and a run whose teacher outputs are stored) and the WASM heap across
 * runs. Node, WASM backend; ratios are measured within one run.
 */
export interface PeerRow {
  readonly mode: 'plain' | 'distill';
  readonly batch: number;
  readonly labSamplesPerS: number;
  readonly torchSamplesPerS: number | null;
  readonly labOverTorch: number | null;
}

export interface PeerBenchResult {
  readonly torch: string;
  readonly rows: PeerRow[];
  readonly kernelsPerStep: { plain: number; distill: number };
  readonly startup: {
    label: string;
    runToFirstPointMs: number;
    runToDoneMs: number;
    share: number;
  }[];
  readonly wasmHeapMbAfterRun: number[];
}

const read = nodePublicReader();
const ROOT = path.resolve(import.meta.dirname, '..');
const PYTHON = process.env.TORCH_PYTHON ?? '/usr/bin/python3';

function torchVersion(): string | null {
  try {
    return execFileSync(PYTHON, ['-c', 'import torch; print(torch.__version__)'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

function torchSamplesPerS(
  mode: 'plain' | 'distill',
  batch: number,
  heads: readonly number[],
): number {
  const out = execFileSync(
    PYTHON,
    [
      path.join(ROOT, 'bench', 'torch_step.py'),
      '--mode',
      mode,
      '--batch',
      String(batch),
      '--heads',
      heads.join(','),
    ],
    {
      encoding: 'utf8',
      env: {
        ...process.env,
        OMP_NUM_THREADS: '1',
        OPENBLAS_NUM_THREADS: '1',
        MKL_NUM_THREADS: '1',
      },
    },
  );
  return (JSON.parse(out) as { samples_per_s: number }).samples_per_s;
}

/** Kernels launched by one optimization step (no readback inside it). */
async function kernelsPerStep(cfg: ExperimentConfig): Promise<number> {
  return (await kernelsOfStep(cfg)).length;
}

/** The names of the kernels one optimization step launches, in order. */
export async function kernelsOfStep(cfg: ExperimentConfig): Promise<string[]> {
  const dataset = await loadDataset(cfg.dataset, read);
  const zoo = await zooSources(
    cfg.dataset,
    cfg.teachers.map((t) => t.id),
    read,
    () => undefined,
  );
  const cache = await buildTeacherCache(dataset, zoo.sources, cfg.trainSubset, cfg.evalSubset);
  zoo.dispose();
  const trainer = createTrainer('k', { ...cfg, readbackEvery: 1000 }, cache, () => undefined);
  try {
    for (let i = 0; i < 3; i++) await trainer.step();
    const info = await tf.profile(() => trainer.step());
    return info.kernels.map((k) => k.name);
  } finally {
    trainer.dispose();
    cache.dispose();
  }
}

async function startup(
  label: string,
  cfg: ExperimentConfig,
  store: MemoryOutputStore,
): Promise<{ label: string; runToFirstPointMs: number; runToDoneMs: number; share: number }> {
  const t0 = performance.now();
  let first = Number.NaN;
  await runExperiment(cfg, {
    read,
    outputStore: store,
    backend: { name: 'wasm', requested: 'wasm', reason: 'bench' },
    emit: (e: RunEvent) => {
      if (e.type === 'steps' && Number.isNaN(first)) first = performance.now() - t0;
    },
  });
  const done = performance.now() - t0;
  return { label, runToFirstPointMs: first, runToDoneMs: done, share: first / done };
}

function wasmHeapMb(): number {
  const b = tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } };
  return (b.wasm?.HEAPU8?.byteLength ?? Number.NaN) / 2 ** 20;
}

export async function runPeerBench(
  log: (s: string) => void,
  withStartup = true,
): Promise<PeerBenchResult> {
  const base = parseExperiment({
    ...presetConfig('phi-s-balance'),
    trainSubset: 2000,
    evalSubset: 200,
  });
  const plain = parseExperiment({
    ...base,
    teachers: [],
    feature: { enabled: false },
    labelWeight: 1,
  });
  const manifest = JSON.parse(
    new TextDecoder().decode(await read('models/mnist/manifest.json')),
  ) as { teachers: { id: string; featureDim: number }[] };
  const heads = base.teachers.map(
    (t) => manifest.teachers.find((m) => m.id === t.id)?.featureDim ?? 0,
  );
  const version = torchVersion();
  log(version === null ? 'torch: not available' : `torch ${version} (${PYTHON}, one thread)`);
  const rows: PeerRow[] = [];
  const median = (xs: number[]): number =>
    [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  for (const batch of [64, 128]) {
    // lab (both steps in alternation) and torch take turns three times: load changes hit both
    log(`peer: lab plain and distill steps, batch ${batch}, taking turns with torch`);
    const session = await openInterleaved([
      { label: 'plain', cfg: { ...plain, batchSize: batch } },
      { label: 'distill', cfg: { ...base, batchSize: batch } },
    ]);
    const lab: Record<'plain' | 'distill', number[]> = { plain: [], distill: [] };
    const torch: Record<'plain' | 'distill', number[]> = { plain: [], distill: [] };
    try {
      for (let turn = 0; turn < 3; turn++) {
        const r = await session.measure(60, turn === 0 ? 20 : 5);
        for (const mode of ['plain', 'distill'] as const) {
          lab[mode].push(batch / ((r.msPerStep[mode] ?? Number.NaN) / 1000));
          if (version !== null) torch[mode].push(torchSamplesPerS(mode, batch, heads));
        }
      }
    } finally {
      session.close();
    }
    for (const mode of ['plain', 'distill'] as const) {
      const l = median(lab[mode]);
      const t = version === null ? null : median(torch[mode]);
      rows.push({
        mode,
        batch,
        labSamplesPerS: l,
        torchSamplesPerS: t,
        labOverTorch: t === null ? null : l / t,
      });
    }
  }
  log('peer: kernels per step');
  const kernels = { plain: await kernelsPerStep(plain), distill: await kernelsPerStep(base) };
  log('peer: start-up share of the default run (first run, then with stored teacher outputs)');
  const store = new MemoryOutputStore();
  const def = presetConfig('phi-s-balance');
  const heap: number[] = [];
  const starts = [];
  for (const label of withStartup
    ? ['first run', 'second run (outputs stored)', 'third run']
    : []) {
    starts.push(await startup(label, def, store));
    heap.push(wasmHeapMb());
  }
  return {
    torch: version ?? 'not available',
    rows,
    kernelsPerStep: kernels,
    startup: starts,
    wasmHeapMbAfterRun: heap,
  };
}
