import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak, useCpuBackend } from '../testing/tfTestUtils';
import { SnapshotPool, dflResetDue, ensembleLogits, resetLayers } from './dfl';
import { balanceIndex, combineObjective } from './objective';

beforeAll(useCpuBackend);

describe('DFL snapshot pool', () => {
  it('best-val keeps the K most accurate snapshots; last-k keeps the most recent', async () => {
    const v = tf.variable(tf.zeros([2]));
    await expectNoLeak(() => {
      const best = new SnapshotPool(2, 'best-val');
      const last = new SnapshotPool(2, 'last-k');
      const accs = [0.5, 0.9, 0.7, 0.4, 0.95];
      accs.forEach((acc, step) => {
        tf.tidy(() => {
          v.assign(tf.fill([2], step));
        });
        best.offer(step, acc, [v]);
        last.offer(step, acc, [v]);
      });
      expect(best.snapshots.map((s) => s.step).sort()).toEqual([1, 4]);
      expect(last.snapshots.map((s) => s.step)).toEqual([3, 4]);
      // the snapshot is a copy, not the live variable
      expect(Array.from(best.snapshots.find((s) => s.step === 1)?.weights[0]?.dataSync() ?? [])).toEqual([1, 1]);
      best.dispose();
      last.dispose();
    });
    v.dispose();
  });

  it('averages snapshot logits for the ensemble target', async () => {
    const a = tf.tensor2d([[1, 2]]);
    const b = tf.tensor2d([[3, 6]]);
    const m = ensembleLogits([a, b]);
    expect(Array.from(await m.data())).toEqual([2, 4]);
    tf.dispose([a, b, m]);
    expect(() => ensembleLogits([])).toThrow(/empty/);
  });

  it('resets every R steps, only the last `depth` layers', async () => {
    expect([0, 1, 99, 100, 200].map((s) => dflResetDue(s, 100))).toEqual([false, false, false, true, true]);
    expect(dflResetDue(5, 0)).toBe(false);
    const layers = ['stem', 'block', 'head'].map((name) => ({
      name,
      variables: [tf.variable(tf.fill([3, 2], 7), true, `${name}/kernel`), tf.variable(tf.fill([2], 7), true, `${name}/bias`)],
    }));
    const names = await expectNoLeak(() => resetLayers(layers, 2, 1));
    expect(names).toEqual(['block', 'head']);
    expect(Array.from(layers[0]?.variables[0]?.dataSync() ?? [])).toEqual([7, 7, 7, 7, 7, 7]);
    expect(Array.from(layers[2]?.variables[1]?.dataSync() ?? [])).toEqual([0, 0]);
    const kernel = Array.from(layers[2]?.variables[0]?.dataSync() ?? []);
    const limit = Math.sqrt(6 / 5);
    for (const w of kernel) expect(Math.abs(w)).toBeLessThanOrEqual(limit);
    expect(kernel.some((w) => w !== 7)).toBe(true);
    layers.forEach((l) => {
      tf.dispose([...l.variables]);
    });
  });
});

describe('objective', () => {
  it('sums weighted terms and keeps each one', async () => {
    const out = await expectNoLeak(async () => {
      const a = tf.scalar(2);
      const b = tf.scalar(4);
      const c = combineObjective([
        { id: 'a', weight: 1, loss: a },
        { id: 'b', weight: 0.5, loss: b },
      ]);
      tf.dispose([a, b]);
      const r = { total: await c.total.data(), raw: await c.raw.data(), weighted: await c.weighted.data() };
      tf.dispose([c.total, c.raw, c.weighted]);
      tf.disposeVariables();
      return r;
    });
    expect(out.total[0]).toBe(4);
    expect(Array.from(out.raw)).toEqual([2, 4]);
    expect(Array.from(out.weighted)).toEqual([2, 2]);
    expect(balanceIndex([0.5, 0.25, 0.25])).toBe(2);
    expect(balanceIndex([1, 0])).toBe(Infinity);
    expect(() => combineObjective([{ id: 'x', weight: -1, loss: tf.scalar(1) }])).toThrow(/weight of "x"/);
  });
});
