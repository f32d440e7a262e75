import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { GOLDEN } from '../testing/golden';
import { expectNoLeak, flat, relError, useCpuBackend } from '../testing/tfTestUtils';
import { FEATURE_LOSS_KINDS, featureLoss } from './featureLoss';

beforeAll(useCpuBackend);

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
