import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak, relError, useCpuBackend } from '../testing/tfTestUtils';
import { FEATURE_LOSS_KINDS, featureLoss, weightedFeatureLoss } from './featureLoss';

beforeAll(useCpuBackend);

// The adaptor heads start at zero, so the first step's predictions are zero rows. The cosine
// terms must then have a finite gradient — torch's: the zero row's norm has subgradient 0, so
// ∂/∂ŷ (1 − ŷ·y / (ε‖y‖)) / N = −y / (ε‖y‖ N), with ε = 1e-8 (checked against torch 1.13 by hand:
// rows y = [1, 2, 3] and [0, 1, 0], N = 2 → −[13363062, 26726124, 40089186] and −[0, 5e7, 0]).
describe('cosine losses at a zero prediction (zero-initialized heads)', () => {
  const target = (): tf.Tensor2D =>
    tf.tensor2d([
      [1, 2, 3],
      [0, 1, 0],
    ]);

  it('cosine: loss 1 and torch’s finite gradient, leak-free', async () => {
    const y = target();
    const pred = tf.zeros<tf.Rank.R2>([2, 3]);
    await expectNoLeak(async () => {
      const value = featureLoss('cosine', pred, y);
      const g = tf.grad((p: tf.Tensor) => featureLoss('cosine', p as tf.Tensor2D, y))(pred);
      const s14 = Math.sqrt(14);
      const want = [1, 2, 3].map((v) => -v / (1e-8 * s14 * 2)).concat([0, -5e7, 0]);
      expect((await value.data())[0]).toBeCloseTo(1, 6);
      expect(relError(await g.data(), want)).toBeLessThan(1e-5);
      tf.dispose([value, g]);
    });
    tf.dispose([y, pred]);
  });

  it('every feature loss, plain and λ-weighted, has a finite gradient at zero', async () => {
    const y = target();
    const pred = tf.zeros<tf.Rank.R2>([2, 3]);
    const lambda = tf.fill<tf.Rank.R2>([2, 3], 0.5);
    await expectNoLeak(async () => {
      for (const kind of FEATURE_LOSS_KINDS) {
        for (const weighted of [false, true]) {
          const g = tf.grad((p: tf.Tensor) =>
            weighted
              ? weightedFeatureLoss(kind, p as tf.Tensor2D, y, lambda)
              : featureLoss(kind, p as tf.Tensor2D, y),
          )(pred);
          const v = await g.data();
          expect(
            Array.from(v).every((x) => Number.isFinite(x)),
            `${kind}${weighted ? ' (weighted)' : ''}`,
          ).toBe(true);
          g.dispose();
        }
      }
    });
    tf.dispose([y, pred, lambda]);
  });
});
