import { matTranspose, symmetricEigen, type Mat } from '../../math';

/** The teacher covariance's eigendecomposition Σ = U Λ Uᵀ, as the spectral normalizers use it. */
export interface TeacherSpectrum {
  /** Eigenvalues, descending, clamped ≥ 0. */
  readonly lambda: Float64Array;
  /** tr Σ = Σ λ. */
  readonly trace: number;
  readonly u: Mat;
  readonly ut: Mat;
}

export function teacherSpectrum(sigma: Mat, kind: string): TeacherSpectrum {
  const eig = symmetricEigen(sigma);
  const lambda = eig.values;
  const trace = lambda.reduce((a, b) => a + b, 0);
  if (!(trace > 0)) throw new Error(`fitNormalizer(${kind}): teacher features have zero variance`);
  return { lambda, trace, u: eig.vectors, ut: matTranspose(eig.vectors) };
}
