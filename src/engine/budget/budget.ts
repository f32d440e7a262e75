import type { BackendName } from '../backend/backendKinds';
import type { ExperimentConfig } from '../experiment/schema';
import { netCost, type ArchShape, type NetCost } from './costModel';

/**
 * The budget of an experiment before it runs: memory in the worker (dataset, teacher cache,
 * parameters with Adam state, activations of a training step and of an evaluation) and time
 * (FLOPs of the teacher cache, the training steps and the evaluations ÷ the backend's measured
 * FLOP rate). Runs over CONFIRM_* ask first; over REFUSE_BYTES they are refused.
 */
export const CONFIRM_SECONDS = 120;
export const CONFIRM_BYTES = 1024 ** 3;
/** A worker's WebAssembly memory tops out at 4 GiB; tabs die well before on most machines. */
export const REFUSE_BYTES = 4 * 1024 ** 3;

interface DatasetFacts {
  readonly train: number;
  readonly test: number;
  readonly input: readonly [number, number, number];
  readonly classes: number;
}

/** public/data/<id>/header.json and src/data/synthetic.ts (a test keeps them equal). */
export const DATASET_FACTS: Readonly<Record<ExperimentConfig['dataset'], DatasetFacts>> = {
  mnist: { train: 8000, test: 2000, input: [28, 28, 1], classes: 10 },
  'fashion-mnist': { train: 20000, test: 10000, input: [28, 28, 1], classes: 10 },
  digits: { train: 1438, test: 359, input: [8, 8, 1], classes: 10 },
  blobs: { train: 1500, test: 500, input: [1, 1, 2], classes: 4 },
  spirals: { train: 1500, test: 500, input: [1, 1, 2], classes: 3 },
};

/** The zoo's teachers (public/models/<dataset>/manifest.json specs). */
export const ZOO_SHAPES: Readonly<Record<string, ArchShape>> = {
  cnn: { arch: 'cnn', width: 32, depth: 4, featureDim: 128 },
  resnet: { arch: 'resnet', width: 16, depth: 3, featureDim: 64 },
  mlp: { arch: 'mlp', width: 512, depth: 3, featureDim: 128 },
  vit: { arch: 'vit', width: 48, depth: 3, featureDim: 48, patch: 7, heads: 4 },
  mixer: { arch: 'mixer', width: 64, depth: 3, featureDim: 64, patch: 7 },
};
/** An uploaded teacher of unknown size is budgeted like this (about 1.2 M parameters). */
const UPLOAD_SHAPE: ArchShape = { arch: 'mlp', width: 1024, depth: 2, featureDim: 256 };

/**
 * FLOP/s a backend sustains on MLP training steps. wasm: measured here (2 shared cores, Node,
 * phi-s-balance: 1.0e9); the others scaled from it. Every run refines the browser's own value.
 */
export const DEFAULT_FLOPS_PER_SECOND: Readonly<Record<BackendName, number>> = {
  webgpu: 1e10,
  webgl: 4e9,
  wasm: 1e9,
  cpu: 1.5e8,
};
/** Batched forward-only passes (the teacher cache) run this much faster than training steps (measured 4.0–4.1×). */
const CACHE_SPEEDUP = 4;
/** Training FLOP rate of each student kind relative to an MLP (measured: a CNN student 0.27×). */
const ARCH_EFFICIENCY: Readonly<Record<ArchShape['arch'], number>> = {
  mlp: 1,
  vit: 0.6,
  mixer: 0.6,
  cnn: 0.27,
  resnet: 0.27,
};

const TEACHER_CHUNK = 256;
const KNN_DB = 2000;
/** Forward + backward ≈ 3 forwards. */
const TRAIN_FACTOR = 3;

export interface Budget {
  readonly bytes: {
    readonly data: number;
    readonly cache: number;
    readonly params: number;
    readonly activations: number;
    readonly peak: number;
  };
  readonly seconds: {
    readonly cache: number;
    readonly training: number;
    readonly evals: number;
    readonly total: number;
  };
  readonly stepFlops: number;
  readonly verdict: 'ok' | 'confirm' | 'refuse';
  /** Why it asks or refuses, each with the knobs that cut it. */
  readonly reasons: readonly string[];
}

function studentShape(cfg: ExperimentConfig): ArchShape {
  const s = cfg.student;
  const tokenArch = s.arch === 'vit' || s.arch === 'mixer';
  return {
    arch: s.arch,
    width: s.width,
    depth: s.depth,
    featureDim: tokenArch ? s.width : s.featureDim,
    ...(s.patch === undefined ? {} : { patch: s.patch }),
    ...(s.heads === undefined ? {} : { heads: s.heads }),
  };
}

export function formatBytes(b: number): string {
  return b >= 1024 ** 3
    ? `${(b / 1024 ** 3).toFixed(1)} GB`
    : `${Math.max(1, Math.round(b / 1024 ** 2))} MB`;
}

