import { describe, expect, it } from 'vitest';
import { presetConfig } from '../engine/experiment/presets';
import { emptyRun, type RunState } from './runState';
import { SaveQueue } from './saveQueue';

const cfg = presetConfig('smoke');
const at = (n: number, done = false): RunState => ({
  ...emptyRun('r', 'x', cfg),
  evals: Array.from({ length: n }, (_, i) => ({
    step: i,
    testAccuracy: null,
    knnAccuracy: null,
    perTeacher: [],
    logits: null,
  })),
  summary: done ? ({} as RunState['summary']) : null,
});

describe('SaveQueue', () => {
  it('keeps one save in flight per run and merges what waits into the newest state', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const saved: number[] = [];
    let released = false;
    const q = new SaveQueue({
      save: async (run) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        saved.push(run.evals.length);
        inFlight -= 1;
        return [];
      },
      saved: () => undefined,
      failed: (e) => {
        throw e;
      },
      claim: (_id, done) => {
        void done.then(() => {
          released = true;
        });
        return Promise.resolve(true);
      },
      now: () => 't',
    });
    for (let i = 1; i <= 50; i++) q.request(at(i, i === 50));
    await q.flushed();
    await Promise.resolve();
    expect(maxInFlight).toBe(1);
    expect(saved.at(-1)).toBe(50);
    expect(saved.length).toBeLessThanOrEqual(2);
    expect(released).toBe(true);
  });

  it('a tab that does not own the run writes nothing', async () => {
    let saves = 0;
    const q = new SaveQueue({
      save: () => Promise.resolve(((saves += 1), [])),
      saved: () => undefined,
      failed: () => undefined,
      claim: () => Promise.resolve(false),
      now: () => 't',
    });
    q.request(at(1));
    q.request(at(2, true));
    await q.flushed();
    expect(saves).toBe(0);
  });
});
