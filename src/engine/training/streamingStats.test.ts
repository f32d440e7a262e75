import { describe, expect, it } from 'vitest';
import { momentsOfBatch, rngCreate } from '../../math';
import {
  STREAM_REFIT_EVERY,
  streamRefitDue,
  streamingObserve,
  streamingStart,
} from './streamingStats';

describe('streaming statistics schedule (TAO: refit every 100 steps, freeze after N steps)', () => {
  it('refits after 1, 2, 4, …, 64 batches, then every 100, and at the freeze step; never after it', () => {
    const due = Array.from({ length: 400 }, (_, i) => i + 1).filter((n) => streamRefitDue(n, 3000));
    expect(due).toEqual([1, 2, 4, 8, 16, 32, 64, 100, 200, 300, 400]);
    expect(STREAM_REFIT_EVERY).toBe(100);
    const short = Array.from({ length: 400 }, (_, i) => i + 1).filter((n) =>
      streamRefitDue(n, 250),
    );
    expect(short).toEqual([1, 2, 4, 8, 16, 32, 64, 100, 200, 250]);
    expect(streamRefitDue(0, 10)).toBe(false);
  });

  it('accumulates every batch until the freeze step (not 3,000 samples): the fit sees all of them', () => {
    const dim = 3;
    const rng = rngCreate(1);
    const batches = Array.from({ length: 12 }, () =>
      Float64Array.from({ length: 64 * dim }, () => rng.normal()),
    );
    let state = streamingStart(dim);
    const refits: number[] = [];
    batches.forEach((b, s) => {
      const r = streamingObserve(state, b, 10);
      state = r.state;
      if (r.refit) refits.push(s);
    });
    expect(refits).toEqual([0, 1, 3, 7, 9]);
    expect(state.batches).toBe(10);
    expect(state.running.count).toBe(640); // frozen after 10 batches of 64: batches 11 and 12 are not merged
    const exact = momentsOfBatch(
      Float64Array.from(batches.slice(0, 10).flatMap((b) => Array.from(b))),
      dim,
    );
    state.running.mean.forEach((m, c) => expect(m).toBeCloseTo(exact.mean[c] ?? 0, 10));
    state.running.comoment.forEach((m, k) => expect(m).toBeCloseTo(exact.comoment[k] ?? 0, 8));
    expect(state.fitted).toBe(state.running); // the last refit used everything merged
  });
});
