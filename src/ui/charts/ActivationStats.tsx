import { memo, useState } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { RunState } from '../../store/runState';
import { BarCanvas, ScatterCanvas } from './canvasCharts';
import { ChartCard } from './ChartCard';
import { teacherColor } from './colors';
import { CovarianceHeatmap } from './CovarianceHeatmap';

type Side = 'raw' | 'normalized';

/**
 * Activation statistics of one teacher, before and after its normalizer: per-dimension variance
 * profile, eigenvalue spectrum (log scale), histogram, covariance heatmap and a 2-D PCA scatter.
 */
function ActivationStatsView({ run }: { readonly run: RunState | undefined }) {
  const stats = run?.teacherStats ?? [];
  const [teacher, setTeacher] = useState(0);
  const [side, setSide] = useState<Side>('normalized');
  const t = stats[Math.min(teacher, Math.max(0, stats.length - 1))];
  const v = t?.[side];
  const spectrum = (v?.eigenvalues ?? []).map((value, i) => ({
    i: i + 1,
    value: Math.max(value, 1e-12),
  }));
  const edges = v?.histogram.edges ?? [];
  const color = teacherColor(teacher);
  return (
    <ChartCard
      wide
      title="Activation statistics"
      testId="activation-stats"
      points={stats.length}
      note={
        <div className="stats-controls">
          <label>
            Teacher{' '}
            <select
              aria-label="Statistics teacher"
              value={teacher}
              onChange={(e) => setTeacher(Number(e.target.value))}
            >
              {stats.map((s, i) => (
                <option key={s.id} value={i}>
                  {s.id} (C = {s.featureDim})
                </option>
              ))}
            </select>
          </label>
          <fieldset className="segmented" aria-label="Before or after normalization">
            {(['raw', 'normalized'] as const).map((s) => (
              <label key={s}>
                <input
                  type="radio"
                  name="stats-side"
                  value={s}
                  checked={side === s}
                  onChange={() => setSide(s)}
                />{' '}
                {s === 'raw' ? 'before' : `after ${t?.normalizer.kind ?? ''}`}
              </label>
            ))}
          </fieldset>
          {t && side === 'normalized' && (
            <span className="normalizer-facts">
              {t.normalizer.alpha !== null && `α = ${t.normalizer.alpha.toPrecision(4)} · `}
              {t.normalizer.construction !== null &&
                `H: ${t.normalizer.construction}${t.normalizer.exact ? '' : ' (approximate: no Hadamard matrix of this order)'}`}
            </span>
          )}
        </div>
      }
    >
      <div className="stats-grid">
        <figure data-testid="variance-profile" data-mean={v?.meanVariance ?? ''}>
          <figcaption>Per-dimension variance (mean {v?.meanVariance.toPrecision(3)})</figcaption>
          <BarCanvas
            values={v?.perDimVariance ?? []}
            color={color}
            label={`Per-dimension variance of ${t?.id ?? ''}`}
          />
        </figure>
        <figure data-testid="eigen-spectrum">
          <figcaption>Eigenvalue spectrum (log)</figcaption>
          <ResponsiveContainer width="100%" height={150}>
            <LineChart data={spectrum}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="i" />
              <YAxis
                scale="log"
                domain={['auto', 'auto']}
                width={48}
                allowDataOverflow
                tickFormatter={(x: number) => x.toExponential(0)}
              />
              <Tooltip />
              <Line dataKey="value" stroke={color} dot={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </figure>
        <figure data-testid="histogram">
          <figcaption>
            Histogram of values ({(edges[0] ?? 0).toPrecision(2)} …{' '}
            {(edges.at(-1) ?? 0).toPrecision(2)})
          </figcaption>
          <BarCanvas
            values={v?.histogram.counts ?? []}
            color={color}
            label={`Histogram of ${t?.id ?? ''} values`}
          />
        </figure>
        <figure data-testid="covariance-heatmap">
          <figcaption>Covariance (block-averaged)</figcaption>
          {v && (
            <CovarianceHeatmap
              size={v.covariance.size}
              values={v.covariance.values}
              label={`Covariance heatmap of ${t.id} ${side}`}
            />
          )}
        </figure>
        <figure data-testid="pca-scatter">
          <figcaption>2-D PCA of 300 samples (colour = class)</figcaption>
          <ScatterCanvas
            x={v?.pca.x ?? []}
            y={v?.pca.y ?? []}
            classes={v?.pca.labels ?? []}
            colors={teacherColor}
            label={`PCA of ${t?.id ?? ''} features`}
          />
        </figure>
        <ErrorBalance run={run} teacherIndex={teacher} />
      </div>
    </ChartCard>
  );
}

/** PHI-S's "error balance": the student's per-dimension error in the normalized space. */
function ErrorBalance({
  run,
  teacherIndex,
}: {
  readonly run: RunState | undefined;
  readonly teacherIndex: number;
}) {
  const last = run?.evals.at(-1);
  const id = run?.teacherStats[teacherIndex]?.id;
  const per = last?.perTeacher.find((p) => p.id === id)?.errorPerDim ?? [];
  return (
    <figure data-testid="error-balance" data-points={per.length}>
      <figcaption>Student error per dimension (normalized space)</figcaption>
      <BarCanvas values={per} color="#64748b" label="Student error per dimension" />
    </figure>
  );
}

/** Re-renders only when the statistics or evaluations change, not on every step. */
export const ActivationStats = memo(
  ActivationStatsView,
  (a, b) => a.run?.teacherStats === b.run?.teacherStats && a.run?.evals === b.run?.evals,
);
