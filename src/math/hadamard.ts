import { matCreate, matKronecker, matMul, matScale, matTranspose, type Mat } from './matrix';
import { rngCreate } from './rng';

export type HadamardConstruction =
  'sylvester' | 'sylvester⊗paley-i' | 'sylvester⊗paley-ii' | 'random-orthogonal';

/** An orthonormal C×C matrix H (H Hᵀ = I) and how it was made. */
export interface HadamardResult {
  /** Orthonormal: entries ±1/√n when `exact`. */
  readonly matrix: Mat;
  /** True for a true Hadamard matrix (every entry ±1/√n): PHI-S then gives unit variance exactly. */
  readonly exact: boolean;
  readonly construction: HadamardConstruction;
  /** For Kronecker constructions: the Sylvester power 2^k and the Paley prime q. */
  readonly sylvesterOrder: number;
  readonly paleyPrime: number | null;
}

export function isPrime(q: number): boolean {
  if (!Number.isInteger(q) || q < 2) return false;
  for (let d = 2; d * d <= q; d++) if (q % d === 0) return false;
  return true;
}

/** Legendre symbol χ(a) mod prime q: 0 if a ≡ 0, 1 if a is a quadratic residue, else −1. */
function legendre(a: number, q: number): number {
  const r = ((a % q) + q) % q;
  if (r === 0) return 0;
  let result = 1;
  let base = r;
  let e = (q - 1) / 2;
  while (e > 0) {
    if (e % 2 === 1) result = (result * base) % q;
    base = (base * base) % q;
    e = Math.floor(e / 2);
  }
  return result === 1 ? 1 : -1;
}

/** Unnormalized (±1) Sylvester matrix of order 2^k. */
function sylvester(order: number): Mat {
  // H_{2^k} = H_2^{⊗k}, i.e. H[i][j] = (−1)^{popcount(i AND j)}
  const h = matCreate(order, order);
  for (let i = 0; i < order; i++)
    for (let j = 0; j < order; j++) {
      let bits = i & j;
      let parity = 0;
      while (bits !== 0) {
        parity ^= bits & 1;
        bits >>>= 1;
      }
      h.data[i * order + j] = parity === 0 ? 1 : -1;
    }
  return h;
}

/** Jacobsthal matrix Q[i][j] = χ(j − i) over GF(q). */
function jacobsthal(q: number): number[][] {
  return Array.from({ length: q }, (_, i) =>
    Array.from({ length: q }, (_, j) => legendre(j - i, q)),
  );
}

/** Paley I: q prime ≡ 3 (mod 4), order q + 1. H = I + S with S = [[0, 1ᵀ], [−1, Q]]. */
function paleyOne(q: number): Mat {
  const n = q + 1;
  const jac = jacobsthal(q);
  const h = matCreate(n, n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s: number;
      if (i === 0 && j === 0) s = 0;
      else if (i === 0) s = 1;
      else if (j === 0) s = -1;
      else s = jac[i - 1]?.[j - 1] ?? 0;
      h.data[i * n + j] = s + (i === j ? 1 : 0);
    }
  return h;
}

/**
 * Paley II: q prime ≡ 1 (mod 4), order 2(q + 1). From the symmetric conference matrix
 * C = [[0, 1ᵀ], [1, Q]]: each 0 becomes [[1, −1], [−1, −1]] and each ±1 becomes ±[[1, 1], [1, −1]].
 */
function paleyTwo(q: number): Mat {
  const m = q + 1;
  const jac = jacobsthal(q);
  const n = 2 * m;
  const h = matCreate(n, n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < m; j++) {
      let c: number;
      if (i === 0 && j === 0) c = 0;
      else if (i === 0 || j === 0) c = 1;
      else c = jac[i - 1]?.[j - 1] ?? 0;
      const block = c === 0 ? [1, -1, -1, -1] : [c, c, c, -c];
      for (let a = 0; a < 2; a++)
        for (let b = 0; b < 2; b++) h.data[(2 * i + a) * n + 2 * j + b] = block[a * 2 + b] ?? 0;
    }
  return h;
}

