import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseExperiment } from '../engine/experiment/schema';
import type { RunSummary } from '../engine/events';
import { compareFile, compareRows, parseCompareFile, rowsToCsv, stat } from './compareResults';
import { compareVariants } from './compareVariants';
import { emptyRun, type RunState } from './runState';

function runWith(label: string, balance: number, knn: number): RunState {
  const summary: RunSummary = {
    steps: 10,
    perTeacher: [
      {
        id: 'cnn',
        lossShare: 0.5,
        initialShare: 0.5,
        errorNormalized: balance / 10,
        fvu: 1 - knn,
        whitenedError: 0.3,
        cka: 0.8,
        cosineCentered: 0.9,
      },
    ],
    balanceIndex: balance,
    worstFvu: 1 - knn,
    meanFvu: 1 - knn,
    fvuSpread: 1,
    worstWhitenedError: 0.3,
    meanCka: 0.8,
    avatars: [],
    refitSteps: [],
    testAccuracy: null,
    knnAccuracy: knn,
    samplesPerSecond: 1000,
    wallSeconds: 2,
    finalLoss: 1,
    diverged: null,
  };
  return { ...emptyRun(`${label}-${balance}`, label, parseExperiment({})), summary };
}

describe('comparison results', () => {
  it('aggregate seeds as mean ± sample std per variant', () => {
    const rows = compareRows([
      runWith('phi-s', 1, 0.9),
      runWith('none', 4, 0.8),
      runWith('phi-s', 3, 0.7),
    ]);
    expect(rows.map((r) => r.label)).toEqual(['phi-s', 'none']);
    expect(rows[0]?.balanceIndex).toEqual({ mean: 2, std: Math.SQRT2, n: 2 });
    expect(rows[0]?.testAccuracy).toEqual({ mean: null, std: null, n: 0 });
    expect(stat([1, Number.NaN, null, 3]).mean).toBe(2);
  });

  it('export to JSON re-imports to the same rows; CSV has a header and one line per variant', () => {
    const rows = compareRows([runWith('phi-s', 1, 0.9), runWith('none', 4, 0.8)]);
    const text = JSON.stringify(compareFile(rows, []));
    expect(parseCompareFile(text).rows).toEqual(rows);
    const csv = rowsToCsv(rows).trim().split('\n');
    expect(csv).toHaveLength(3);
    expect(csv[0]).toContain('worstFvu_mean');
    expect(csv[0]).toContain('cnn_errorNormalized_mean'); // exported, named as such, never shown in the table
    expect(() => parseCompareFile('{"format":"other"}')).toThrow(/Not a Distill Lab comparison/);
    expect(() => parseCompareFile('nope')).toThrow(/not JSON/);
  });

  it('never crashes on arbitrary imported text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        try {
          parseCompareFile(text);
        } catch (e) {
          expect(e).toBeInstanceOf(Error);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('expands variants × seeds with shared labels', () => {
    const v = compareVariants(parseExperiment({}), 'normalizer', ['none', 'phi-s'], 3);
    expect(v.map((x) => x.label)).toEqual(['none', 'none', 'none', 'phi-s', 'phi-s', 'phi-s']);
    expect(v.map((x) => x.config.seed)).toEqual([0, 1, 2, 0, 1, 2]);
    expect(v[3]?.config.feature.normalizer).toBe('phi-s');
    expect(() => compareVariants(parseExperiment({}), 'normalizer', [], 1)).toThrow(
      /at least one value/,
    );
  });
});
