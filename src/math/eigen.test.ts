import { describe, expect, it } from 'vitest';
import { symmetricEigen } from './eigen';
import { matCreate, matMaxAbsDiff, matMul, matScaleColumns, matTranspose } from './matrix';
import { rngCreate } from './rng';

describe('symmetricEigen', () => {
  it('finds the hand-worked eigenpairs of [[2, 1], [1, 2]]', () => {
    const e = symmetricEigen(matCreate(2, 2, Float64Array.of(2, 1, 1, 2)));
    expect(e.values[0]).toBeCloseTo(3, 12);
    expect(e.values[1]).toBeCloseTo(1, 12);
    expect(Math.abs(e.vectors.data[0] ?? 0)).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it('reconstructs Σ = U Λ Uᵀ, sorted descending, with orthonormal U', () => {
    const rng = rngCreate(9);
    const n = 12;
    const a = matCreate(
      n,
      n,
      Float64Array.from({ length: n * n }, () => rng.normal()),
    );
    const sym = matMul(a, matTranspose(a));
    const e = symmetricEigen(sym);
    for (let i = 1; i < n; i++)
      expect(e.values[i - 1] ?? 0).toBeGreaterThanOrEqual(e.values[i] ?? 0);
    const back = matMul(matScaleColumns(e.vectors, e.values), matTranspose(e.vectors));
    expect(matMaxAbsDiff(back, sym)).toBeLessThan(1e-9);
    const eye = matMul(matTranspose(e.vectors), e.vectors);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) expect(eye.data[i * n + j]).toBeCloseTo(i === j ? 1 : 0, 10);
  });

  it('clamps the rounding-negative eigenvalues of a rank-deficient covariance to 0', () => {
    // rank 1: v vᵀ
    const v = [1, 2, 3, 4];
    const sym = matCreate(
      4,
      4,
      Float64Array.from({ length: 16 }, (_, k) => (v[Math.floor(k / 4)] ?? 0) * (v[k % 4] ?? 0)),
    );
    const e = symmetricEigen(sym);
    expect(e.values[0]).toBeCloseTo(30, 10);
    for (let i = 1; i < 4; i++) expect(e.values[i]).toBeGreaterThanOrEqual(0);
  });

  it('rejects non-square and non-finite input', () => {
    expect(() => symmetricEigen(matCreate(2, 3))).toThrow(/square/);
    expect(() => symmetricEigen(matCreate(1, 1, Float64Array.of(Number.NaN)))).toThrow(
      /non-finite/,
    );
  });
});
