import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { PRESET_IDS, presetConfig } from './experiment/presets';
import { ConfigError, parseExperiment } from './experiment/schema';
import { runExperiment } from './runExperiment';
import { collectEvents, useEngine } from './testing/engineFixture';

const { read } = useEngine('wasm');

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

describe('runExperiment', () => {
  it.each(PRESET_IDS)('preset %s trains and its loss falls', async (id) => {
    const cfg = presetConfig(id);
    const steps = id === 'dfl' ? 150 : 80;
    const c = collectEvents();
    const summary = await runExperiment(
      {
        ...cfg,
        steps,
        evalEvery: 1000,
        trainSubset: Math.min(cfg.trainSubset || 2000, 2000),
        evalSubset: 300,
        ...(id === 'dfl' ? { dfl: { ...cfg.dfl, snapshotEvery: 40, resetPeriod: 100 } } : {}),
      },
      { read, emit: c.emit },
    );
    const totals = c.totals();
    expect(totals).toHaveLength(steps);
    expect(summary.diverged).toBeNull();
    expect(mean(totals.slice(-10))).toBeLessThan(mean(totals.slice(0, 10)));
    expect(c.events.at(-1)?.type).toBe('done');
  });

  it('is deterministic: same seed and backend give identical first 20 losses', async () => {
    const a = collectEvents();
    const b = collectEvents();
    const cfg = { ...presetConfig('smoke'), steps: 20 };
    await runExperiment(cfg, { read, emit: a.emit });
    await runExperiment(cfg, { read, emit: b.emit });
    expect(a.totals()).toHaveLength(20);
    expect(b.totals()).toEqual(a.totals());
    const c = collectEvents();
    await runExperiment({ ...cfg, seed: 99 }, { read, emit: c.emit });
    expect(c.totals()).not.toEqual(a.totals());
  });

  it('keeps tf.memory().numTensors flat over 300 steps and frees everything at the end', async () => {
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    await runExperiment(
      { ...presetConfig('smoke'), steps: 300, evalEvery: 100 },
      {
        read,
        emit: (e) => {
          if (e.type === 'steps') counts.push(tf.memory().numTensors);
        },
      },
    );
    expect(counts.length).toBeGreaterThan(50);
    const steady = counts.slice(2);
    expect(Math.max(...steady) - Math.min(...steady)).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('pause and resume lose no step', async () => {
    const c = collectEvents();
    let round = 0;
    let pauses = 0;
    await runExperiment(
      { ...presetConfig('smoke'), steps: 30 },
      {
        read,
        emit: c.emit,
        gate: async () => {
          round += 1;
          if (round % 7 === 0) {
            pauses += 1;
            await new Promise((r) => setTimeout(r, 20));
          }
        },
      },
    );
    const steps = c.points().map((p) => p.step);
    expect(pauses).toBeGreaterThan(2);
    expect(steps).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it('stops when aborted and still reports a summary', async () => {
    const ctrl = new AbortController();
    const c = collectEvents();
    const summary = await runExperiment(
      { ...presetConfig('smoke'), steps: 200 },
      {
        read,
        signal: ctrl.signal,
        emit: (e) => {
          c.emit(e);
          if (e.type === 'steps' && (e.points.at(-1)?.step ?? 0) >= 20) ctrl.abort();
        },
      },
    );
    expect(summary.steps).toBeLessThan(200);
    expect(summary.steps).toBeGreaterThan(20);
  });

  it('a non-finite loss stops the run with a diverged event naming the step and term', async () => {
    const c = collectEvents();
    const summary = await runExperiment(
      {
        ...presetConfig('smoke'),
        steps: 30,
        optimizer: { kind: 'sgd', learningRate: 10 },
        feature: { normalizer: 'none' },
        teachers: [{ id: 'mlp', featureScale: 1e4 }],
      },
      { read, emit: c.emit },
    );
    const [diverged] = c.ofType('diverged');
    if (!diverged) throw new Error('no diverged event');
    expect(summary.diverged).toEqual({ step: diverged.step, term: diverged.term });
    expect(diverged.term).toMatch(/^(MLP \(2×512 hidden\) features|cross-entropy \(labels\))$/);
    // stopped: at most one readback window (readbackEvery = 5) past the bad step, far short of 30
    expect(summary.steps).toBeLessThanOrEqual(diverged.step + 1 + 5);
    expect(summary.steps).toBeLessThan(30);
    // no point at or after the bad step reaches the charts, and no evaluation follows
    const plotted = c.points().map((p) => p.step);
    expect(plotted.every((s) => s < diverged.step)).toBe(true);
    expect(c.ofType('eval')).toHaveLength(0);
  });
});

describe('experiment schema', () => {
  it('fills every default', () => {
    const cfg = parseExperiment({});
    expect(cfg.teachers.map((t) => t.id)).toEqual(['cnn', 'vit', 'mlp']);
    expect(cfg.feature.normalizer).toBe('phi-s');
    expect(cfg.logits.ofa.eps).toBe(1);
    for (const id of PRESET_IDS) expect(() => presetConfig(id)).not.toThrow();
  });

  it('rejects invalid configs with their paths', () => {
    const issues = (input: unknown): string[] => {
      try {
        parseExperiment(input);
      } catch (e) {
        if (e instanceof ConfigError) return e.issues.map((i) => i.path);
        throw e;
      }
      return [];
    };
    expect(issues({ teachers: [{ id: 'cnn', weight: -1 }] })).toEqual(['teachers.0.weight']);
    expect(issues({ feature: { normalizer: 'magic' } })).toEqual(['feature.normalizer']);
    expect(issues({ batchSize: 0, steps: 'many' })).toEqual(['batchSize', 'steps']);
    expect(issues({ logits: { method: 'kd', teacher: 'resnet' } })).toEqual(['logits.teacher']);
    expect(issues({ teachers: [{ id: 'cnn' }, { id: 'cnn' }] })).toEqual(['teachers']);
    expect(
      issues({
        dataset: 'spirals',
        teachers: [],
        feature: { enabled: false },
        labelWeight: 1,
        student: { arch: 'cnn' },
      }),
    ).toEqual(['student.arch']);
    expect(() => parseExperiment({ student: { width: 1e9 } })).toThrow(/student\.width/);
  });
});
