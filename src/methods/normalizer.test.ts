import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  covariance,
  momentsEmpty,
  momentsOfBatch,
  symmetricEigen,
  variances,
  type Moments,
} from '../math';
import { GOLDEN } from '../testing/golden';
import { expectNoLeak, flat, relError, useCpuBackend } from '../testing/tfTestUtils';
import { fitNormalizer } from './normalizer';
import { applyParams, normalizedVariance } from './normalizers/apply';
import { fitNormalizerParams } from './normalizers/fit';
import { NORMALIZER_KINDS, type NormalizerKind } from './normalizerKinds';

beforeAll(useCpuBackend);

function statsOf(name: string): { rows: Float64Array; stats: Moments; dim: number } {
  const set = GOLDEN.normalizers[name];
  if (!set) throw new Error(`no golden set ${name}`);
  const rows = flat(set.features);
  return { rows, stats: momentsOfBatch(rows, set.dim), dim: set.dim };
}

function covOf(rows: Float64Array, dim: number): Float64Array {
  return covariance(momentsOfBatch(rows, dim)).data;
}

describe('normalizers: golden values from the PyTorch/NumPy implementation', () => {
  for (const set of ['c8', 'c12', 'c8rank3']) {
    for (const kind of NORMALIZER_KINDS) {
      it(`${kind} on ${set} (float64 params)`, () => {
        const { rows, stats } = statsOf(set);
        const expected = flat(GOLDEN.normalizers[set]?.outputs[kind] ?? []);
        const got = applyParams(fitNormalizerParams(kind, stats), rows);
        expect(relError(got, expected)).toBeLessThan(1e-8);
      });
    }
  }

  it('tensor forward matches the float64 reference within float32 precision, leak-free', async () => {
    const { rows, stats, dim } = statsOf('c12');
    for (const kind of NORMALIZER_KINDS) {
      const expected = flat(GOLDEN.normalizers.c12?.outputs[kind] ?? []);
      const got = await expectNoLeak(async () => {
        const norm = fitNormalizer(kind, stats);
        const y = tf.tensor2d(Float32Array.from(rows), [rows.length / dim, dim]);
        const out = norm.forward(y);
        const data = await out.data();
        tf.dispose([y, out]);
        norm.dispose();
        return data;
      });
      expect(relError(got, expected), kind).toBeLessThan(2e-5);
    }
  });
});

describe('normalizers: invariants', () => {
  it('PHI-S gives every dimension variance exactly 1 and eigenvalues Λ/α²', () => {
    for (const set of ['c8', 'c12', 'c8rank3']) {
      const { rows, stats, dim } = statsOf(set);
      const p = fitNormalizerParams('phi-s', stats);
      expect(p.exact).toBe(true);
      const out = applyParams(p, rows);
      const v = variances(momentsOfBatch(out, dim));
      for (const x of v) expect(x).toBeCloseTo(1, 10);
      const lambdaOut = symmetricEigen(covariance(momentsOfBatch(out, dim))).values;
      const alpha2 = (p.alpha ?? Number.NaN) ** 2;
      p.eigenvalues.forEach((l, i) => {
        expect(lambdaOut[i]).toBeCloseTo(l / alpha2, 9);
      });
    }
  });

  it('PHI-S with an inexact (random orthogonal) rotation equalizes only approximately and says so', () => {
    const dim = 10;
    const rows = Float64Array.from(
      { length: 50 * dim },
      (_, i) => Math.sin(i * 1.7) * (1 + (i % dim)) + Math.cos(i * 0.31),
    );
    const p = fitNormalizerParams('phi-s', momentsOfBatch(rows, dim));
    expect(p.exact).toBe(false);
    expect(p.construction).toBe('random-orthogonal');
    const v = variances(momentsOfBatch(applyParams(p, rows), dim));
    const mean = v.reduce((a, b) => a + b, 0) / dim;
    expect(mean).toBeCloseTo(1, 10); // trace is preserved by any rotation
  });

  it('PCA and ZCA whitening give identity covariance', () => {
    const { rows, stats, dim } = statsOf('c8');
    for (const kind of ['pca', 'zca', 'hca'] as const) {
      const c = covOf(applyParams(fitNormalizerParams(kind, stats), rows), dim);
      for (let i = 0; i < dim; i++)
        for (let j = 0; j < dim; j++) expect(c[i * dim + j]).toBeCloseTo(i === j ? 1 : 0, 8);
    }
  });

  it('on a rank-deficient teacher, whitening is identity on the support and the floor keeps it finite', () => {
    const { rows, stats, dim } = statsOf('c8rank3');
    const p = fitNormalizerParams('pca', stats);
    const c = covOf(applyParams(p, rows), dim);
    const floor = p.floor ?? 0;
    for (let i = 0; i < dim; i++) {
      const l = p.eigenvalues[i] ?? 0;
      expect(c[i * dim + i]).toBeCloseTo(l / Math.max(l, floor), 6);
      expect(Number.isFinite(c[i * dim + i])).toBe(true);
    }
    expect(c[0]).toBeCloseTo(1, 8);
    expect(c[3 * dim + 3]).toBeLessThan(1e-3); // a null direction stays (near) zero, not blown up
  });

  it('global and per-dimension standardization give unit total and per-dimension variance', () => {
    const { rows, stats, dim } = statsOf('c12');
    const vg = variances(
      momentsOfBatch(applyParams(fitNormalizerParams('global', stats), rows), dim),
    );
    expect(vg.reduce((a, b) => a + b, 0) / dim).toBeCloseTo(1, 10);
    const vd = variances(
      momentsOfBatch(applyParams(fitNormalizerParams('per-dim', stats), rows), dim),
    );
    for (const v of vd) expect(v).toBeCloseTo(1, 10);
  });

  it('inverse(forward(y)) = y for every normalizer, as tensors, leak-free', async () => {
    const { rows, stats, dim } = statsOf('c8rank3');
    for (const kind of NORMALIZER_KINDS) {
      const back = await expectNoLeak(async () => {
        const norm = fitNormalizer(kind, stats);
        const y = tf.tensor2d(Float32Array.from(rows), [rows.length / dim, dim]);
        const fwd = norm.forward(y);
        const inv = norm.inverse(fwd);
        const data = await inv.data();
        tf.dispose([y, fwd, inv]);
        norm.dispose();
        return data;
      });
      expect(relError(back, rows), kind).toBeLessThan(1e-4);
    }
  });

  it('scaling a teacher ×10 leaves every standardizing normalizer’s output unchanged', () => {
    const { rows, dim } = statsOf('c8');
    const scaled = rows.map((v) => v * 10);
    for (const kind of ['global', 'per-dim', 'pca', 'zca', 'hca', 'phi-s'] as NormalizerKind[]) {
      const a = applyParams(fitNormalizerParams(kind, momentsOfBatch(rows, dim)), rows);
      const b = applyParams(fitNormalizerParams(kind, momentsOfBatch(scaled, dim)), scaled);
      expect(relError(b, a), kind).toBeLessThan(1e-9);
    }
  });
});

