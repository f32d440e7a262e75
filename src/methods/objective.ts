import * as tf from '@tensorflow/tfjs';

export interface ObjectiveTerm {
  readonly id: string;
  /** w_t ≥ 0 */
  readonly weight: number;
  readonly loss: tf.Scalar;
}

export interface CombinedObjective {
  /** Σ_t w_t · L_t */
  readonly total: tf.Scalar;
  /** [T] unweighted L_t, in the order given (one small tensor for batched readback). */
  readonly raw: tf.Tensor1D;
  /** [T] weighted w_t · L_t: a term's share of the loss is weighted_t / total. */
  readonly weighted: tf.Tensor1D;
  readonly ids: readonly string[];
}

/**
 * Combines per-teacher (and other) loss terms: total = Σ_t w_t · L_t (DESIGN §3.1), keeping every
 * term separately for the charts. Use inside `tf.tidy`/`minimize`; returns new tensors.
 */
export function combineObjective(terms: readonly ObjectiveTerm[]): CombinedObjective {
  if (terms.length === 0) throw new Error('combineObjective: no loss terms');
  for (const t of terms) {
    if (!(t.weight >= 0) || !Number.isFinite(t.weight)) throw new Error(`combineObjective: weight of "${t.id}" must be a finite number ≥ 0, got ${t.weight}`);
    if (t.loss.rank !== 0) throw new Error(`combineObjective: loss of "${t.id}" must be a scalar`);
  }
  const { raw, weighted, total } = tf.tidy(() => {
    const r = tf.stack<tf.Tensor>(terms.map((t) => t.loss)) as tf.Tensor1D;
    const w = tf.mul<tf.Tensor1D>(r, tf.tensor1d(terms.map((t) => t.weight)));
    return { raw: r, weighted: w, total: tf.sum<tf.Scalar>(w) };
  });
  return { total, raw, weighted, ids: terms.map((t) => t.id) };
}

/** Balance index of per-term shares: max share / min share (1 = perfectly balanced). */
export function balanceIndex(shares: readonly number[]): number {
  if (shares.length === 0) throw new Error('balanceIndex: no shares');
  const max = Math.max(...shares);
  const min = Math.min(...shares);
  return min <= 0 ? Infinity : max / min;
}
