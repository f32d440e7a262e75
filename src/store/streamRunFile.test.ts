import { describe, expect, it } from 'vitest';
import { MAX_IMPORTED_EVALS, MAX_IMPORTED_POINTS, parseSavedRun } from './runFile';
import { MAX_RUN_VALUE_BYTES, readRunStream } from './streamRunFile';
import { StreamThinner } from './streamThin';

const smoke = {
  name: 's',
  dataset: 'mnist',
  teachers: [{ id: 'mlp' }],
  student: { arch: 'mlp', width: 64, depth: 2, featureDim: 32 },
  steps: 40,
  batchSize: 32,
  evalEvery: 20,
  trainSubset: 512,
  evalSubset: 200,
  seed: 1,
};

function runFile(steps: number, extra: Record<string, unknown> = {}): string {
  const points = Array.from({ length: steps }, (_, step) => ({
    step,
    terms: [1 / (1 + step), 0.1],
    total: 1 / (1 + step) + 0.1,
    samplesPerSecond: 1000,
  }));
  const evals = Array.from({ length: Math.ceil(steps / 10) }, (_, i) => ({
    step: i * 10,
    testAccuracy: 0.9,
    knnAccuracy: null,
    perTeacher: [{ id: 'mlp', errorNormalized: 1 }],
  }));
  const teachers = [
    {
      id: 'mlp',
      name: 'MLP',
      arch: 'mlp',
      featureDim: 128,
      parameters: 1,
      testAccuracy: 0.9,
      featureScale: 1,
      weight: 1,
    },
  ];
  return JSON.stringify(
    {
      format: 'distill-lab-run',
      version: 1,
      entry: {
        id: 'big',
        name: 'big',
        createdAt: 't',
        label: 'l',
        steps: steps - 1,
        finished: false,
      },
      run: {
        id: 'big',
        label: 'l',
        config: smoke,
        teachers,
        termIds: ['feature:mlp', 'ce'],
        points,
        evals,
        dfl: [],
        summary: null,
        ...extra,
      },
    },
    null,
    1,
  );
}

/** A stream of the text in pieces of `chunk` bytes (as a File's stream delivers it). */
function streamOf(text: string, chunk = 65_536): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(c) {
      if (at >= bytes.length) c.close();
      else c.enqueue(bytes.slice(at, (at += chunk)));
    },
  });
}

describe('StreamThinner', () => {
  it('keeps an evenly spaced sample with the first and last item, in bounded memory', () => {
    for (const n of [1, 2, 499, 500, 501, 1000, 12_345, 100_000]) {
      const t = new StreamThinner<number>(500);
      for (let i = 0; i < n; i++) t.push(i);
      const v = t.values();
      expect(v.length).toBe(Math.min(n, 500));
      expect(v[0]).toBe(0);
      expect(v.at(-1)).toBe(n - 1);
      expect(v.every((x, i) => i === 0 || x > (v[i - 1] ?? -1))).toBe(true);
      if (n > 2000) {
        const gaps = v.slice(1).map((x, i) => x - (v[i] ?? 0));
        expect(Math.max(...gaps)).toBeLessThan(4 * (n / 500));
      }
    }
  });
});

describe('readRunStream', () => {
  it('reads a saved run exactly like the in-memory parser, in any chunking', async () => {
    const text = runFile(3000);
    const whole = parseSavedRun(text);
    for (const chunk of [7, 4096, 1 << 20]) {
      const r = await readRunStream(streamOf(text, chunk));
      if (r.kind !== 'saved') throw new Error('expected a saved run');
      expect(r.rec.run.points).toHaveLength(MAX_IMPORTED_POINTS);
      expect(r.rec.run.evals).toHaveLength(MAX_IMPORTED_EVALS);
      expect(r.rec.run.points[0]).toEqual(whole.run.points[0]);
      expect(r.rec.run.points.at(-1)).toEqual(whole.run.points.at(-1));
      expect(r.rec.entry).toEqual(whole.entry);
      expect(r.rec.run.terms).toEqual(whole.run.terms);
    }
  });

  it('keeps 100,000 steps bounded: thinned to the chart cap, progress reported up to the file size', async () => {
    const text = runFile(100_000);
    let last = 0;
    const r = await readRunStream(streamOf(text), (n) => (last = n));
    if (r.kind !== 'saved') throw new Error('expected a saved run');
    expect(r.rec.run.points).toHaveLength(MAX_IMPORTED_POINTS);
    expect(r.rec.run.points.at(-1)?.step).toBe(99_999);
    expect(last).toBe(new TextEncoder().encode(text).length);
  });

  it('refuses wrong shapes with the field path, broken JSON, and a single oversized value', async () => {
    await expect(readRunStream(streamOf(runFile(10, { evals: ['junk'] })))).rejects.toThrow(
      /at run\.evals\.0/,
    );
    await expect(readRunStream(streamOf(runFile(10, { summary: 'str' })))).rejects.toThrow(
      /at run\.summary/,
    );
    await expect(readRunStream(streamOf(runFile(10).slice(0, -20)))).rejects.toThrow(/not JSON/);
    await expect(readRunStream(streamOf(`${runFile(10)} {"a":1}`))).rejects.toThrow(/not JSON/);
    await expect(readRunStream(streamOf('[1, 2]'))).rejects.toThrow(/Not a Distill Lab run/);
    await expect(readRunStream(streamOf(''))).rejects.toThrow(/empty/);
    const huge = runFile(10, {
      config: { ...smoke, name: 'x'.repeat(MAX_RUN_VALUE_BYTES + 512 * 1024) },
    });
    await expect(readRunStream(streamOf(huge))).rejects.toThrow(/single value over 4 MB/);
  });

  it('drops unknown fields without holding them', async () => {
    const r = await readRunStream(
      streamOf(runFile(10, { junk: Array.from({ length: 100_000 }, (_, i) => i) })),
    );
    expect(r.kind).toBe('saved');
  });

  it('folds a JSON-lines run log as a stream, naming a bad line', async () => {
    const started = {
      type: 'started',
      config: smoke,
      teachers: [],
      terms: [{ kind: 'ce', key: 'ce', label: 'CE' }],
    };
    const steps = Array.from({ length: 3000 }, (_, step) =>
      JSON.stringify({
        type: 'steps',
        points: [{ step, terms: [1], total: 1, shares: [], samplesPerSecond: 1 }],
      }),
    );
    const log = [JSON.stringify(started), ...steps].join('\n');
    const r = await readRunStream(streamOf(log, 1000));
    if (r.kind !== 'log') throw new Error('expected a log');
    expect(r.run.points.length).toBeLessThanOrEqual(MAX_IMPORTED_POINTS);
    expect(r.run.points.at(-1)?.step).toBe(2999);
    await expect(readRunStream(streamOf(`${JSON.stringify(started)}\nnot json\n`))).rejects.toThrow(
      /line 2 is not JSON/,
    );
  });
});
