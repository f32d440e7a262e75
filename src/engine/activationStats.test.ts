import { describe, expect, it } from 'vitest';
import { momentsOfBatch, rngCreate } from '../math';
import { NORMALIZER_KINDS } from '../methods/normalizerKinds';
import { applyParams } from '../methods/normalizers/apply';
import { fitNormalizerParams } from '../methods/normalizers/fit';
import { normalizedMoments, teacherStats } from './activationStats';

/** Correlated, shifted, unevenly scaled samples: every normalizer has something to undo. */
function samples(n: number, dim: number): Float64Array {
  const rng = rngCreate(5);
  const rows = new Float64Array(n * dim);
  for (let i = 0; i < n; i++) {
    const common = rng.normal();
    for (let c = 0; c < dim; c++) rows[i * dim + c] = 3 + (c + 1) * rng.normal() + 2 * common;
  }
  return rows;
}

describe('activation statistics', () => {
  const dim = 12;
  const rows = samples(700, dim);
  const m = momentsOfBatch(rows, dim);

  it.each(NORMALIZER_KINDS)(
    '%s: moments after normalization equal those of the normalized samples',
    (kind) => {
      const p = fitNormalizerParams(kind, m, { seed: 3 });
      const direct = momentsOfBatch(applyParams(p, rows), dim);
      const fast = normalizedMoments(p, m);
      expect(fast.count).toBe(direct.count);
      const scale = Math.max(...direct.comoment.map(Math.abs));
      for (let i = 0; i < dim * dim; i++)
        expect(Math.abs((fast.comoment[i] ?? 0) - (direct.comoment[i] ?? 0))).toBeLessThan(
          1e-9 * scale,
        );
      for (let c = 0; c < dim; c++) expect(fast.mean[c] ?? 0).toBeCloseTo(direct.mean[c] ?? 0, 9);
    },
  );

  it('the normalized view of PHI-S has unit mean variance over all samples', () => {
    const p = fitNormalizerParams('phi-s', m, { seed: 3 });
    const stats = teacherStats(
      't',
      Float32Array.from(rows),
      1,
      dim,
      new Uint8Array(700),
      p,
      momentsOfBatch(Float32Array.from(rows), dim),
    );
    expect(stats.normalized.meanVariance).toBeCloseTo(1, 6);
    expect(stats.normalized.histogram.counts.reduce((a, b) => a + b, 0)).toBe(700 * dim);
  });
});
