import { featureTermIndices, windowShares } from '../../engine/lossTerms';
import type { RunState } from '../runState';
import type { ClaimMetric, StoryClaim } from './storyTypes';

function mean(xs: readonly number[]): number | null {
  const ok = xs.filter((x) => Number.isFinite(x));
  return ok.length === 0 ? null : ok.reduce((a, b) => a + b, 0) / ok.length;
}

/** Each teacher's share of the feature loss over the last 100 steps (the engine's definition). */
export function teacherShares(run: RunState): Map<string, number> {
  const teachers = featureTermIndices(run.terms).map((i) => {
    const t = run.terms[i];
    return t && (t.kind === 'feature' || t.kind === 'avatar') ? t.teacher : '';
  });
  const shares = windowShares(run.points);
  return new Map(teachers.map((id, k) => [id, shares[k] ?? Number.NaN]));
}

function lastEval(run: RunState) {
  return run.evals.at(-1);
}

function resetDip(run: RunState): number | null {
  const resets = run.dfl.filter((d) => d.kind === 'reset');
  const dips: number[] = [];
  for (const r of resets) {
    // a reset at step s happens before the evaluation at s: that evaluation already sees it
    const before = run.evals
      .filter((e) => e.step < r.step && e.testAccuracy !== null)
      .at(-1)?.testAccuracy;
    const after = run.evals
      .filter((e) => e.step >= r.step && e.testAccuracy !== null)
      .map((e) => e.testAccuracy ?? Number.NaN);
    if (before === undefined || before === null || after.length === 0) continue;
    dips.push(Math.min(...after) - before);
  }
  return dips.length === 0 ? 0 : Math.min(...dips);
}

/** One run's value of a claim metric (null when the run does not have it). */
export function claimValue(run: RunState, metric: ClaimMetric): number | null {
  switch (metric.kind) {
    case 'teacherShare': {
      const v = teacherShares(run).get(metric.teacher);
      return v === undefined || !Number.isFinite(v) ? null : v;
    }
    case 'worstFvu': {
      const e = lastEval(run);
      if (!e || e.perTeacher.length === 0) return null;
      return Math.max(...e.perTeacher.map((t) => t.fvu));
    }
    case 'errorSpread': {
      const d = lastEval(run)?.perTeacher.find((t) => t.id === metric.teacher)?.errorPerDim ?? [];
      const m = mean(d);
      return m === null || m <= 0 ? null : Math.max(...d) / m;
    }
    case 'testAccuracy':
      return run.summary?.testAccuracy ?? lastEval(run)?.testAccuracy ?? null;
    case 'avatarWeight':
      return mean(run.avatar.map((a) => a.meanWeight));
    case 'resetDip':
      return run.dfl.length === 0 ? null : resetDip(run);
  }
}

/** Per variant label (runs of one label are seeds): the mean of each claim metric. */
export function claimTable(
  runs: readonly RunState[],
  claim: StoryClaim,
): Map<string, (number | null)[]> {
  const labels = [...new Set(runs.map((r) => r.label))];
  return new Map(
    labels.map((label) => {
      const group = runs.filter((r) => r.label === label);
      return [
        label,
        claim.metrics.map((m) =>
          mean(group.map((r) => claimValue(r, m.metric)).filter((v): v is number => v !== null)),
        ),
      ];
    }),
  );
}
