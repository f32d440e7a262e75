import { CovarianceHeatmap } from './CovarianceHeatmap';
import type { StatsView } from './StatFigures';

/** Why a covariance looks the way it does after each normalizer (the caption under the heatmap). */
function heatmapCaption(kind: string, after: boolean): string {
  if (!after)
    return 'The teacher’s own covariance: a bright diagonal = dimensions with large variance; off-diagonal colour = correlated dimensions.';
  if (kind === 'phi-s' || kind === 'hca')
    return 'After a Hadamard rotation the diagonal is flat (every dimension has the same variance) and the off-diagonal shows a ± checkerboard: the Hadamard matrix’s ±1 sign pattern mixing the principal directions. It is the rotation’s signature, not noise.';
  if (kind === 'pca' || kind === 'zca')
    return 'Whitened: the identity (diagonal only), up to sampling noise.';
  if (kind === 'global' || kind === 'center' || kind === 'none')
    return 'Same pattern as before: this normalizer shifts and rescales, it does not rotate.';
  return 'Each dimension rescaled to unit variance; correlations stay.';
}

/** The covariance heatmap with its colour bar (−max … 0 … +max, in feature units²) and a caption. */
export function HeatmapFigure({
  v,
  kind,
  after,
  label,
  testId,
}: {
  readonly v: StatsView;
  readonly kind: string;
  readonly after: boolean;
  readonly label: string;
  readonly testId: string;
}) {
  const max = v.covariance.values.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
  return (
    <figure data-testid={testId} className="heatmap-figure">
      <figcaption>
        Covariance (block-averaged to {v.covariance.size}×{v.covariance.size})
      </figcaption>
      <div className="heatmap-row">
        <CovarianceHeatmap size={v.covariance.size} values={v.covariance.values} label={label} />
        <div
          className="colorbar"
          role="img"
          aria-label={`Colour scale from ${(-max).toPrecision(2)} (blue) through 0 (white) to ${max.toPrecision(2)} (red)`}
        >
          <span>{max.toPrecision(2)}</span>
          <span>0</span>
          <span>{(-max).toPrecision(2)}</span>
        </div>
      </div>
      <p className="heatmap-caption">{heatmapCaption(kind, after)}</p>
    </figure>
  );
}
