import { memo, useState } from 'react';
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RunState } from '../../store/runState';
import { NORMALIZER_LABELS, type NormalizerKind } from '../../store/vocabulary';
import { ChartCard } from './ChartCard';
import { teacherColor } from './colors';
import { HeatmapFigure } from './HeatmapFigure';
import {
  BeforeAfter,
  DIMENSION_AXIS,
  HistogramFigure,
  PcaFigure,
  sharedLogDomain,
  SpectrumFigure,
  trimmedSpectrum,
  VarianceFigure,
} from './StatFigures';

const nameOf = (kind: string): string =>
  kind in NORMALIZER_LABELS ? NORMALIZER_LABELS[kind as NormalizerKind] : kind;

/**
 * Activation statistics of one teacher, before and after its normalizer side by side, each row on
 * one shared scale: per-dimension variance, eigenvalue spectrum, histogram, covariance, 2-D PCA.
 */
function ActivationStatsView({ run }: { readonly run: RunState | undefined }) {
  const stats = run?.teacherStats ?? [];
  const [teacher, setTeacher] = useState(0);
  const index = Math.min(teacher, Math.max(0, stats.length - 1));
  const t = stats[index];
  const color = teacherColor(index);
  const name = run?.teachers.find((x) => x.id === t?.id)?.name ?? t?.id ?? '';
  const kind = t?.normalizer.kind ?? '';
  // each row (before | after) on one shared scale
  const varianceDomain = t
    ? sharedLogDomain(t.raw.perDimVariance, t.normalized.perDimVariance)
    : sharedLogDomain();
  const spectrumDomain = t
    ? sharedLogDomain(trimmedSpectrum(t.raw.eigenvalues), trimmedSpectrum(t.normalized.eigenvalues))
    : sharedLogDomain();
  return (
    <ChartCard
      wide
      title="Activation statistics: before and after the normalizer"
      testId="activation-stats"
      points={stats.length}
      note={<StatsControls run={run} index={index} onTeacher={setTeacher} />}
    >
      {t && (
        <div className="stats-pairs">
          <div className="stats-side-head">before: {name} as it is</div>
          <div className="stats-side-head">after: {nameOf(kind)}</div>
          <BeforeAfter
            t={t}
            id="variance-profile"
            figure={(v, testId) => (
              <VarianceFigure v={v} color={color} domain={varianceDomain} testId={testId} />
            )}
          />
          <BeforeAfter
            t={t}
            id="eigen-spectrum"
            figure={(v, testId) => (
              <SpectrumFigure v={v} color={color} domain={spectrumDomain} testId={testId} />
            )}
          />
          <BeforeAfter
            t={t}
            id="histogram"
            figure={(v, testId) => <HistogramFigure v={v} color={color} testId={testId} />}
          />
          <BeforeAfter
            t={t}
            id="covariance-heatmap"
            figure={(v, testId, after) => (
              <HeatmapFigure
                v={v}
                kind={kind}
                after={after}
                label={`Covariance heatmap of ${t.id} ${after ? `after ${nameOf(kind)}` : 'before'}`}
                testId={testId}
              />
            )}
          />
          <BeforeAfter
            t={t}
            id="pca-scatter"
            figure={(v, testId) => <PcaFigure v={v} testId={testId} />}
          />
        </div>
      )}
      <ErrorBalance run={run} teacherIndex={index} />
    </ChartCard>
  );
}

/** The teacher picker and the normalizer's facts (α, the Hadamard construction). */
function StatsControls({
  run,
  index,
  onTeacher,
}: {
  readonly run: RunState | undefined;
  readonly index: number;
  readonly onTeacher: (index: number) => void;
}) {
  const stats = run?.teacherStats ?? [];
  const t = stats[index];
  return (
    <div className="stats-controls">
      <label>
        Teacher{' '}
        <select
          aria-label="Statistics teacher"
          value={index}
          onChange={(e) => onTeacher(Number(e.target.value))}
        >
          {stats.map((s, i) => (
            <option key={s.id} value={i}>
              {run?.teachers.find((x) => x.id === s.id)?.name ?? s.id} (C = {s.featureDim}{' '}
              dimensions)
            </option>
          ))}
        </select>
      </label>
      {t && (
        <span className="normalizer-facts">
          {t.normalizer.alpha !== null &&
            `α = ${t.normalizer.alpha.toPrecision(4)} (PHI-S scale) · `}
          {t.normalizer.construction !== null &&
            `H: ${t.normalizer.construction}${t.normalizer.exact ? '' : ' (approximate: no Hadamard matrix of this order)'}`}
        </span>
      )}
    </div>
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
    <figure data-testid="error-balance" data-points={per.length} className="error-balance">
      <figcaption>
        Student error variance per dimension, in the normalized space (flat = every dimension
        learned equally well)
      </figcaption>
      <ResponsiveContainer width="100%" height={120}>
        <BarChart data={per.map((value, dim) => ({ dim: dim + 1, value }))}>
          <XAxis {...DIMENSION_AXIS} />
          <YAxis
            width={44}
            tickFormatter={(x: number) => x.toPrecision(2)}
            tick={{ fontSize: 10 }}
          />
          <Tooltip
            formatter={(x) =>
              typeof x === 'number' ? `${x.toPrecision(3)} (normalized units²)` : String(x)
            }
            labelFormatter={(d) => (typeof d === 'number' ? `dimension ${String(d)}` : '')}
          />
          <Bar dataKey="value" fill="#64748b" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** Re-renders only when the statistics or evaluations change, not on every step. */
export const ActivationStats = memo(
  ActivationStatsView,
  (a, b) => a.run?.teacherStats === b.run?.teacherStats && a.run?.evals === b.run?.evals,
);
