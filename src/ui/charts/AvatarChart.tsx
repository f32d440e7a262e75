import { memo } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { RunState } from '../../store/runState';
import { ChartCard } from './ChartCard';
import { teacherColor } from './colors';

/** Avatar KD: mean λ per teacher (line) and its spread over elements (band: mean ± std). */
function AvatarChartView({ run }: { readonly run: RunState | undefined }) {
  const teachers = run?.teachers ?? [];
  const byStep = new Map<number, Record<string, number | [number, number]>>();
  for (const a of run?.avatar ?? []) {
    const row = byStep.get(a.step) ?? { step: a.step };
    row[`λ ${a.teacher}`] = a.meanWeight;
    row[`band ${a.teacher}`] = [
      Math.max(0, a.meanWeight - a.spread),
      Math.min(1, a.meanWeight + a.spread),
    ];
    byStep.set(a.step, row);
  }
  const data = [...byStep.values()];
  const last = run?.avatar.slice(-teachers.length) ?? [];
  return (
    <ChartCard
      title="Avatar weight λ = 1 / (1 + u_rel)"
      testId="avatar-chart"
      points={data.length}
      note={
        <span
          data-testid="avatar-lambda"
          data-value={last.map((a) => a.meanWeight.toFixed(4)).join(',')}
        >
          mean λ per teacher (band: ± its spread over elements); 1 = avatars agree with the teacher,
          lower = more uncertain
          {last.length > 0 ? ` · now ${last.map((a) => a.meanWeight.toFixed(3)).join(', ')}` : ''}
        </span>
      }
    >
      <ResponsiveContainer width="100%" height={220}>
        <ComposedChart data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} />
          <YAxis domain={[0, 1]} />
          <Tooltip
            formatter={(v) =>
              typeof v === 'number'
                ? v.toFixed(3)
                : Array.isArray(v)
                  ? v.map((x) => Number(x).toFixed(3)).join(' – ')
                  : String(v)
            }
          />
          <Legend />
          {teachers.map((t, k) => (
            <Area
              key={`band-${t.id}`}
              dataKey={`band ${t.id}`}
              name={`${t.name} spread`}
              stroke="none"
              fill={teacherColor(k)}
              fillOpacity={0.15}
              isAnimationActive={false}
              legendType="none"
            />
          ))}
          {teachers.map((t, k) => (
            <Line
              key={t.id}
              dataKey={`λ ${t.id}`}
              name={`λ ${t.name}`}
              stroke={teacherColor(k)}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

export const AvatarChart = memo(
  AvatarChartView,
  (a, b) => a.run?.avatar === b.run?.avatar && a.run?.teachers === b.run?.teachers,
);
