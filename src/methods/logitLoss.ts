import * as tf from '@tensorflow/tfjs';
import type { OfaVariant } from './logitKinds';

export { OFA_VARIANTS, type OfaVariant } from './logitKinds';

function check2d(z: tf.Tensor, what: string): void {
  if (z.rank !== 2) throw new Error(`${what}: logits must be [N, K], got [${z.shape.join(', ')}]`);
  if ((z.shape[1] ?? 0) < 2) throw new Error(`${what}: need at least 2 classes, got ${z.shape[1]}`);
}

function checkPair(zs: tf.Tensor, zt: tf.Tensor, what: string): void {
  check2d(zs, what);
  check2d(zt, what);
  if (zs.shape[0] !== zt.shape[0] || zs.shape[1] !== zt.shape[1]) {
    throw new Error(
      `${what}: student [${zs.shape.join(', ')}] and teacher [${zt.shape.join(', ')}] logits differ in shape`,
    );
  }
}

function checkTemperature(t: number, what: string): void {
  if (!(t > 0) || !Number.isFinite(t))
    throw new Error(`${what}: temperature must be a positive number, got ${t}`);
}

/**
 * Logit standardization (Sun et al., CVPR 2024, arXiv 2403.01427):
 *   Z(z) = (z − mean(z)) / (ε + std(z)), over the class axis, std unbiased (as torch.std), ε = 1e-7.
 * Invariant to shifting and to positive scaling of z.
 */
export function standardizeLogits(z: tf.Tensor2D, eps = 1e-7): tf.Tensor2D {
  check2d(z, 'standardizeLogits');
  const k = z.shape[1];
  return tf.tidy(() => {
    const mean = tf.mean(z, 1, true);
    const centered = tf.sub(z, mean);
    const std = tf.sqrt(tf.div(tf.sum(tf.square(centered), 1, true), k - 1));
    return tf.div(centered, tf.add(std, eps));
  });
}

export interface KdOptions {
  /** Temperature T (> 0). Default 4 for Hinton KD; DESIGN §3.2 uses 2 with standardization. */
  readonly temperature?: number;
  /** Standardize both logits first (logit-standardized KD). */
  readonly standardize?: boolean;
}

/**
 * Knowledge-distillation loss (Hinton et al. 2015), as mdistiller's `kd_loss`:
 *   L = T² · mean_n Σ_k p_t,k (log p_t,k − log p_s,k),  p = softmax(z / T),
 * i.e. T²·KL(p_t ‖ p_s) summed over classes, averaged over the batch. With `standardize`, z is
 * replaced by Z(z) for student and teacher (logit standardization, Sun et al. 2024).
 */
export function kdLoss(
  studentLogits: tf.Tensor2D,
  teacherLogits: tf.Tensor2D,
  options: KdOptions = {},
): tf.Scalar {
  checkPair(studentLogits, teacherLogits, 'kdLoss');
  const t = options.temperature ?? 4;
  checkTemperature(t, 'kdLoss');
  return tf.tidy(() => {
    const zs = options.standardize === true ? standardizeLogits(studentLogits) : studentLogits;
    const zt = options.standardize === true ? standardizeLogits(teacherLogits) : teacherLogits;
    const logPs = tf.logSoftmax(tf.div<tf.Tensor2D>(zs, t));
    const logPt = tf.logSoftmax(tf.div<tf.Tensor2D>(zt, t));
    return tf.mul<tf.Scalar>(tf.mean(klDivergence(logPt, logPs)), t * t);
  });
}

/** KL(p ‖ q) per row, summed over classes, for probability rows p and q given as log-probabilities. */
export function klDivergence(logP: tf.Tensor2D, logQ: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.sum(tf.mul(tf.exp(logP), tf.sub(logP, logQ)), 1));
}

/** Cross-entropy with integer labels, mean over the batch. */
export function crossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  check2d(logits, 'crossEntropy');
  if (labels.rank !== 1 || labels.shape[0] !== logits.shape[0]) {
    throw new Error(
      `crossEntropy: labels [${labels.shape.join(', ')}] do not match logits [${logits.shape.join(', ')}]`,
    );
  }
  return tf.tidy((): tf.Scalar => {
    const onehot = tf.oneHot(tf.cast(labels, 'int32'), logits.shape[1]);
    return tf.neg(tf.mean(tf.sum(tf.mul(onehot, tf.logSoftmax(logits)), 1))) as tf.Scalar;
  });
}

export interface OfaOptions {
  /** Target-enhancement exponent ε (1 for CIFAR, 1.5 for ImageNet in the paper). */
  readonly eps?: number;
  readonly temperature?: number;
  readonly variant?: OfaVariant;
}

/**
 * OFA loss (Hao et al., NeurIPS 2023), p = softmax(z/T), e the one-hot label:
 *   code  (Hao840/OFAKD distillers/ofa.py): L = mean_n −Σ_c [(p_t,c + e_c)^ε − e_c] · log p_s,c
 *   paper (Eq. 6): L = mean_n [−(1 + p_t,y)^ε · log p_s,y − Σ_{c≠y} p_t,c · log p_s,c]
 * With ε = 1 the code variant is cross-entropy to p_t (KD at T = 1 plus the teacher's entropy).
 */
export function ofaLoss(
  studentLogits: tf.Tensor2D,
  teacherLogits: tf.Tensor2D,
  labels: tf.Tensor1D,
  options: OfaOptions = {},
): tf.Scalar {
  checkPair(studentLogits, teacherLogits, 'ofaLoss');
  if (labels.rank !== 1 || labels.shape[0] !== studentLogits.shape[0]) {
    throw new Error(
      `ofaLoss: labels [${labels.shape.join(', ')}] do not match logits [${studentLogits.shape.join(', ')}]`,
    );
  }
  const eps = options.eps ?? 1;
  const t = options.temperature ?? 1;
  if (!(eps > 0) || !Number.isFinite(eps))
    throw new Error(`ofaLoss: eps must be a positive number, got ${eps}`);
  checkTemperature(t, 'ofaLoss');
  const k = studentLogits.shape[1];
  return tf.tidy(() => {
    const logPs = tf.logSoftmax(tf.div(studentLogits, t));
    const pt = tf.softmax(tf.div(teacherLogits, t));
    const e = tf.oneHot(tf.cast(labels, 'int32'), k);
    const weight =
      (options.variant ?? 'code') === 'code'
        ? tf.sub(tf.pow(tf.add(pt, e), eps), e)
        : tf.add(tf.mul(e, tf.pow(tf.add(1, pt), eps)), tf.mul(tf.sub(1, e), pt));
    return tf.neg(tf.mean(tf.sum(tf.mul(weight, logPs), 1))) as tf.Scalar;
  });
}
