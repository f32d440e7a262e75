import { momentsEmpty, momentsMerge, momentsOfBatch, type Moments } from '../../math';

/**
 * TAO-style streaming teacher statistics (DESIGN §3.1; NVIDIA TAO's PHI-S estimator): every
 * training step folds its batch into float64 running moments (Chan merge) until the freeze step
 * F = min(streamFreezeSteps, run length); the normalizer is refitted every 100 steps, as TAO does.
 * Our addition (documented on the card): the first refits come after 1, 2, 4, …, 64 batches, so
 * the estimate leaves the rank-deficient first batch (64 samples for C = 128 features — a
 * whitening normalizer would amplify the missing directions ~1000×) within a few steps instead of
 * after 100.
 */
export const STREAM_REFIT_EVERY = 100;

/** True when a refit is due once `batches` batches have been merged (1-based), freeze step `freeze`. */
export function streamRefitDue(batches: number, freeze: number): boolean {
  if (batches < 1 || batches > freeze) return false;
  if (batches === freeze) return true;
  if (batches < STREAM_REFIT_EVERY) return (batches & (batches - 1)) === 0;
  return batches % STREAM_REFIT_EVERY === 0;
}

/** Plain-data state of one teacher's running statistics (checkpointed). */
export interface StreamingState {
  /** Every batch merged so far. */
  readonly running: Moments;
  /** The moments the current normalizer was fitted on (null before the first fit). */
  readonly fitted: Moments | null;
  /** Batches merged (steps observed). */
  readonly batches: number;
}

export function streamingStart(dim: number): StreamingState {
  return { running: momentsEmpty(dim), fitted: null, batches: 0 };
}

/**
 * Folds one batch of (feature-scaled) teacher rows [n·C] into the running moments, unless frozen.
 * Returns the new state and whether the normalizer must be refitted from `state.running` now.
 */
export function streamingObserve(
  state: StreamingState,
  rows: ArrayLike<number>,
  freeze: number,
): { state: StreamingState; refit: boolean } {
  if (state.batches >= freeze) return { state, refit: false };
  const running = momentsMerge(state.running, momentsOfBatch(rows, state.running.dim));
  const batches = state.batches + 1;
  const refit = streamRefitDue(batches, freeze) && running.count >= 2;
  return { state: { running, fitted: refit ? running : state.fitted, batches }, refit };
}
