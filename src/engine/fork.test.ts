import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodePublicReader } from '../data/nodePublicReader';
import { selectNodeBackend } from './backend/nodeBackend';
import type { RunEvent } from './events';
import { presetConfig } from './experiment/presets';
import { parseExperiment } from './experiment/schema';
import { runExperiment } from './runExperiment';
import type { Checkpoint } from './trainer';

const read = nodePublicReader();

beforeAll(async () => {
  await selectNodeBackend('wasm');
});

const stepsOf = (events: RunEvent[]): { step: number; total: number }[] =>
  events.flatMap((e) =>
    e.type === 'steps' ? e.points.map((p) => ({ step: p.step, total: p.total })) : [],
  );

/** Runs until `stopAt` steps are done, then stops: the stop checkpoints the run where it is. */
async function runAndStop(cfg: unknown, stopAt: number): Promise<Checkpoint> {
  const abort = new AbortController();
  const saved: Checkpoint[] = [];
  let done = 0;
  await runExperiment(cfg, {
    read,
    emit: (e) => {
      if (e.type === 'steps') done += e.points.length;
    },
    runIds: ['parent'],
    signal: abort.signal,
    checkpointEvery: 1000,
    gate: () => {
      if (done >= stopAt) abort.abort();
      return Promise.resolve();
    },
    onCheckpoint: (_id, ckpt) => {
      saved.push(ckpt);
      return Promise.resolve();
    },
  });
  const last = saved.at(-1);
  if (last === undefined) throw new Error('no checkpoint at the stop');
  return last;
}

describe('fork from here', () => {
  const cfg = { ...presetConfig('smoke'), steps: 40, evalEvery: 20, readbackEvery: 1 };

  it('a stopped run is checkpointed where it stopped; a fork with the same setup continues exactly', async () => {
    const ckpt = await runAndStop(cfg, 15);
    expect(ckpt.step).toBe(15);
    const full: RunEvent[] = [];
    await runExperiment(cfg, { read, emit: (e) => full.push(e), runIds: ['ref'] });
    const before = tf.memory().numTensors;
    const forked: RunEvent[] = [];
    await runExperiment(cfg, {
      read,
      emit: (e) => forked.push(e),
      runIds: ['child'],
      resume: new Map([['child', ckpt]]),
      fork: true,
    });
    expect(tf.memory().numTensors).toBe(before);
    const tail = stepsOf(forked);
    expect(tail[0]?.step).toBe(15);
    const reference = stepsOf(full).slice(15);
    tail.forEach((p, i) => {
      expect(Math.abs(p.total - (reference[i]?.total ?? 0)) / Math.abs(p.total)).toBeLessThan(1e-5);
    });
  });

  it('a fork with a new normalizer and a new logit method keeps the student weights and trains on from the fork step', async () => {
    const ckpt = await runAndStop(cfg, 15);
    const base = parseExperiment(cfg);
    const next = parseExperiment({
      ...base,
      feature: { ...base.feature, normalizer: 'global' },
      logits: { ...base.logits, method: 'kd', teacher: 'mlp' },
    });
    const forked: RunEvent[] = [];
    const summary = await runExperiment(next, {
      read,
      emit: (e) => forked.push(e),
      runIds: ['child'],
      resume: new Map([['child', ckpt]]),
      fork: true,
    });
    const tail = stepsOf(forked);
    expect(tail.map((p) => p.step)).toEqual(Array.from({ length: 25 }, (_, i) => 15 + i));
    expect(tail.every((p) => Number.isFinite(p.total))).toBe(true);
    expect(summary.steps).toBe(40);
    // from the parent's weights, not from scratch: a fresh run with the same setup starts far worse
    const fresh: RunEvent[] = [];
    await runExperiment(
      { ...next, steps: 1 },
      { read, emit: (e) => fresh.push(e), runIds: ['fresh'] },
    );
    const ceFork = forked.find((e) => e.type === 'eval');
    expect(ceFork?.type === 'eval' ? ceFork.testAccuracy : 0).toBeGreaterThan(0.5);
    const freshEval = fresh.find((e) => e.type === 'eval');
    expect(freshEval?.type === 'eval' ? freshEval.testAccuracy : 1).toBeLessThan(0.3);
  });

  it('refuses a fork that starts past the end of the new run', async () => {
    const ckpt = await runAndStop(cfg, 15);
    await expect(
      runExperiment(
        { ...cfg, steps: 10 },
        { read, emit: () => undefined, runIds: ['c'], resume: new Map([['c', ckpt]]), fork: true },
      ),
    ).rejects.toThrow(/raise the steps/);
  });
});
