/** Summaries of an eigenvalue spectrum (descending, non-negative). */
export interface SpectrumSummary {
  readonly trace: number;
  readonly meanEigenvalue: number;
  /** Participation ratio (Σλ)² / Σλ²: the effective number of dimensions, 1…C. */
  readonly effectiveRank: number;
  /** Smallest k whose top-k eigenvalues explain ≥ 99 % of the trace. */
  readonly rank99: number;
  /** λ_max / λ_min over eigenvalues above `floor` (∞ when some fall below). */
  readonly conditionNumber: number;
}

export function spectrumSummary(values: ArrayLike<number>, floor = 1e-6): SpectrumSummary {
  const n = values.length;
  if (n === 0) throw new Error('spectrumSummary: empty spectrum');
  let trace = 0;
  let sq = 0;
  let max = 0;
  let min = Infinity;
  for (let i = 0; i < n; i++) {
    const v = Math.max(0, values[i] ?? 0);
    trace += v;
    sq += v * v;
    max = Math.max(max, v);
    min = Math.min(min, v);
  }
  let acc = 0;
  let rank99 = n;
  for (let i = 0; i < n; i++) {
    acc += Math.max(0, values[i] ?? 0);
    if (acc >= 0.99 * trace) {
      rank99 = i + 1;
      break;
    }
  }
  return {
    trace,
    meanEigenvalue: trace / n,
    effectiveRank: sq === 0 ? 0 : (trace * trace) / sq,
    rank99,
    conditionNumber: min <= floor ? Infinity : max / min,
  };
}
