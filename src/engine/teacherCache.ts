import * as tf from '@tensorflow/tfjs';
import type { Dataset, Split } from '../data/dataset';
import { momentsOfBatch, type Moments } from '../math';
import type { LabeledInputs } from '../models/evaluate';

/**
 * Teachers are frozen, so their features and logits over the data are computed once, in batches,
 * and kept (DESIGN §5). One cache serves every run on the same dataset and sample subsets —
 * compare runs share it. Feature-scale knobs are applied when a run reads the cache.
 */
/** Anything that can act as a frozen teacher: a zoo network or an uploaded tf.js model. */
export interface TeacherSource {
  readonly featureDim: number;
  /** Features [N·C] and logits [N·K] (null when the model has no class logits). */
  readonly predictAll: (split: LabeledInputs) => Promise<{ features: Float32Array; logits: Float32Array | null }>;
  readonly numClasses: number | null;
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
  readonly dispose: () => void;
}

function head(split: Split, n: number, size: number): Split {
  const count = n > 0 ? Math.min(n, split.count) : split.count;
  return { count, inputs: split.inputs.subarray(0, count * size), labels: split.labels.subarray(0, count) };
}

/** Computes every teacher's features and logits once (batched forward passes, no gradients). */
export async function buildTeacherCache(
  dataset: Dataset,
  teachers: ReadonlyMap<string, TeacherSource>,
  trainSubset: number,
  evalSubset: number,
  onProgress?: (done: number, total: number) => void,
): Promise<TeacherCache> {
  const t0 = performance.now();
  const size = dataset.inputShape[0] * dataset.inputShape[1] * dataset.inputShape[2];
  const trainSplit = head(dataset.train, trainSubset, size);
  const evalSplit = head(dataset.test, evalSubset, size);
  const cached = new Map<string, CachedTeacher>();
  let done = 0;
  for (const [id, source] of teachers) {
    const train = await source.predictAll(trainSplit);
    const evalOut = await source.predictAll(evalSplit);
    const c = source.featureDim;
    const k = source.numClasses;
    for (const v of train.features) if (!Number.isFinite(v)) throw new Error(`teacher ${id} produced non-finite features`);
    cached.set(id, {
      id,
      featureDim: c,
      trainFeatures: tf.tensor2d(train.features, [trainSplit.count, c]),
      trainLogits: train.logits && k !== null ? tf.tensor2d(train.logits, [trainSplit.count, k]) : null,
      evalFeatures: tf.tensor2d(evalOut.features, [evalSplit.count, c]),
      evalLogits: evalOut.logits && k !== null ? tf.tensor2d(evalOut.logits, [evalSplit.count, k]) : null,
      trainFeaturesHost: train.features,
      evalFeaturesHost: evalOut.features,
      moments: momentsOfBatch(train.features, c),
    });
    done += 1;
    onProgress?.(done, teachers.size);
  }
  return {
    dataset,
    trainCount: trainSplit.count,
    evalCount: evalSplit.count,
    trainSplit,
    evalSplit,
    teachers: cached,
    buildMs: performance.now() - t0,
    dispose: () => {
      for (const t of cached.values()) tf.dispose([t.trainFeatures, t.evalFeatures, ...(t.trainLogits ? [t.trainLogits] : []), ...(t.evalLogits ? [t.evalLogits] : [])]);
    },
  };
}

/** Moments of s·y from the moments of y: μ → sμ, M₂ → s²M₂. */
export function scaleMoments(m: Moments, s: number): Moments {
  return { dim: m.dim, count: m.count, mean: m.mean.map((v) => v * s), comoment: m.comoment.map((v) => v * s * s) };
}
