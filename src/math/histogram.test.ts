import { describe, expect, it } from 'vitest';
import { histogram } from './histogram';
import { spectrumSummary } from './spectrum';
import { permutation, rngCreate } from './rng';

describe('histogram and spectrum', () => {
  it('bins values, puts the maximum in the last bin and counts non-finite values apart', () => {
    const h = histogram([0, 0.1, 0.5, 0.9, 1, Number.NaN], 2);
    expect(Array.from(h.counts)).toEqual([2, 3]);
    expect(h.nonFinite).toBe(1);
    expect(Array.from(h.edges)).toEqual([0, 0.5, 1]);
  });

  it('summarizes a spectrum: trace, participation ratio, 99 % rank', () => {
    const s = spectrumSummary([4, 4, 0, 0]);
    expect(s.trace).toBe(8);
    expect(s.effectiveRank).toBeCloseTo(2, 12);
    expect(s.rank99).toBe(2);
    expect(s.conditionNumber).toBe(Infinity);
    expect(spectrumSummary([2, 1]).conditionNumber).toBe(2);
  });

  it('seeded generators repeat and permutations are permutations', () => {
    const a = rngCreate(42);
    const b = rngCreate(42);
    for (let i = 0; i < 10; i++) expect(a.next()).toBe(b.next());
    const p = Array.from(permutation(50, rngCreate(1))).sort((x, y) => x - y);
    expect(p).toEqual(Array.from({ length: 50 }, (_, i) => i));
    const rng = rngCreate(3);
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < 20000; i++) {
      const z = rng.normal();
      s += z;
      s2 += z * z;
    }
    expect(Math.abs(s / 20000)).toBeLessThan(0.03);
    expect(Math.abs(s2 / 20000 - 1)).toBeLessThan(0.05);
  });
});
