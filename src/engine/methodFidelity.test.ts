import { describe, expect, it } from 'vitest';
import { NORMALIZER_KINDS } from '../methods/normalizerKinds';
import type { RunSummary } from './events';
import { presetConfig } from './experiment/presets';
import { lossTermList } from './training/objective';
import { runExperiment, runLockstep } from './runExperiment';
import { collectEvents, useEngine } from './testing/engineFixture';

const { read } = useEngine('wasm');

describe('streaming statistics (TAO schedule)', () => {
  it('a 300-step streaming run ends within 10 % of the exact-statistics run’s per-teacher FVU, for every normalizer', async () => {
    const base = {
      ...presetConfig('phi-s-balance'),
      steps: 300,
      evalEvery: 1000,
      trainSubset: 1000,
      evalSubset: 500,
    };
    const configs = NORMALIZER_KINDS.flatMap((normalizer) =>
      (['exact', 'streaming'] as const).map((statistics) => ({
        ...base,
        feature: { ...base.feature, normalizer, statistics },
      })),
    );
    const c = collectEvents();
    const summaries = await runLockstep(configs, { read, emit: c.emit });
    NORMALIZER_KINDS.forEach((kind, i) => {
      const exact = summaries[2 * i] as RunSummary;
      const streaming = summaries[2 * i + 1] as RunSummary;
      exact.perTeacher.forEach((p, t) => {
        const s = streaming.perTeacher[t]?.fvu ?? Number.NaN;
        expect(
          Math.abs(s - p.fvu) / p.fvu,
          `${kind} ${p.id}: exact ${p.fvu.toFixed(4)}, streaming ${s.toFixed(4)}`,
        ).toBeLessThan(0.1);
      });
      expect(exact.refitSteps).toEqual([]);
      // refits after 1, 2, 4, … 64 batches, then every 100 and at the freeze step (= the run's length)
      expect(streaming.refitSteps).toEqual([0, 1, 3, 7, 15, 31, 63, 99, 199, 299]);
    });
    expect(c.ofType('refit').filter((e) => e.runId === 'run-2').length).toBe(10);
  }, 900_000);
});

describe('Avatar KD factor in a run', () => {
  const avatarRun = async (rate: number, featureScale: number): Promise<RunSummary> => {
    const cfg = presetConfig('avatars');
    return runExperiment(
      {
        ...cfg,
        steps: 30,
        evalEvery: 1000,
        trainSubset: 1000,
        evalSubset: 200,
        teachers: cfg.teachers.map((t) => ({ ...t, featureScale })),
        avatars: { ...cfg.avatars, rate },
      },
      { read, emit: () => undefined },
    );
  };

  it('mean λ does not move with a teacher’s feature scale (< 0.01) and falls as the dropout rate grows (0.1 vs 0.5: ≥ 0.1)', async () => {
    const low = await avatarRun(0.1, 1);
    const loud = await avatarRun(0.1, 10);
    const high = await avatarRun(0.5, 1);
    const lambda = (s: RunSummary): number => s.avatars[0]?.meanWeight ?? Number.NaN;
    expect(Math.abs(lambda(low) - lambda(loud))).toBeLessThan(0.01);
    expect(lambda(low) - lambda(high)).toBeGreaterThan(0.1);
    expect(lambda(low)).toBeLessThan(1);
    expect(low.avatars[0]?.spread).toBeGreaterThan(0);
  }, 600_000);

  it('emits λ, its spread and one distance per avatar', async () => {
    const c = collectEvents();
    const cfg = presetConfig('avatars');
    await runExperiment(
      { ...cfg, steps: 10, evalEvery: 1000, trainSubset: 500, evalSubset: 100 },
      { read, emit: c.emit },
    );
    const av = c.ofType('avatar');
    expect(av.length).toBeGreaterThan(0);
    for (const a of av) {
      expect(a.distances).toHaveLength(cfg.avatars.count);
      expect(a.meanWeight).toBeGreaterThan(0);
      expect(a.meanWeight).toBeLessThanOrEqual(1);
    }
  }, 300_000);

  it('the “code” variant distills from the avatar only: no vanilla feature term', () => {
    const cfg = presetConfig('avatars');
    const kinds = (variant: 'code' | 'paper'): string[] =>
      lossTermList({ ...cfg, avatars: { ...cfg.avatars, variant } }, 0).map((t) => t.kind);
    expect(kinds('code')).toEqual(['avatar']);
    expect(kinds('paper')).toEqual(['feature', 'avatar']);
  });
});
