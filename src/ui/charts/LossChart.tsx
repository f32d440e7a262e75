import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RunState } from '../../store/runState';
import { ChartCard } from './ChartCard';
import { thin } from './useThrottled';
import { teacherColor } from './colors';

/** Points drawn per line (the chart is a few hundred pixels wide). */
const MAX_DRAWN = 200;

/** Every weighted loss term per step (feature terms coloured by teacher) and the total. */
export function LossChart({ run }: { readonly run: RunState | undefined }) {
  const ids = run?.termIds ?? [];
  const data = (run?.points ?? []).map((p) => {
    const row: Record<string, number> = { step: p.step, total: p.total };
    ids.forEach((id, k) => {
      row[id] = p.terms[k] ?? Number.NaN;
    });
    return row;
  });
  return (
    <ChartCard title="Loss per term" testId="loss-chart" points={data.length}>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={thin(data, MAX_DRAWN)}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} />
          <YAxis scale="log" domain={['auto', 'auto']} allowDataOverflow tickFormatter={(v: number) => v.toPrecision(2)} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toPrecision(4) : String(v))} />
          <Legend />
          <Line dataKey="total" stroke="#0f172a" dot={false} isAnimationActive={false} strokeWidth={2} />
          {ids.map((id, k) => (
            <Line key={id} dataKey={id} stroke={teacherColor(k)} dot={false} isAnimationActive={false} strokeDasharray={id.startsWith('feature:') ? undefined : '4 2'} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
