import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { rngCreate } from '../math';
import { expectNoLeak, useCpuBackend } from '../testing/tfTestUtils';
import { linearCka } from './cka';

beforeAll(useCpuBackend);

/** Independent route, float64: CKA = HSIC(K, L) / sqrt(HSIC(K, K)·HSIC(L, L)), K = XXᵀ, L = YYᵀ, HSIC = tr(KHLH). */
function ckaByGram(x: number[][], y: number[][]): number {
  const n = x.length;
  const gram = (a: number[][]): number[][] =>
    a.map((r) => a.map((s) => r.reduce((t, v, i) => t + v * (s[i] ?? 0), 0)));
  const center = (k: number[][]): number[][] => {
    const row = k.map((r) => r.reduce((a, b) => a + b, 0) / n);
    const all = row.reduce((a, b) => a + b, 0) / n;
    return k.map((r, i) => r.map((v, j) => v - (row[i] ?? 0) - (row[j] ?? 0) + all));
  };
  const hsic = (a: number[][], b: number[][]): number =>
    a.reduce((s, r, i) => s + r.reduce((t, v, j) => t + v * (b[j]?.[i] ?? 0), 0), 0);
  const k = center(gram(x));
  const l = center(gram(y));
  return hsic(k, l) / Math.sqrt(hsic(k, k) * hsic(l, l));
}

function randomMatrix(n: number, d: number, seed: number): number[][] {
  const rng = rngCreate(seed);
  return Array.from({ length: n }, () => Array.from({ length: d }, () => rng.normal()));
}

const cka = async (x: number[][], y: number[][]): Promise<number> =>
  expectNoLeak(async () => {
    const [a, b] = [tf.tensor2d(x), tf.tensor2d(y)];
    const c = linearCka(a, b);
    const v = (await c.data())[0] ?? Number.NaN;
    tf.dispose([a, b, c]);
    return v;
  });

describe('linear CKA', () => {
  it('matches the Gram-matrix (HSIC) definition computed independently in float64', async () => {
    const x = randomMatrix(40, 6, 1);
    const y = x.map((r, i) => [(r[0] ?? 0) * 2 + (r[1] ?? 0), Math.sin(i), (r[2] ?? 0) ** 2]);
    expect(await cka(x, y)).toBeCloseTo(ckaByGram(x, y), 5);
    const z = randomMatrix(40, 3, 2);
    expect(await cka(x, z)).toBeCloseTo(ckaByGram(x, z), 5);
  });

  it('is 1 for a representation and its scaled rotation, invariant to isotropic scale, symmetric, in [0, 1]', async () => {
    const x = randomMatrix(50, 4, 3);
    const c = Math.cos(0.7);
    const s = Math.sin(0.7);
    const rotated = x.map((r) => [
      5 * (c * (r[0] ?? 0) - s * (r[1] ?? 0)),
      5 * (s * (r[0] ?? 0) + c * (r[1] ?? 0)),
      5 * (r[2] ?? 0),
      5 * (r[3] ?? 0),
    ]);
    expect(await cka(x, rotated)).toBeCloseTo(1, 5);
    const y = randomMatrix(50, 3, 4);
    const base = await cka(x, y);
    expect(
      await cka(
        x,
        y.map((r) => r.map((v) => v * 1000)),
      ),
    ).toBeCloseTo(base, 5);
    expect(await cka(y, x)).toBeCloseTo(base, 5);
    expect(base).toBeGreaterThanOrEqual(0);
    expect(base).toBeLessThanOrEqual(1);
  });

  it('is 0 when one side has no variance, and rejects mismatched sample counts', async () => {
    const x = randomMatrix(10, 3, 5);
    expect(
      await cka(
        x,
        x.map(() => [1, 2]),
      ),
    ).toBe(0);
    const a = tf.zeros<tf.Rank.R2>([3, 2]);
    const b = tf.zeros<tf.Rank.R2>([4, 2]);
    expect(() => linearCka(a, b)).toThrow(/same N/);
    tf.dispose([a, b]);
  });
});
