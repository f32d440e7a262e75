import { memo } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { PerTeacherEval } from '../../engine/events';
import type { RunState } from '../../store/runState';
import { ChartCard } from './ChartCard';
import { teacherColor } from './colors';

type Measure = 'fvu' | 'whitenedError' | 'cka';

/** The three fidelity measures: each comparable across normalizations, each meaning something else. */
const MEASURES: { key: Measure; title: string; meaning: string; log: boolean }[] = [
  {
    key: 'fvu',
    title: 'FVU (lower is better)',
    meaning:
      'Fraction of the teacher’s variance the student misses, in the teacher’s own units (= MSE in its PHI-S space).',
    log: true,
  },
  {
    key: 'whitenedError',
    title: 'Whitened error (lower is better)',
    meaning:
      'MSE after ZCA whitening: every principal direction counts equally — low-variance directions learned?',
    log: true,
  },
  {
    key: 'cka',
    title: 'Linear CKA (higher is better)',
    meaning:
      'Similarity of student and teacher features, blind to scale and rotation (the OFA paper’s measure).',
    log: false,
  },
];

function MeasureChart({
  run,
  measure,
  ids,
  names,
}: {
  readonly run: RunState;
  readonly measure: (typeof MEASURES)[number];
  readonly ids: string[];
  readonly names: string[];
}) {
  const value = (p: PerTeacherEval): number => p[measure.key];
  const data = run.evals.map((e) => {
    const row: Record<string, number | null> = { step: e.step };
    for (const p of e.perTeacher) {
      const v = value(p);
      row[p.id] = Number.isFinite(v) && (!measure.log || v > 0) ? v : null;
    }
    return row;
  });
  return (
    <figure className="fidelity-measure" aria-label={measure.title}>
      <figcaption>{measure.title}</figcaption>
      <ResponsiveContainer width="100%" height={170}>
        <LineChart data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} tickCount={4} />
          {measure.log ? (
            <YAxis
              scale="log"
              domain={['auto', 'auto']}
              allowDataOverflow
              width={48}
              tickFormatter={(v: number) => v.toPrecision(2)}
            />
          ) : (
            <YAxis domain={[0, 1]} width={48} />
          )}
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(3) : String(v))} />
          {ids.map((id, k) => (
            <Line
              key={id}
              name={names[k] ?? id}
              dataKey={id}
              stroke={teacherColor(k)}
              isAnimationActive={false}
              connectNulls
            />
          ))}
          {run.refits.map((s) => (
            <ReferenceLine key={`refit-${s}`} x={s} stroke="#94a3b8" strokeDasharray="2 3" />
          ))}
        </LineChart>
      </ResponsiveContainer>
      <p className="measure-meaning">{measure.meaning}</p>
    </figure>
  );
}

/** How faithfully the student reproduces each teacher: FVU, whitened error, CKA (one line per teacher). */
function FidelityChartView({ run }: { readonly run: RunState | undefined }) {
  const ids = run?.teachers.map((t) => t.id) ?? [];
  const names = run?.teachers.map((t) => t.name) ?? [];
  const points = run && ids.length > 0 && run.config.feature.enabled ? run.evals.length : 0;
  return (
    <ChartCard
      title="Per-teacher fidelity"
      testId="fidelity-chart"
      points={points}
      wide
      note={
        <span className="legend-inline">
          {names.map((n, k) => (
            <span key={ids[k]} style={{ color: teacherColor(k) }}>
              ● {n}{' '}
            </span>
          ))}
          {run && run.refits.length > 0 ? (
            <span>· dotted lines: streaming statistics refitted</span>
          ) : null}
        </span>
      }
    >
      {run ? (
        <div className="fidelity-grid">
          {MEASURES.map((m) => (
            <MeasureChart key={m.key} run={run} measure={m} ids={ids} names={names} />
          ))}
        </div>
      ) : null}
    </ChartCard>
  );
}

export const FidelityChart = memo(
  FidelityChartView,
  (a, b) =>
    a.run?.evals === b.run?.evals &&
    a.run?.teachers === b.run?.teachers &&
    a.run?.refits === b.run?.refits,
);
