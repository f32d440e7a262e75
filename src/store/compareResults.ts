import { z } from 'zod';
import { parseJsonFile } from './parseJsonFile';
import type { RunState } from './runState';

/** A comparison table row: one variant, its seeds aggregated as mean ± std (sample std). */
const statSchema = z.object({ mean: z.number().nullable(), std: z.number().nullable(), n: z.number().int().nonnegative() });
export type Stat = z.infer<typeof statSchema>;

export const compareRowSchema = z.object({
  label: z.string().max(500),
  perTeacher: z.array(z.object({ id: z.string().max(200), errorNormalized: statSchema, errorTeacherSpace: statSchema, errorPhiS: statSchema, lossShare: statSchema })).max(16),
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
  version: z.literal(1),
  createdAt: z.string().max(100),
  rows: z.array(compareRowSchema).min(1).max(500),
  runs: z.array(z.object({ label: z.string().max(500), config: z.unknown(), summary: z.unknown() })).max(5000).optional(),
});
export type CompareFile = z.infer<typeof compareFileSchema>;

export function stat(values: readonly (number | null | undefined)[]): Stat {
  const v = values.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  if (v.length === 0) return { mean: null, std: null, n: 0 };
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const std = v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1)) : 0;
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
    const per = (id: string, key: 'errorNormalized' | 'errorTeacherSpace' | 'errorPhiS' | 'lossShare'): Stat => stat(sums.map((s) => s.perTeacher.find((p) => p.id === id)?.[key]));
    return {
      label,
      perTeacher: ids.map((id) => ({ id, errorNormalized: per(id, 'errorNormalized'), errorTeacherSpace: per(id, 'errorTeacherSpace'), errorPhiS: per(id, 'errorPhiS'), lossShare: per(id, 'lossShare') })),
      balanceIndex: stat(sums.map((s) => s.balanceIndex)),
      testAccuracy: stat(sums.map((s) => s.testAccuracy)),
      knnAccuracy: stat(sums.map((s) => s.knnAccuracy)),
      samplesPerSecond: stat(sums.map((s) => s.samplesPerSecond)),
      wallSeconds: stat(sums.map((s) => s.wallSeconds)),
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
  const cols = ['balanceIndex', 'testAccuracy', 'knnAccuracy', 'samplesPerSecond', 'wallSeconds'] as const;
  const header = ['variant', 'seeds', ...cols.flatMap((c) => [`${c}_mean`, `${c}_std`]), ...ids.flatMap((id) => ['errorNormalized', 'errorTeacherSpace', 'errorPhiS', 'lossShare'].flatMap((k) => [`${id}_${k}_mean`, `${id}_${k}_std`]))];
  const num = (v: number | null): string => (v === null ? '' : String(v));
  const esc = (s: string): string => csvCell(s);
  const lines = rows.map((r) =>
    [
      esc(r.label),
      String(r.balanceIndex.n),
      ...cols.flatMap((c) => [num(r[c].mean), num(r[c].std)]),
      ...ids.flatMap((id) => {
        const p = r.perTeacher.find((x) => x.id === id);
        return (['errorNormalized', 'errorTeacherSpace', 'errorPhiS', 'lossShare'] as const).flatMap((k) => [num(p?.[k].mean ?? null), num(p?.[k].std ?? null)]);
      }),
    ].join(','),
  );
  return [header.map(csvCell).join(','), ...lines].join('\n') + '\n';
}

/** Parses an exported comparison JSON; throws a message naming what is wrong. */
export function parseCompareFile(text: string): CompareFile {
  return parseJsonFile(text, compareFileSchema, 'comparison', MAX_COMPARE_FILE_BYTES);
}
