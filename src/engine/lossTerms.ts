/**
 * The loss terms of a run as typed descriptors (never strings parsed by position). `key` is a
 * stable identifier (CSV columns, saved runs); `label` is what a person reads on a chart.
 */
export type LossTermKind = 'feature' | 'avatar' | 'logit' | 'ofa-branch' | 'ce' | 'dfl';

export type LossTerm =
  | {
      readonly kind: 'feature';
      readonly teacher: string;
      readonly key: string;
      readonly label: string;
    }
  | {
      readonly kind: 'avatar';
      readonly teacher: string;
      readonly key: string;
      readonly label: string;
    }
  | {
      readonly kind: 'logit';
      readonly method: 'kd' | 'ls-kd' | 'ofa';
      readonly key: string;
      readonly label: string;
    }
  | {
      readonly kind: 'ofa-branch';
      readonly stage: number;
      readonly key: string;
      readonly label: string;
    }
  | { readonly kind: 'ce'; readonly key: string; readonly label: string }
  | { readonly kind: 'dfl'; readonly key: string; readonly label: string };

const LOGIT_LABELS = {
  kd: 'KD (Hinton)',
  'ls-kd': 'logit-standardized KD',
  ofa: 'OFA, final logits',
} as const;

export const featureTerm = (teacher: string, name = teacher): LossTerm => ({
  kind: 'feature',
  teacher,
  key: `feature:${teacher}`,
  label: `${name} features`,
});
export const avatarTerm = (teacher: string, name = teacher): LossTerm => ({
  kind: 'avatar',
  teacher,
  key: `avatar:${teacher}`,
  label: `${name} avatars`,
});
export const logitTerm = (method: 'kd' | 'ls-kd' | 'ofa'): LossTerm => ({
  kind: 'logit',
  method,
  key: `logit:${method}`,
  label: LOGIT_LABELS[method],
});
export const ofaBranchTerm = (stage: number): LossTerm => ({
  kind: 'ofa-branch',
  stage,
  key: `ofa:branch${stage}`,
  label: `OFA branch, stage ${stage}`,
});
export const ceTerm = (): LossTerm => ({ kind: 'ce', key: 'ce', label: 'cross-entropy (labels)' });
export const dflTerm = (): LossTerm => ({
  kind: 'dfl',
  key: 'dfl',
  label: 'DFL self-distillation',
});

/**
 * Indices of the per-teacher feature terms, in teacher order: the terms whose shares are charted
 * (Avatar KD's "code" variant has avatar terms only: then those).
 */
export function featureTermIndices(terms: readonly LossTerm[]): number[] {
  const of = (kind: LossTermKind): number[] =>
    terms.flatMap((t, i) => (t.kind === kind ? [i] : []));
  const features = of('feature');
  return features.length > 0 ? features : of('avatar');
}

/**
 * Each teacher's share of the feature loss, w_t·L_t / Σ_s w_s·L_s, from one step's weighted terms
 * (zeros when the feature loss is 0). The one place shares are computed.
 */
export function featureShares(terms: readonly LossTerm[], values: readonly number[]): number[] {
  const idx = featureTermIndices(terms);
  const f = idx.map((i) => values[i] ?? 0);
  const s = f.reduce((a, b) => a + b, 0);
  return f.map((v) => (s > 0 ? v / s : 0));
}

/**
 * Balance index of per-teacher loss shares: max / min (1 = perfectly balanced, ∞ when a teacher
 * gets nothing). Meaningful within one run; a run that learns nothing also scores 1 (zero heads),
 * so never rank runs by it alone (DESIGN §6). The one place the index is computed.
 */
export function balanceIndex(shares: readonly number[]): number {
  if (shares.length === 0) return Number.NaN;
  const max = Math.max(...shares);
  const min = Math.min(...shares);
  return min <= 0 ? Number.POSITIVE_INFINITY : max / min;
}

/** The window the balance index averages shares over (the summary's and the live chart's). */
export const SHARE_WINDOW = 100;

/** Mean share per teacher over the last `SHARE_WINDOW` points. */
export function windowShares(points: readonly { readonly shares: readonly number[] }[]): number[] {
  const tail = points.slice(-SHARE_WINDOW);
  const k = tail[0]?.shares.length ?? 0;
  return Array.from(
    { length: k },
    (_, i) => tail.reduce((a, p) => a + (p.shares[i] ?? 0), 0) / Math.max(1, tail.length),
  );
}

/** Max/min of per-teacher FVU (1 = every teacher served equally well); NaN when not measured. */
export function fvuSpread(fvu: readonly number[]): number {
  const f = fvu.filter((v) => Number.isFinite(v));
  return f.length > 0 && Math.min(...f) > 0 ? Math.max(...f) / Math.min(...f) : Number.NaN;
}

/** The balance index along a run: over a moving window of `window` steps, sampled every `every` steps. */
export function balanceSeries(
  points: readonly { readonly step: number; readonly shares: readonly number[] }[],
  window = 50,
  every = 5,
): { x: number; y: number }[] {
  if ((points[0]?.shares.length ?? 0) < 2) return [];
  const out: { x: number; y: number }[] = [];
  points.forEach((p, i) => {
    if (p.step % every !== 0) return;
    const b = balanceIndex(windowShares(points.slice(Math.max(0, i + 1 - window), i + 1)));
    if (Number.isFinite(b)) out.push({ x: p.step, y: b });
  });
  return out;
}
