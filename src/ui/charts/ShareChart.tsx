import { Area, AreaChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RunState } from '../../store/runState';
import { ChartCard } from './ChartCard';
import { teacherColor } from './colors';
import { termName } from './termNames';

/** Each teacher's share of the feature loss, stacked to 1; the balance index is max/min share. */
export function ShareChart({ run }: { readonly run: RunState | undefined }) {
  const ids = (run?.termIds ?? []).filter((t) => t.startsWith('feature:'));
  const names = ids.map((id) => termName(id, run));
  const data = (run?.points ?? []).map((p) => {
    const f = p.terms.slice(0, ids.length);
    const s = f.reduce((a, b) => a + b, 0);
    const row: Record<string, number> = { step: p.step };
    ids.forEach((id, k) => {
      row[names[k] ?? id] = s > 0 ? (f[k] ?? 0) / s : 0;
    });
    return row;
  });
  const last = run?.points.slice(-100) ?? [];
  const shares = ids.map((_, k) => last.reduce((a, p) => {
    const f = p.terms.slice(0, ids.length);
    const s = f.reduce((x, y) => x + y, 0);
    return a + (s > 0 ? (p.terms[k] ?? 0) / s : 0);
  }, 0) / Math.max(1, last.length));
  const balance = shares.length > 1 && Math.min(...shares) > 0 ? Math.max(...shares) / Math.min(...shares) : Number.NaN;
  return (
    <ChartCard
      title="Loss share per teacher"
      testId="share-chart"
      points={ids.length > 0 ? data.length : 0}
      empty={run === undefined ? 'No data yet — press Run.' : ids.length === 0 ? 'This run has no per-teacher feature loss, so there is nothing to share.' : run.summary !== null ? 'The run finished before its first loss readback.' : 'Waiting for the first loss readback…'}
      note={
        <span data-testid="balance-index" data-value={Number.isFinite(balance) ? balance.toFixed(3) : ''}>
          Balance index (max / min share, last 100 steps): <strong>{Number.isFinite(balance) ? balance.toFixed(2) : '—'}</strong>
        </span>
      }
    >
      <ResponsiveContainer width="100%" height={220}>
        <AreaChart data={data} stackOffset="expand">
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} />
          <YAxis tickFormatter={(v: number) => `${Math.round(v * 100)}%`} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? `${(v * 100).toFixed(1)} %` : String(v))} />
          <Legend />
          {ids.map((id, k) => (
            <Area key={id} dataKey={names[k] ?? id} stackId="1" stroke={teacherColor(k)} fill={teacherColor(k)} isAnimationActive={false} />
          ))}
          {(run?.knobMarks ?? []).map((m) => (
            <ReferenceLine key={`${String(m.step)}-${m.label}`} x={m.step} stroke="#0f172a" strokeWidth={2} strokeDasharray="2 3" label={{ value: m.label, position: 'insideTopLeft', fontSize: 11 }} />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