interface Plan {
  readonly power: number;
  readonly kind: 'none' | 'paley-i' | 'paley-ii';
  readonly q: number | null;
}

/** Finds n = 2^k · m with m = 1, a Paley I order or a Paley II order, preferring the largest 2^k. */
function plan(n: number): Plan | null {
  let top = 1;
  while (top * 2 <= n) top *= 2;
  for (let power = top; power >= 1; power /= 2) {
    if (n % power !== 0) continue;
    const m = n / power;
    if (m === 1) return { power, kind: 'none', q: null };
    if (isPrime(m - 1) && (m - 1) % 4 === 3) return { power, kind: 'paley-i', q: m - 1 };
    if (m % 2 === 0 && isPrime(m / 2 - 1) && (m / 2 - 1) % 4 === 1)
      return { power, kind: 'paley-ii', q: m / 2 - 1 };
  }
  return null;
}

/** Whether an exact Hadamard matrix of order n can be built by our constructions. */
export function hadamardIsExact(n: number): boolean {
  return plan(n) !== null;
}

/**
 * Seeded random orthogonal matrix: QR (modified Gram–Schmidt) of a random ±1 matrix. Used when no
 * Hadamard matrix of order n is constructible; PHI-S then equalizes variances only approximately.
 */
function randomOrthogonal(n: number, seed: number): Mat {
  const rng = rngCreate(seed);
  const cols: Float64Array[] = [];
  while (cols.length < n) {
    const v = Float64Array.from({ length: n }, () => (rng.next() < 0.5 ? -1 : 1));
    for (let pass = 0; pass < 2; pass++)
      for (const u of cols) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += (u[i] ?? 0) * (v[i] ?? 0);
        for (let i = 0; i < n; i++) v[i] = (v[i] ?? 0) - dot * (u[i] ?? 0);
      }
    const norm = Math.hypot(...v);
    if (norm < 1e-8) continue;
    cols.push(v.map((x) => x / norm));
  }
  const q = matCreate(n, n);
  cols.forEach((c, j) => {
    for (let i = 0; i < n; i++) q.data[i * n + j] = c[i] ?? 0;
  });
  return q;
}

/**
 * An orthonormal Hadamard matrix of order n (H Hᵀ = I, entries ±1/√n): Sylvester for powers of
 * two, Sylvester ⊗ Paley I/II for other orders where a Paley prime exists (e.g. 12, 20, 24, 28,
 * 36, 40, 44, 48, 56, 60, …; 52 would need the prime power 25), and for any other n a seeded random orthogonal matrix with
 * `exact: false`. Reference: NVlabs/RADIO `examples/common/hadamard.py` (PHI-S, Ranzinger et al. 2024).
 */
export function hadamard(n: number, seed = 0): HadamardResult {
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`hadamard: order must be a positive integer, got ${n}`);
  const p = plan(n);
  if (p === null) {
    return {
      matrix: randomOrthogonal(n, seed),
      exact: false,
      construction: 'random-orthogonal',
      sylvesterOrder: 1,
      paleyPrime: null,
    };
  }
  const syl = sylvester(p.power);
  const core =
    p.kind === 'none' ? null : p.kind === 'paley-i' ? paleyOne(p.q ?? 0) : paleyTwo(p.q ?? 0);
  const raw = core === null ? syl : matKronecker(syl, core);
  const construction: HadamardConstruction =
    p.kind === 'none'
      ? 'sylvester'
      : p.kind === 'paley-i'
        ? 'sylvester⊗paley-i'
        : 'sylvester⊗paley-ii';
  return {
    matrix: matScale(raw, 1 / Math.sqrt(n)),
    exact: true,
    construction,
    sylvesterOrder: p.power,
    paleyPrime: p.q,
  };
}

/** max |H Hᵀ − I|: 0 up to rounding for every matrix `hadamard` returns. */
export function orthogonalityError(h: Mat): number {
  const g = matMul(h, matTranspose(h));
  let m = 0;
  for (let i = 0; i < g.rows; i++)
    for (let j = 0; j < g.cols; j++)
      m = Math.max(m, Math.abs((g.data[i * g.cols + j] ?? 0) - (i === j ? 1 : 0)));
  return m;
}
