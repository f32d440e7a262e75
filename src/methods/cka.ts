import * as tf from '@tensorflow/tfjs';

/**
 * Linear CKA (Kornblith et al. 2019) between two representations of the same N samples,
 * x [N, D] and y [N, C], with X, Y centered over samples:
 *   CKA = ‖Yᵀ X‖²_F / (‖Xᵀ X‖_F · ‖Yᵀ Y‖_F)   ∈ [0, 1].
 * Invariant to isotropic scaling and orthogonal transforms of either side, so it compares a
 * student with a teacher whatever the normalization (the similarity the OFA paper reports).
 * Returns a scalar tensor owned by the caller; 0 when either side has no variance.
 */
export function linearCka(x: tf.Tensor2D, y: tf.Tensor2D): tf.Scalar {
  if (x.rank !== 2 || y.rank !== 2 || x.shape[0] !== y.shape[0]) {
    throw new Error(
      `linearCka: x [${x.shape.join(', ')}] and y [${y.shape.join(', ')}] must be [N, D] and [N, C] with the same N`,
    );
  }
  return tf.tidy(() => {
    const xc = tf.sub(x, tf.mean(x, 0, true));
    const yc = tf.sub(y, tf.mean(y, 0, true));
    const cross = tf.sum(tf.square(tf.matMul(yc, xc, true, false)));
    const xx = tf.sqrt(tf.sum(tf.square(tf.matMul(xc, xc, true, false))));
    const yy = tf.sqrt(tf.sum(tf.square(tf.matMul(yc, yc, true, false))));
    const denom = tf.mul(xx, yy);
    return tf.where(
      tf.greater(denom, 0),
      tf.div(cross, tf.maximum(denom, 1e-30)),
      tf.scalar(0),
    ) as tf.Scalar;
  });
}
