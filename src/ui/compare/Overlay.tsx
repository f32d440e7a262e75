import { useRef } from 'react';
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
import type { RunState } from '../../store/runState';
import { variantColor } from '../charts/colors';
import { downloadChartPng, downloadChartSvg } from './download';

export function ExportButtons({
  target,
  name,
}: {
  readonly target: React.RefObject<HTMLDivElement | null>;
  readonly name: string;
}) {
  return (
    <span className="export-buttons">
      <button type="button" onClick={() => void downloadChartPng(target.current, `${name}.png`)}>
        PNG
      </button>
      <button type="button" onClick={() => downloadChartSvg(target.current, `${name}.svg`)}>
        SVG
      </button>
    </span>
  );
}

/** Values spanning more than this ratio (all positive) are drawn on a log axis. */
const LOG_SPAN = 50;

/**
 * One line per variant (first seed); lockstep runs share their steps, a fork's line starts at its
 * fork step. Values spanning decades get a log axis (raw MSE's 600 beside PHI-S's 1).
 */
export function Overlay({
  runs,
  title,
  testId,
  value,
  yLabel,
  empty,
}: {
  readonly runs: readonly RunState[];
  readonly title: string;
  readonly testId: string;
  readonly value: (r: RunState) => { x: number; y: number }[];
  readonly yLabel?: string;
  /** What to say when no variant has this measure. */
  readonly empty?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const labels = [...new Set(runs.map((r) => r.label))];
  const series = labels.map((label) => ({
    label,
    data: value(runs.find((r) => r.label === label) as RunState).filter((p) =>
      Number.isFinite(p.y),
    ),
  }));
  const points = series.reduce((s, x) => s + x.data.length, 0);
  const ys = series.flatMap((s) => s.data.map((p) => p.y));
  const min = Math.min(...ys);
  const log = ys.length > 0 && min > 0 && Math.max(...ys) / min > LOG_SPAN;
  return (
    <section className="chart-card" aria-label={title}>
      <h2>
        {title} {log && <small className="hint">(log scale)</small>}{' '}
        <ExportButtons target={ref} name={testId} />
      </h2>
      <div
        ref={ref}
        className="chart-body"
        data-testid={testId}
        data-series={series.filter((s) => s.data.length > 0).length}
        data-points={points}
        data-scale={log ? 'log' : 'linear'}
      >
        {points === 0 && empty !== undefined ? (
          <p className="empty">{empty}</p>
        ) : (
          <ResponsiveContainer width="100%" height={220}>
            <LineChart>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis
                dataKey="x"
                type="number"
                domain={['dataMin', 'dataMax']}
                allowDuplicatedCategory={false}
              />
              <YAxis
                scale={log ? 'log' : 'auto'}
                domain={['auto', 'auto']}
                label={yLabel ? { value: yLabel, angle: -90, position: 'insideLeft' } : undefined}
                tickFormatter={(v: number) => Number(v.toPrecision(3)).toString()}
              />
              <Tooltip formatter={(v) => (typeof v === 'number' ? v.toPrecision(4) : String(v))} />
              <Legend />
              {series.map((s, i) => (
                <Line
                  key={s.label}
                  data={s.data}
                  dataKey="y"
                  name={s.label}
                  stroke={variantColor(i)}
                  dot={s.data.length < 3}
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        )}
      </div>
    </section>
  );
}
