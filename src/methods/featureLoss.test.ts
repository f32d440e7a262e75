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
import { FEATURE_LOSS_KINDS, featureLoss, weightedFeatureLoss } from './featureLoss';

beforeAll(useCpuBackend);
checkTensorsEachTest();

describe('feature losses', () => {
  for (const kind of FEATURE_LOSS_KINDS) {
    it(`${kind}: value and gradient match PyTorch, leak-free`, async () => {
      const gold = GOLDEN.featureLosses[kind];
      if (!gold) throw new Error(kind);
      const target = tf.tensor2d(GOLDEN.features.target);
      const pred = tf.tensor2d(GOLDEN.features.pred);
      const { value, grad } = await expectNoLeak(async () => {
        const g = tf.grad((p: tf.Tensor) => featureLoss(kind, p as tf.Tensor2D, target));
        const gp = g(pred);
        const v = featureLoss(kind, pred, target);
        const out = { value: (await v.data())[0] ?? Number.NaN, grad: await gp.data() };
        tf.dispose([gp, v]);
        return out;
      });
      tf.dispose([target, pred]);
      expect(Math.abs(value - gold.value)).toBeLessThan(1e-5);
      expect(relError(grad, flat(gold.grad))).toBeLessThan(1e-5);
    });
  }

  it('is zero when prediction equals target', async () => {
    const t = tf.tensor2d(GOLDEN.features.target);
    for (const kind of FEATURE_LOSS_KINDS) {
      const l = featureLoss(kind, t, t);
      expect(Math.abs((await l.data())[0] ?? 1)).toBeLessThan(1e-6);
      l.dispose();
    }
    t.dispose();
  });

  it('rejects mismatched shapes with both shapes in the message', () => {
    const a = tf.zeros<tf.Rank.R2>([2, 3]);
    const b = tf.zeros<tf.Rank.R2>([2, 4]);
    expect(() => featureLoss('mse', a, b)).toThrow(/\[2, 3\].*\[2, 4\]/);
    expect(() => featureLoss('smooth-l1', a, a, { beta: 0 })).toThrow(/beta must be positive/);
    tf.dispose([a, b]);
  });
});

describe('weighted feature loss (Avatar KD’s per-element λ)', () => {
  it('with λ ≡ 1 equals the plain loss for every kind; MSE weights each element by hand', async () => {
    const pred = tf.tensor2d([
      [1, 2],
      [3, -1],
    ]);
    const target = tf.tensor2d([
      [0, 2],
      [1, 1],
    ]);
    const ones = tf.onesLike(pred);
    await expectNoLeak(async () => {
      for (const kind of FEATURE_LOSS_KINDS) {
        const a = featureLoss(kind, pred, target);
        const b = weightedFeatureLoss(kind, pred, target, ones);
        expect((await b.data())[0], kind).toBeCloseTo((await a.data())[0] ?? Number.NaN, 6);
        tf.dispose([a, b]);
      }
      // squared errors [[1, 0], [4, 4]], λ = [[0.5, 1], [0.25, 1]] → (0.5 + 0 + 1 + 4) / 4
      const w = tf.tensor2d([
        [0.5, 1],
        [0.25, 1],
      ]);
      const m = weightedFeatureLoss('mse', pred, target, w);
      expect((await m.data())[0]).toBeCloseTo(5.5 / 4, 6);
      tf.dispose([w, m]);
    });
    tf.dispose([pred, target, ones]);
  });
});
