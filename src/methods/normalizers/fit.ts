import { covariance, type Mat, type Moments } from '../../math';
import type { NormalizerKind } from '../normalizerKinds';
import type { NormalizerOptions, NormalizerParams } from './params';
import { fitPhiS } from './phiS';
import { teacherSpectrum } from './spectrum';
import { fitCentering, fitGlobal, fitPerDim } from './standardization';
import { fitWhitening } from './whitening';

/**
 * Fits one of the eight normalizers of DESIGN §3.1 from exact (or streamed) teacher statistics.
 * With Σ = U Λ Uᵀ (unbiased, λ clamped ≥ 0, λ_f = max(λ, floor)) and H an orthonormal Hadamard:
 *   none     y′ = y                       center  y′ = y − μ          (standardization.ts)
 *   global   y′ = (y − μ)/σ_g, σ_g² = tr Σ / C                       (standardization.ts)
 *   per-dim  y′ = (y − μ)/max(σ_c, floor)                            (standardization.ts)
 *   pca      y′ = Λ_f^{-1/2} Uᵀ (y − μ)  zca     y′ = U Λ_f^{-1/2} Uᵀ (y − μ)   (whitening.ts)
 *   hca      y′ = H Λ_f^{-1/2} Uᵀ (y − μ)                             (whitening.ts)
 *   phi-s    y′ = α⁻¹ H Uᵀ (y − μ), α = sqrt(mean λ)                  (phiS.ts)
 */
export function fitNormalizerParams(
  kind: NormalizerKind,
  stats: Moments,
  options: NormalizerOptions = {},
): NormalizerParams {
  for (const v of stats.mean)
    if (!Number.isFinite(v)) throw new Error(`fitNormalizer(${kind}): teacher mean is not finite`);
  if (kind === 'none' || kind === 'center') {
    if (stats.count < 1) throw new Error(`fitNormalizer(${kind}): no samples`);
    return fitCentering(kind, stats.mean);
  }
  if (stats.count < 2) {
    throw new Error(
      `fitNormalizer(${kind}): a covariance needs at least 2 samples, got ${stats.count}`,
    );
  }
  const sigma = covariance(stats);
  const { eigenFloor, stdFloor } = floors(kind, sigma, stats.dim, options);
  if (kind === 'per-dim') return fitPerDim(stats.mean, sigma, stdFloor);
  const spectrum = teacherSpectrum(sigma, kind);
  const seed = options.seed ?? 0;
  switch (kind) {
    case 'global':
      return fitGlobal(stats.mean, spectrum);
    case 'pca':
    case 'zca':
    case 'hca':
      return fitWhitening(kind, stats.mean, spectrum, eigenFloor, seed);
    case 'phi-s':
      return fitPhiS(stats.mean, spectrum, seed);
  }
}

function floors(
  kind: NormalizerKind,
  sigma: Mat,
  dim: number,
  options: NormalizerOptions,
): { eigenFloor: number; stdFloor: number } {
  const eigenFloor = options.eigenFloor ?? 1e-6;
  let traceSigma = 0;
  for (let c = 0; c < dim; c++) traceSigma += sigma.data[c * dim + c] ?? 0;
  const stdFloor = options.stdFloor ?? Math.max(1e-3 * Math.sqrt(traceSigma / dim), 1e-12);
  if (!(eigenFloor > 0) || !(stdFloor > 0))
    throw new Error(`fitNormalizer(${kind}): floors must be positive`);
  return { eigenFloor, stdFloor };
}
