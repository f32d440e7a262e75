import type { RunSummary } from '../engine/events';

export function progressBar(done: number, total: number, width = 30): string {
  const f = Math.max(0, Math.min(1, done / Math.max(1, total)));
  const full = Math.round(f * width);
  return `[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${done}/${total}`;
}

const pct = (v: number | null): string => (v === null || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(1)} %`);
const num = (v: number, d = 3): string => (Number.isFinite(v) ? v.toFixed(d) : '—');

/** A plain-text table: one row per run, per-teacher shares and errors, balance, accuracies. */
export function formatSummaryTable(labels: readonly string[], summaries: readonly RunSummary[]): string {
  const lines: string[] = [];
  const teacherIds = summaries[0]?.perTeacher.map((p) => p.id) ?? [];
  const head = ['run', ...teacherIds.map((t) => `share ${t}`), ...teacherIds.map((t) => `err(φS) ${t}`), 'balance', 'test acc', 'kNN acc', 'samples/s'];
  const rows = summaries.map((s, i) => [
    labels[i] ?? `run ${i + 1}`,
    ...s.perTeacher.map((p) => num(p.lossShare)),
    ...s.perTeacher.map((p) => num(p.errorPhiS)),
    num(s.balanceIndex, 2),
    pct(s.testAccuracy),
    pct(s.knnAccuracy),
    num(s.samplesPerSecond, 0),
  ]);
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => (r[k] ?? '').length)));
  const fmt = (r: string[]): string => r.map((c, k) => c.padEnd(widths[k] ?? 0)).join('  ');
  lines.push(fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt));
  for (const [i, s] of summaries.entries()) if (s.diverged) lines.push(`${labels[i] ?? ''}: diverged at step ${s.diverged.step} (${s.diverged.term})`);
  return lines.join('\n');
}
