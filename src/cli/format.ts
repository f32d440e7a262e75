import type { RunSummary } from '../engine/events';

export function progressBar(done: number, total: number, width = 30): string {
  const f = Math.max(0, Math.min(1, done / Math.max(1, total)));
  const full = Math.round(f * width);
  return `[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${done}/${total}`;
}

const pct = (v: number | null): string =>
  v === null || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(1)} %`;
const num = (v: number, d = 3): string => (Number.isFinite(v) ? v.toFixed(d) : '—');

/**
 * A plain-text table, one row per run, sorted by worst-teacher FVU (the PHI-S paper's argument:
 * the worst-served teacher); per teacher: loss share, FVU, whitened error and CKA. The balance
 * index is shown, never sorted by; the normalized-space error is in the JSON only.
 */
export function formatSummaryTable(
  labels: readonly string[],
  summaries: readonly RunSummary[],
): string {
  const lines: string[] = [];
  const teacherIds = summaries[0]?.perTeacher.map((p) => p.id) ?? [];
  const head = [
    'run',
    'worst FVU',
    'mean FVU',
    'worst whitened',
    'mean CKA',
    'kNN acc',
    'balance',
    'FVU max/min',
    'test acc',
    ...teacherIds.flatMap((t) => [`share ${t}`, `FVU ${t}`, `whit ${t}`, `CKA ${t}`]),
    'samples/s',
  ];
  const order = summaries
    .map((s, i) => ({ s, i }))
    .sort(
      (a, b) =>
        (Number.isFinite(a.s.worstFvu) ? a.s.worstFvu : Infinity) -
        (Number.isFinite(b.s.worstFvu) ? b.s.worstFvu : Infinity),
    );
  const rows = order.map(({ s, i }) => [
    labels[i] ?? `run ${i + 1}`,
    num(s.worstFvu),
    num(s.meanFvu),
    num(s.worstWhitenedError),
    num(s.meanCka),
    pct(s.knnAccuracy),
    num(s.balanceIndex, 2),
    num(s.fvuSpread, 2),
    pct(s.testAccuracy),
    ...s.perTeacher.flatMap((p) => [
      num(p.lossShare),
      num(p.fvu),
      num(p.whitenedError),
      num(p.cka),
    ]),
    num(s.samplesPerSecond, 0),
  ]);
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => (r[k] ?? '').length)));
  const fmt = (r: string[]): string => r.map((c, k) => c.padEnd(widths[k] ?? 0)).join('  ');
  lines.push(fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt));
  for (const [i, s] of summaries.entries()) {
    for (const a of s.avatars)
      lines.push(
        `${labels[i] ?? ''}: avatar λ for ${a.teacher}: mean ${num(a.meanWeight)}, spread ${num(a.spread)}`,
      );
    if (s.diverged)
      lines.push(`${labels[i] ?? ''}: diverged at step ${s.diverged.step} (${s.diverged.term})`);
  }
  return lines.join('\n');
}
