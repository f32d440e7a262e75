import * as tf from '@tensorflow/tfjs';
import { nodePublicReader } from '../src/data/nodePublicReader';
import { selectNodeBackend, type NodeBackendName } from '../src/engine/backend/nodeBackend';
import type { RunEvent } from '../src/engine/events';
import { presetConfig } from '../src/engine/experiment/presets';
import { parseExperiment } from '../src/engine/experiment/schema';
import { runExperiment } from '../src/engine/runExperiment';
import { momentsOfBatch, rngCreate } from '../src/math';
import { fitNormalizerParams } from '../src/methods/normalizers/fit';
import { loadZooManifest, loadZooTeacher } from '../src/models/loadTeacher';
import { interleavedSteps } from './interleaved';

/** Node benchmarks (DESIGN §7): ratios measured within one run on one backend. */
export interface NodeBenchResult {
  readonly backend: NodeBackendName;
  readonly distillStepMs: number;
  readonly plainStepMs: number;
  readonly distillOverPlain: number;
  readonly teacherForwardMs: number;
  readonly recomputeOverCache: number;
  readonly stepGflops: number;
  readonly matmulGflops: number;
  readonly stepOverMatmul: number;
  readonly tensors: {
    after10: number;
    after1000: number;
    bytesAfter10: number;
    bytesAfter1000: number;
  };
  readonly normalizerFitMs: { dim: number; samples: number; ms: number }[];
}

const read = nodePublicReader();

/** Median ms per step from the engine's own step events, after a warm-up. */
export async function msPerStep(config: unknown, steps: number): Promise<number> {
  const times: { step: number; t: number }[] = [];
  await runExperiment(
    { ...(config as object), steps, evalEvery: 100000, readbackEvery: 1 },
    {
      read,
      emit: (e: RunEvent) => {
        if (e.type === 'steps')
          for (const p of e.points) times.push({ step: p.step, t: performance.now() });
      },
    },
  );
  const deltas: number[] = [];
  for (let i = 20; i < times.length; i++) deltas.push((times[i]?.t ?? 0) - (times[i - 1]?.t ?? 0));
  deltas.sort((a, b) => a - b);
  return deltas[Math.floor(deltas.length / 2)] ?? Number.NaN;
}

async function teacherForwardMs(ids: readonly string[], batch: number): Promise<number> {
  const manifest = await loadZooManifest('mnist', read);
  const entries = ids.map((id) => {
    const e = manifest.teachers.find((t) => t.id === id);
    if (!e) throw new Error(`no teacher ${id}`);
    return e;
  });
  const nets = await Promise.all(entries.map((e) => loadZooTeacher('mnist', e, read)));
  const x = tf.randomUniform<tf.Rank.R4>([batch, 28, 28, 1]);
  const once = async (): Promise<void> => {
    const outs = nets.map((n) => n.forward(x).features);
    await Promise.all(outs.map((o) => o.data()));
    tf.dispose(outs);
  };
  await once();
  const t0 = performance.now();
  for (let i = 0; i < 10; i++) await once();
  const ms = (performance.now() - t0) / 10;
  x.dispose();
  nets.forEach((n) => n.dispose());
  return ms;
}

/** FLOPs of one training step of an MLP student with linear adaptor heads: 3 × forward. */
function mlpStepFlops(batch: number, layers: number[][]): number {
  return 3 * layers.reduce((s, [i = 0, o = 0]) => s + 2 * batch * i * o, 0);
}

export async function runNodeBench(
  backend: NodeBackendName,
  log: (s: string) => void,
  stepsOnly = false,
): Promise<NodeBenchResult> {
  await selectNodeBackend(backend);
  const base = presetConfig('phi-s-balance');
  const distill = parseExperiment({ ...base, trainSubset: 2000, evalSubset: 200 });
  const plain = parseExperiment({
    ...distill,
    teachers: [],
    feature: { enabled: false },
    labelWeight: 1,
  });
  log(`${backend}: distillation and plain steps and a 512² matmul, in alternation`);
  const il = await interleavedSteps(
    [
      { label: 'distill', cfg: distill },
      { label: 'plain', cfg: plain },
    ],
    backend === 'cpu' ? 40 : 200,
  );
  const distillStepMs = il.msPerStep.distill ?? Number.NaN;
  const plainStepMs = il.msPerStep.plain ?? Number.NaN;
  log(`${backend}: teacher forward`);
  const tfwd = stepsOnly
    ? Number.NaN
    : await teacherForwardMs(
        distill.teachers.map((t) => t.id),
        distill.batchSize,
      );
  const s = distill.student;
  const manifest = await loadZooManifest('mnist', read);
  const teacherDims = distill.teachers.map(
    (t) => manifest.teachers.find((m) => m.id === t.id)?.featureDim ?? 0,
  );
  const flops = mlpStepFlops(distill.batchSize, [
    [784, s.width],
    [s.width, s.featureDim],
    ...teacherDims.map((d) => [s.featureDim, d]),
  ]);
  const mm = (2 * 512 ** 3) / (il.matmulMs / 1000) / 1e9;
  log(`${backend}: tensors over 1000 steps`);
  const mem: { step: number; n: number; bytes: number }[] = [];
  await runExperiment(
    { ...presetConfig('smoke'), steps: stepsOnly ? 12 : 1000, evalEvery: 100000 },
    {
      read,
      emit: (e) => {
        if (e.type === 'steps')
          mem.push({
            step: e.points.at(-1)?.step ?? 0,
            n: tf.memory().numTensors,
            bytes: tf.memory().numBytes,
          });
      },
    },
  );
  const at = (k: number): { n: number; bytes: number } =>
    mem.find((m) => m.step >= k) ?? { n: Number.NaN, bytes: Number.NaN };
  log(`${backend}: normalizer fitting`);
  const fit: { dim: number; samples: number; ms: number }[] = [];
  const rng = rngCreate(1);
  for (const [dim, samples] of [
    [64, 4000],
    [128, 4000],
    [256, 4000],
    [512, 4000],
    [1024, 4000],
    [128, 1000],
    [128, 16000],
  ] as const) {
    if (stepsOnly) break;
    const rows = Float64Array.from({ length: dim * samples }, () => rng.normal());
    const t0 = performance.now();
    fitNormalizerParams('phi-s', momentsOfBatch(rows, dim));
    fit.push({ dim, samples, ms: performance.now() - t0 });
  }
  const stepGflops = flops / (distillStepMs / 1000) / 1e9;
  return {
    backend,
    distillStepMs,
    plainStepMs,
    distillOverPlain: distillStepMs / plainStepMs,
    teacherForwardMs: tfwd,
    recomputeOverCache: (distillStepMs + tfwd) / distillStepMs,
    stepGflops,
    matmulGflops: mm,
    stepOverMatmul: stepGflops / mm,
    tensors: {
      after10: at(10).n,
      after1000: at(999).n,
      bytesAfter10: at(10).bytes,
      bytesAfter1000: at(999).bytes,
    },
    normalizerFitMs: fit,
  };
}
