import type { Mat } from '../../math';
import type { LinearMap, NormalizerParams } from './params';

type ChannelwiseMap = Exclude<LinearMap, { form: 'matrix' }>;

/**
 * The factor of channel j under a map that scales each channel on its own (identity, scalar,
 * diagonal); a full matrix is the other case, read row by row with `matrixRowDot`.
 */
function channelScale(map: ChannelwiseMap, j: number): number {
  switch (map.form) {
    case 'identity':
      return 1;
    case 'scalar':
      return map.value;
    case 'diagonal':
      return map.values[j] ?? 0;
  }
}

/** Row j of a matrix map times x: Σ_k W_jk x_k. */
function matrixRowDot(w: Mat, j: number, x: Float64Array): number {
  const c = x.length;
  let v = 0;
  for (let k = 0; k < c; k++) v += (w.data[j * c + k] ?? 0) * (x[k] ?? 0);
  return v;
}

/** Applies y′ = W (y − μ) to row-major samples in float64 (reference path, used by tests and stats). */
export function applyParams(
  p: NormalizerParams,
  rows: ArrayLike<number>,
  direction: 'forward' | 'inverse' = 'forward',
): Float64Array {
  const c = p.dim;
  const n = rows.length / c;
  const map = direction === 'forward' ? p.forward : p.inverse;
  const out = new Float64Array(rows.length);
  const tmp = new Float64Array(c);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < c; j++)
      tmp[j] =
        (rows[i * c + j] ?? 0) - (direction === 'forward' && p.center ? (p.mean[j] ?? 0) : 0);
    for (let j = 0; j < c; j++) {
      const v =
        map.form === 'matrix'
          ? matrixRowDot(map.matrix, j, tmp)
          : (tmp[j] ?? 0) * channelScale(map, j);
      out[i * c + j] = v + (direction === 'inverse' && p.center ? (p.mean[j] ?? 0) : 0);
    }
  }
  return out;
}

/**
 * Each normalized channel's variance over data of covariance Σ: v = diag(W Σ Wᵀ), in float64.
 * (PHI-S: all 1 exactly; per-dim, PCA, ZCA, HCA: 1 up to their floors; none/center: diag Σ.)
 */
export function normalizedVariance(p: NormalizerParams, sigma: Mat): Float64Array {
  const c = p.dim;
  const map = p.forward;
  const out = new Float64Array(c);
  const row = new Float64Array(c);
  for (let j = 0; j < c; j++) {
    if (map.form !== 'matrix') {
      const s = channelScale(map, j);
      out[j] = s * s * (sigma.data[j * c + j] ?? 0);
      continue;
    }
    // (W Σ)_j· then · W_j·
    const w = map.matrix.data;
    row.fill(0);
    for (let k = 0; k < c; k++) {
      const wjk = w[j * c + k] ?? 0;
      if (wjk === 0) continue;
      for (let l = 0; l < c; l++) row[l] = (row[l] ?? 0) + wjk * (sigma.data[k * c + l] ?? 0);
    }
    out[j] = matrixRowDot(map.matrix, j, row);
  }
  return out;
}
