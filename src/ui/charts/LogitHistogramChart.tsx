import { memo } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { HistogramView } from '../../engine/events';
import type { RunState } from '../../store/runState';
import { ChartCard } from './ChartCard';

function rows(teacher: HistogramView, student: HistogramView): Record<string, number>[] {
  return teacher.counts.map((c, i) => ({
    x: ((teacher.edges[i] ?? 0) + (teacher.edges[i + 1] ?? 0)) / 2,
    teacher: c,
    student: student.counts[i] ?? 0,
  }));
}

function Panel({
  title,
  data,
}: {
  readonly title: string;
  readonly data: Record<string, number>[];
}) {
  return (
    <figure className="fidelity-measure" aria-label={title}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={170}>
        <BarChart data={data} barGap={0} barCategoryGap={0}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="x"
            type="number"
            domain={['dataMin', 'dataMax']}
            tickFormatter={(v: number) => v.toFixed(1)}
            tickCount={5}
          />
          <YAxis width={40} />
          <Tooltip labelFormatter={(v) => `logit ≈ ${Number(v).toFixed(2)}`} />
          <Legend />
          <Bar dataKey="teacher" fill="#f59e0b" fillOpacity={0.6} isAnimationActive={false} />
          <Bar dataKey="student" fill="#2563eb" fillOpacity={0.6} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

/**
 * Logit standardization's picture (Sun et al. 2024): teacher and student logits on the eval split,
 * raw (one shared axis) and after the per-sample Z-score (another). KD must match the raw
 * logits' scale; LS-KD only their shape.
 */
function LogitHistogramView({ run }: { readonly run: RunState | undefined }) {
  const h = run?.evals.at(-1)?.logits ?? null;
  const scales = (run?.config.teachers ?? [])
    .filter((t) => t.logitScale !== 1)
    .map((t) => `${t.id} ×${t.logitScale}`);
  return (
    <ChartCard
      title="Logits before and after Z-score"
      testId="logit-histograms"
      points={h ? 1 : 0}
      wide
      note={`Teacher (orange) and student (blue) logits on the test split, last evaluation${scales.length > 0 ? ` · teacher logit scale ${scales.join(', ')}` : ''}. Plain KD must match the left picture; LS-KD only the right one.`}
    >
      {h ? (
        <div className="fidelity-grid two">
          <Panel title="raw logits" data={rows(h.teacher, h.student)} />
          <Panel title="Z-scored logits (per sample)" data={rows(h.teacherZ, h.studentZ)} />
        </div>
      ) : null}
    </ChartCard>
  );
}

export const LogitHistogramChart = memo(
  LogitHistogramView,
  (a, b) => a.run?.evals === b.run?.evals,
);
