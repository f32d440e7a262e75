import * as tf from '@tensorflow/tfjs';
import { linearCka } from '../../methods/cka';
import type { Normalizer } from '../../methods/normalizer';

/**
 * Evaluation measures, on tensors; each returns small tensors for one batched readback.
 *
 * Per-teacher fidelity (DESIGN §6), all comparable across normalizations:
 *   FVU        Σ‖ŷ − y‖² / Σ‖y − ȳ‖² in the teacher's raw (scaled) units, ŷ = N⁻¹(student's prediction)
 *              — equal to MSE in the teacher's PHI-S space up to the eval/train variance ratio,
 *              so the lab never charts both;
 *   whitened   mean((Z(ŷ) − Z(y))²) with Z the teacher's ZCA whitening (train statistics): every
 *              principal direction counts equally, so it shows whether low-variance directions
 *              were learned;
 *   CKA        linear CKA between the student's features and the teacher's features (invariant
 *              to scale and rotation: it does not even need the adaptor head);
 *   centered cosine  mean cos(ŷ − ȳ, y − ȳ), teacher space.
 * Plus the MSE in the run's own normalized space (per dimension too): meaningful within a run only.
 */
export interface TeacherFidelityTensors {
  /** [5]: errorNormalized, fvu, whitenedError, cka, cosineCentered */
  readonly scalars: tf.Tensor1D;
  /** [C]: MSE per normalized dimension (PHI-S's "error balance") */
  readonly perDim: tf.Tensor1D;
}

export const FIDELITY_FIELDS = [
  'errorNormalized',
  'fvu',
  'whitenedError',
  'cka',
  'cosineCentered',
] as const;

/**
 * @param pred     student adaptor output in the run's normalized space [N, C]
 * @param student  the student's feature vectors [N, D] (for CKA)
 * @param target   teacher features (× feature scale) in teacher space [N, C]
 * @param norm     the run's normalizer;  @param zca  ZCA whitening of the teacher (train statistics)
 */
export function teacherFidelity(
  pred: tf.Tensor2D,
  student: tf.Tensor2D,
  target: tf.Tensor2D,
  norm: Normalizer,
  zca: Normalizer,
): TeacherFidelityTensors {
  return tf.tidy(() => {
    const perDim = tf.mean<tf.Tensor1D>(tf.square(tf.sub(pred, norm.forward(target))), 0);
    const errorNormalized = tf.mean(perDim);
    const predRaw = norm.inverse(pred);
    const mu = tf.mean(target, 0, true);
    const yc = tf.sub(target, mu);
    const pc = tf.sub(predRaw, mu);
    const fvu = tf.div(
      tf.sum(tf.squaredDifference(predRaw, target)),
      tf.maximum(tf.sum(tf.square(yc)), 1e-12),
    );
    const whitened = tf.mean(tf.squaredDifference(zca.forward(predRaw), zca.forward(target)));
    const cka = linearCka(student, target);
    const cos = tf.mean(
      tf.div(
        tf.sum(tf.mul(pc, yc), 1),
        tf.mul(tf.maximum(tf.norm(pc, 2, 1), 1e-8), tf.maximum(tf.norm(yc, 2, 1), 1e-8)),
      ),
    );
    return { scalars: tf.stack([errorNormalized, fvu, whitened, cka, cos]) as tf.Tensor1D, perDim };
  });
}

/** Top-1 accuracy of logits [N, K] against labels [N]. */
export function accuracyTensor(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() =>
    tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), tf.cast(labels, 'int32')), 'float32')),
  );
}

/**
 * k-nearest-neighbour accuracy (cosine similarity, majority vote, ties to the nearest):
 * how well the student's features separate classes without any trained head.
 */
export function knnAccuracy(
  dbFeatures: tf.Tensor2D,
  dbLabels: tf.Tensor1D,
  queries: tf.Tensor2D,
  queryLabels: tf.Tensor1D,
  numClasses: number,
  k = 5,
): tf.Scalar {
  return tf.tidy(() => {
    const unit = (x: tf.Tensor2D): tf.Tensor2D =>
      tf.div(x, tf.maximum(tf.norm(x, 2, 1, true), 1e-8));
    const sims = tf.matMul(unit(queries), unit(dbFeatures), false, true);
    const { values, indices } = tf.topk(sims, k);
    const neighbourLabels = tf.gather(tf.cast(dbLabels, 'int32'), indices);
    // vote weight: 1 + small bonus for similarity so ties go to the closer class
    const votes = tf.sum(
      tf.mul(
        tf.oneHot(neighbourLabels, numClasses),
        tf.expandDims(tf.add(1, tf.mul(values, 1e-3)), 2),
      ),
      1,
    );
    return tf.mean(
      tf.cast(tf.equal(tf.argMax(votes, 1), tf.cast(queryLabels, 'int32')), 'float32'),
    );
  });
}
