import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../testing/tfTestUtils';
import { clearOptimizerState } from './checkpoint';

beforeAll(useCpuBackend);

describe('optimizer state of reset layers', () => {
  it.each(['adam', 'momentum'] as const)(
    '%s: clears the moments of the reset variables only',
    async (kind) => {
      const a = tf.variable(tf.tensor1d([1, 2, 3]), true, `ckpt-${kind}-a`);
      const b = tf.variable(tf.tensor1d([4, 5]), true, `ckpt-${kind}-b`);
      const opt = kind === 'adam' ? tf.train.adam(0.1) : tf.train.momentum(0.1, 0.9);
      for (let i = 0; i < 3; i++)
        opt.minimize(() => tf.add(tf.sum(tf.square(a)), tf.sum(tf.square(b))), false, [a, b]);
      const before = tf.memory().numTensors;
      expect(await clearOptimizerState(opt, [a, b], [b])).toBe(kind === 'adam' ? 2 : 1);
      expect(tf.memory().numTensors).toBe(before);
      const slots = await opt.getWeights();
      const values = await Promise.all(slots.slice(1).map((w) => w.tensor.data()));
      const n = 2;
      values.forEach((v, i) => {
        const ofB = i % n === 1;
        expect(
          Array.from(v).every((x) => x === 0),
          `slot ${slots[i + 1]?.name ?? ''}`,
        ).toBe(ofB);
      });
      slots[0]?.tensor.dispose();
      tf.dispose([a, b]);
      opt.dispose();
    },
  );
});
