import { describe, expect, it } from 'vitest';
import { presetConfig } from '../engine/experiment/presets';
import { csvCell, parseCompareFile } from './compareResults';
import {
  MAX_IMPORTED_EVALS,
  MAX_IMPORTED_POINTS,
  MAX_RUN_TEXT_BYTES,
  parseSavedRun,
  thin,
} from './runFile';

function runFile(steps: number, patch: Record<string, unknown> = {}): string {
  return JSON.stringify({
    format: 'distill-lab-run',
    version: 2,
    entry: { id: 'r', name: 'n', createdAt: 't', label: 'phi-s', steps, finished: false },
    run: {
      id: 'r',
      label: 'phi-s',
      config: presetConfig('smoke'),
      teachers: [
        {
          id: 'mlp',
          name: 'MLP',
          arch: 'mlp',
          featureDim: 128,
          parameters: 1,
          testAccuracy: null,
          featureScale: 1,
          weight: 1,
        },
      ],
      terms: [{ kind: 'feature', teacher: 'mlp', key: 'feature:mlp', label: 'mlp' }],
      points: Array.from({ length: steps }, (_, i) => ({
        step: i,
        terms: [1],
        total: 1,
        shares: [1],
        samplesPerSecond: 10,
      })),
      evals: Array.from({ length: Math.floor(steps / 10) }, (_, i) => ({
        step: i * 10,
        testAccuracy: 0.5,
        knnAccuracy: null,
        perTeacher: [
          {
            id: 'mlp',
            errorNormalized: 1,
            fvu: null,
            whitenedError: 1,
            cka: 0.5,
            cosineCentered: 0.5,
            errorPerDim: [1, 2],
          },
        ],
        logits: null,
      })),
      dfl: [],
      summary: null,
      ...patch,
    },
  });
}

describe('run files', () => {
  it('thin keeps first and last, evenly spaced, at most max', () => {
    const t = thin(
      Array.from({ length: 10001 }, (_, i) => i),
      1500,
    );
    expect(t).toHaveLength(1500);
    expect(t[0]).toBe(0);
    expect(t.at(-1)).toBe(10000);
    expect(t.every((v, i) => i === 0 || v > (t[i - 1] ?? -1))).toBe(true);
  });

  it('a 100,000-step file is thinned to what a chart can draw; NaN metrics (null) read back as NaN', () => {
    const r = parseSavedRun(runFile(100_000));
    expect(r.run.points).toHaveLength(MAX_IMPORTED_POINTS);
    expect(r.run.evals).toHaveLength(MAX_IMPORTED_EVALS);
    expect(r.run.points.at(-1)?.step).toBe(99_999);
    expect(Number.isNaN(r.run.teachers[0]?.testAccuracy)).toBe(true);
    expect(Number.isNaN(r.run.evals[0]?.perTeacher[0]?.fvu)).toBe(true);
  });

  it('refuses wrong-shaped runs with the path (the issue’s junk evals, teachers and summary)', () => {
    expect(() => parseSavedRun(runFile(10, { evals: ['junk'] }))).toThrow(/at run\.evals\.0/);
    expect(() => parseSavedRun(runFile(10, { teachers: [1, null] }))).toThrow(
      /at run\.teachers\.0/,
    );
    expect(() => parseSavedRun(runFile(10, { summary: 'str' }))).toThrow(/at run\.summary/);
    expect(() =>
      parseSavedRun(runFile(10, { config: { teachers: [{ id: '__proto__' }] } })),
    ).toThrow(/not in the mnist zoo/);
  });

  it('version 1 files are checked for shape and migrated (terms from their keys, shares computed)', () => {
    const v1 = JSON.parse(runFile(5)) as { version: number; run: Record<string, unknown> };
    v1.version = 1;
    v1.run.termIds = ['feature:mlp'];
    delete v1.run.terms;
    v1.run.points = (v1.run.points as Record<string, unknown>[]).map((p) =>
      Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'shares')),
    );
    const r = parseSavedRun(JSON.stringify(v1));
    expect(r.version).toBe(2);
    expect(r.run.terms[0]?.kind).toBe('feature');
    expect(r.run.points[0]?.shares).toEqual([1]);
    v1.run.evals = ['junk'];
    expect(() => parseSavedRun(JSON.stringify(v1))).toThrow(/at run\.evals\.0/);
  });

  it('refuses a file over the cap before parsing it, saying the cap', () => {
    expect(() => parseSavedRun(' '.repeat(MAX_RUN_TEXT_BYTES + 1))).toThrow(/up to 20 MB/);
  });

  it('comparison files are capped and validated', () => {
    expect(() =>
      parseCompareFile(
        JSON.stringify({
          format: 'distill-lab-compare',
          version: 1,
          createdAt: 't',
          rows: Array.from({ length: 501 }, () => ({})),
        }),
      ),
    ).toThrow(/Not a Distill Lab comparison/);
    expect(() => parseCompareFile(' '.repeat(6 * 1024 * 1024))).toThrow(/up to 5 MB/);
  });

  it('CSV cells a spreadsheet would run as formulas stay text', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    for (const c of ['+1', '-1+2', '@SUM(A1)', '\t=1'])
      expect(csvCell(c).startsWith("'") || csvCell(c).startsWith(`"'`)).toBe(true);
    expect(csvCell('phi-s')).toBe('phi-s');
    expect(csvCell('a,b')).toBe('"a,b"');
  });
});