describe('normalizers: dead units', () => {
  it('per-dimension standardization floors σ_c relative to the RMS std, so a dead unit cannot explode', () => {
    // column 1 is dead (always 0) in the statistics, column 0 has σ = 1
    const rows = Float64Array.from({ length: 200 }, (_, i) =>
      i % 2 === 0 ? ((i / 2) % 2 === 0 ? 1 : -1) : 0,
    );
    const p = fitNormalizerParams('per-dim', momentsOfBatch(rows, 2));
    const floor = p.floor ?? 0;
    expect(floor).toBeCloseTo(1e-3 * Math.sqrt(100 / 99 / 2), 9);
    const out = applyParams(p, [0, 0.01]);
    expect(Math.abs(out[1] ?? 0)).toBeLessThan(20);
  });
});

describe('normalizers: bad input', () => {
  it('rejects too few samples, non-finite statistics, zero variance and wrong shapes', () => {
    expect(() => fitNormalizerParams('phi-s', momentsOfBatch([1, 2, 3], 3))).toThrow(
      /at least 2 samples/,
    );
    expect(() => fitNormalizerParams('center', momentsEmpty(3))).toThrow(/no samples/);
    const bad: Moments = {
      ...momentsOfBatch([1, 2, 3, 4], 2),
      mean: Float64Array.of(Number.NaN, 1),
    };
    expect(() => fitNormalizerParams('pca', bad)).toThrow(/not finite/);
    expect(() => fitNormalizerParams('phi-s', momentsOfBatch([1, 1, 1, 1], 2))).toThrow(
      /zero variance/,
    );
    const norm = fitNormalizer('global', momentsOfBatch([1, 2, 3, 5], 2));
    const y = tf.zeros<tf.Rank.R2>([4, 3]);
    expect(() => norm.forward(y)).toThrow(/expected features of shape \[N, 2\], got \[4, 3\]/);
    y.dispose();
    norm.dispose();
  });
});

describe('normalized channel variance v = diag(W Σ Wᵀ)', () => {
  it('equals the per-channel variance of the normalized data itself, for every normalizer; PHI-S gives exactly 1', () => {
    const c = 8;
    const rows = Float64Array.from(
      { length: 300 * c },
      (_, i) => Math.sin(i * 1.7) * (1 + (i % c)) + Math.cos(i * 0.31) * (i % c === 3 ? 5 : 1),
    );
    const stats = momentsOfBatch(rows, c);
    const sigma = covariance(stats);
    for (const kind of NORMALIZER_KINDS) {
      const p = fitNormalizerParams(kind, stats, { seed: 0 });
      const direct = variances(momentsOfBatch(applyParams(p, rows), c));
      const v = normalizedVariance(p, sigma);
      expect(relError(v, direct), kind).toBeLessThan(1e-6);
      if (kind === 'phi-s') for (const x of v) expect(x).toBeCloseTo(1, 9);
    }
  });
});
