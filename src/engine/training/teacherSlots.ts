import * as tf from '@tensorflow/tfjs';
import { covariance, momentsOfBatch, type Moments } from '../../math';
import { fitNormalizer, type Normalizer } from '../../methods/normalizer';
import { normalizedVariance } from '../../methods/normalizers/apply';
import type { ExperimentConfig } from '../experiment/schema';
import { scaleMoments, type CachedTeacher, type TeacherCache } from '../teacherCache';
import { streamingObserve, streamingStart, type StreamingState } from './streamingStats';

/**
 * One teacher as a run sees it: its cached outputs, the run's knobs (feature scale, weight, logit
 * scale) and the normalizer that maps its features to the student's targets.
 */
export interface TeacherSlot {
  readonly id: string;
  readonly index: number;
  readonly cached: CachedTeacher;
  readonly scale: number;
  /** Live knobs (`Trainer.applyKnobs`) change these between steps. */
  weight: number;
  logitScale: number;
  /** The run's normalizer N(y) = W(y − μ); replaced on streaming refits. */
  normalizer: Normalizer;
  /** v_c = diag(W Σ Wᵀ): each normalized channel's variance over the data (Avatar KD's u_rel). */
  normalizedVariance: tf.Tensor1D;
  /** ZCA whitening fitted on the exact (scaled) train statistics: the "whitened error" metric. */
  readonly zca: Normalizer;
  /** Streaming statistics, or null for exact statistics. */
  stream: StreamingState | null;
}

/**
 * The whitened-error metric floors eigenvalues at 1e-4 of their mean (not the whitening
 * normalizers' absolute 1e-6): a teacher's dead directions then cannot dominate the number, and
 * it does not change with the feature scale.
 */
function metricEigenFloor(stats: Moments): number {
  const c = stats.dim;
  let trace = 0;
  for (let i = 0; i < c; i++) trace += stats.comoment[i * c + i] ?? 0;
  return Math.max((1e-4 * trace) / Math.max(1, stats.count - 1) / c, 1e-12);
}

function varianceTensor(n: Normalizer, stats: Moments): tf.Tensor1D {
  return tf.tensor1d(Float32Array.from(normalizedVariance(n.params, covariance(stats))));
}

/** Builds each teacher's slot: exact statistics fit once; streaming starts from the first batch's rows. */
export function createTeacherSlots(cfg: ExperimentConfig, cache: TeacherCache): TeacherSlot[] {
  const seed = cfg.seed;
  return cfg.teachers.map((t, index) => {
    const cached = cache.teachers.get(t.id);
    if (!cached) throw new Error(`teacher ${t.id} is not in the cache`);
    const exactStats = scaleMoments(cached.moments, t.featureScale);
    const exact = cfg.feature.statistics === 'exact';
    // streaming: a display-only first fit from the first batch of the cache; step 0 refits from its own batch
    const initial = exact
      ? exactStats
      : scaleMoments(
          momentsOfBatch(
            cached.trainFeaturesHost.subarray(0, cfg.batchSize * cached.featureDim),
            cached.featureDim,
          ),
          t.featureScale,
        );
    const normalizer = fitNormalizer(cfg.feature.normalizer, initial, { seed });
    return {
      id: t.id,
      index,
      cached,
      scale: t.featureScale,
      weight: t.weight,
      logitScale: t.logitScale,
      normalizer,
      normalizedVariance: varianceTensor(normalizer, initial),
      zca: fitNormalizer('zca', exactStats, { seed, eigenFloor: metricEigenFloor(exactStats) }),
      stream: exact ? null : streamingStart(cached.featureDim),
    };
  });
}

/**
 * Exact statistics: teachers and normalizers are fixed, so the targets y′ = W(s·y − μ) of the
 * whole train cache are computed once per run, every teacher side by side [N, ΣC_t] (slot order,
 * the fused heads' column blocks): one gather a step serves all teachers. Null for streaming
 * statistics (the normalizer changes as it trains) or without teachers.
 */
export function fusedTrainTargets(
  cfg: ExperimentConfig,
  slots: readonly TeacherSlot[],
): tf.Tensor2D | null {
  if (cfg.feature.statistics !== 'exact' || !cfg.feature.enabled || slots.length === 0) return null;
  return tf.tidy(() =>
    tf.concat(
      slots.map((s) => s.normalizer.forward(tf.mul<tf.Tensor2D>(s.cached.trainFeatures, s.scale))),
      1,
    ),
  );
}

/** Replaces a slot's normalizer with one fitted on `stats` (streaming refits and restores). */
export function refitSlot(
  slot: TeacherSlot,
  kind: ExperimentConfig['feature']['normalizer'],
  stats: Moments,
  seed: number,
): void {
  const next = fitNormalizer(kind, stats, { seed });
  slot.normalizer.dispose();
  slot.normalizedVariance.dispose();
  slot.normalizer = next;
  slot.normalizedVariance = varianceTensor(next, stats);
}

/** The scaled teacher rows of a batch, in float64 (streaming statistics read the host copy). */
function batchRows(slot: TeacherSlot, idx: Int32Array): Float64Array {
  const c = slot.cached.featureDim;
  const rows = new Float64Array(idx.length * c);
  idx.forEach((k, i) => {
    for (let j = 0; j < c; j++)
      rows[i * c + j] = (slot.cached.trainFeaturesHost[k * c + j] ?? 0) * slot.scale;
  });
  return rows;
}

/**
 * Streaming statistics for one step: folds the batch in and refits when due. Returns the ids of
 * the teachers refitted (empty when nothing changed).
 */
export function observeStreaming(
  slots: readonly TeacherSlot[],
  cfg: ExperimentConfig,
  idx: Int32Array,
): string[] {
  const freeze = Math.min(cfg.feature.streamFreezeSteps, cfg.steps);
  const refitted: string[] = [];
  for (const s of slots) {
    if (!s.stream) continue;
    const r = streamingObserve(s.stream, batchRows(s, idx), freeze);
    s.stream = r.state;
    if (r.refit) {
      refitSlot(s, cfg.feature.normalizer, r.state.running, cfg.seed);
      refitted.push(s.id);
    }
  }
  return refitted;
}

/** Raw (feature-scaled) teacher features of a batch [B, C], in the teacher's own space. */
export function rawTargets(slot: TeacherSlot, idxT: tf.Tensor1D): tf.Tensor2D {
  return tf.tidy(() => tf.mul<tf.Tensor2D>(tf.gather(slot.cached.trainFeatures, idxT), slot.scale));
}

/** The student's targets for a batch from the slot's current normalizer: N(s·y). */
export function normalizedTargets(slot: TeacherSlot, idxT: tf.Tensor1D): tf.Tensor2D {
  return tf.tidy(() => slot.normalizer.forward(rawTargets(slot, idxT)));
}

export function disposeSlots(slots: readonly TeacherSlot[]): void {
  for (const s of slots) {
    s.normalizer.dispose();
    s.normalizedVariance.dispose();
    s.zca.dispose();
  }
}
