import { parseExperiment, type ExperimentConfig } from '../engine/experiment/schema';

/** Experiment fields a comparison can vary (DESIGN §1 "Comparer"). */
export const COMPARE_FIELDS = [
  'normalizer',
  'featureLoss',
  'logitMethod',
  'ofaEps',
  'avatars',
  'seed',
] as const;
export type CompareField = (typeof COMPARE_FIELDS)[number];

export const COMPARE_FIELD_LABELS: Record<CompareField, string> = {
  normalizer: 'teacher normalization',
  featureLoss: 'feature loss',
  logitMethod: 'logit method',
  ofaEps: 'OFA ε',
  avatars: 'avatars on/off',
  seed: 'seed',
};

function withField(c: ExperimentConfig, field: CompareField, value: string): ExperimentConfig {
  switch (field) {
    case 'normalizer':
      return parseExperiment({ ...c, feature: { ...c.feature, enabled: true, normalizer: value } });
    case 'featureLoss':
      return parseExperiment({ ...c, feature: { ...c.feature, loss: value } });
    case 'logitMethod':
      return parseExperiment({ ...c, logits: { ...c.logits, method: value } });
    case 'ofaEps':
      return parseExperiment({
        ...c,
        logits: { ...c.logits, method: 'ofa', ofa: { ...c.logits.ofa, eps: Number(value) } },
      });
    case 'avatars':
      return parseExperiment({ ...c, avatars: { ...c.avatars, enabled: value === 'on' } });
    case 'seed':
      return parseExperiment({ ...c, seed: Number(value) });
  }
}

/**
 * Expands a comparison: every value of the varied field × `seeds` seeds (base seed, +1, …).
 * Runs of one variant share a label, so the table reports them as mean ± std.
 */
export function compareVariants(
  base: ExperimentConfig,
  field: CompareField,
  values: readonly string[],
  seeds: number,
): { label: string; config: ExperimentConfig }[] {
  if (values.length === 0) throw new Error('Pick at least one value to compare.');
  if (!Number.isInteger(seeds) || seeds < 1 || seeds > 10)
    throw new Error('Seeds per variant must be between 1 and 10.');
  const out: { label: string; config: ExperimentConfig }[] = [];
  for (const v of values) {
    const config = withField(base, field, v);
    const label = field === 'seed' ? `seed ${v}` : field === 'ofaEps' ? `ε = ${v}` : v;
    for (let s = 0; s < (field === 'seed' ? 1 : seeds); s++)
      out.push({
        label,
        config: parseExperiment({
          ...config,
          seed: config.seed + s,
          name: `${base.name} [${label}]`,
        }),
      });
  }
  return out;
}
