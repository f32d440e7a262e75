import { describe, expect, it } from 'vitest';
import {
  avatarTerm,
  balanceIndex,
  balanceSeries,
  ceTerm,
  featureShares,
  featureTerm,
  fvuSpread,
  logitTerm,
  windowShares,
} from './lossTerms';

describe('loss terms', () => {
  it('shares come from the feature terms only (avatar terms when a run has no feature terms)', () => {
    const terms = [featureTerm('cnn', 'CNN'), featureTerm('vit'), logitTerm('kd'), ceTerm()];
    expect(featureShares(terms, [3, 1, 100, 50])).toEqual([0.75, 0.25]);
    expect(featureShares(terms, [0, 0, 1, 1])).toEqual([0, 0]);
    expect(featureShares([avatarTerm('a'), avatarTerm('b')], [1, 3])).toEqual([0.25, 0.75]);
    expect(terms[0]?.label).toBe('CNN features');
    expect(terms.map((t) => t.key)).toEqual(['feature:cnn', 'feature:vit', 'logit:kd', 'ce']);
  });

  it('balance index = max/min share (∞ when a teacher gets nothing); FVU spread likewise', () => {
    expect(balanceIndex([0.5, 0.25, 0.25])).toBe(2);
    expect(balanceIndex([1, 0])).toBe(Infinity);
    expect(balanceIndex([])).toBeNaN();
    expect(fvuSpread([0.2, 0.4, Number.NaN])).toBeCloseTo(2, 12);
    expect(fvuSpread([])).toBeNaN();
  });

  it('averages shares over the last 100 steps, and along a run over a moving window', () => {
    const points = Array.from({ length: 150 }, (_, step) => ({
      step,
      shares: step < 50 ? [0.9, 0.1] : [0.6, 0.4],
    }));
    expect(windowShares(points).map((v) => Number(v.toFixed(12)))).toEqual([0.6, 0.4]);
    const series = balanceSeries(points, 10, 50);
    expect(series.map((p) => p.x)).toEqual([0, 50, 100]);
    expect(series[0]?.y).toBeCloseTo(9, 10);
    expect(series[2]?.y).toBeCloseTo(1.5, 10);
  });
});
