import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { matCreate, type Mat } from './matrix';

/** Σ = U Λ Uᵀ with eigenvalues in descending order; U's columns are the eigenvectors. */
export interface SymmetricEigen {
  readonly values: Float64Array;
  readonly vectors: Mat;
  /** How many eigenvalues were negative (rounding) and clamped to 0. */
  readonly clamped: number;
}

/**
 * Symmetric eigendecomposition (ml-matrix's tridiagonal QL, `assumeSymmetric`), sorted
 * descending, each eigenvector signed so its largest-magnitude entry is positive; negative eigenvalues — rounding noise of a PSD covariance — are clamped to 0.
 */
export function symmetricEigen(sym: Mat): SymmetricEigen {
  if (sym.rows !== sym.cols)
    throw new Error(`symmetricEigen: matrix must be square, got ${sym.rows}×${sym.cols}`);
  const n = sym.rows;
  for (const v of sym.data)
    if (!Number.isFinite(v)) throw new Error('symmetricEigen: matrix has non-finite entries');
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) rows.push(Array.from(sym.data.subarray(i * n, (i + 1) * n)));
  const evd = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true });
  const raw = evd.realEigenvalues;
  const vecs = evd.eigenvectorMatrix;
  const order = raw.map((_, i) => i).sort((a, b) => (raw[b] ?? 0) - (raw[a] ?? 0));
  const values = new Float64Array(n);
  const vectors = matCreate(n, n);
  let clamped = 0;
  order.forEach((src, dst) => {
    const lambda = raw[src] ?? 0;
    if (lambda < 0) clamped++;
    values[dst] = Math.max(0, lambda);
    // Sign convention (eigenvectors are defined up to sign): the entry of largest magnitude is
    // positive (first such entry on ties), so PCA/HCA/PHI-S outputs are reproducible.
    let pivot = 0;
    for (let i = 1; i < n; i++)
      if (Math.abs(vecs.get(i, src)) > Math.abs(vecs.get(pivot, src)) + 1e-12) pivot = i;
    const sign = vecs.get(pivot, src) < 0 ? -1 : 1;
    for (let i = 0; i < n; i++) vectors.data[i * n + dst] = sign * vecs.get(i, src);
  });
  return { values, vectors, clamped };
}
