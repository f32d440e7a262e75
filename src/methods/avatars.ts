import * as tf from '@tensorflow/tfjs';

import type { AvatarPerturbation } from './avatarKinds';

export { AVATAR_PERTURBATIONS, type AvatarPerturbation } from './avatarKinds';

export interface AvatarOptions {
  /** K avatars per step ("code" variant: 1). */
  readonly count: number;
  readonly perturbation: AvatarPerturbation;
  /** Dropout / masking rate p (default 0.1, the paper's dropout). */
  readonly rate?: number;
  /** Gaussian noise σ, relative to each channel's batch std (default 0.1). */
  readonly noiseStd?: number;
  /** Base seed; avatars for (seed, step, k) are reproducible. */
  readonly seed: number;
}

/** Deterministic per-(seed, step, avatar) seed for tf's random ops. */
function avatarSeed(seed: number, step: number, k: number): number {
  return (Math.imul(seed + 1, 73856093) ^ Math.imul(step + 1, 19349663) ^ Math.imul(k + 1, 83492791)) >>> 0;
}

/**
 * K "avatars" of a teacher: perturbed copies of its features y [N, C] (Avatar KD, Zhang et al.
 * 2023, arXiv 2305.02722, §3.2):
 *   dropout   a = y ⊙ m / (1 − p), m_ij ~ Bernoulli(1 − p)   (inverted dropout, as torch)
 *   gaussian  a = y + σ · s_c · ε, ε ~ N(0, 1), s_c the batch std of channel c
 *   mask      a = y ⊙ m_c, whole channels dropped: m_c ~ Bernoulli(1 − p), no rescaling
 * The caller owns the returned tensors.
 */
export function makeAvatars(features: tf.Tensor2D, options: AvatarOptions, step: number): tf.Tensor2D[] {
  if (features.rank !== 2) throw new Error(`makeAvatars: features must be [N, C], got [${features.shape.join(', ')}]`);
  const { count, perturbation } = options;
  if (!Number.isInteger(count) || count < 1) throw new Error(`makeAvatars: count must be a positive integer, got ${count}`);
  const rate = options.rate ?? 0.1;
  if (!(rate >= 0 && rate < 1)) throw new Error(`makeAvatars: rate must be in [0, 1), got ${rate}`);
  const sigma = options.noiseStd ?? 0.1;
  if (!(sigma >= 0)) throw new Error(`makeAvatars: noiseStd must be ≥ 0, got ${sigma}`);
  const [n, c] = features.shape;
  return Array.from({ length: count }, (_, k) =>
    tf.tidy((): tf.Tensor2D => {
      const s = avatarSeed(options.seed, step, k);
      switch (perturbation) {
        case 'dropout': {
          const keep = tf.cast(tf.greaterEqual(tf.randomUniform([n, c], 0, 1, 'float32', s), rate), 'float32');
          return tf.div(tf.mul(features, keep), 1 - rate);
        }
        case 'mask': {
          const keep = tf.cast(tf.greaterEqual(tf.randomUniform([1, c], 0, 1, 'float32', s), rate), 'float32');
          return tf.mul(features, keep);
        }
        case 'gaussian': {
          const { variance } = tf.moments(features, 0, true);
          const noise = tf.randomNormal([n, c], 0, 1, 'float32', s);
          return tf.add(features, tf.mul(tf.mul(noise, tf.sqrt(variance)), sigma));
        }
      }
    }),
  );
}

export interface AvatarWeighting {
  /** d_k: mean squared distance between avatar k and the vanilla teacher, [K]. */
  readonly distances: tf.Tensor1D;
  /** u = Var_k(d_k) (population variance over the K avatars; 0 for K = 1). */
  readonly uncertainty: tf.Scalar;
  /** λ = 1 / (1 + u): the weight of every avatar's loss term. */
  readonly weight: tf.Scalar;
}

/**
 * The uncertainty-aware factor of Avatar KD (§3.3), in the form we document (DESIGN §3.4):
 * d_k = mean((a_k − y)²) per step, u = Var_k(d_k), λ = 1/(1 + u). Avatars that disagree with
 * the vanilla teacher by varying amounts raise u and so lower their collective weight.
 */
export function avatarWeights(vanilla: tf.Tensor2D, avatars: readonly tf.Tensor2D[]): AvatarWeighting {
  if (avatars.length === 0) throw new Error('avatarWeights: need at least one avatar');
  for (const a of avatars) {
    if (a.shape[0] !== vanilla.shape[0] || a.shape[1] !== vanilla.shape[1]) {
      throw new Error(`avatarWeights: avatar [${a.shape.join(', ')}] differs from teacher [${vanilla.shape.join(', ')}]`);
    }
  }
  return tf.tidy(() => {
    const distances = tf.stack(avatars.map((a) => tf.mean(tf.squaredDifference(a, vanilla)))) as tf.Tensor1D;
    const uncertainty = tf.moments(distances).variance as tf.Scalar;
    const weight = tf.div<tf.Scalar>(1, tf.add(1, uncertainty));
    return { distances, uncertainty, weight };
  });
}

/**
 * Non-affine batch standardization, as the AvatarKD code's `BatchNorm(affine=False)` in
 * training mode: (x − mean_batch) / sqrt(var_batch + 1e-5), biased variance, per channel.
 */
export function batchStandardize(x: tf.Tensor2D, eps = 1e-5): tf.Tensor2D {
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x, 0, true);
    return tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, eps)));
  });
}
