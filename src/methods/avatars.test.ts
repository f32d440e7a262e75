import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { GOLDEN } from '../testing/golden';
import { expectNoLeak, flat, relError, useCpuBackend } from '../testing/tfTestUtils';
import { avatarWeights, batchStandardize, makeAvatars } from './avatars';

beforeAll(useCpuBackend);

describe('avatar uncertainty factor', () => {
  it('d_k, u = Var_k(d_k) and λ = 1/(1 + u) match the PyTorch implementation', async () => {
    const g = GOLDEN.avatars;
    const vanilla = tf.tensor2d(g.vanilla);
    const avatars = g.avatars.map((a) => tf.tensor2d(a));
    const got = await expectNoLeak(async () => {
      const w = avatarWeights(vanilla, avatars);
      const [d, u, l] = await Promise.all([w.distances.data(), w.uncertainty.data(), w.weight.data()]);
      tf.dispose([w.distances, w.uncertainty, w.weight]);
      return { d, u: u[0] ?? Number.NaN, l: l[0] ?? Number.NaN };
    });
    tf.dispose([vanilla, ...avatars]);
    expect(relError(got.d, g.distances)).toBeLessThan(1e-5);
    expect(got.u).toBeCloseTo(g.uncertainty, 5);
    expect(got.l).toBeCloseTo(g.weight, 5);
  });

  it('gives weight 1 to a single avatar or to identical avatars', async () => {
    const v = tf.tensor2d(GOLDEN.avatars.vanilla);
    const a = tf.add<tf.Tensor2D>(v, 1);
    const w = avatarWeights(v, [a, a]);
    expect((await w.weight.data())[0]).toBeCloseTo(1, 6);
    tf.dispose([v, a, w.distances, w.uncertainty, w.weight]);
  });

  it('batch standardization equals torch batch_norm(affine = False, training)', async () => {
    const x = tf.tensor2d(GOLDEN.avatars.vanilla);
    const out = await expectNoLeak(async () => {
      const s = batchStandardize(x);
      const d = await s.data();
      s.dispose();
      return d;
    });
    x.dispose();
    expect(relError(out, flat(GOLDEN.avatars.batchStandardized))).toBeLessThan(1e-5);
  });
});

describe('makeAvatars', () => {
  const features = (): tf.Tensor2D => tf.add(tf.randomNormal([256, 16], 0, 1, 'float32', 5), 2);

  it('is reproducible per (seed, step) and differs across steps and avatars', async () => {
    const y = features();
    await expectNoLeak(async () => {
      const a = makeAvatars(y, { count: 2, perturbation: 'dropout', seed: 1 }, 10);
      const b = makeAvatars(y, { count: 2, perturbation: 'dropout', seed: 1 }, 10);
      const c = makeAvatars(y, { count: 1, perturbation: 'dropout', seed: 1 }, 11);
      const [a0, a1, b0, c0] = await Promise.all([a[0], a[1], b[0], c[0]].map((t) => (t as tf.Tensor).data()));
      expect(a0).toEqual(b0);
      expect(a0).not.toEqual(a1);
      expect(a0).not.toEqual(c0);
      tf.dispose([...a, ...b, ...c]);
    });
    y.dispose();
  });

  it('dropout zeroes about p of the entries and keeps the mean (inverted scaling)', async () => {
    const y = tf.ones<tf.Rank.R2>([200, 50]);
    const [a] = makeAvatars(y, { count: 1, perturbation: 'dropout', rate: 0.1, seed: 3 }, 0);
    const d = Array.from(await (a as tf.Tensor).data());
    const zeros = d.filter((v) => v === 0).length / d.length;
    const mean = d.reduce((s, v) => s + v, 0) / d.length;
    expect(zeros).toBeGreaterThan(0.08);
    expect(zeros).toBeLessThan(0.12);
    expect(mean).toBeCloseTo(1, 1);
    tf.dispose([y, ...(a ? [a] : [])]);
  });

  it('masking drops whole channels, noise scales with each channel’s spread', async () => {
    const y = features();
    const [m] = makeAvatars(y, { count: 1, perturbation: 'mask', rate: 0.5, seed: 2 }, 0);
    const md = await (m as tf.Tensor).array() as number[][];
    const yd = await y.array();
    for (let c = 0; c < 16; c++) {
      const dropped = md[0]?.[c] === 0;
      for (let n = 0; n < 256; n++) expect(md[n]?.[c] === (dropped ? 0 : yd[n]?.[c])).toBe(true);
    }
    const big = tf.mul<tf.Tensor2D>(y, 100);
    const [g1] = makeAvatars(y, { count: 1, perturbation: 'gaussian', noiseStd: 0.1, seed: 4 }, 0);
    const [g2] = makeAvatars(big, { count: 1, perturbation: 'gaussian', noiseStd: 0.1, seed: 4 }, 0);
    const r1 = tf.tidy(() => tf.mean(tf.squaredDifference(g1 as tf.Tensor, y)));
    const r2 = tf.tidy(() => tf.mean(tf.squaredDifference(g2 as tf.Tensor, big)));
    const ratio = ((await r2.data())[0] ?? 0) / ((await r1.data())[0] ?? 1);
    expect(ratio).toBeCloseTo(10000, -2);
    tf.dispose([y, big, r1, r2, ...[m, g1, g2].filter((t) => t !== undefined)]);
  });

  it('rejects bad settings', () => {
    const y = tf.zeros<tf.Rank.R2>([2, 2]);
    expect(() => makeAvatars(y, { count: 0, perturbation: 'dropout', seed: 0 }, 0)).toThrow(/count/);
    expect(() => makeAvatars(y, { count: 1, perturbation: 'dropout', rate: 1, seed: 0 }, 0)).toThrow(/rate/);
    expect(() => avatarWeights(y, [])).toThrow(/at least one avatar/);
    y.dispose();
  });
});
