import { z } from 'zod';
import { balanceSeries } from '../engine/lossTerms';
import { parseJsonFile } from './parseJsonFile';
import type { RunState } from './runState';

/** A comparison table row: one variant, its seeds aggregated as mean ± std (sample std). */
const statSchema = z.object({
  mean: z.number().nullable(),
  std: z.number().nullable(),
  n: z.number().int().nonnegative(),
});
export type Stat = z.infer<typeof statSchema>;

/** Per-teacher columns; `errorNormalized` is in each run's own space: exported, never shown or sorted by. */
export const TEACHER_STATS = [
  'fvu',
  'whitenedError',
  'cka',
  'lossShare',
  'errorNormalized',
] as const;
/** Run-level columns, in the table's order (sortable); the default order is worst-teacher FVU. */
export const RUN_STATS = [
  'worstFvu',
  'meanFvu',
  'worstWhitenedError',
  'meanCka',
  'knnAccuracy',
  'balanceIndex',
  'fvuSpread',
  'testAccuracy',
  'samplesPerSecond',
  'wallSeconds',
] as const;
export type RunStatKey = (typeof RUN_STATS)[number];

export const compareRowSchema = z.object({
  label: z.string().max(500),
  perTeacher: z
    .array(
      z.object({
        id: z.string().max(200),
        fvu: statSchema,
        whitenedError: statSchema,
        cka: statSchema,
        lossShare: statSchema,
        errorNormalized: statSchema,
      }),
    )
    .max(16),
  worstFvu: statSchema,
  meanFvu: statSchema,
  worstWhitenedError: statSchema,
  meanCka: statSchema,
  fvuSpread: statSchema,
  balanceIndex: statSchema,
  testAccuracy: statSchema,
  knnAccuracy: statSchema,
  samplesPerSecond: statSchema,
  wallSeconds: statSchema,
});
export type CompareRow = z.infer<typeof compareRowSchema>;

/** Largest comparison file accepted (a 500-run comparison is well under 1 MB). */
export const MAX_COMPARE_FILE_BYTES = 5 * 1024 * 1024;

export const compareFileSchema = z.object({
  format: z.literal('distill-lab-compare'),
  version: z.literal(2),
  createdAt: z.string().max(100),
  rows: z.array(compareRowSchema).min(1).max(500),
  runs: z
    .array(z.object({ label: z.string().max(500), config: z.unknown(), summary: z.unknown() }))
    .max(5000)
    .optional(),
});
export type CompareFile = z.infer<typeof compareFileSchema>;

export function stat(values: readonly (number | null | undefined)[]): Stat {
  const v = values.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  if (v.length === 0) return { mean: null, std: null, n: 0 };
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const std =
    v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1)) : 0;
  return { mean, std, n: v.length };
}

/** Groups finished runs by label (variants × seeds) into table rows, in first-seen order. */
export function compareRows(runs: readonly RunState[]): CompareRow[] {
  const groups = new Map<string, RunState[]>();
  for (const r of runs) {
    if (!r.summary) continue;
    const list = groups.get(r.label) ?? [];
    list.push(r);
    groups.set(r.label, list);
  }
  return [...groups.entries()].map(([label, list]) => {
    const sums = list.flatMap((r) => (r.summary ? [r.summary] : []));
    const ids = sums[0]?.perTeacher.map((p) => p.id) ?? [];
    const per = (id: string, key: (typeof TEACHER_STATS)[number]): Stat =>
      stat(sums.map((s) => s.perTeacher.find((p) => p.id === id)?.[key]));
    const run = (key: RunStatKey): Stat => stat(sums.map((s) => s[key]));
    return {
      label,
      perTeacher: ids.map((id) => ({
        id,
        fvu: per(id, 'fvu'),
        whitenedError: per(id, 'whitenedError'),
        cka: per(id, 'cka'),
        lossShare: per(id, 'lossShare'),
        errorNormalized: per(id, 'errorNormalized'),
      })),
      worstFvu: run('worstFvu'),
      meanFvu: run('meanFvu'),
      worstWhitenedError: run('worstWhitenedError'),
      meanCka: run('meanCka'),
      fvuSpread: run('fvuSpread'),
      balanceIndex: run('balanceIndex'),
      testAccuracy: run('testAccuracy'),
      knnAccuracy: run('knnAccuracy'),
      samplesPerSecond: run('samplesPerSecond'),
      wallSeconds: run('wallSeconds'),
    };
  });
}

export function formatStat(s: Stat, digits = 3, percent = false): string {
  if (s.mean === null) return '—';
  const f = (v: number): string => (percent ? (v * 100).toFixed(digits - 2) : v.toFixed(digits));
  const base = f(s.mean) + (percent ? ' %' : '');
  return s.n > 1 && s.std !== null ? `${base} ± ${f(s.std)}` : base;
}

/**
 * One CSV text cell: quoted when needed, and a cell a spreadsheet would read as a formula
 * (starting with =, +, -, @, tab or CR) is prefixed with ' so it stays text.
 */
export function csvCell(s: string): string {
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV with one column per number (mean and std separate), ready for a spreadsheet. */
export function rowsToCsv(rows: readonly CompareRow[]): string {
  const ids = rows[0]?.perTeacher.map((p) => p.id) ?? [];
  const cols = RUN_STATS;
  const header = [
    'variant',
    'seeds',
    ...cols.flatMap((c) => [`${c}_mean`, `${c}_std`]),
    ...ids.flatMap((id) => TEACHER_STATS.flatMap((k) => [`${id}_${k}_mean`, `${id}_${k}_std`])),
  ];
  const num = (v: number | null): string => (v === null ? '' : String(v));
  const esc = (s: string): string => csvCell(s);
  const lines = rows.map((r) =>
    [
      esc(r.label),
      String(r.balanceIndex.n),
      ...cols.flatMap((c) => [num(r[c].mean), num(r[c].std)]),
      ...ids.flatMap((id) => {
        const p = r.perTeacher.find((x) => x.id === id);
        return TEACHER_STATS.flatMap((k) => [num(p?.[k].mean ?? null), num(p?.[k].std ?? null)]);
      }),
    ].join(','),
  );
  return [header.map(csvCell).join(','), ...lines].join('\n') + '\n';
}

/** Parses an exported comparison JSON; throws a message naming what is wrong. */
export function parseCompareFile(text: string): CompareFile {
  return parseJsonFile(text, compareFileSchema, 'comparison', MAX_COMPARE_FILE_BYTES);
}

/** The comparison file the lab exports and imports (this module owns its format). */
export function compareFile(rows: readonly CompareRow[], runs: readonly RunState[]): CompareFile {
  return {
    format: 'distill-lab-compare',
    version: 2,
    createdAt: new Date().toISOString(),
    rows: [...rows],
    runs: runs.map((r) => ({ label: r.label, config: r.config, summary: r.summary })),
  };
}

/** A run's balance index along training (50-step window), from the engine's definition. */
export function runBalanceSeries(run: RunState): { x: number; y: number }[] {
  return balanceSeries(run.points);
}
