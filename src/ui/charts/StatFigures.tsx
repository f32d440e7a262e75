import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  ZAxis,
} from 'recharts';
import type { ReactNode } from 'react';
import type { RunState } from '../../store/runState';
import { classColor } from './colors';

/** One teacher's statistics, before and after its normalizer, as the engine sends them. */
export type TeacherStatsView = RunState['teacherStats'][number];
/** One side's statistics. */
export type StatsView = TeacherStatsView['raw'];

/**
 * One figure drawn twice: the teacher's features before the normalizer (test id `<id>-before`) and
 * after it (`<id>`), side by side in the stats grid.
 */
export function BeforeAfter({
  t,
  id,
  figure,
}: {
  readonly t: TeacherStatsView;
  readonly id: string;
  readonly figure: (v: StatsView, testId: string, after: boolean) => ReactNode;
}) {
  return (
    <>
      {figure(t.raw, `${id}-before`, false)}
      {figure(t.normalized, id, true)}
    </>
  );
}

const sci = (x: number): string =>
  Math.abs(x) >= 0.01 && Math.abs(x) < 1000 ? x.toPrecision(2) : x.toExponential(0);

/** The x axis of a per-dimension bar chart (props: recharts finds axes by element type). */
export const DIMENSION_AXIS = {
  dataKey: 'dim',
  interval: 'preserveStartEnd',
  minTickGap: 24,
  tick: { fontSize: 10 },
} as const;

/** A log-scale y axis on a shared domain, ticks in short scientific form. */
export function logYAxis(domain: [number, number]) {
  return {
    scale: 'log',
    domain,
    allowDataOverflow: true,
    width: 44,
    tickFormatter: sci,
    tick: { fontSize: 10 },
  } as const;
}

/** A log-scale domain covering every positive value of both sides (one shared scale). */
export function sharedLogDomain(...lists: readonly (readonly number[])[]): [number, number] {
  const pos = lists.flat().filter((v) => v > 0 && Number.isFinite(v));
  if (pos.length === 0) return [1e-3, 1];
  return [
    10 ** Math.floor(Math.log10(Math.min(...pos))),
    10 ** Math.ceil(Math.log10(Math.max(...pos))),
  ];
}

/** Eigenvalues above the numerical floor (1e-7 of the largest): the spectrum spends no decades on zeros. */
export function trimmedSpectrum(eigenvalues: readonly number[]): number[] {
  const top = Math.max(0, ...eigenvalues);
  return eigenvalues.filter((v) => v > top * 1e-7);
}

export function VarianceFigure({
  v,
  color,
  domain,
  testId,
}: {
  readonly v: StatsView;
  readonly color: string;
  readonly domain: [number, number];
  readonly testId: string;
}) {
  const data = v.perDimVariance.map((value, dim) => ({
    dim: dim + 1,
    value: Math.max(value, domain[0]),
  }));
  return (
    <figure data-testid={testId} data-mean={v.meanVariance}>
      <figcaption>Per-dimension variance, log (mean {v.meanVariance.toPrecision(3)})</figcaption>
      <ResponsiveContainer width="100%" height={140}>
        <BarChart data={data}>
          <XAxis {...DIMENSION_AXIS} />
          <YAxis {...logYAxis(domain)} />
          <Tooltip
            formatter={(x) =>
              typeof x === 'number' ? `${x.toPrecision(3)} (feature units²)` : String(x)
            }
            labelFormatter={(d) => (typeof d === 'number' ? `dimension ${String(d)}` : '')}
          />
          <Bar dataKey="value" fill={color} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function SpectrumFigure({
  v,
  color,
  domain,
  testId,
}: {
  readonly v: StatsView;
  readonly color: string;
  readonly domain: [number, number];
  readonly testId: string;
}) {
  const kept = trimmedSpectrum(v.eigenvalues);
  const data = kept.map((value, i) => ({ i: i + 1, value }));
  return (
    <figure data-testid={testId} data-points={data.length}>
      <figcaption>
        Eigenvalue spectrum, log ({kept.length} of {v.eigenvalues.length} above the 1e-7 floor)
      </figcaption>
      <ResponsiveContainer width="100%" height={140}>
        <LineChart data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="i"
            type="number"
            domain={[1, 'dataMax']}
            minTickGap={24}
            tick={{ fontSize: 10 }}
          />
          <YAxis {...logYAxis(domain)} />
          <Tooltip
            formatter={(x) =>
              typeof x === 'number'
                ? `${x.toPrecision(3)} (variance along the direction)`
                : String(x)
            }
            labelFormatter={(d) => (typeof d === 'number' ? `eigen-direction ${String(d)}` : '')}
          />
          <Line dataKey="value" stroke={color} dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function HistogramFigure({
  v,
  color,
  testId,
}: {
  readonly v: StatsView;
  readonly color: string;
  readonly testId: string;
}) {
  const data = v.histogram.counts.map((count, i) => ({
    x: ((v.histogram.edges[i] ?? 0) + (v.histogram.edges[i + 1] ?? 0)) / 2,
    count,
  }));
  return (
    <figure data-testid={testId}>
      <figcaption>Histogram of feature values</figcaption>
      <ResponsiveContainer width="100%" height={140}>
        <BarChart data={data}>
          <XAxis
            dataKey="x"
            type="number"
            domain={['dataMin', 'dataMax']}
            tickFormatter={sci}
            minTickGap={28}
            tick={{ fontSize: 10 }}
          />
          <YAxis width={44} tick={{ fontSize: 10 }} />
          <Tooltip
            formatter={(x) => (typeof x === 'number' ? `${String(x)} values` : String(x))}
            labelFormatter={(x) => (typeof x === 'number' ? `around ${x.toPrecision(3)}` : '')}
          />
          <Bar dataKey="count" fill={color} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function PcaFigure({ v, testId }: { readonly v: StatsView; readonly testId: string }) {
  const pca = v.pca.x.map((x, i) => ({ x, y: v.pca.y[i] ?? 0, label: v.pca.labels[i] ?? 0 }));
  const classes = [...new Set(pca.map((p) => p.label))].sort((a, b) => a - b);
  return (
    <figure data-testid={testId}>
      <figcaption>2-D PCA of 300 samples</figcaption>
      <ResponsiveContainer width="100%" height={124}>
        <ScatterChart>
          <XAxis dataKey="x" type="number" hide />
          <YAxis dataKey="y" type="number" hide />
          <ZAxis range={[8, 8]} />
          {classes.map((c) => (
            <Scatter
              key={c}
              name={`class ${String(c)}`}
              data={pca.filter((p) => p.label === c)}
              fill={classColor(c)}
              isAnimationActive={false}
            />
          ))}
        </ScatterChart>
      </ResponsiveContainer>
      <ul className="class-legend" aria-label="Classes">
        {classes.map((c) => (
          <li key={c}>
            <span className="swatch" style={{ background: classColor(c) }} aria-hidden="true" />
            {c}
          </li>
        ))}
      </ul>
    </figure>
  );
}
