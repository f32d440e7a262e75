import { describe, expect, it } from 'vitest';
import { presetConfig } from './experiment/presets';
import { runExperiment, runLockstep } from './runExperiment';
import { collectEvents, useEngine } from './testing/engineFixture';

const { read } = useEngine('wasm');

describe('lockstep comparison', () => {
  it('gives the same numbers as the same variants run alone with the same seed', async () => {
    const base = {
      ...presetConfig('phi-s-balance'),
      steps: 60,
      evalEvery: 30,
      trainSubset: 1000,
      evalSubset: 200,
    };
    const variants = (['none', 'phi-s', 'zca'] as const).map((n) => ({
      ...base,
      feature: { ...base.feature, normalizer: n },
    }));
    const lock = collectEvents();
    const together = await runLockstep(variants, {
      read,
      emit: lock.emit,
      runIds: ['a', 'b', 'c'],
    });
    for (const [i, v] of variants.entries()) {
      const alone = collectEvents();
      const s = await runExperiment(v, { read, emit: alone.emit, runIds: ['solo'] });
      expect(alone.totals('solo')).toHaveLength(60);
      expect(alone.totals('solo')).toEqual(lock.totals(['a', 'b', 'c'][i]));
      expect(s.perTeacher).toEqual(together[i]?.perTeacher);
      expect(s.knnAccuracy).toBe(together[i]?.knnAccuracy);
    }
  });

  it('refuses variants that cannot share a teacher cache', async () => {
    await expect(
      runLockstep([presetConfig('smoke'), { ...presetConfig('smoke'), trainSubset: 100 }], {
        read,
        emit: () => undefined,
      }),
    ).rejects.toThrow(/share dataset, trainSubset and evalSubset/);
  });
});
