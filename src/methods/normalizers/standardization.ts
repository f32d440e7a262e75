import type { Mat } from '../../math';
import { identityMap, makeParams, type NormalizerParams } from './params';
import type { TeacherSpectrum } from './spectrum';

/** `none` (y′ = y) and `center` (y′ = y − μ): no covariance needed. */
export function fitCentering(kind: 'none' | 'center', mean: Float64Array): NormalizerParams {
  return makeParams({
    kind,
    center: kind === 'center',
    mean,
    forward: identityMap,
    inverse: identityMap,
    eigenvalues: new Float64Array(0),
  });
}

/** `per-dim`: y′ = (y − μ)/max(σ_c, floor), σ_c² = Σ_cc. */
export function fitPerDim(mean: Float64Array, sigma: Mat, stdFloor: number): NormalizerParams {
  const dim = mean.length;
  const std = new Float64Array(dim);
  for (let c = 0; c < dim; c++)
    std[c] = Math.max(Math.sqrt(sigma.data[c * dim + c] ?? 0), stdFloor);
  return makeParams(
    {
      kind: 'per-dim',
      center: true,
      mean,
      forward: { form: 'diagonal', values: std.map((s) => 1 / s) },
      inverse: { form: 'diagonal', values: std },
      eigenvalues: new Float64Array(0),
    },
    { floor: stdFloor },
  );
}

/** `global`: y′ = (y − μ)/σ_g, σ_g² = tr Σ / C. */
export function fitGlobal(mean: Float64Array, spectrum: TeacherSpectrum): NormalizerParams {
  const sg = Math.sqrt(spectrum.trace / mean.length);
  return makeParams(
    {
      kind: 'global',
      center: true,
      mean,
      forward: { form: 'scalar', value: 1 / sg },
      inverse: { form: 'scalar', value: sg },
      eigenvalues: spectrum.lambda,
    },
    { alpha: sg },
  );
}
