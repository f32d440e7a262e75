import { describe, expect, it } from 'vitest';
import { presetConfig } from '../engine/experiment/presets';
import { applyKnobsToConfig } from './applyKnobsToConfig';
import { liveKnobDiff } from './liveKnobDiff';

const base = presetConfig('phi-s-balance');

describe('live knobs', () => {
  it('a teacher weight, the learning rate and the label weight go live; the rest needs a restart', () => {
    const next = {
      ...base,
      teachers: base.teachers.map((t) => (t.id === 'vit' ? { ...t, weight: 3 } : t)),
      optimizer: { ...base.optimizer, learningRate: 0.01 },
      steps: 999,
    };
    const d = liveKnobDiff(base, next);
    expect(d.knobs).toEqual({ teachers: [{ id: 'vit', weight: 3 }], learningRate: 0.01 });
    expect(d.labels).toEqual(['vit weight 1 → 3', 'lr 0.001 → 0.01']);
    expect(d.restart).toEqual([]);
    expect(applyKnobsToConfig(base, d.knobs)).toEqual({ ...next, steps: base.steps });
  });

  it('changing the normalizer or the set of teachers is not live', () => {
    const d = liveKnobDiff(base, {
      ...base,
      feature: { ...base.feature, normalizer: 'zca' },
      teachers: base.teachers.slice(1),
    });
    expect(d.knobs).toEqual({});
    expect(d.restart).toEqual(['the set of teachers', 'feature distillation (normalizer, loss)']);
  });

  it('turning the label loss on from zero needs a restart (the term does not exist yet)', () => {
    expect(liveKnobDiff(base, { ...base, labelWeight: 1 }).restart).toEqual([
      'turning the label loss on or off',
    ]);
  });
});
