import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { clear } from 'idb-keyval';
import { presetConfig } from '../engine/experiment/presets';
import { kvStore } from './idbTx';
import { deleteRun, loadHistory, loadRun, renameRun, saveRun } from './persistence';
import { emptyRun, type RunState } from './runState';

const cfg = presetConfig('smoke');
function run(id: string, evals: number, done = false): RunState {
  const base = emptyRun(id, 'phi-s', cfg);
  return {
    ...base,
    points: Array.from({ length: 40 }, (_, i) => ({
      step: i,
      terms: [1],
      total: 1,
      shares: [1],
      samplesPerSecond: 100,
    })),
    evals: Array.from({ length: evals }, (_, i) => ({
      step: (i + 1) * 2,
      testAccuracy: 0.5,
      knnAccuracy: null,
      perTeacher: [],
      logits: null,
    })),
    summary: done
      ? {
          steps: 40,
          perTeacher: [],
          balanceIndex: 1,
          worstFvu: 0.5,
          meanFvu: 0.5,
          fvuSpread: 0,
          worstWhitenedError: 1,
          meanCka: 0.5,
          avatars: [],
          refitSteps: [],
          testAccuracy: 0.5,
          knnAccuracy: null,
          samplesPerSecond: 100,
          wallSeconds: 1,
          finalLoss: 1,
          diverged: null,
        }
      : null,
  };
}

async function rawKeys(): Promise<string[]> {
  return kvStore()(
    'readonly',
    (os) =>
      new Promise<string[]>((resolve) => {
        const r = os.getAllKeys();
        r.onsuccess = () => resolve(r.result.map(String));
      }),
  );
}

describe('IndexedDB persistence', () => {
  beforeEach(async () => {
    await clear(kvStore());
  });

  it('stores evaluations in appended chunks and reads the run back whole', async () => {
    await saveRun(run('a', 120), 't0');
    await saveRun(run('a', 130), 't0');
    const rec = await loadRun('a');
    expect(rec?.run.evals.map((e) => e.step)).toEqual(
      Array.from({ length: 130 }, (_, i) => (i + 1) * 2),
    );
    expect((await rawKeys()).filter((k) => k.startsWith('evals:a:')).sort()).toEqual([
      'evals:a:0',
      'evals:a:1',
      'evals:a:2',
    ]);
  });

  it('rewrites evaluations from the start when the list changed under them (a resume dropped a tail)', async () => {
    await saveRun(run('a', 120), 't0');
    const resumed = run('a', 30);
    await saveRun(
      { ...resumed, evals: resumed.evals.map((e) => ({ ...e, step: e.step + 1 })) },
      't0',
    );
    const rec = await loadRun('a');
    expect(rec?.run.evals).toHaveLength(30);
    expect(rec?.run.evals[0]?.step).toBe(3);
    expect((await rawKeys()).filter((k) => k.startsWith('evals:a:'))).toEqual(['evals:a:0']);
  });

  it('never lets a stale unfinished save replace a finished record', async () => {
    await saveRun(run('a', 3, true), 't0');
    await saveRun(run('a', 2, false), 't0');
    expect((await loadHistory())[0]?.finished).toBe(true);
    expect((await loadRun('a'))?.run.summary).not.toBeNull();
  });

  it('interleaved saves, renames and deletes (two tabs) lose no entry and no rename', async () => {
    await Promise.all([
      saveRun(run('a', 1), 't0'),
      saveRun(run('b', 1), 't1'),
      saveRun(run('c', 1), 't2'),
    ]);
    await Promise.all([
      renameRun('a', 'renamed'),
      saveRun(run('a', 2), 't0'),
      saveRun(run('d', 1), 't3'),
      deleteRun('b'),
      saveRun(run('c', 2, true), 't2'),
      saveRun(run('e', 1), 't4'),
    ]);
    const h = await loadHistory();
    expect(h.map((e) => e.id).sort()).toEqual(['a', 'c', 'd', 'e']);
    expect(h.find((e) => e.id === 'a')?.name).toBe('renamed');
    expect((await loadRun('a'))?.entry.name).toBe('renamed');
    expect(h.find((e) => e.id === 'c')?.finished).toBe(true);
    const keys = await rawKeys();
    expect(keys.filter((k) => k.startsWith('run:')).sort()).toEqual([
      'run:a',
      'run:c',
      'run:d',
      'run:e',
    ]);
    expect(keys.some((k) => k.includes(':b'))).toBe(false);
  });

  it('a damaged record reads as missing, and the history survives it', async () => {
    await saveRun(run('a', 1), 't0');
    await kvStore()('readwrite', (os) => {
      os.put({ format: 'distill-lab-run', version: 2, junk: true, evalCount: 1 }, 'run:a');
    });
    expect(await loadRun('a')).toBeNull();
    expect(await loadHistory()).toHaveLength(1);
  });
});
