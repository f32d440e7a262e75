import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { presetConfig } from './experiment/presets';
import { runExperiment } from './runExperiment';
import type { Checkpoint } from './trainer';
import { collectEvents, useEngine } from './testing/engineFixture';

const { read } = useEngine('wasm');

describe('checkpoints', () => {
  it('a run resumed from its checkpoint continues with exactly the same losses, no step lost', async () => {
    const cfg = { ...presetConfig('smoke'), steps: 60, evalEvery: 30 };
    const full = collectEvents();
    const saved = new Map<number, Checkpoint>();
    await runExperiment(cfg, {
      read,
      emit: full.emit,
      runIds: ['r'],
      checkpointEvery: 20,
      onCheckpoint: (_id, ckpt) => {
        saved.set(ckpt.step, ckpt);
        return Promise.resolve();
      },
    });
    expect([...saved.keys()]).toEqual([20, 40]);
    const ckpt = saved.get(40);
    if (!ckpt) throw new Error('no checkpoint');
    const before = tf.memory().numTensors;
    const resumed = collectEvents();
    const summary = await runExperiment(cfg, {
      read,
      emit: resumed.emit,
      runIds: ['r'],
      resume: new Map([['r', ckpt]]),
    });
    expect(tf.memory().numTensors).toBe(before);
    const tail = resumed.points();
    expect(tail.map((p) => p.step)).toEqual(Array.from({ length: 20 }, (_, i) => 40 + i));
    // identical up to float rounding: Adam's bias corrections are recomputed as β^(t+1) on restore
    const reference = full.points().slice(40);
    tail.forEach((p, i) => {
      expect(p.step).toBe(reference[i]?.step);
      expect(Math.abs(p.total - (reference[i]?.total ?? 0)) / Math.abs(p.total)).toBeLessThan(1e-5);
    });
    expect(summary.steps).toBe(60);
  });

  it('refuses a checkpoint that does not fit the run', async () => {
    const cfg = { ...presetConfig('smoke'), steps: 30 };
    const bad: Checkpoint = { step: 10, variables: {}, optimizer: [] };
    await expect(
      runExperiment(cfg, {
        read,
        emit: () => undefined,
        runIds: ['r'],
        resume: new Map([['r', bad]]),
      }),
    ).rejects.toThrow(/checkpoint lacks/);
  });
});
