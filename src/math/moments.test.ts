import { describe, expect, it } from 'vitest';
import {
  covariance,
  energyPerDim,
  momentsAdd,
  momentsEmpty,
  momentsMerge,
  momentsOfBatch,
  variances,
} from './moments';
import { rngCreate } from './rng';

function sample(n: number, dim: number, seed: number): Float64Array {
  const rng = rngCreate(seed);
  return Float64Array.from(
    { length: n * dim },
    (_, i) => rng.normal() * (1 + (i % dim)) + 3 * (i % dim),
  );
}

describe('moments', () => {
  it('matches a hand-worked covariance', () => {
    // samples (1,2), (3,6), (5,7): mean (3, 5); deviations (−2,−3), (0,1), (2,2)
    // Σ = [[8, 10], [10, 14]] / 2 = [[4, 5], [5, 7]]
    const m = momentsOfBatch([1, 2, 3, 6, 5, 7], 2);
    expect(Array.from(m.mean)).toEqual([3, 5]);
    expect(Array.from(covariance(m).data)).toEqual([4, 5, 5, 7]);
    expect(Array.from(variances(m))).toEqual([4, 7]);
    // E[y²] per dim: ((1+9+25)/3 + (4+36+49)/3) / 2 = (35 + 89) / 6
    expect(energyPerDim(m)).toBeCloseTo(124 / 6, 12);
  });

  it('gives the same statistics for any batching and merge order', () => {
    const dim = 5;
    const data = sample(300, dim, 1);
    const whole = momentsOfBatch(data, dim);
    let streamed = momentsEmpty(dim);
    for (let i = 0; i < 300; i += 37)
      streamed = momentsAdd(streamed, data.subarray(i * dim, Math.min(300, i + 37) * dim));
    const a = momentsOfBatch(data.subarray(0, 120 * dim), dim);
    const b = momentsOfBatch(data.subarray(120 * dim), dim);
    const reversed = momentsMerge(b, a);
    for (const m of [streamed, reversed]) {
      expect(m.count).toBe(300);
      for (let i = 0; i < dim; i++) expect(m.mean[i]).toBeCloseTo(whole.mean[i] ?? 0, 10);
      const c1 = covariance(m).data;
      const c0 = covariance(whole).data;
      for (let i = 0; i < c0.length; i++) expect(c1[i]).toBeCloseTo(c0[i] ?? 0, 8);
    }
  });

  it('rejects too few samples, mismatched dimensions and non-finite values', () => {
    expect(() => covariance(momentsOfBatch([1, 2], 2))).toThrow(/at least 2 samples/);
    expect(() => momentsMerge(momentsEmpty(2), momentsEmpty(3))).toThrow(/dimensions differ/);
    expect(() => momentsOfBatch([1, 2, 3], 2)).toThrow(/whole number/);
    expect(() => momentsOfBatch([1, Number.NaN], 2)).toThrow(/non-finite/);
    expect(() => momentsEmpty(0)).toThrow(/positive integer/);
  });
});
