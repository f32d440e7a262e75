import * as tf from '@tensorflow/tfjs';
import type { Dataset, Split } from '../data/dataset';
import { momentsOfBatch, type Moments } from '../math';
import type { LabeledInputs } from '../models/evaluate';
import { outputKey, type OutputStore, type StoredOutputs } from './outputStore';

/**
 * Teachers are frozen, so their features and logits over the data are computed once, in batches,
 * and kept (DESIGN §5). One cache serves every run on the same dataset and sample subsets —
 * compare runs share it, and with an `OutputStore` (IndexedDB in the browser) later runs of the
 * same teacher weights read the outputs back instead of recomputing them. Feature-scale knobs are
 * applied when a run reads the cache.
 */
/** Anything that can act as a frozen teacher: a zoo network or an uploaded tf.js model. */
export interface TeacherSource {
  readonly featureDim: number;
  /** Features [N·C] and logits [N·K] (null when the model has no class logits). */
  readonly predictAll: (
    split: LabeledInputs,
  ) => Promise<{ features: Float32Array; logits: Float32Array | null }>;
  readonly numClasses: number | null;
  /** Hash of the weights (and anything else that changes the outputs); stored outputs are found by it. */
  readonly fingerprint?: string;
}

export interface CachedTeacher {
  readonly id: string;
  readonly featureDim: number;
  /** Train subset: [N, C] features and [N, K] logits (unscaled; logits null when absent). */
  readonly trainFeatures: tf.Tensor2D;
  readonly trainLogits: tf.Tensor2D | null;
  /** Eval subset of the test split. */
  readonly evalFeatures: tf.Tensor2D;
  readonly evalLogits: tf.Tensor2D | null;
  /** Host copies (float32) for statistics. */
  readonly trainFeaturesHost: Float32Array;
  readonly evalFeaturesHost: Float32Array;
  /** Exact float64 moments of the unscaled train features. */
  readonly moments: Moments;
}

export interface TeacherCache {
  readonly dataset: Dataset;
  readonly trainCount: number;
  readonly evalCount: number;
  readonly trainSplit: Split;
  readonly evalSplit: Split;
  readonly teachers: ReadonlyMap<string, CachedTeacher>;
  readonly buildMs: number;
  /** Teachers whose outputs came from the store (no forward pass). */
  readonly fromStore: readonly string[];
  readonly dispose: () => void;
}

export interface CacheOptions {
  readonly signal?: AbortSignal;
  /** Where outputs are kept between runs and page loads (null: compute every time). */
  readonly store?: OutputStore | null;
  /** Part of the store key: outputs differ between backends in the last bits. */
  readonly backend?: string;
  /** Samples per forward chunk: progress and the stop signal are checked between chunks. */
  readonly chunk?: number;
  readonly onProgress?: (message: string) => void;
}

function head(split: Split, n: number, size: number): Split {
  const count = n > 0 ? Math.min(n, split.count) : split.count;
  return {
    count,
    inputs: split.inputs.subarray(0, count * size),
    labels: split.labels.subarray(0, count),
  };
}

/** Thrown (and recognised) when a stop signal ends the caching early. */
export class StoppedError extends Error {
  constructor() {
    super('stopped');
    this.name = 'StoppedError';
  }
}

function check(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new StoppedError();
}

/** A source's outputs over a split, in chunks, checking the stop signal between them. */
async function forward(
  source: TeacherSource,
  split: Split,
  size: number,
  chunk: number,
  opts: CacheOptions,
  say: (done: number) => void,
): Promise<StoredOutputs> {
  const c = source.featureDim;
  const k = source.numClasses;
  const features = new Float32Array(split.count * c);
  const logits = k === null ? null : new Float32Array(split.count * k);
  for (let start = 0; start < split.count; start += chunk) {
    check(opts.signal);
    const n = Math.min(chunk, split.count - start);
    const part = {
      count: n,
      inputs: split.inputs.subarray(start * size, (start + n) * size),
      labels: split.labels.subarray(start, start + n),
    };
    const out = await source.predictAll(part);
    features.set(out.features, start * c);
    if (logits && out.logits && k !== null) logits.set(out.logits, start * k);
    say(start + n);
  }
  for (const v of features)
    if (!Number.isFinite(v)) throw new Error('the teacher produced non-finite features');
  return { features, logits };
}

