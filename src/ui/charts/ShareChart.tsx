import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useBalance } from '../../store/hooks';
import type { RunState } from '../../store/runState';
import { ChartCard } from './ChartCard';
import { teacherColor } from './colors';
import { thin } from '../../store/runFile';

/** Points drawn per line (the chart is a few hundred pixels wide). */
const MAX_DRAWN = 200;

/**
 * Each teacher's share of the feature loss, stacked to 1 (shares and the balance index come from
 * the engine). Beside the index: the spread of per-teacher FVU, because a run that learns nothing
 * is perfectly "balanced" too.
 */
export function ShareChart({ run }: { readonly run: RunState | undefined }) {
  const teachers = run?.teachers ?? [];
  const data = (run?.points ?? []).map((p) => {
    const row: Record<string, number> = { step: p.step };
    teachers.forEach((t, k) => {
      row[t.id] = p.shares[k] ?? 0;
    });
    return row;
  });
  const { balance, fvuSpread } = useBalance(run);
  const hasShares = (run?.points[0]?.shares.length ?? 0) > 0;
  return (
    <ChartCard
      title="Loss share per teacher"
      testId="share-chart"
      points={hasShares ? data.length : 0}
      empty={
        run === undefined
          ? 'No data yet — press Run.'
          : !run.config.feature.enabled || run.teachers.length === 0
            ? 'This run has no per-teacher feature loss, so there is nothing to share.'
            : run.summary !== null
              ? 'The run finished before its first loss readback.'
              : 'Waiting for the first loss readback…'
      }
      note={
        <span
          data-testid="balance-index"
          data-value={Number.isFinite(balance) ? balance.toFixed(3) : ''}
        >
          Balance index (max / min share, last 100 steps):{' '}
          <strong>{Number.isFinite(balance) ? balance.toFixed(2) : '—'}</strong>
          {' · '}
          <span
            data-testid="fvu-spread"
            data-value={Number.isFinite(fvuSpread) ? fvuSpread.toFixed(3) : ''}
          >
            FVU max / min:{' '}
            <strong>{Number.isFinite(fvuSpread) ? fvuSpread.toFixed(2) : '—'}</strong>
          </span>{' '}
          <span className="hint">
            (a balanced loss means little if nothing is learned: read both)
          </span>
        </span>
      }
    >
      <ResponsiveContainer width="100%" height={220}>
        <AreaChart data={thin(data, MAX_DRAWN)} stackOffset="expand">
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} />
          <YAxis tickFormatter={(v: number) => `${Math.round(v * 100)}%`} />
          <Tooltip
            formatter={(v) => (typeof v === 'number' ? `${(v * 100).toFixed(1)} %` : String(v))}
          />
          <Legend />
          {teachers.map((t, k) => (
            <Area
              key={t.id}
              dataKey={t.id}
              name={t.name}
              stackId="1"
              stroke={teacherColor(k)}
              fill={teacherColor(k)}
              isAnimationActive={false}
            />
          ))}
          {(run?.knobMarks ?? []).map((m) => (
            <ReferenceLine
              key={`knob-${String(m.step)}-${m.label}`}
              x={m.step}
              stroke="#0f172a"
              strokeWidth={2}
              label={{ value: m.label, position: 'insideTopLeft', fontSize: 11 }}
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
