import type { RunState } from '../runState';
import type { ClaimMetric, StoryClaim } from './storyTypes';

function mean(xs: readonly number[]): number | null {
  const ok = xs.filter((x) => Number.isFinite(x));
  return ok.length === 0 ? null : ok.reduce((a, b) => a + b, 0) / ok.length;
}

/** Indices of the feature-loss terms, in teacher order, and the teacher ids they belong to. */
export function featureTerms(run: RunState): { index: number; teacher: string }[] {
  const out: { index: number; teacher: string }[] = [];
  run.termIds.forEach((id, index) => {
    if (id.startsWith('feature:')) out.push({ index, teacher: id.slice('feature:'.length) });
  });
  return out;
}

/** Each teacher's share of the feature loss, averaged over the last `window` steps. */
export function teacherShares(run: RunState, window = 100): Map<string, number> {
  const terms = featureTerms(run);
  const last = run.points.slice(-window);
  const sums = terms.map(() => 0);
  let n = 0;
  for (const p of last) {
    const f = terms.map((t) => p.terms[t.index] ?? 0);
    const s = f.reduce((a, b) => a + b, 0);
    if (!(s > 0) || !Number.isFinite(s)) continue;
    f.forEach((v, k) => {
      sums[k] = (sums[k] ?? 0) + v / s;
    });
    n += 1;
  }
  return new Map(terms.map((t, k) => [t.teacher, n > 0 ? (sums[k] ?? 0) / n : Number.NaN]));
}

function lastEval(run: RunState) {
  return run.evals.at(-1);
}

function resetDip(run: RunState): number | null {
  const resets = run.dfl.filter((d) => d.kind === 'reset');
  const dips: number[] = [];
  for (const r of resets) {
    // a reset at step s happens before the evaluation at s: that evaluation already sees it
    const before = run.evals.filter((e) => e.step < r.step && e.testAccuracy !== null).at(-1)?.testAccuracy;
    const after = run.evals.filter((e) => e.step >= r.step && e.testAccuracy !== null).map((e) => e.testAccuracy ?? Number.NaN);
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
      return Math.max(...e.perTeacher.map((t) => t.errorTeacherSpace));
    }
    case 'errorSpread': {
      const d = lastEval(run)?.perTeacher.find((t) => t.id === metric.teacher)?.errorPerDim ?? [];
      const m = mean(d);
      return m === null || m <= 0 ? null : Math.max(...d) / m;
    }
    case 'testAccuracy':
      return run.summary?.testAccuracy ?? lastEval(run)?.testAccuracy ?? null;
    case 'avatarWeight':
      return mean(run.avatar.map((a) => a.weight));
    case 'resetDip':
      return run.dfl.length === 0 ? null : resetDip(run);
  }
}

/** Per variant label (runs of one label are seeds): the mean of each claim metric. */
export function claimTable(runs: readonly RunState[], claim: StoryClaim): Map<string, (number | null)[]> {
  const labels = [...new Set(runs.map((r) => r.label))];
  return new Map(
    labels.map((label) => {
      const group = runs.filter((r) => r.label === label);
      return [label, claim.metrics.map((m) => mean(group.map((r) => claimValue(r, m.metric)).filter((v): v is number => v !== null)))];
    }),
  );
}
