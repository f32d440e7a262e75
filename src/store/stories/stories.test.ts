import { describe, expect, it } from 'vitest';
import { presetConfig } from '../../engine/experiment/presets';
import { featureShares, featureTerm } from '../../engine/lossTerms';
import { emptyRun, type RunState } from '../runState';
import { claimTable, claimValue, teacherShares } from './claims';
import { STORIES } from './index';
import { runLabel, storyPlan } from './storyPlan';

const base = presetConfig('phi-s-balance');
const TERMS = [featureTerm('cnn'), featureTerm('vit'), featureTerm('mlp')];

function runWith(label: string, terms: number[][], extra: Partial<RunState> = {}): RunState {
  return {
    ...emptyRun(label, label, base),
    terms: TERMS,
    points: terms.map((t, step) => ({
      step,
      terms: t,
      shares: featureShares(TERMS, t),
      total: t.reduce((a, b) => a + b, 0),
      samplesPerSecond: 1,
    })),
    ...extra,
  };
}

describe('stories', () => {
  it('every story step plans a valid setup, and the flagship ends on raw vs global vs PHI-S', () => {
    for (const story of Object.values(STORIES)) {
      let setup = presetConfig(story.preset);
      for (const step of story.steps) setup = storyPlan(step.action, setup).setup;
      expect(story.steps.at(-1)?.action.kind).toBe('compare');
    }
    const flagship = STORIES['phi-s-balance'];
    const last = flagship?.steps.at(-1)?.action;
    const plan = last ? storyPlan(last, { ...base, steps: 37 }) : null;
    expect(
      plan?.variants?.map((v) => [v.label, v.config.feature.normalizer, v.config.steps]),
    ).toEqual([
      ['raw MSE', 'none', 37],
      ['global', 'global', 37],
      ['PHI-S', 'phi-s', 37],
    ]);
    expect(base.teachers.find((t) => t.id === 'cnn')?.featureScale).toBe(10);
  });

  it('a compare step with seeds runs each variant on consecutive seeds under one label', () => {
    const story = STORIES['logit-standardization'];
    const last = story?.steps.at(-1)?.action;
    const plan = last ? storyPlan(last, presetConfig('logit-standardization')) : null;
    expect(plan?.variants?.map((v) => `${v.label}:${String(v.config.seed)}`)).toEqual([
      'KD:3',
      'KD:4',
      'KD:5',
      'LS-KD:3',
      'LS-KD:4',
      'LS-KD:5',
    ]);
  });

  it('names runs for people: raw MSE, not none', () => {
    expect(runLabel({ ...base, feature: { ...base.feature, normalizer: 'none' } })).toBe('raw MSE');
    expect(runLabel(presetConfig('logit-standardization'))).toBe('LS-KD');
  });
});

describe('claims', () => {
  it('a teacher share is its feature term over all feature terms, averaged over the last 100 steps', () => {
    const run = runWith('a', [
      [100, 0, 0],
      [8, 1, 1],
      [6, 2, 2],
    ]);
    expect(teacherShares(run).get('cnn')).toBeCloseTo((1 + 0.8 + 0.6) / 3, 12);
    expect(claimValue(run, { kind: 'teacherShare', teacher: 'vit' })).toBeCloseTo(
      (0 + 0.1 + 0.2) / 3,
      12,
    );
  });

  it('the claim table averages the seeds of a variant and leaves missing values empty', () => {
    const a = runWith('x', [[1, 1, 2]]);
    const b = runWith('x', [[3, 1, 0]]);
    const c = runWith('y', []);
    const t = claimTable([a, b, c], {
      metrics: [
        { label: 's', metric: { kind: 'teacherShare', teacher: 'cnn' }, digits: 2 },
        { label: 'acc', metric: { kind: 'testAccuracy' }, digits: 2 },
      ],
      reading: '',
    });
    expect(t.get('x')?.[0]).toBeCloseTo((0.25 + 0.75) / 2, 12);
    expect(t.get('x')?.[1]).toBeNull();
    expect(t.get('y')).toEqual([null, null]);
  });

  it('the reset dip is the lowest accuracy after a reset minus the accuracy before it', () => {
    const ev = (step: number, acc: number) => ({
      step,
      testAccuracy: acc,
      knnAccuracy: null,
      perTeacher: [],
    });
    const run = {
      ...emptyRun('d', 'd', presetConfig('dfl')),
      evals: [ev(100, 0.9), ev(150, 0.92), ev(200, 0.6), ev(250, 0.9)],
      dfl: [{ step: 200, kind: 'reset' as const, detail: '' }],
    };
    expect(claimValue(run, { kind: 'resetDip' })).toBeCloseTo(0.6 - 0.92, 12);
  });
});
