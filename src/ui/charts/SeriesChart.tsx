import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

export interface Series {
  readonly key: string;
  readonly color: string;
  readonly dashed?: boolean;
}

/** A step-indexed multi-line chart: the skeleton every per-step chart shares. */
export function SeriesChart(props: {
  readonly data: readonly Record<string, number>[];
  readonly series: readonly Series[];
  readonly height?: number;
  readonly yDomain?: [number | 'auto', number | 'auto'];
  readonly format?: (v: number) => string;
  readonly legend?: boolean;
}) {
  const format = props.format ?? ((v: number) => v.toPrecision(4));
  return (
    <ResponsiveContainer width="100%" height={props.height ?? 200}>
      <LineChart data={props.data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} />
        <YAxis domain={props.yDomain ?? ['auto', 'auto']} />
        <Tooltip formatter={(v) => (typeof v === 'number' ? format(v) : String(v))} />
        {props.legend !== false && <Legend />}
        {props.series.map((s) => (
          <Line
            key={s.key}
            dataKey={s.key}
            stroke={s.color}
            strokeDasharray={s.dashed === true ? '4 2' : undefined}
            dot={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
