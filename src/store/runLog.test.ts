import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isRunLog, parseRunLog } from './runLog';

/** The PyTorch recipe's JSON-lines log (e2e/fixtures: torchrun, phi-s-balance, 20 steps) as a lab run. */
const LOG = readFileSync('e2e/fixtures/torch-phi-s-balance.jsonl', 'utf8');

describe('run logs (JSON lines)', () => {
  it('fold into a run with terms, points, shares, an evaluation and a summary', () => {
    expect(isRunLog(LOG)).toBe(true);
    const run = parseRunLog(LOG);
    expect(run.terms.map((t) => t.key)).toEqual(['feature:cnn', 'feature:vit', 'feature:mlp']);
    expect(run.points).toHaveLength(20);
    for (const p of run.points) expect(p.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(run.evals).toHaveLength(1);
    expect(run.evals[0]?.perTeacher.map((p) => p.id)).toEqual(['cnn', 'vit', 'mlp']);
    expect(run.summary?.steps).toBe(20);
    expect(run.summary?.testAccuracy).toBeNull();
    expect(Number.isFinite(run.summary?.worstFvu)).toBe(true);
  });

  it('refuse a bad line by number and a log without a started event; saved-run JSON is not a log', () => {
    const lines = LOG.split('\n');
    expect(() =>
      parseRunLog([lines[0], '{"type":"steps","points":[{"step":-1}]}'].join('\n')),
    ).toThrow(/line 2 \(steps\)/);
    expect(() => parseRunLog(lines.slice(1).join('\n'))).toThrow(/started/);
    expect(() => parseRunLog(`${lines[0] ?? ''}\nnot json`)).toThrow(/line 2 is not JSON/);
    expect(isRunLog('{"format":"distill-lab-run","version":2}')).toBe(false);
  });
});
