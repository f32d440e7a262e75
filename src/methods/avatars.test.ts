import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { GOLDEN } from '../testing/golden';
import {
  checkTensorsEachTest,
  expectNoLeak,
  flat,
  relError,
  useCpuBackend,
} from '../testing/tfTestUtils';
import { avatarWeights, batchStandardize, makeAvatars } from './avatars';

beforeAll(useCpuBackend);
checkTensorsEachTest();

describe('avatar uncertainty factor', () => {
  const read = async (w: {
    weight: tf.Tensor;
    uncertainty: tf.Tensor;
    distances: tf.Tensor;
  }): Promise<{ l: number[]; u: number[]; d: number[] }> => {
    const [l, u, d] = await Promise.all([
      w.weight.data(),
      w.uncertainty.data(),
      w.distances.data(),
    ]);
    tf.dispose([w.weight, w.uncertainty, w.distances]);
    return { l: Array.from(l), u: Array.from(u), d: Array.from(d) };
  };

  it('u = mean_k (a_k − y)², u_rel = u / v_c, λ = 1/(1 + u_rel): values worked out by hand', async () => {
    // y = [[1,2],[3,4]], a₁ = [[1,0],[3,8]], a₂ = [[3,2],[3,4]], v = [2, 1]
    // δ₁² = [[0,4],[0,16]], δ₂² = [[4,0],[0,0]] → u = [[2,2],[0,8]] → u_rel = [[1,2],[0,8]]
    const y = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const a = [
      tf.tensor2d([
        [1, 0],
        [3, 8],
      ]),
      tf.tensor2d([
        [3, 2],
        [3, 4],
      ]),
    ];
    const v = tf.tensor1d([2, 1]);
    const got = await expectNoLeak(async () => read(avatarWeights(y, a, v)));
    tf.dispose([y, ...a, v]);
    expect(got.u).toEqual([1, 2, 0, 8]);
    got.l.forEach((l, i) => expect(l).toBeCloseTo([1 / 2, 1 / 3, 1, 1 / 9][i] ?? 0, 6));
    // distances: mean(δ_k² / v) = mean([0, 4, 0, 16]) = 5 and mean([2, 0, 0, 0]) = 0.5
    expect(got.d).toEqual([5, 0.5]);
  });

  it('gives weight 1 to avatars equal to the teacher', async () => {
    const v = tf.tensor2d(GOLDEN.avatars.vanilla);
    const unit = tf.ones<tf.Rank.R1>([v.shape[1]]);
    const got = await read(avatarWeights(v, [v, v], unit));
    for (const l of got.l) expect(l).toBe(1);
    tf.dispose([v, unit]);
  });

  it('does not depend on the feature scale (λ within 1e-5 under ×0.01 … ×100)', async () => {
    const y = tf.tidy(() => tf.add<tf.Tensor2D>(tf.randomNormal([128, 24], 0, 1, 'float32', 9), 1));
    const lambdaAt = async (s: number): Promise<number[]> => {
      const ys = tf.mul<tf.Tensor2D>(y, s);
      const av = makeAvatars(ys, { count: 4, perturbation: 'dropout', rate: 0.3, seed: 2 }, 7);
      const variance = tf.tidy(() => tf.moments(ys, 0).variance as tf.Tensor1D);
      const got = await read(avatarWeights(ys, av, variance));
      tf.dispose([ys, ...av, variance]);
      return got.l;
    };
    await expectNoLeak(async () => {
      const base = await lambdaAt(1);
      for (const s of [0.01, 10, 100]) {
        const other = await lambdaAt(s);
        expect(Math.max(...other.map((l, i) => Math.abs(l - (base[i] ?? 0))))).toBeLessThan(1e-5);
      }
    });
    y.dispose();
  });

  it('falls as the perturbation grows: mean λ at dropout 0.5 is ≥ 0.1 below dropout 0.1', async () => {
    const y = tf.randomNormal<tf.Rank.R2>([256, 32], 0, 1, 'float32', 3);
    const variance = tf.tidy(() => tf.moments(y, 0).variance as tf.Tensor1D);
    const meanLambda = async (rate: number): Promise<number> => {
      const av = makeAvatars(y, { count: 4, perturbation: 'dropout', rate, seed: 1 }, 0);
      const got = await read(avatarWeights(y, av, variance));
      tf.dispose(av);
      return got.l.reduce((a, b) => a + b, 0) / got.l.length;
    };
    const low = await meanLambda(0.1);
    const high = await meanLambda(0.5);
    // E[u_rel] = p/(1 − p) for unit-variance zero-mean features: 0.11 vs 1.0
    expect(low).toBeGreaterThan(0.85);
    expect(low - high).toBeGreaterThan(0.1);
    tf.dispose([y, variance]);
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
  const features = (): tf.Tensor2D =>
    tf.tidy(() => tf.add(tf.randomNormal([256, 16], 0, 1, 'float32', 5), 2));

  it('is reproducible per (seed, stream, step) and differs across streams, steps and avatars', async () => {
    const y = features();
    await expectNoLeak(async () => {
      const a = makeAvatars(y, { count: 2, perturbation: 'dropout', seed: 1 }, 10);
      const b = makeAvatars(y, { count: 2, perturbation: 'dropout', seed: 1 }, 10);
      const c = makeAvatars(y, { count: 1, perturbation: 'dropout', seed: 1 }, 11);
      const d = makeAvatars(y, { count: 1, perturbation: 'dropout', seed: 1, stream: 1 }, 10);
      const [a0, a1, b0, c0, d0] = await Promise.all(
        [a[0], a[1], b[0], c[0], d[0]].map((t) => (t as tf.Tensor).data()),
      );
      expect(a0).toEqual(b0);
      expect(a0).not.toEqual(a1);
      expect(a0).not.toEqual(c0);
      expect(a0).not.toEqual(d0); // two teachers of one size get different masks
      tf.dispose([...a, ...b, ...c, ...d]);
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
    const md = (await (m as tf.Tensor).array()) as number[][];
    const yd = await y.array();
    for (let c = 0; c < 16; c++) {
      const dropped = md[0]?.[c] === 0;
      for (let n = 0; n < 256; n++) expect(md[n]?.[c] === (dropped ? 0 : yd[n]?.[c])).toBe(true);
    }
    const big = tf.mul<tf.Tensor2D>(y, 100);
    const [g1] = makeAvatars(y, { count: 1, perturbation: 'gaussian', noiseStd: 0.1, seed: 4 }, 0);
    const [g2] = makeAvatars(
      big,
      { count: 1, perturbation: 'gaussian', noiseStd: 0.1, seed: 4 },
      0,
    );
    const r1 = tf.tidy(() => tf.mean(tf.squaredDifference(g1 as tf.Tensor, y)));
    const r2 = tf.tidy(() => tf.mean(tf.squaredDifference(g2 as tf.Tensor, big)));
    const ratio = ((await r2.data())[0] ?? 0) / ((await r1.data())[0] ?? 1);
    expect(ratio).toBeCloseTo(10000, -2);
    tf.dispose([y, big, r1, r2, ...[m, g1, g2].filter((t) => t !== undefined)]);
  });

  it('rejects bad settings', () => {
    const y = tf.zeros<tf.Rank.R2>([2, 2]);
    expect(() => makeAvatars(y, { count: 0, perturbation: 'dropout', seed: 0 }, 0)).toThrow(
      /count/,
    );
    expect(() =>
      makeAvatars(y, { count: 1, perturbation: 'dropout', rate: 1, seed: 0 }, 0),
    ).toThrow(/rate/);
    const unit = tf.ones<tf.Rank.R1>([2]);
    expect(() => avatarWeights(y, [], unit)).toThrow(/at least one avatar/);
    tf.dispose([y, unit]);
  });
});
