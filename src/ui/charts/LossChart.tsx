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
import { TERM_COLORS, teacherColor } from './colors';
import { thin } from '../../store/runFile';

/** Points drawn per line (the chart is a few hundred pixels wide). */
const MAX_DRAWN = 200;

type Term = RunState['terms'][number];

/** A term's line colour: its teacher's for feature and avatar terms, else its kind's. */
function termColor(t: Term, teacherIndex: (id: string) => number): string {
  switch (t.kind) {
    case 'feature':
    case 'avatar':
      return teacherColor(teacherIndex(t.teacher));
    case 'logit':
      return TERM_COLORS.logit;
    case 'ofa-branch':
      return TERM_COLORS.ofa;
    case 'dfl':
      return TERM_COLORS.dfl;
    case 'ce':
      return TERM_COLORS.ce;
  }
}

/** One row per step: the total and each term, null where a value cannot go on a log axis. */
function lossRows(run: RunState | undefined): Record<string, number | null>[] {
  const positive = (v: number | undefined): number | null =>
    v !== undefined && Number.isFinite(v) && v > 0 ? v : null;
  return (run?.points ?? []).map((p) => {
    const row: Record<string, number | null> = { step: p.step, total: positive(p.total) };
    (run?.terms ?? []).forEach((t, k) => {
      row[t.key] = positive(p.terms[k]);
    });
    return row;
  });
}

/** Every weighted loss term per step (log scale; a zero term is left out rather than breaking it) and the total. */
export function LossChart({
  run,
  marks = [],
}: {
  readonly run: RunState | undefined;
  /** Live knob changes: drawn as labelled vertical lines at the first step that used them. */
  readonly marks?: readonly { readonly step: number; readonly label: string }[] | undefined;
}) {
  const terms = run?.terms ?? [];
  const data = lossRows(run);
  const teacherIndex = (id: string): number => run?.teachers.findIndex((t) => t.id === id) ?? 0;
  return (
    <ChartCard
      title="Loss per term"
      testId="loss-chart"
      points={data.length}
      note={
        run && run.refits.length > 0
          ? 'dotted lines: streaming statistics refitted the normalizers'
          : undefined
      }
    >
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={thin(data, MAX_DRAWN)}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} />
          <YAxis
            scale="log"
            domain={['auto', 'auto']}
            allowDataOverflow
            tickFormatter={(v: number) => v.toPrecision(2)}
          />
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toPrecision(4) : String(v))} />
          <Legend />
          <Line
            dataKey="total"
            stroke="#0f172a"
            dot={false}
            isAnimationActive={false}
            strokeWidth={2}
          />
          {terms.map((t) => (
            <Line
              key={t.key}
              dataKey={t.key}
              name={t.label}
              stroke={termColor(t, teacherIndex)}
              dot={false}
              isAnimationActive={false}
              strokeDasharray={t.kind === 'feature' ? undefined : '4 2'}
            />
          ))}
          {(run?.refits ?? []).map((s) => (
            <ReferenceLine key={`refit-${s}`} x={s} stroke="#94a3b8" strokeDasharray="2 3" />
          ))}
          {marks.map((m) => (
            <ReferenceLine
              key={`knob-${String(m.step)}-${m.label}`}
              x={m.step}
              stroke="#0f172a"
              strokeWidth={2}
              label={{ value: m.label, position: 'insideTopLeft', fontSize: 11 }}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
