import * as tf from '@tensorflow/tfjs';

import type { FeatureLossKind } from './featureLossKinds';

export { FEATURE_LOSS_KINDS, type FeatureLossKind } from './featureLossKinds';

export interface FeatureLossOptions {
  /** Smooth-L1 transition point β (default 2, as AM-RADIO). */
  readonly beta?: number;
}

function checkPair(pred: tf.Tensor, target: tf.Tensor, what: string): void {
  if (
    pred.rank !== 2 ||
    target.rank !== 2 ||
    pred.shape[0] !== target.shape[0] ||
    pred.shape[1] !== target.shape[1]
  ) {
    throw new Error(
      `${what}: prediction [${pred.shape.join(', ')}] and target [${target.shape.join(', ')}] must both be [N, C] and equal`,
    );
  }
}

/**
 * Row norms floored at ε = 1e-8: √max(Σx², ε²) — the value of max(‖x‖, ε), but with torch's
 * subgradient 0 at a zero row. (tf.norm's gradient at a zero row is 0/0 = NaN; the adaptor heads
 * start at zero, so a cosine loss would turn the first step's update into NaN.)
 */
export function flooredRowNorm(x: tf.Tensor2D): tf.Tensor1D {
  return tf.sqrt(tf.maximum(tf.sum(tf.square(x), 1), 1e-16)) as tf.Tensor1D;
}

/** Mean over samples of 1 − cos(ŷ, y); a zero vector has cosine 0 (ε = 1e-8 in the norms). */
export function cosineDistance(pred: tf.Tensor2D, target: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const dot = tf.sum(tf.mul(pred, target), 1);
    const norms = tf.mul(flooredRowNorm(pred), flooredRowNorm(target));
    return tf.mean(tf.sub(1, tf.div(dot, norms)));
  });
}

/** Smooth-L1 (Huber/β, as torch): 0.5·d²/β if |d| < β else |d| − 0.5·β, mean over elements. */
export function smoothL1(pred: tf.Tensor2D, target: tf.Tensor2D, beta: number): tf.Scalar {
  if (!(beta > 0)) throw new Error(`smoothL1: beta must be positive, got ${beta}`);
  return tf.tidy(() => {
    // with q = min(|d|, β): 0.5·q²/β + (|d| − q) is both branches at once (and differentiable)
    const d = tf.abs(tf.sub(pred, target));
    const q = tf.minimum(d, beta);
    return tf.mean(tf.add(tf.div(tf.mul(0.5, tf.square(q)), beta), tf.sub(d, q)));
  });
}

/**
 * Feature-distillation loss between the student's prediction ŷ of a teacher's (normalized)
 * features and the target y, both [N, C]:
 *   mse       mean((ŷ − y)²)                        (PHI-S default)
 *   cosine    mean_n (1 − cos(ŷ_n, y_n))
 *   smooth-l1 torch smooth_l1_loss(β), mean over elements
 *   balanced  0.9·cosine + 0.1·smooth-l1(β = 2)      (AM-RADIO, Ranzinger et al. 2024)
 */
export function featureLoss(
  kind: FeatureLossKind,
  pred: tf.Tensor2D,
  target: tf.Tensor2D,
  options: FeatureLossOptions = {},
): tf.Scalar {
  checkPair(pred, target, `featureLoss(${kind})`);
  const beta = options.beta ?? 2;
  switch (kind) {
    case 'mse':
      return tf.tidy(() => tf.mean(tf.squaredDifference(pred, target)));
    case 'cosine':
      return cosineDistance(pred, target);
    case 'smooth-l1':
      return smoothL1(pred, target, beta);
    case 'balanced':
      return tf.tidy(() =>
        tf.add(
          tf.mul(0.9, cosineDistance(pred, target)),
          tf.mul(0.1, smoothL1(pred, target, beta)),
        ),
      );
  }
}

/**
 * `featureLoss` with a per-element weight λ [N, C] (Avatar KD's uncertainty factor), λ treated
 * as a constant: MSE and smooth-L1 average λ ⊙ the element-wise loss; cosine weights each sample
 * by its mean λ; balanced combines the two as `featureLoss` does. With λ ≡ 1 it equals `featureLoss`.
 */
export function weightedFeatureLoss(
  kind: FeatureLossKind,
  pred: tf.Tensor2D,
  target: tf.Tensor2D,
  weight: tf.Tensor2D,
  options: FeatureLossOptions = {},
): tf.Scalar {
  checkPair(pred, target, `weightedFeatureLoss(${kind})`);
  checkPair(pred, weight, `weightedFeatureLoss(${kind}) weight`);
  const beta = options.beta ?? 2;
  if (!(beta > 0)) throw new Error(`smoothL1: beta must be positive, got ${beta}`);
  return tf.tidy(() => {
    const w = weight; // computed from the teacher alone: no gradient reaches it
    const huber = (): tf.Scalar => {
      const d = tf.abs(tf.sub(pred, target));
      const q = tf.minimum(d, beta);
      return tf.mean(tf.mul(w, tf.add(tf.div(tf.mul(0.5, tf.square(q)), beta), tf.sub(d, q))));
    };
    const cosine = (): tf.Scalar => {
      const dot = tf.sum(tf.mul(pred, target), 1);
      const norms = tf.mul(flooredRowNorm(pred), flooredRowNorm(target));
      return tf.mean(tf.mul(tf.mean(w, 1), tf.sub(1, tf.div(dot, norms))));
    };
    switch (kind) {
      case 'mse':
        return tf.mean(tf.mul(w, tf.squaredDifference(pred, target)));
      case 'cosine':
        return cosine();
      case 'smooth-l1':
        return huber();
      case 'balanced':
        return tf.add(tf.mul(0.9, cosine()), tf.mul(0.1, huber()));
    }
  });
}
