import { hadamard, matMul, matScaleColumns, matScaleRows, matTranspose } from '../../math';
import { makeParams, matrixMap, type NormalizerParams } from './params';
import type { TeacherSpectrum } from './spectrum';

/**
 * The whitening family, with λ_f = max(λ, floor):
 *   pca  y′ = Λ_f^{-1/2} Uᵀ (y − μ)
 *   zca  y′ = U Λ_f^{-1/2} Uᵀ (y − μ)
 *   hca  y′ = H Λ_f^{-1/2} Uᵀ (y − μ), H an orthonormal Hadamard matrix
 */
export function fitWhitening(
  kind: 'pca' | 'zca' | 'hca',
  mean: Float64Array,
  spectrum: TeacherSpectrum,
  eigenFloor: number,
  seed: number,
): NormalizerParams {
  const { lambda, u, ut } = spectrum;
  const floored = lambda.map((l) => Math.max(l, eigenFloor));
  const whiten = matScaleRows(
    ut,
    floored.map((l) => 1 / Math.sqrt(l)),
  ); // Λ_f^{-1/2} Uᵀ
  const unwhiten = matScaleColumns(
    u,
    floored.map((l) => Math.sqrt(l)),
  ); // U Λ_f^{1/2}
  const core = { kind, center: true, mean, eigenvalues: lambda };
  if (kind === 'pca')
    return makeParams(
      { ...core, forward: matrixMap(whiten), inverse: matrixMap(unwhiten) },
      { floor: eigenFloor },
    );
  if (kind === 'zca')
    return makeParams(
      {
        ...core,
        forward: matrixMap(matMul(u, whiten)),
        inverse: matrixMap(matMul(unwhiten, ut)),
      },
      { floor: eigenFloor },
    );
  const h = hadamard(mean.length, seed);
  return makeParams(
    {
      ...core,
      forward: matrixMap(matMul(h.matrix, whiten)),
      inverse: matrixMap(matMul(unwhiten, matTranspose(h.matrix))),
    },
    { floor: eigenFloor, exact: h.exact, construction: h.construction },
  );
}
