import { memo } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { RunState } from '../../store/runState';
import { ChartCard } from './ChartCard';
import { SeriesChart } from './SeriesChart';
import { teacherColor } from './colors';

/** Student test accuracy (when it has a trained head) and kNN accuracy of its features; DFL markers. */
function AccuracyChartView({ run }: { readonly run: RunState | undefined }) {
  const data = (run?.evals ?? []).map((e) => ({
    step: e.step,
    'test accuracy': e.testAccuracy ?? Number.NaN,
    'kNN accuracy': e.knnAccuracy ?? Number.NaN,
  }));
  const markers = run?.dfl ?? [];
  // label-free runs have no trained classifier head: no test-accuracy line, not an empty one
  const hasHead = (run?.evals ?? []).some((e) => e.testAccuracy !== null);
  return (
    <ChartCard
      title="Student accuracy"
      testId="accuracy-chart"
      points={data.length}
      note={markers.length > 0 ? 'green: DFL snapshot · red: reset' : undefined}
    >
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="step" type="number" domain={[0, 'dataMax']} />
          <YAxis domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} />
          <Tooltip
            formatter={(v) => (typeof v === 'number' ? `${(v * 100).toFixed(1)} %` : String(v))}
          />
          <Legend />
          {hasHead && (
            <Line
              dataKey="test accuracy"
              stroke="#2563eb"
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
          )}
          <Line
            dataKey="kNN accuracy"
            stroke="#10b981"
            dot={false}
            isAnimationActive={false}
            connectNulls
          />
          {markers.map((m) => (
            <ReferenceLine
              key={`${m.kind}-${m.step}`}
              x={m.step}
              stroke={m.kind === 'reset' ? '#ef4444' : '#16a34a'}
              strokeDasharray={m.kind === 'reset' ? undefined : '3 3'}
              data-testid={`dfl-marker-${m.kind}`}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

export function ThroughputChart({ run }: { readonly run: RunState | undefined }) {
  const data = (run?.points ?? [])
    .filter((_, i) => i % 5 === 0)
    .map((p) => ({ step: p.step, 'samples/s': p.samplesPerSecond }));
  return (
    <ChartCard title="Throughput" testId="throughput-chart" points={data.length}>
      <SeriesChart
        data={data}
        series={[{ key: 'samples/s', color: '#8b5cf6' }]}
        height={160}
        yDomain={[0, 'auto']}
        format={(v) => v.toFixed(0)}
        legend={false}
      />
    </ChartCard>
  );
}

/** OFA: per-branch losses (stage 1 … final), which should fall stage by stage. */
function OfaChartView({ run }: { readonly run: RunState | undefined }) {
  const rows = run?.ofa ?? [];
  const n = rows[0]?.branchLosses.length ?? 0;
  const names = Array.from({ length: n }, (_, i) =>
    i === n - 1 ? 'final logits' : `branch ${i + 1}`,
  );
  const data = rows.map((r) => {
    const row: Record<string, number> = { step: r.step };
    names.forEach((name, i) => {
      row[name] = r.branchLosses[i] ?? Number.NaN;
    });
    return row;
  });
  return (
    <ChartCard title="OFA losses per branch" testId="ofa-chart" points={data.length}>
      <SeriesChart
        data={data}
        series={names.map((name, i) => ({ key: name, color: teacherColor(i) }))}
      />
    </ChartCard>
  );
}

type RunProps = { readonly run: RunState | undefined };
const same =
  (keys: readonly ('evals' | 'dfl' | 'ofa')[]) =>
  (a: RunProps, b: RunProps): boolean =>
    keys.every((k) => a.run?.[k] === b.run?.[k]);

/** Evaluation charts re-render when their own data changes, not on every training step. */
export const AccuracyChart = memo(AccuracyChartView, same(['evals', 'dfl']));
export const OfaChart = memo(OfaChartView, same(['ofa']));
