import { mkdirSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from './events';
import { presetConfig } from './experiment/presets';
import type { ExperimentConfig } from './experiment/schema';
import { runLockstep } from './runExperiment';
import { loadZooManifest } from '../models/loadTeacher';
import { useEngine } from './testing/engineFixture';

/**
 * The PHI-S paper's central claim, reproduced on `phi-s-balance` (three heterogeneous teachers,
 * label-free), with the feature-scale knob at ×10 on each teacher in turn and at natural scales.
 * Every run shares one teacher cache and one seed (lockstep). Measured numbers are written to
 * test-results/phi-s-claims.json.
 */
const { read } = useEngine('wasm');
const NORMALIZERS = ['none', 'phi-s', 'global', 'per-dim'] as const;
const KNOBS = ['natural', 'cnn', 'vit', 'mlp'] as const;
const STEPS = 300;

interface Cell {
  readonly normalizer: (typeof NORMALIZERS)[number];
  readonly knob: (typeof KNOBS)[number];
  readonly summary: RunSummary;
}

let cells: Cell[] = [];
let energy: Record<string, number> = {};

beforeAll(async () => {
  const base = presetConfig('phi-s-balance');
  const configs: ExperimentConfig[] = [];
  const labels: Omit<Cell, 'summary'>[] = [];
  for (const normalizer of NORMALIZERS)
    for (const knob of KNOBS) {
      configs.push({
        ...base,
        steps: STEPS,
        evalEvery: STEPS,
        feature: { ...base.feature, normalizer },
        teachers: base.teachers.map((t) => ({ ...t, featureScale: t.id === knob ? 10 : 1 })),
      });
      labels.push({ normalizer, knob });
    }
  const summaries = await runLockstep(configs, { read, emit: () => undefined });
  cells = labels.map((l, i) => ({ ...l, summary: summaries[i] as RunSummary }));
  const manifest = await loadZooManifest('mnist', read);
  energy = Object.fromEntries(manifest.teachers.map((t) => [t.id, t.featureStats.energyPerDim]));
  mkdirSync('test-results', { recursive: true });
  writeFileSync(
    'test-results/phi-s-claims.json',
    JSON.stringify(
      cells.map((c) => ({
        normalizer: c.normalizer,
        knob: c.knob,
        balanceIndex: c.summary.balanceIndex,
        perTeacher: c.summary.perTeacher,
      })),
      null,
      2,
    ),
  );
}, 900_000);

const cell = (normalizer: Cell['normalizer'], knob: Cell['knob']): RunSummary => {
  const c = cells.find((x) => x.normalizer === normalizer && x.knob === knob);
  if (!c) throw new Error(`${normalizer}/${knob} missing`);
  return c.summary;
};
const ratio = (s: RunSummary): number =>
  Math.max(...s.perTeacher.map((p) => p.lossShare)) /
  Math.min(...s.perTeacher.map((p) => p.lossShare));
const worstError = (s: RunSummary): number => s.worstFvu;

describe('PHI-S central claim on phi-s-balance', () => {
  it('(i) raw MSE: initial shares follow feature energy E[y²] (±0.05); a ×10 teacher takes ≥ 0.8 of the loss', () => {
    const natural = cell('none', 'natural');
    const total = natural.perTeacher.reduce((s, p) => s + (energy[p.id] ?? 0), 0);
    for (const p of natural.perTeacher)
      expect(Math.abs(p.initialShare - (energy[p.id] ?? 0) / total), p.id).toBeLessThanOrEqual(
        0.05,
      );
    for (const knob of ['cnn', 'vit', 'mlp'] as const) {
      const loud = cell('none', knob).perTeacher.find((p) => p.id === knob);
      expect(loud?.lossShare, knob).toBeGreaterThanOrEqual(0.8);
    }
  });

  it('(ii) PHI-S is scale-invariant (< 0.01) while raw MSE’s max/min share ratio moves > 10×', () => {
    const natural = cell('phi-s', 'natural');
    for (const knob of ['cnn', 'vit', 'mlp'] as const) {
      const knobbed = cell('phi-s', knob);
      natural.perTeacher.forEach((p, i) => {
        const q = knobbed.perTeacher[i];
        expect(Math.abs((q?.lossShare ?? 0) - p.lossShare)).toBeLessThan(0.01);
        expect(Math.abs((q?.initialShare ?? 0) - p.initialShare)).toBeLessThan(0.01);
        expect(Math.abs((q?.errorNormalized ?? 0) - p.errorNormalized)).toBeLessThan(0.01);
        expect(Math.abs((q?.fvu ?? 0) - p.fvu)).toBeLessThan(0.01);
        expect(Math.abs((q?.cka ?? 0) - p.cka)).toBeLessThan(0.01);
      });
    }
    const raws = KNOBS.map((k) => ratio(cell('none', k)));
    expect(Math.max(...raws) / Math.min(...raws)).toBeGreaterThan(10);
  });

  it('(iii) PHI-S’s worst-teacher FVU over all knob placements is below raw MSE’s', () => {
    const worst = (n: Cell['normalizer']): number =>
      Math.max(...KNOBS.map((k) => worstError(cell(n, k))));
    expect(worst('phi-s')).toBeLessThan(worst('none'));
  });

  it('(iv) global and per-dimension standardization are scale-invariant too (< 0.01): the knob alone cannot tell them from PHI-S', () => {
    for (const normalizer of ['global', 'per-dim'] as const) {
      const natural = cell(normalizer, 'natural');
      for (const knob of ['cnn', 'vit', 'mlp'] as const) {
        const knobbed = cell(normalizer, knob);
        natural.perTeacher.forEach((p, i) => {
          const q = knobbed.perTeacher[i];
          expect(Math.abs((q?.lossShare ?? 0) - p.lossShare), `${normalizer}/${knob}`).toBeLessThan(
            0.01,
          );
          expect(Math.abs((q?.fvu ?? 0) - p.fvu), `${normalizer}/${knob}`).toBeLessThan(0.01);
        });
      }
      // and, like PHI-S, no ×10 teacher takes over the loss as it does under raw MSE (≥ 0.8)
      for (const knob of ['cnn', 'vit', 'mlp'] as const) {
        const loud = cell(normalizer, knob).perTeacher.find((p) => p.id === knob);
        expect(loud?.lossShare, `${normalizer}/${knob}`).toBeLessThan(0.8);
      }
    }
  });
});
