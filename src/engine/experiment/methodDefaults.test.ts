import { describe, expect, it } from 'vitest';
import { LOGIT_DEFAULTS, switchLogitMethod } from './methodDefaults';
import { parseExperiment } from './schema';

describe('logit method defaults', () => {
  it('switching method loads the reference T, weight and CE weight (OFA T = 1; LS-KD T = 2, weight 9, CE 0.1)', () => {
    const base = parseExperiment({});
    const ofa = switchLogitMethod(base, 'ofa');
    expect([ofa.logits.temperature, ofa.logits.weight, ofa.labelWeight]).toEqual([1, 1, 1]);
    const ls = switchLogitMethod(ofa, 'ls-kd');
    expect([ls.logits.temperature, ls.logits.weight, ls.labelWeight]).toEqual([2, 9, 0.1]);
    const kd = switchLogitMethod(ls, 'kd');
    expect([kd.logits.temperature, kd.logits.weight, kd.labelWeight]).toEqual([
      LOGIT_DEFAULTS.kd.temperature,
      LOGIT_DEFAULTS.kd.weight,
      LOGIT_DEFAULTS.kd.labelWeight,
    ]);
    expect(parseExperiment(ls)).toEqual(ls);
  });

  it('keeps a knob the user changed', () => {
    const base = switchLogitMethod(parseExperiment({}), 'kd');
    const tuned = { ...base, logits: { ...base.logits, temperature: 8 } };
    const ls = switchLogitMethod(tuned, 'ls-kd');
    expect(ls.logits.temperature).toBe(8);
    expect(ls.logits.weight).toBe(9);
  });
});
