import type * as tf from '@tensorflow/tfjs';

/** What every network returns: named stage outputs (for OFA branches), features and logits. */
export interface NetworkOutput {
  /** Up to four stage outputs, shallow to deep: [N, H, W, C] for conv nets, [N, T, D] or [N, D] otherwise. */
  readonly stages: readonly tf.Tensor[];
  /** The pooled feature vector [N, featureDim] used for feature distillation. */
  readonly features: tf.Tensor2D;
  readonly logits: tf.Tensor2D;
}

export type ForwardFn = (x: tf.Tensor4D) => NetworkOutput;

/** Picks at most four stage indices spread over `count` blocks, always including the last. */
export function stageIndices(count: number): Set<number> {
  if (count <= 4) return new Set(Array.from({ length: count }, (_, i) => i));
  return new Set([0, 1, 2, 3].map((k) => Math.round(((k + 1) * count) / 4) - 1));
}