export function formatSeconds(s: number): string {
  if (s < 90) return `${Math.max(1, Math.round(s))} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  if (s < 2 * 86400) return `${(s / 3600).toFixed(1)} h`;
  return `${Math.round(s / 86400)} days`;
}

/**
 * MLP-equivalent training FLOPs of one step (student forward + backward on a batch, plus the
 * adaptor heads), divided by the student kind's efficiency so one rate serves every kind.
 */
export function stepFlops(cfg: ExperimentConfig): number {
  const f = DATASET_FACTS[cfg.dataset];
  const s = netCost(studentShape(cfg), f.input, f.classes);
  const heads = cfg.teachers.reduce(
    (a, t) =>
      a + 2 * cfg.student.featureDim * (ZOO_SHAPES[t.id]?.featureDim ?? UPLOAD_SHAPE.featureDim),
    0,
  );
  return (TRAIN_FACTOR * cfg.batchSize * (s.flops + heads)) / ARCH_EFFICIENCY[cfg.student.arch];
}

export function estimateBudget(cfg: ExperimentConfig, flopsPerSecond: number): Budget {
  const f = DATASET_FACTS[cfg.dataset];
  const nTrain = cfg.trainSubset > 0 ? Math.min(cfg.trainSubset, f.train) : f.train;
  const nEval = cfg.evalSubset > 0 ? Math.min(cfg.evalSubset, f.test) : f.test;
  const sampleFloats = f.input[0] * f.input[1] * f.input[2];
  const student: NetCost = netCost(studentShape(cfg), f.input, f.classes);
  const teachers = cfg.teachers.map((t) => ({
    shape: ZOO_SHAPES[t.id] ?? UPLOAD_SHAPE,
    cost: netCost(ZOO_SHAPES[t.id] ?? UPLOAD_SHAPE, f.input, f.classes),
  }));
  // host copies and tensors of the features (×2), logits as tensors
  const cache =
    (nTrain + nEval) * teachers.reduce((a, t) => a + 2 * t.shape.featureDim + f.classes, 0) * 4;
  const data = (f.train + f.test) * sampleFloats * 4;
  const params = student.params * 4 * 4;
  const teacherPass = Math.max(
    0,
    ...teachers.map((t) => TEACHER_CHUNK * t.cost.activations * 4 + t.cost.params * 4),
  );
  const train = cfg.batchSize * student.activations * 4 * 3;
  const evalPass = (nEval + Math.min(KNN_DB, nTrain)) * student.activations * 4;
  const activations = Math.max(teacherPass, train, evalPass);
  const peak = data + cache + params + activations;
  const evaluations = Math.floor(cfg.steps / cfg.evalEvery) + 1;
  const seconds = {
    cache:
      (teachers.reduce((a, t) => a + t.cost.flops, 0) * (nTrain + nEval)) /
      (CACHE_SPEEDUP * flopsPerSecond),
    training: (cfg.steps * stepFlops(cfg)) / flopsPerSecond,
    evals:
      (evaluations * (nEval + Math.min(KNN_DB, nTrain)) * student.flops) /
      (CACHE_SPEEDUP * ARCH_EFFICIENCY[cfg.student.arch] * flopsPerSecond),
    total: 0,
  };
  const total = seconds.cache + seconds.training + seconds.evals;
  const reasons: string[] = [];
  if (peak > CONFIRM_BYTES) {
    const knobs =
      activations >= cache
        ? 'a smaller batch, a narrower or shallower student, a larger ViT/Mixer patch, or a smaller evaluation subset'
        : 'a training subset or fewer teachers';
    reasons.push(
      `needs about ${formatBytes(peak)} of memory (activations ${formatBytes(activations)}, teacher cache ${formatBytes(cache)}); cut it with ${knobs}`,
    );
  }
  if (total > CONFIRM_SECONDS) {
    const knobs =
      seconds.cache > seconds.training
        ? 'a training subset or fewer teachers'
        : 'fewer steps, a smaller batch or a smaller student';
    reasons.push(
      `takes about ${formatSeconds(total)} here (teacher cache ${formatSeconds(seconds.cache)}, training ${formatSeconds(seconds.training)}); cut it with ${knobs}`,
    );
  }
  const verdict = peak > REFUSE_BYTES ? 'refuse' : reasons.length > 0 ? 'confirm' : 'ok';
  return {
    bytes: { data, cache, params, activations, peak },
    seconds: { ...seconds, total },
    stepFlops: stepFlops(cfg),
    verdict,
    reasons,
  };
}

/** Refines a backend's FLOP rate from a running run's measured samples/s (moving average). */
export function calibrate(
  previous: number,
  cfg: ExperimentConfig,
  samplesPerSecond: number,
): number {
  if (!(samplesPerSecond > 0) || !Number.isFinite(samplesPerSecond)) return previous;
  const observed = stepFlops(cfg) * (samplesPerSecond / cfg.batchSize);
  return 0.7 * previous + 0.3 * observed;
}
