import * as tf from '@tensorflow/tfjs';
import type { Normalizer } from '../methods/normalizer';

/**
 * Evaluation helpers: per-teacher errors of the student's adaptor predictions and kNN accuracy.
 * All run on tensors and return small tensors for one batched readback.
 */
export interface TeacherErrorTensors {
  /** [5]: errorNormalized, errorTeacherSpace (FVU), errorPhiS, cosine, unused(0) */
  readonly scalars: tf.Tensor1D;
  /** [C]: mean squared error per normalized dimension */
  readonly perDim: tf.Tensor1D;
}

/**
 * @param pred    student adaptor output in the run's normalized space [N, C]
 * @param target  teacher features (× scale) in teacher space [N, C]
 */
export function teacherErrors(pred: tf.Tensor2D, target: tf.Tensor2D, norm: Normalizer, phiS: Normalizer): TeacherErrorTensors {
  return tf.tidy(() => {
    const targetNorm = norm.forward(target);
    const diffNorm = tf.sub(pred, targetNorm);
    const perDim = tf.mean<tf.Tensor1D>(tf.square(diffNorm), 0);
    const errorNormalized = tf.mean(perDim);
    const predRaw = norm.inverse(pred);
    const mu = tf.mean(target, 0, true);
    const yc = tf.sub(target, mu);
    const pc = tf.sub(predRaw, mu);
    const fvu = tf.div(tf.sum(tf.squaredDifference(predRaw, target)), tf.maximum(tf.sum(tf.square(yc)), 1e-12));
    const errorPhiS = tf.mean(tf.squaredDifference(phiS.forward(predRaw), phiS.forward(target)));
    const cos = tf.mean(tf.div(tf.sum(tf.mul(pc, yc), 1), tf.mul(tf.maximum(tf.norm(pc, 2, 1), 1e-8), tf.maximum(tf.norm(yc, 2, 1), 1e-8))));
    return { scalars: tf.stack([errorNormalized, fvu, errorPhiS, cos, tf.scalar(0)]) as tf.Tensor1D, perDim };
  });
}

/** Top-1 accuracy of logits [N, K] against labels [N]. */
export function accuracyTensor(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), tf.cast(labels, 'int32')), 'float32')));
}

/**
 * k-nearest-neighbour accuracy (cosine similarity, majority vote, ties to the nearest):
 * how well the student's features separate classes without any trained head.
 */
export function knnAccuracy(dbFeatures: tf.Tensor2D, dbLabels: tf.Tensor1D, queries: tf.Tensor2D, queryLabels: tf.Tensor1D, numClasses: number, k = 5): tf.Scalar {
  return tf.tidy(() => {
    const unit = (x: tf.Tensor2D): tf.Tensor2D => tf.div(x, tf.maximum(tf.norm(x, 2, 1, true), 1e-8));
    const sims = tf.matMul(unit(queries), unit(dbFeatures), false, true);
    const { values, indices } = tf.topk(sims, k);
    const neighbourLabels = tf.gather(tf.cast(dbLabels, 'int32'), indices);
    // vote weight: 1 + small bonus for similarity so ties go to the closer class
    const votes = tf.sum(tf.mul(tf.oneHot(neighbourLabels, numClasses), tf.expandDims(tf.add(1, tf.mul(values, 1e-3)), 2)), 1);
    return tf.mean(tf.cast(tf.equal(tf.argMax(votes, 1), tf.cast(queryLabels, 'int32')), 'float32'));
  });
}
