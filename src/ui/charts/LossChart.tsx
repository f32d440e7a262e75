import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RunState } from '../../store/runState';
import { ChartCard } from './ChartCard';
import { termColor, termName } from './termNames';

/** Log axes cannot show 0 or negatives: such points are left out (a gap), never the whole chart. */
const positive = (v: number | undefined): number | undefined => (v !== undefined && Number.isFinite(v) && v > 0 ? v : undefined);

/** Every weighted loss term per step (feature terms coloured by teacher) and the total, log scale. */
export function LossChart({ run, marks = [] }: { readonly run: RunState | undefined; readonly marks?: readonly { step: number; label: string }[] }) {
  const ids = run?.termIds ?? [];
  const names = ids.map((id) => termName(id, run));
  const data = (run?.points ?? []).map((p) => {
    const row: Record<string, number | undefined> = { step: p.step, total: positive(p.total) };
    names.forEach((name, k) => {
      row[name] = positive(p.terms[k]);
    });
    return row;
  });
  const zeroTerms = names.filter((name) => data.length > 0 && data.every((r) => r[name] === undefined));
  return (
    <ChartCard title="Loss per term" testId="loss-chart" points={data.length} note={zeroTerms.length > 0 ? `Zero so far (not drawn on a log scale): ${zeroTerms.join(', ')}` : 'log scale: each term as weighted in the total'}>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} />
          <YAxis scale="log" domain={['auto', 'auto']} allowDataOverflow tickFormatter={(v: number) => v.toPrecision(2)} width={56} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toPrecision(4) : String(v))} labelFormatter={(s) => (typeof s === 'number' ? `step ${String(s)}` : '')} />
          <Legend />
          <Line dataKey="total" stroke="#0f172a" dot={false} isAnimationActive={false} strokeWidth={2} />
          {ids.map((id, k) => (
            <Line key={id} dataKey={names[k] ?? id} stroke={termColor(id, run)} dot={false} isAnimationActive={false} strokeDasharray={id.startsWith('feature:') ? undefined : '4 2'} />
          ))}
          {marks.map((m) => (
            <ReferenceLine key={`${String(m.step)}-${m.label}`} x={m.step} stroke="#0f172a" strokeDasharray="2 3" label={{ value: m.label, position: 'insideTopLeft', fontSize: 11 }} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
