import { describe, expect, it } from 'vitest';
import { hadamard, hadamardIsExact, isPrime, orthogonalityError } from './hadamard';

describe('hadamard', () => {
  it('is orthonormal (H Hᵀ = I) for every n ≤ 256', () => {
    for (let n = 1; n <= 256; n++) {
      const h = hadamard(n, 3);
      expect(orthogonalityError(h.matrix), `n=${n} (${h.construction})`).toBeLessThan(1e-9);
    }
  });

  it('has entries exactly ±1/√n whenever it claims to be exact', () => {
    for (let n = 4; n <= 256; n += 4) {
      const h = hadamard(n);
      if (!h.exact) continue;
      const s = 1 / Math.sqrt(n);
      const worst = h.matrix.data.reduce((m, v) => Math.max(m, Math.abs(Math.abs(v) - s)), 0);
      expect(worst, `n=${n}`).toBeLessThan(1e-12);
    }
  });

  it('uses Sylvester for powers of two, Paley I for 12 and 20, Paley II for 28 and 36', () => {
    expect(hadamard(64).construction).toBe('sylvester');
    expect(hadamard(1).construction).toBe('sylvester');
    expect(hadamard(12)).toMatchObject({
      construction: 'sylvester⊗paley-i',
      paleyPrime: 11,
      exact: true,
    });
    expect(hadamard(20)).toMatchObject({ construction: 'sylvester⊗paley-i', paleyPrime: 19 });
    // 36: 35 is not prime, 18 − 1 = 17 ≡ 1 (mod 4) → Paley II
    expect(hadamard(36)).toMatchObject({ construction: 'sylvester⊗paley-ii', paleyPrime: 17 });
    // 28: 27 is not prime, 14 − 1 = 13 ≡ 1 (mod 4) → Paley II
    expect(hadamard(28)).toMatchObject({
      construction: 'sylvester⊗paley-ii',
      paleyPrime: 13,
      sylvesterOrder: 1,
    });
    expect(hadamard(96)).toMatchObject({
      construction: 'sylvester⊗paley-i',
      sylvesterOrder: 8,
      paleyPrime: 11,
    });
  });

  it('falls back to a seeded random orthogonal matrix, flagged inexact, for other orders', () => {
    for (const n of [3, 10, 92, 100]) {
      const h = hadamard(n, 5);
      expect(h.exact).toBe(false);
      expect(h.construction).toBe('random-orthogonal');
      expect(hadamard(n, 5).matrix.data).toEqual(h.matrix.data);
      expect(hadamardIsExact(n)).toBe(false);
    }
    expect(hadamard(10, 1).matrix.data).not.toEqual(hadamard(10, 2).matrix.data);
  });

  it('covers the known constructible orders up to 64', () => {
    const exact = [];
    for (let n = 4; n <= 64; n += 4) if (hadamardIsExact(n)) exact.push(n);
    // 52 = 2·(25 + 1) needs Paley II over GF(25), a prime power we do not construct
    expect(exact).toEqual([4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 56, 60, 64]);
    expect(hadamardIsExact(92)).toBe(false);
    expect(hadamard(52).exact).toBe(false);
  });

  it('rejects invalid orders with a clear message', () => {
    expect(() => hadamard(0)).toThrow(/positive integer/);
    expect(() => hadamard(2.5)).toThrow(/positive integer/);
    expect(isPrime(1)).toBe(false);
    expect(isPrime(97)).toBe(true);
  });
});
