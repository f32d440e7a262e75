import {
  covariance,
  hadamard,
  matMul,
  matScale,
  matScaleColumns,
  matScaleRows,
  matTranspose,
  symmetricEigen,
  type HadamardConstruction,
  type Mat,
  type Moments,
} from '../math';
import type { NormalizerKind } from './normalizerKinds';

/** A linear map applied to a centered row vector: y′ = W (y − μ). */
export type LinearMap =
  | { readonly form: 'identity' }
  | { readonly form: 'scalar'; readonly value: number }
  | { readonly form: 'diagonal'; readonly values: Float64Array }
  | { readonly form: 'matrix'; readonly matrix: Mat };

/**
 * A fitted normalizer in float64: y′ = W (y − μ), y = W⁻¹ y′ + μ.
 * `center` is false only for `none` (μ is then ignored).
 */
export interface NormalizerParams {
  readonly kind: NormalizerKind;
  readonly dim: number;
  readonly center: boolean;
  readonly mean: Float64Array;
  readonly forward: LinearMap;
  readonly inverse: LinearMap;
  /** Teacher covariance eigenvalues, descending (clamped ≥ 0). */
  readonly eigenvalues: Float64Array;
  /** PHI-S: α = sqrt(mean λ); global: σ_g. */
  readonly alpha: number | null;
  /** Whitening floor applied to eigenvalues (pca, zca, hca) or to σ_c (per-dim). */
  readonly floor: number | null;
  /** False when the Hadamard matrix is a random orthogonal stand-in (PHI-S/HCA then inexact). */
  readonly exact: boolean;
  readonly construction: HadamardConstruction | null;
}

export interface NormalizerOptions {
  /** Eigenvalue floor for whitening: λ ← max(λ, floor). Default 1e-6 (DESIGN §3.1). */
  readonly eigenFloor?: number;
  /**
   * σ_c floor for per-dimension standardization (dead units). Default: 1e-3 × the RMS standard
   * deviation sqrt(tr Σ / C), so a unit that is dead on the statistics but not on new data cannot
   * blow its error up by a factor of 10⁶.
   */
  readonly stdFloor?: number;
  /** Seed of the random orthogonal stand-in when no Hadamard matrix of order C exists. */
  readonly seed?: number;
}

const identity: LinearMap = { form: 'identity' };

/**
 * Fits one of the eight normalizers of DESIGN §3.1 from exact (or streamed) teacher statistics.
 * With Σ = U Λ Uᵀ (unbiased, λ clamped ≥ 0, λ_f = max(λ, floor)) and H an orthonormal Hadamard:
 *   none     y′ = y                       center  y′ = y − μ
 *   global   y′ = (y − μ)/σ_g, σ_g² = tr Σ / C
 *   per-dim  y′ = (y − μ)/max(σ_c, floor)
 *   pca      y′ = Λ_f^{-1/2} Uᵀ (y − μ)  zca     y′ = U Λ_f^{-1/2} Uᵀ (y − μ)
 *   hca      y′ = H Λ_f^{-1/2} Uᵀ (y − μ)
 *   phi-s    y′ = α⁻¹ H Uᵀ (y − μ), α = sqrt(mean λ)   (Ranzinger et al. 2024, §3; RADIO phi_s.py)
 * PHI-S gives every output dimension variance exactly 1 when H is a true Hadamard matrix
 * (diag(H Λ Hᵀ) = mean λ), and keeps the spectrum's shape (eigenvalues Λ/α²).
 */
