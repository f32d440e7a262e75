import { matCreate, type Mat } from './matrix';

/**
 * Streaming, mergeable first and second moments of C-dimensional samples, in float64.
 * Holds the count n, the mean μ and the co-moment matrix M₂ = Σ (x − μ)(x − μ)ᵀ.
 * Batches are folded in with Chan et al.'s parallel update, so any split of the data into
 * batches — merged in any order — gives the same statistics up to rounding:
 *   δ = μ_B − μ_A,  n = n_A + n_B,  μ = μ_A + δ·n_B/n,  M₂ = M₂A + M₂B + δδᵀ·n_A·n_B/n.
 */
export interface Moments {
  readonly dim: number;
  readonly count: number;
  readonly mean: Float64Array;
  /** Row-major C×C co-moment matrix. */
  readonly comoment: Float64Array;
}

export function momentsEmpty(dim: number): Moments {
  if (!Number.isInteger(dim) || dim < 1)
    throw new Error(`momentsEmpty: dimension must be a positive integer, got ${dim}`);
  return { dim, count: 0, mean: new Float64Array(dim), comoment: new Float64Array(dim * dim) };
}

/** Exact moments of one batch: `rows` holds n samples of `dim` values, row-major. */
export function momentsOfBatch(rows: ArrayLike<number>, dim: number): Moments {
  if (rows.length % dim !== 0) {
    throw new Error(
      `momentsOfBatch: ${rows.length} values are not a whole number of ${dim}-dimensional samples`,
    );
  }
  const n = rows.length / dim;
  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < dim; c++) mean[c] = (mean[c] ?? 0) + (rows[i * dim + c] ?? 0);
  for (let c = 0; c < dim; c++) mean[c] = (mean[c] ?? 0) / Math.max(n, 1);
  const comoment = new Float64Array(dim * dim);
  const centered = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < dim; c++) {
      const v = rows[i * dim + c] ?? 0;
      if (!Number.isFinite(v))
        throw new Error(`momentsOfBatch: non-finite value ${v} at sample ${i}, dimension ${c}`);
      centered[c] = v - (mean[c] ?? 0);
    }
    for (let a = 0; a < dim; a++) {
      const ca = centered[a] ?? 0;
      for (let b = a; b < dim; b++)
        comoment[a * dim + b] = (comoment[a * dim + b] ?? 0) + ca * (centered[b] ?? 0);
    }
  }
  for (let a = 0; a < dim; a++)
    for (let b = 0; b < a; b++) comoment[a * dim + b] = comoment[b * dim + a] ?? 0;
  return { dim, count: n, mean, comoment };
}

/** Chan's parallel merge of two moment summaries. */
export function momentsMerge(a: Moments, b: Moments): Moments {
  if (a.dim !== b.dim) throw new Error(`momentsMerge: dimensions differ (${a.dim} vs ${b.dim})`);
  if (a.count === 0) return b;
  if (b.count === 0) return a;
  const dim = a.dim;
  const n = a.count + b.count;
  const delta = new Float64Array(dim);
  for (let c = 0; c < dim; c++) delta[c] = (b.mean[c] ?? 0) - (a.mean[c] ?? 0);
  const mean = new Float64Array(dim);
  for (let c = 0; c < dim; c++) mean[c] = (a.mean[c] ?? 0) + ((delta[c] ?? 0) * b.count) / n;
  const f = (a.count * b.count) / n;
  const comoment = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++)
    for (let j = 0; j < dim; j++) {
      const k = i * dim + j;
      comoment[k] =
        (a.comoment[k] ?? 0) + (b.comoment[k] ?? 0) + (delta[i] ?? 0) * (delta[j] ?? 0) * f;
    }
  return { dim, count: n, mean, comoment };
}

/** Folds a batch of samples into running moments. */
export function momentsAdd(m: Moments, rows: ArrayLike<number>): Moments {
  return momentsMerge(m, momentsOfBatch(rows, m.dim));
}

/** Unbiased covariance Σ = M₂ / (n − 1). Needs at least two samples. */
export function covariance(m: Moments): Mat {
  if (m.count < 2) throw new Error(`covariance: needs at least 2 samples, got ${m.count}`);
  const out = matCreate(
    m.dim,
    m.dim,
    m.comoment.map((v) => v / (m.count - 1)),
  );
  for (const v of out.data)
    if (!Number.isFinite(v)) throw new Error('covariance: statistics are not finite');
  return out;
}

/** Per-dimension unbiased variance (the diagonal of Σ). */
export function variances(m: Moments): Float64Array {
  if (m.count < 2) throw new Error(`variances: needs at least 2 samples, got ${m.count}`);
  const v = new Float64Array(m.dim);
  for (let c = 0; c < m.dim; c++) v[c] = (m.comoment[c * m.dim + c] ?? 0) / (m.count - 1);
  return v;
}

/** Mean energy E[y²] per dimension: (Σ_c (var_c·(n−1)/n + μ_c²)) / C (population second moment). */
export function energyPerDim(m: Moments): number {
  if (m.count < 1) throw new Error('energyPerDim: no samples');
  let s = 0;
  for (let c = 0; c < m.dim; c++)
    s += (m.comoment[c * m.dim + c] ?? 0) / m.count + (m.mean[c] ?? 0) ** 2;
  return s / m.dim;
}
