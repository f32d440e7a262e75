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
  /** Base seed; avatars for (seed, stream, step, k) are reproducible. */
  readonly seed: number;
  /** Independent random stream, e.g. the teacher's index, so teachers of one size get different masks. */
  readonly stream?: number;
}

/** Deterministic per-(seed, stream, step, avatar) seed for tf's random ops. */
function avatarSeed(seed: number, stream: number, step: number, k: number): number {
  return (
    (Math.imul(seed + 1, 73856093) ^
      Math.imul(stream + 1, 2654435761) ^
      Math.imul(step + 1, 19349663) ^
      Math.imul(k + 1, 83492791)) >>>
    0
  );
}

/**
 * K "avatars" of a teacher: perturbed copies of its features y [N, C] (Avatar KD, Zhang et al.
 * 2023, arXiv 2305.02722, §3.2):
 *   dropout   a = y ⊙ m / (1 − p), m_ij ~ Bernoulli(1 − p)   (inverted dropout, as torch)
 *   gaussian  a = y + σ · s_c · ε, ε ~ N(0, 1), s_c the batch std of channel c
 *   mask      a = y ⊙ m_c, whole channels dropped: m_c ~ Bernoulli(1 − p), no rescaling
 * The caller owns the returned tensors.
 */
export function makeAvatars(
  features: tf.Tensor2D,
  options: AvatarOptions,
  step: number,
): tf.Tensor2D[] {
  if (features.rank !== 2)
    throw new Error(`makeAvatars: features must be [N, C], got [${features.shape.join(', ')}]`);
  const { count, perturbation } = options;
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`makeAvatars: count must be a positive integer, got ${count}`);
  const rate = options.rate ?? 0.1;
  if (!(rate >= 0 && rate < 1)) throw new Error(`makeAvatars: rate must be in [0, 1), got ${rate}`);
  const sigma = options.noiseStd ?? 0.1;
  if (!(sigma >= 0)) throw new Error(`makeAvatars: noiseStd must be ≥ 0, got ${sigma}`);
  const [n, c] = features.shape;
  return Array.from({ length: count }, (_, k) =>
    tf.tidy((): tf.Tensor2D => {
      const s = avatarSeed(options.seed, options.stream ?? 0, step, k);
      switch (perturbation) {
        case 'dropout': {
          const keep = tf.cast(
            tf.greaterEqual(tf.randomUniform([n, c], 0, 1, 'float32', s), rate),
            'float32',
          );
          return tf.div(tf.mul(features, keep), 1 - rate);
        }
        case 'mask': {
          const keep = tf.cast(
            tf.greaterEqual(tf.randomUniform([1, c], 0, 1, 'float32', s), rate),
            'float32',
          );
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
  /** λ [N, C]: the per-element weight of the avatar loss, 1/(1 + u_rel), in (0, 1]. */
  readonly weight: tf.Tensor2D;
  /** u_rel [N, C]: the avatars' variance about the vanilla teacher, relative to the channel's variance. */
  readonly uncertainty: tf.Tensor2D;
  /** Per avatar k: mean relative squared distance mean_{n,c}((a_k − y)² / v_c), [K]. */
  readonly distances: tf.Tensor1D;
}

/**
 * The uncertainty-aware factor of Avatar KD (Zhang et al. 2023, §3.3: "the variance of
 * statistical differences between the vanilla teacher and Avatars"), in the form we document
 * (DESIGN §3.4), element-wise and scale-free:
 *   δ_k = a_k − y,   u = (1/K) Σ_k δ_k²   (the avatars' variance about the vanilla teacher;
 *                                           δ has zero mean for dropout and noise),
 *   u_rel = u / v_c (v_c: channel c's variance over the data),   λ = 1 / (1 + u_rel).
 * Scaling the features by s scales δ² and v_c by s², so λ does not depend on the feature scale;
 * λ falls as the perturbation grows (dropout p: E[u_rel] ≈ p/(1 − p)·E[y²]/v_c).
 * All inputs are in the space the loss is computed in (the run's normalized space).
 */
export function avatarWeights(
  vanilla: tf.Tensor2D,
  avatars: readonly tf.Tensor2D[],
  channelVariance: tf.Tensor1D,
): AvatarWeighting {
  if (avatars.length === 0) throw new Error('avatarWeights: need at least one avatar');
  for (const a of avatars) {
    if (a.shape[0] !== vanilla.shape[0] || a.shape[1] !== vanilla.shape[1]) {
      throw new Error(
        `avatarWeights: avatar [${a.shape.join(', ')}] differs from teacher [${vanilla.shape.join(', ')}]`,
      );
    }
  }
  if (channelVariance.rank !== 1 || channelVariance.shape[0] !== vanilla.shape[1]) {
    throw new Error(
      `avatarWeights: channel variance [${channelVariance.shape.join(', ')}] does not match ${vanilla.shape[1]} channels`,
    );
  }
  return tf.tidy(() => {
    // a channel with no variance over the data cannot be compared: guard by a tiny fraction of the mean variance
    const v = tf.maximum(channelVariance, tf.add(tf.mul(tf.mean(channelVariance), 1e-6), 1e-12));
    const rel = avatars.map((a) => tf.div<tf.Tensor2D>(tf.squaredDifference(a, vanilla), v));
    const uncertainty = tf.div<tf.Tensor2D>(tf.addN(rel), rel.length);
    const weight = tf.div<tf.Tensor2D>(1, tf.add(1, uncertainty));
    const distances = tf.stack(rel.map((r) => tf.mean(r))) as tf.Tensor1D;
    return { weight, uncertainty, distances };
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
