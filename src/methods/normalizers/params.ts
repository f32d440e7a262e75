import type { HadamardConstruction, Mat } from '../../math';
import type { NormalizerKind } from '../normalizerKinds';

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

export const identityMap: LinearMap = { form: 'identity' };
export const matrixMap = (m: Mat): LinearMap => ({ form: 'matrix', matrix: m });

/** What every family's fit shares: the kind, the teacher mean, the two maps, the spectrum. */
export interface ParamsCore {
  readonly kind: NormalizerKind;
  readonly center: boolean;
  readonly mean: Float64Array;
  readonly forward: LinearMap;
  readonly inverse: LinearMap;
  readonly eigenvalues: Float64Array;
}

/** Fills the optional fields (alpha, floor, Hadamard exactness) with their neutral values. */
export function makeParams(
  core: ParamsCore,
  extra: Partial<Pick<NormalizerParams, 'alpha' | 'floor' | 'exact' | 'construction'>> = {},
): NormalizerParams {
  return {
    kind: core.kind,
    dim: core.mean.length,
    center: core.center,
    mean: Float64Array.from(core.mean),
    forward: core.forward,
    inverse: core.inverse,
    eigenvalues: core.eigenvalues,
    alpha: null,
    floor: null,
    exact: true,
    construction: null,
    ...extra,
  };
}
