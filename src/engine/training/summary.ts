import type { AvatarSummary, PerTeacherEval, RunSummary, StepPoint } from '../events';
import { balanceIndex, fvuSpread, windowShares } from '../lossTerms';

export interface SummaryInputs {
  readonly teacherIds: readonly string[];
  readonly history: readonly StepPoint[];
  readonly lastEval: {
    testAccuracy: number | null;
    knnAccuracy: number | null;
    perTeacher: PerTeacherEval[];
  } | null;
  readonly avatars: readonly AvatarSummary[];
  readonly refitSteps: readonly number[];
  readonly steps: number;
  readonly batchSize: number;
  readonly wallSeconds: number;
  readonly diverged: { step: number; term: string } | null;
}

const mean = (xs: readonly number[]): number =>
  xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN;
const finite = (xs: readonly number[]): number[] => xs.filter((v) => Number.isFinite(v));

/** A run's closing numbers: shares and balance over the last steps, fidelity from the last evaluation. */
export function runSummary(s: SummaryInputs): RunSummary {
  const shareMeans = windowShares(s.history);
  const hasShares = shareMeans.length > 0;
  const perTeacher = s.teacherIds.map((id, k) => {
    const e = s.lastEval?.perTeacher.find((p) => p.id === id);
    return {
      id,
      lossShare: hasShares ? (shareMeans[k] ?? Number.NaN) : Number.NaN,
      initialShare: s.history[0]?.shares[k] ?? Number.NaN,
      errorNormalized: e?.errorNormalized ?? Number.NaN,
      fvu: e?.fvu ?? Number.NaN,
      whitenedError: e?.whitenedError ?? Number.NaN,
      cka: e?.cka ?? Number.NaN,
      cosineCentered: e?.cosineCentered ?? Number.NaN,
    };
  });
  const shares = finite(perTeacher.map((p) => p.lossShare));
  const fvu = finite(perTeacher.map((p) => p.fvu));
  const whitened = finite(perTeacher.map((p) => p.whitenedError));
  return {
    steps: s.steps,
    perTeacher,
    balanceIndex: shares.length > 0 ? balanceIndex(shares) : Number.NaN,
    worstFvu: fvu.length > 0 ? Math.max(...fvu) : Number.NaN,
    meanFvu: mean(fvu),
    fvuSpread: fvuSpread(fvu),
    worstWhitenedError: whitened.length > 0 ? Math.max(...whitened) : Number.NaN,
    meanCka: mean(finite(perTeacher.map((p) => p.cka))),
    avatars: [...s.avatars],
    refitSteps: [...s.refitSteps],
    testAccuracy: s.lastEval?.testAccuracy ?? null,
    knnAccuracy: s.lastEval?.knnAccuracy ?? null,
    samplesPerSecond:
      s.history.length > 0 ? (s.history.length * s.batchSize) / Math.max(1e-3, s.wallSeconds) : 0,
    wallSeconds: s.wallSeconds,
    finalLoss: s.history.at(-1)?.total ?? Number.NaN,
    diverged: s.diverged,
  };
}
