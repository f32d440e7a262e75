import { beforeAll, describe, expect, it } from 'vitest';
import { nodePublicReader } from '../data/nodePublicReader';
import { selectNodeBackend } from './backend/nodeBackend';
import type { RunEvent } from './events';
import { presetConfig } from './experiment/presets';
import { runExperiment, runLockstep } from './runExperiment';

const read = nodePublicReader();

beforeAll(async () => {
  await selectNodeBackend('wasm');
});

function lossesByRun(events: RunEvent[]): Map<string, number[]> {
  const m = new Map<string, number[]>();
  for (const e of events) if (e.type === 'steps') m.set(e.runId, [...(m.get(e.runId) ?? []), ...e.points.map((p) => p.total)]);
  return m;
}

describe('lockstep comparison', () => {
  it('gives the same numbers as the same variants run alone with the same seed', async () => {
    const base = { ...presetConfig('phi-s-balance'), steps: 60, evalEvery: 30, trainSubset: 1000, evalSubset: 200 };
    const variants = (['none', 'phi-s', 'zca'] as const).map((n) => ({ ...base, feature: { ...base.feature, normalizer: n } }));
    const events: RunEvent[] = [];
    const together = await runLockstep(variants, { read, emit: (e) => events.push(e), runIds: ['a', 'b', 'c'] });
    const lockLosses = lossesByRun(events);
    for (const [i, v] of variants.entries()) {
      const alone: RunEvent[] = [];
      const s = await runExperiment(v, { read, emit: (e) => alone.push(e), runIds: ['solo'] });
      expect(lossesByRun(alone).get('solo')).toEqual(lockLosses.get(['a', 'b', 'c'][i] ?? ''));
      expect(s.perTeacher).toEqual(together[i]?.perTeacher);
      expect(s.knnAccuracy).toBe(together[i]?.knnAccuracy);
    }
  });

  it('refuses variants that cannot share a teacher cache', async () => {
    await expect(runLockstep([presetConfig('smoke'), { ...presetConfig('smoke'), trainSubset: 100 }], { read, emit: () => undefined })).rejects.toThrow(/share dataset, trainSubset and evalSubset/);
  });
});
