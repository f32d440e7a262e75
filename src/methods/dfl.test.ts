import * as tf from '@tensorflow/tfjs';
import { ParamStore, type ParamInit } from '../models/params';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak, useCpuBackend } from '../testing/tfTestUtils';
import { SnapshotPool, dflResetDue, ensembleLogits, resetLayers } from './dfl';

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
      expect(
        Array.from(best.snapshots.find((s) => s.step === 1)?.weights[0]?.dataSync() ?? []),
      ).toEqual([1, 1]);
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

  it('resets every R steps, the last `depth` weight layers, each with its own initializer', async () => {
    expect([0, 1, 99, 100, 200].map((s) => dflResetDue(s, 100))).toEqual([
      false,
      false,
      false,
      true,
      true,
    ]);
    expect(dflResetDue(5, 0)).toBe(false);
    const p = new ParamStore(3);
    p.he('stem/kernel', 'stem', [3, 2], 3);
    p.glorot('block/kernel', 'block', [300, 200], 300, 200);
    p.he('head/kernel', 'head', [400, 100], 400);
    p.zeros('head/bias', 'head', [100]);
    p.ones('ln/gamma', 'ln', [100]);
    p.zeros('ln/beta', 'ln', [100]);
    p.glorot('out/kernel', 'out', [100, 50], 100, 50);
    for (const e of p.entries) e.variable.assign(tf.fill(e.variable.shape, 7));
    const layers: { name: string; params: { variable: tf.Variable; init: ParamInit }[] }[] = [];
    for (const e of p.entries) {
      const last = layers.at(-1);
      if (last?.name === e.layer) last.params.push(e);
      else layers.push({ name: e.layer, params: [e] });
    }
    const r = await expectNoLeak(() => resetLayers(layers, 2, 1));
    // depth 2 counts weight layers (head, out); the LayerNorm between them goes along
    expect(r.names).toEqual(['head', 'ln', 'out']);
    expect(r.variables).toHaveLength(5);
    const values = (name: string): number[] =>
      Array.from(p.entries.find((e) => e.name === name)?.variable.dataSync() ?? []);
    const std = (xs: number[]): number => Math.sqrt(xs.reduce((a, b) => a + b * b, 0) / xs.length);
    expect(values('stem/kernel').every((v) => v === 7)).toBe(true);
    expect(values('block/kernel').every((v) => v === 7)).toBe(true);
    // He keeps N(0, 2/fanIn): std ≈ sqrt(2/400) = 0.0707 (Glorot would give sqrt(2/500) = 0.063 as a normal, 0.0447 as its uniform's std)
    expect(std(values('head/kernel'))).toBeCloseTo(Math.sqrt(2 / 400), 2);
    expect(values('head/bias').every((v) => v === 0)).toBe(true);
    expect(values('ln/gamma').every((v) => v === 1)).toBe(true);
    expect(values('ln/beta').every((v) => v === 0)).toBe(true);
    const limit = Math.sqrt(6 / 150);
    expect(values('out/kernel').every((v) => Math.abs(v) <= limit)).toBe(true);
    expect(resetLayers(layers, 0, 1)).toEqual({ names: [], variables: [] });
    p.dispose();
  });
});
