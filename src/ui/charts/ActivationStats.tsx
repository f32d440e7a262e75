import { memo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import type { RunState } from '../../store/runState';
import { ChartCard } from './ChartCard';
import { classColor, teacherColor } from './colors';
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
  const variance = (v?.perDimVariance ?? []).map((value, dim) => ({ dim, value }));
  const spectrum = (v?.eigenvalues ?? []).map((value, i) => ({ i: i + 1, value: Math.max(value, 1e-12) }));
  const hist = (v?.histogram.counts ?? []).map((count, i) => ({ x: (((v?.histogram.edges[i] ?? 0) + (v?.histogram.edges[i + 1] ?? 0)) / 2).toPrecision(3), count }));
  const pca = (v?.pca.x ?? []).map((x, i) => ({ x, y: v?.pca.y[i] ?? 0, label: v?.pca.labels[i] ?? 0 }));
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
            <select aria-label="Statistics teacher" value={teacher} onChange={(e) => setTeacher(Number(e.target.value))}>
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
                <input type="radio" name="stats-side" value={s} checked={side === s} onChange={() => setSide(s)} /> {s === 'raw' ? 'before' : `after ${t?.normalizer.kind ?? ''}`}
              </label>
            ))}
          </fieldset>
          {t && side === 'normalized' && (
            <span className="normalizer-facts">
              {t.normalizer.alpha !== null && `α = ${t.normalizer.alpha.toPrecision(4)} · `}
              {t.normalizer.construction !== null && `H: ${t.normalizer.construction}${t.normalizer.exact ? '' : ' (approximate: no Hadamard matrix of this order)'}`}
            </span>
          )}
        </div>
      }
    >
      <div className="stats-grid">
        <figure data-testid="variance-profile" data-mean={v?.meanVariance ?? ''}>
          <figcaption>Per-dimension variance (mean {v?.meanVariance.toPrecision(3)})</figcaption>
          <ResponsiveContainer width="100%" height={150}>
            <BarChart data={variance}>
              <XAxis dataKey="dim" hide />
              <YAxis width={48} tickFormatter={(x: number) => x.toPrecision(2)} />
              <Tooltip />
              <Bar dataKey="value" fill={color} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </figure>
        <figure data-testid="eigen-spectrum">
          <figcaption>Eigenvalue spectrum (log)</figcaption>
          <ResponsiveContainer width="100%" height={150}>
            <LineChart data={spectrum}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="i" />
              <YAxis scale="log" domain={['auto', 'auto']} width={48} allowDataOverflow tickFormatter={(x: number) => x.toExponential(0)} />
              <Tooltip />
              <Line dataKey="value" stroke={color} dot={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </figure>
        <figure data-testid="histogram">
          <figcaption>Histogram of values</figcaption>
          <ResponsiveContainer width="100%" height={150}>
            <BarChart data={hist}>
              <XAxis dataKey="x" interval={9} />
              <YAxis width={48} />
              <Tooltip />
              <Bar dataKey="count" fill={color} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </figure>
        <figure data-testid="covariance-heatmap">
          <figcaption>Covariance (block-averaged)</figcaption>
          {v && <CovarianceHeatmap size={v.covariance.size} values={v.covariance.values} label={`Covariance heatmap of ${t.id} ${side}`} />}
        </figure>
        <figure data-testid="pca-scatter">
          <figcaption>2-D PCA of 300 samples (colour = class)</figcaption>
          <ResponsiveContainer width="100%" height={150}>
            <ScatterChart>
              <XAxis dataKey="x" type="number" hide />
              <YAxis dataKey="y" type="number" hide />
              <ZAxis range={[8, 8]} />
              {Array.from({ length: 10 }, (_, c) => (
                <Scatter key={c} data={pca.filter((p) => p.label === c)} fill={classColor(c)} isAnimationActive={false} />
              ))}
            </ScatterChart>
          </ResponsiveContainer>
        </figure>
        <ErrorBalance run={run} teacherIndex={teacher} />
      </div>
    </ChartCard>
  );
}

/** PHI-S's "error balance": the student's per-dimension error in the normalized space. */
function ErrorBalance({ run, teacherIndex }: { readonly run: RunState | undefined; readonly teacherIndex: number }) {
  const last = run?.evals.at(-1);
  const id = run?.teacherStats[teacherIndex]?.id;
  const per = last?.perTeacher.find((p) => p.id === id)?.errorPerDim ?? [];
  return (
    <figure data-testid="error-balance" data-points={per.length}>
      <figcaption>Student error per dimension (normalized space)</figcaption>
      <ResponsiveContainer width="100%" height={150}>
        <BarChart data={per.map((value, dim) => ({ dim, value }))}>
          <XAxis dataKey="dim" hide />
          <YAxis width={48} tickFormatter={(x: number) => x.toPrecision(2)} />
          <Tooltip />
          <Bar dataKey="value" fill="#64748b" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** Re-renders only when the statistics or evaluations change, not on every step. */
export const ActivationStats = memo(ActivationStatsView, (a, b) => a.run?.teacherStats === b.run?.teacherStats && a.run?.evals === b.run?.evals);
