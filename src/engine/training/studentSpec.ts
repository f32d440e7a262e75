import type { ModelSpec } from '../../models/modelSpec';
import type { ExperimentConfig } from '../experiment/schema';

/**
 * The student's architecture for a dataset: token models (ViT, Mixer) pool to their width, so
 * their feature dimension is the width; patch and heads default to what divides the input/width.
 */
export function studentSpec(
  cfg: ExperimentConfig,
  inputShape: readonly [number, number, number],
  numClasses: number,
): ModelSpec {
  const [h, w, c] = inputShape;
  const s = cfg.student;
  const tokenArch = s.arch === 'vit' || s.arch === 'mixer';
  const patch = s.patch ?? (h % 7 === 0 ? 7 : h % 4 === 0 ? 4 : 1);
  return {
    arch: s.arch,
    inputShape: [h, w, c],
    numClasses,
    width: s.width,
    depth: s.depth,
    featureDim: tokenArch ? s.width : s.featureDim,
    ...(tokenArch ? { patch, heads: s.heads ?? (s.width % 4 === 0 ? 4 : 1) } : {}),
  };
}
