import { describe, expect, it } from 'vitest';
import { presetConfig } from '../engine/experiment/presets';
import { parseExperiment } from '../engine/experiment/schema';
import { forkCheck, liveRun } from './forkRun';
import { emptyRun, type RunState } from './runState';

const cfg = presetConfig('phi-s-balance');
const at = (run: RunState, steps: number): RunState => ({
  ...run,
  points: Array.from({ length: steps }, (_, step) => ({
    step,
    total: 1,
    samplesPerSecond: 1,
    terms: [1],
    shares: [1],
  })),
});
const state = (setup = cfg, status: 'running' | 'paused' | 'done' = 'paused') => {
  const run = at(emptyRun('p', 'PHI-S', cfg), 30);
  return { job: { id: 'j', status, message: '' }, runs: { p: run }, runOrder: ['p'], setup };
};

describe('fork from here', () => {
  it('forks a paused run with a new normalizer or logit method', () => {
    const global = parseExperiment({ ...cfg, feature: { ...cfg.feature, normalizer: 'global' } });
    const c = forkCheck(state(global));
    expect(c.ok).toBe(true);
    if (c.ok) expect(c.parent.id).toBe('p');
  });

  it('refuses a new student or dataset (the weights would not fit), and a run at its end', () => {
    const wider = parseExperiment({ ...cfg, student: { ...cfg.student, width: 64 } });
    expect(forkCheck(state(wider))).toEqual({
      ok: false,
      reason: expect.stringContaining('the student') as string,
    });
    const short = parseExperiment({ ...cfg, steps: 30 });
    expect(forkCheck(state(short))).toEqual({
      ok: false,
      reason: expect.stringContaining('raise the steps') as string,
    });
  });

  it('has no live run when the job is done or several runs train together', () => {
    expect(liveRun(state(cfg, 'done'))).toBeNull();
    const s = state();
    const two = {
      ...s,
      runs: { ...s.runs, q: emptyRun('q', 'global', cfg) },
      runOrder: ['p', 'q'],
    };
    expect(liveRun(two)).toBeNull();
    // after a fork the parent has its summary: the fork is the live run
    const parent = { ...two.runs.p, summary: {} as NonNullable<RunState['summary']> };
    expect(liveRun({ ...two, runs: { ...two.runs, p: parent } })?.id).toBe('q');
  });
});
