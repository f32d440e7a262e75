import { describe, expect, it } from 'vitest';
import { presetConfig } from '../engine/experiment/presets';
import { parseExperiment, type ExperimentConfig } from '../engine/experiment/schema';
import { compareCharts, variantAxes } from './compareCharts';

const withNormalizer = (c: ExperimentConfig, n: string): ExperimentConfig =>
  parseExperiment({ ...c, feature: { ...c.feature, normalizer: n } });
const withMethod = (c: ExperimentConfig, m: string): ExperimentConfig =>
  parseExperiment({ ...c, logits: { ...c.logits, method: m } });

describe('compare charts follow what differs', () => {
  it('normalizers (label-free, three teachers): balance, kNN, FVU and variance profiles; no accuracy', () => {
    const base = presetConfig('phi-s-balance');
    const configs = ['none', 'global', 'phi-s'].map((n) => withNormalizer(base, n));
    expect(variantAxes(configs)).toEqual(['normalization']);
    expect(compareCharts(configs)).toEqual(['loss', 'balance', 'knn', 'fvu', 'multiples']);
  });

  it('KD vs LS-KD: accuracy and the logit loss, not the balance charts', () => {
    const base = presetConfig('logit-standardization');
    const configs = [withMethod(base, 'kd'), withMethod(base, 'ls-kd')];
    expect(variantAxes(configs)).toEqual(['logit method']);
    const charts = compareCharts(configs);
    expect(charts).toEqual(['loss', 'accuracy', 'logitLoss']);
  });

  it('labels only vs KD vs OFA: accuracy and the logit loss', () => {
    const base = presetConfig('ofa-heterogeneous');
    const charts = compareCharts(['none', 'kd', 'ofa'].map((m) => withMethod(base, m)));
    expect(charts).toEqual(['loss', 'accuracy', 'logitLoss']);
  });

  it('avatars on and off: λ and the fidelity it buys', () => {
    const base = presetConfig('avatars');
    const on = parseExperiment({ ...base, avatars: { ...base.avatars, enabled: true, rate: 0.5 } });
    const off = parseExperiment({ ...base, avatars: { ...base.avatars, enabled: false } });
    const charts = compareCharts([on, off]);
    expect(charts).toContain('avatarWeight');
    expect(charts).toContain('fvu');
    expect(charts).not.toContain('multiples');
  });

  it('seeds only: the measures the setup has', () => {
    const base = presetConfig('phi-s-balance');
    const configs = [base, parseExperiment({ ...base, seed: base.seed + 1 })];
    expect(compareCharts(configs)).toEqual(['loss', 'balance', 'knn', 'fvu']);
  });
});