export function fitNormalizerParams(
  kind: NormalizerKind,
  stats: Moments,
  options: NormalizerOptions = {},
): NormalizerParams {
  const dim = stats.dim;
  for (const v of stats.mean)
    if (!Number.isFinite(v)) throw new Error(`fitNormalizer(${kind}): teacher mean is not finite`);
  if (kind === 'none' || kind === 'center') {
    if (stats.count < 1) throw new Error(`fitNormalizer(${kind}): no samples`);
    return base(kind, dim, kind === 'center', stats.mean, identity, identity, new Float64Array(0));
  }
  if (stats.count < 2) {
    throw new Error(
      `fitNormalizer(${kind}): a covariance needs at least 2 samples, got ${stats.count}`,
    );
  }
  const sigma = covariance(stats);
  const eigenFloor = options.eigenFloor ?? 1e-6;
  let traceSigma = 0;
  for (let c = 0; c < dim; c++) traceSigma += sigma.data[c * dim + c] ?? 0;
  const stdFloor = options.stdFloor ?? Math.max(1e-3 * Math.sqrt(traceSigma / dim), 1e-12);
  if (!(eigenFloor > 0) || !(stdFloor > 0))
    throw new Error(`fitNormalizer(${kind}): floors must be positive`);
  if (kind === 'per-dim') {
    const std = new Float64Array(dim);
    for (let c = 0; c < dim; c++)
      std[c] = Math.max(Math.sqrt(sigma.data[c * dim + c] ?? 0), stdFloor);
    return {
      ...base(
        kind,
        dim,
        true,
        stats.mean,
        { form: 'diagonal', values: std.map((s) => 1 / s) },
        { form: 'diagonal', values: std },
        new Float64Array(0),
      ),
      floor: stdFloor,
    };
  }
  const eig = symmetricEigen(sigma);
  const lambda = eig.values;
  const trace = lambda.reduce((a, b) => a + b, 0);
  if (!(trace > 0)) throw new Error(`fitNormalizer(${kind}): teacher features have zero variance`);
  if (kind === 'global') {
    const sg = Math.sqrt(trace / dim);
    return {
      ...base(
        kind,
        dim,
        true,
        stats.mean,
        { form: 'scalar', value: 1 / sg },
        { form: 'scalar', value: sg },
        lambda,
      ),
      alpha: sg,
    };
  }
  const u = eig.vectors;
  const ut = matTranspose(u);
  const floored = lambda.map((l) => Math.max(l, eigenFloor));
  const invSqrt = floored.map((l) => 1 / Math.sqrt(l));
  const sqrt = floored.map((l) => Math.sqrt(l));
  const whiten = matScaleRows(ut, invSqrt); // Λ_f^{-1/2} Uᵀ
  const unwhiten = matScaleColumns(u, sqrt); // U Λ_f^{1/2}
  const matrix = (m: Mat): LinearMap => ({ form: 'matrix', matrix: m });
  switch (kind) {
    case 'pca':
      return {
        ...base(kind, dim, true, stats.mean, matrix(whiten), matrix(unwhiten), lambda),
        floor: eigenFloor,
      };
    case 'zca':
      return {
        ...base(
          kind,
          dim,
          true,
          stats.mean,
          matrix(matMul(u, whiten)),
          matrix(matMul(unwhiten, ut)),
          lambda,
        ),
        floor: eigenFloor,
      };
    case 'hca': {
      const h = hadamard(dim, options.seed ?? 0);
      return {
        ...base(
          kind,
          dim,
          true,
          stats.mean,
          matrix(matMul(h.matrix, whiten)),
          matrix(matMul(unwhiten, matTranspose(h.matrix))),
          lambda,
        ),
        floor: eigenFloor,
        exact: h.exact,
        construction: h.construction,
      };
    }
    case 'phi-s': {
      const h = hadamard(dim, options.seed ?? 0);
      const alpha = Math.sqrt(trace / dim);
      return {
        ...base(
          kind,
          dim,
          true,
          stats.mean,
          matrix(matScale(matMul(h.matrix, ut), 1 / alpha)),
          matrix(matScale(matMul(u, matTranspose(h.matrix)), alpha)),
          lambda,
        ),
        alpha,
        exact: h.exact,
        construction: h.construction,
      };
    }
  }
}

function base(
  kind: NormalizerKind,
  dim: number,
  center: boolean,
  mean: Float64Array,
  forward: LinearMap,
  inverse: LinearMap,
  eigenvalues: Float64Array,
): NormalizerParams {
  return {
    kind,
    dim,
    center,
    mean: Float64Array.from(mean),
    forward,
    inverse,
    eigenvalues,
    alpha: null,
    floor: null,
    exact: true,
    construction: null,
  };
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
      let v: number;
      switch (map.form) {
        case 'identity':
          v = tmp[j] ?? 0;
          break;
        case 'scalar':
          v = (tmp[j] ?? 0) * map.value;
          break;
        case 'diagonal':
          v = (tmp[j] ?? 0) * (map.values[j] ?? 0);
          break;
        case 'matrix': {
          v = 0;
          for (let k = 0; k < c; k++) v += (map.matrix.data[j * c + k] ?? 0) * (tmp[k] ?? 0);
          break;
        }
      }
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
  const diag = (j: number): number => sigma.data[j * c + j] ?? 0;
  const map = p.forward;
  switch (map.form) {
    case 'identity':
      return Float64Array.from({ length: c }, (_, j) => diag(j));
    case 'scalar':
      return Float64Array.from({ length: c }, (_, j) => map.value * map.value * diag(j));
    case 'diagonal':
      return Float64Array.from({ length: c }, (_, j) => (map.values[j] ?? 0) ** 2 * diag(j));
    case 'matrix': {
      const w = map.matrix.data;
      const out = new Float64Array(c);
      const row = new Float64Array(c);
      for (let j = 0; j < c; j++) {
        // (W Σ)_j· then · W_j·
        row.fill(0);
        for (let k = 0; k < c; k++) {
          const wjk = w[j * c + k] ?? 0;
          if (wjk === 0) continue;
          for (let l = 0; l < c; l++) row[l] = (row[l] ?? 0) + wjk * (sigma.data[k * c + l] ?? 0);
        }
        let v = 0;
        for (let l = 0; l < c; l++) v += (row[l] ?? 0) * (w[j * c + l] ?? 0);
        out[j] = v;
      }
      return out;
    }
  }
}
