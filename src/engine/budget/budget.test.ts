import { describe, expect, it } from 'vitest';
import { presetConfig, PRESET_IDS } from '../experiment/presets';
import { parseExperiment } from '../experiment/schema';
import {
  calibrate,
  CONFIRM_BYTES,
  DEFAULT_FLOPS_PER_SECOND,
  estimateBudget,
  stepFlops,
} from './budget';
import { netCost } from './costModel';

describe('budget', () => {
  it('counts MLP parameters exactly and FLOPs as 2 per multiply-add', () => {
    const c = netCost({ arch: 'mlp', width: 10, depth: 2, featureDim: 4 }, [2, 2, 1], 3);
    // 4→10, 10→4, 4→3 with biases
    expect(c.params).toBe(4 * 10 + 10 + 10 * 4 + 4 + 4 * 3 + 3);
    expect(c.flops).toBe(2 * c.params);
  });

  it('every preset fits in memory; only the CNN-student OFA preset takes over two minutes here', () => {
    for (const id of PRESET_IDS) {
      const b = estimateBudget(presetConfig(id), DEFAULT_FLOPS_PER_SECOND.wasm);
      expect(b.bytes.peak).toBeLessThan(CONFIRM_BYTES);
      expect(b.verdict).toBe(id === 'ofa-heterogeneous' ? 'confirm' : 'ok');
    }
  });

  it('asks before the issue’s hostile link (5 teachers, MLP 1024×12, batch 1024, 1e6 steps) and names the knobs', () => {
    const cfg = parseExperiment({
      teachers: ['cnn', 'resnet', 'mlp', 'vit', 'mixer'].map((id) => ({ id })),
      student: { arch: 'mlp', width: 1024, depth: 12 },
      batchSize: 1024,
      steps: 1e6,
      evalEvery: 1000,
    });
    const b = estimateBudget(cfg, 1.5e9);
    expect(b.verdict).toBe('confirm');
    expect(b.seconds.total).toBeGreaterThan(86400 * 100);
    expect(b.reasons.join(' ')).toMatch(/fewer steps, a smaller batch/);
  });

  it('refuses a ViT with patch 1 and width 1024 (tens of GB of activations)', () => {
    const b = estimateBudget(
      parseExperiment({ student: { arch: 'vit', width: 1024, patch: 1 } }),
      1.5e9,
    );
    expect(b.verdict).toBe('refuse');
    expect(b.bytes.activations).toBeGreaterThan(4 * 1024 ** 3);
  });

  it('time scales linearly with steps and calibration follows the measured rate', () => {
    const cfg = presetConfig('phi-s-balance');
    const a = estimateBudget(cfg, 1e9);
    const b = estimateBudget({ ...cfg, steps: cfg.steps * 2 }, 1e9);
    expect(b.seconds.training).toBeCloseTo(2 * a.seconds.training, 6);
    let rate = 1e9;
    const trueRate = 3e9;
    const sps = (trueRate / stepFlops(cfg)) * cfg.batchSize;
    for (let i = 0; i < 30; i++) rate = calibrate(rate, cfg, sps);
    expect(rate / trueRate).toBeCloseTo(1, 3);
    expect(calibrate(rate, cfg, Number.NaN)).toBe(rate);
  });
});
