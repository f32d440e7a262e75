/** The eight teacher normalizations of DESIGN §3.1 (PHI-S paper, Ranzinger et al. 2024). */
export const NORMALIZER_KINDS = [
  'none',
  'center',
  'global',
  'per-dim',
  'pca',
  'zca',
  'hca',
  'phi-s',
] as const;
export type NormalizerKind = (typeof NORMALIZER_KINDS)[number];

export const NORMALIZER_LABELS: Record<NormalizerKind, string> = {
  none: 'raw MSE',
  center: 'centering',
  global: 'global standardization',
  'per-dim': 'per-dimension standardization',
  pca: 'PCA whitening',
  zca: 'ZCA whitening',
  hca: 'Hadamard whitening',
  'phi-s': 'PHI-S',
};

export function isNormalizerKind(v: unknown): v is NormalizerKind {
  return typeof v === 'string' && (NORMALIZER_KINDS as readonly string[]).includes(v);
}
