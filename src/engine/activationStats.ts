import {
  covariance,
  histogram,
  momentsOfBatch,
  symmetricEigen,
  variances,
  type Moments,
} from '../math';
import { applyParams } from '../methods/normalizers/apply';
import type { NormalizerParams } from '../methods/normalizers/params';
import { scaleMoments } from './teacherCache';

/** What the charts show about one teacher's features, before or after normalization. */
export interface FeatureStatsView {
  readonly perDimVariance: number[];
  readonly eigenvalues: number[];
  readonly histogram: { edges: number[]; counts: number[] };
  /** Block-averaged covariance, at most 32×32, row-major. */
  readonly covariance: { size: number; values: number[] };
  /** 2-D PCA projection of up to 300 samples, with their labels. */
  readonly pca: { x: number[]; y: number[]; labels: number[] };
  readonly meanVariance: number;
  readonly energyPerDim: number;
}

export interface TeacherStats {
  readonly id: string;
  readonly featureDim: number;
  readonly raw: FeatureStatsView;
  readonly normalized: FeatureStatsView;
  /** Normalizer description: α, floor, whether the Hadamard matrix is exact. */
  readonly normalizer: {
    kind: string;
    alpha: number | null;
    floor: number | null;
    exact: boolean;
    construction: string | null;
  };
}

/** Average-pools a dim×dim matrix into at most maxSize×maxSize blocks (the heatmap's grid). */
function averagePoolMatrix(
  cov: Float64Array,
  dim: number,
  maxSize = 32,
): { size: number; values: number[] } {
  const size = Math.min(dim, maxSize);
  const values: number[] = [];
  for (let i = 0; i < size; i++)
    for (let j = 0; j < size; j++) {
      const i0 = Math.floor((i * dim) / size);
      const i1 = Math.floor(((i + 1) * dim) / size);
      const j0 = Math.floor((j * dim) / size);
      const j1 = Math.floor(((j + 1) * dim) / size);
      let s = 0;
      for (let a = i0; a < i1; a++) for (let b = j0; b < j1; b++) s += cov[a * dim + b] ?? 0;
      values.push(s / ((i1 - i0) * (j1 - j0)));
    }
  return { size, values };
}

function view(
  rows: Float64Array | Float32Array,
  dim: number,
  labels: Uint8Array,
  moments?: Moments,
): FeatureStatsView {
  const m = moments ?? momentsOfBatch(rows, dim);
  const cov = covariance(m);
  const eig = symmetricEigen(cov);
  const n = rows.length / dim;
  const take = Math.min(n, 300);
  const px: number[] = [];
  const py: number[] = [];
  for (let i = 0; i < take; i++) {
    let a = 0;
    let b = 0;
    for (let c = 0; c < dim; c++) {
      const v = (rows[i * dim + c] ?? 0) - (m.mean[c] ?? 0);
      a += v * (eig.vectors.data[c * dim] ?? 0);
      b += v * (eig.vectors.data[c * dim + 1] ?? 0);
    }
    px.push(a);
    py.push(b);
  }
  const sample = rows.subarray(0, Math.min(rows.length, 2000 * dim));
  const h = histogram(sample, 40);
  const vars = Array.from(variances(m));
  let energy = 0;
  for (let c = 0; c < dim; c++)
    energy += (m.comoment[c * dim + c] ?? 0) / m.count + (m.mean[c] ?? 0) ** 2;
  return {
    perDimVariance: vars,
    eigenvalues: Array.from(eig.values),
    histogram: { edges: Array.from(h.edges), counts: Array.from(h.counts) },
    covariance: averagePoolMatrix(cov.data, dim),
    pca: { x: px, y: py, labels: Array.from(labels.subarray(0, take)) },
    meanVariance: vars.reduce((s, v) => s + v, 0) / dim,
    energyPerDim: energy / dim,
  };
}

/** Statistics of a teacher's features (× scale) before and after its normalizer; `moments` are unscaled. */
/**
 * Moments of y′ = W(y − m) from the moments of y, exactly: mean W(μ − m), co-moment W M₂ Wᵀ
 * (two c³ products instead of applying W to every sample and re-accumulating c² per sample).
 */
export function normalizedMoments(params: NormalizerParams, m: Moments): Moments {
  const linear = { ...params, center: false };
  const dim = m.dim;
  const b = applyParams(linear, m.comoment); // rows: W m_i, i.e. M₂ Wᵀ
  const bt = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) bt[j * dim + i] = b[i * dim + j] ?? 0;
  return {
    dim,
    count: m.count,
    mean: applyParams(params, m.mean),
    comoment: applyParams(linear, bt),
  };
}

/** Statistics of a teacher's features (× scale) before and after its normalizer; `moments` are unscaled. */
export function teacherStats(
  id: string,
  features: Float32Array,
  scale: number,
  dim: number,
  labels: Uint8Array,
  params: NormalizerParams,
  moments: Moments,
): TeacherStats {
  const n = Math.min(features.length / dim, 4000);
  const scaled = new Float64Array(n * dim);
  for (let i = 0; i < n * dim; i++) scaled[i] = (features[i] ?? 0) * scale;
  const rawMoments =
    n * dim === features.length ? scaleMoments(moments, scale) : momentsOfBatch(scaled, dim);
  // the views draw at most 2,000 normalized samples; their moments come from the raw ones exactly
  const normalized = applyParams(params, scaled.subarray(0, Math.min(n, 2000) * dim));
  return {
    id,
    featureDim: dim,
    raw: view(scaled, dim, labels, rawMoments),
    normalized: view(normalized, dim, labels, normalizedMoments(params, rawMoments)),
    normalizer: {
      kind: params.kind,
      alpha: params.alpha,
      floor: params.floor,
      exact: params.exact,
      construction: params.construction,
    },
  };
}
