import { hadamard, matMul, matScale, matTranspose } from '../../math';
import { makeParams, matrixMap, type NormalizerParams } from './params';
import type { TeacherSpectrum } from './spectrum';

/**
 * PHI-S (Ranzinger et al. 2024, §3; RADIO phi_s.py): y′ = α⁻¹ H Uᵀ (y − μ), α = sqrt(mean λ),
 * with Σ = U Λ Uᵀ and H an orthonormal Hadamard matrix. Every output dimension has variance
 * exactly 1 when H is a true Hadamard matrix (diag(H Λ Hᵀ) = mean λ), and the spectrum keeps its
 * shape (eigenvalues Λ/α²). Without a Hadamard matrix of order C a random orthogonal stand-in is
 * used and `exact` is false.
 */
export function fitPhiS(
  mean: Float64Array,
  spectrum: TeacherSpectrum,
  seed: number,
): NormalizerParams {
  const { lambda, trace, u, ut } = spectrum;
  const h = hadamard(mean.length, seed);
  const alpha = Math.sqrt(trace / mean.length);
  return makeParams(
    {
      kind: 'phi-s',
      center: true,
      mean,
      forward: matrixMap(matScale(matMul(h.matrix, ut), 1 / alpha)),
      inverse: matrixMap(matScale(matMul(u, matTranspose(h.matrix)), alpha)),
      eigenvalues: lambda,
    },
    { alpha, exact: h.exact, construction: h.construction },
  );
}