async function outputsOf(
  id: string,
  source: TeacherSource,
  split: Split,
  which: 'train' | 'eval',
  ctx: { dataset: Dataset; size: number; opts: CacheOptions },
): Promise<{ out: StoredOutputs; stored: boolean }> {
  const { opts } = ctx;
  const key =
    source.fingerprint !== undefined && opts.store
      ? outputKey({
          dataset: ctx.dataset.id,
          split: which,
          count: split.count,
          fingerprint: source.fingerprint,
          backend: opts.backend ?? '',
        })
      : null;
  if (key !== null && opts.store) {
    const hit = await opts.store.get(key).catch(() => undefined);
    if (hit?.features.length === split.count * source.featureDim) return { out: hit, stored: true };
  }
  const out = await forward(source, split, ctx.size, opts.chunk ?? 1000, opts, (done) =>
    opts.onProgress?.(`teacher ${id}: ${which} outputs ${done}/${split.count}`),
  );
  const withMoments =
    which === 'train' ? { ...out, moments: momentsOfBatch(out.features, source.featureDim) } : out;
  // a full or blocked store only costs the next run its forward pass
  if (key !== null && opts.store) await opts.store.set(key, withMoments).catch(() => undefined);
  return { out: withMoments, stored: false };
}

/** Computes (or reads back) every teacher's features and logits (batched forward passes, no gradients). */
export async function buildTeacherCache(
  dataset: Dataset,
  teachers: ReadonlyMap<string, TeacherSource>,
  trainSubset: number,
  evalSubset: number,
  opts: CacheOptions = {},
): Promise<TeacherCache> {
  const t0 = performance.now();
  const size = dataset.inputShape[0] * dataset.inputShape[1] * dataset.inputShape[2];
  const trainSplit = head(dataset.train, trainSubset, size);
  const evalSplit = head(dataset.test, evalSubset, size);
  const cached = new Map<string, CachedTeacher>();
  const fromStore: string[] = [];
  const dispose = (): void => {
    for (const t of cached.values())
      tf.dispose([
        t.trainFeatures,
        t.evalFeatures,
        ...(t.trainLogits ? [t.trainLogits] : []),
        ...(t.evalLogits ? [t.evalLogits] : []),
      ]);
    cached.clear();
  };
  const ctx = { dataset, size, opts };
  try {
    for (const [id, source] of teachers) {
      check(opts.signal);
      const train = await outputsOf(id, source, trainSplit, 'train', ctx).catch((e: unknown) => {
        throw e instanceof StoppedError || !(e instanceof Error)
          ? e
          : new Error(`teacher ${id}: ${e.message}`);
      });
      const evalOut = await outputsOf(id, source, evalSplit, 'eval', ctx);
      if (train.stored && evalOut.stored) fromStore.push(id);
      const c = source.featureDim;
      const k = source.numClasses;
      cached.set(id, {
        id,
        featureDim: c,
        trainFeatures: tf.tensor2d(train.out.features, [trainSplit.count, c]),
        trainLogits:
          train.out.logits && k !== null
            ? tf.tensor2d(train.out.logits, [trainSplit.count, k])
            : null,
        evalFeatures: tf.tensor2d(evalOut.out.features, [evalSplit.count, c]),
        evalLogits:
          evalOut.out.logits && k !== null
            ? tf.tensor2d(evalOut.out.logits, [evalSplit.count, k])
            : null,
        trainFeaturesHost: train.out.features,
        evalFeaturesHost: evalOut.out.features,
        moments: train.out.moments ?? momentsOfBatch(train.out.features, c),
      });
    }
  } catch (e) {
    dispose();
    throw e;
  }
  return {
    dataset,
    trainCount: trainSplit.count,
    evalCount: evalSplit.count,
    trainSplit,
    evalSplit,
    teachers: cached,
    buildMs: performance.now() - t0,
    fromStore,
    dispose,
  };
}

/** Moments of s·y from the moments of y: μ → sμ, M₂ → s²M₂. */
export function scaleMoments(m: Moments, s: number): Moments {
  return {
    dim: m.dim,
    count: m.count,
    mean: m.mean.map((v) => v * s),
    comoment: m.comoment.map((v) => v * s * s),
  };
}
