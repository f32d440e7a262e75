import type { ExperimentConfig } from '../engine/experiment/schema';

/** The overlays compare mode can draw. */
export type CompareChartId =
  'loss' | 'accuracy' | 'logitLoss' | 'knn' | 'balance' | 'fvu' | 'multiples' | 'avatarWeight';

/** What can differ between variants, in the words the page shows. */
export type VariantAxis =
  | 'normalization'
  | 'feature distillation'
  | 'teachers'
  | 'logit method'
  | 'label loss'
  | 'avatars'
  | 'DFL'
  | 'student'
  | 'optimizer'
  | 'seed'
  | 'length';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

const AXES: readonly (readonly [VariantAxis, (c: ExperimentConfig) => unknown])[] = [
  [
    'normalization',
    (c) => [c.feature.normalizer, c.feature.loss, c.feature.statistics, c.feature.beta],
  ],
  ['feature distillation', (c) => c.feature.enabled],
  ['teachers', (c) => c.teachers.map((t) => [t.id, t.weight, t.featureScale, t.logitScale])],
  [
    'logit method',
    (c) => [c.logits.method, c.logits.temperature, c.logits.weight, c.logits.teacher, c.logits.ofa],
  ],
  ['label loss', (c) => c.labelWeight],
  ['avatars', (c) => c.avatars],
  ['DFL', (c) => c.dfl],
  ['student', (c) => c.student],
  ['optimizer', (c) => c.optimizer],
  ['seed', (c) => c.seed],
  ['length', (c) => [c.steps, c.batchSize, c.trainSubset]],
];

/** The axes along which the variants' setups differ (pure). */
export function variantAxes(configs: readonly ExperimentConfig[]): VariantAxis[] {
  const [first, ...rest] = configs;
  if (!first) return [];
  return AXES.filter(([, key]) => rest.some((c) => !same(key(c), key(first)))).map(([a]) => a);
}

const distillsFeatures = (c: ExperimentConfig): boolean =>
  c.feature.enabled && c.teachers.length > 0;
const hasHead = (c: ExperimentConfig): boolean =>
  c.labelWeight > 0 || c.logits.method !== 'none' || c.dfl.enabled;

/**
 * Compare mode's charts, picked by what differs between the variants: a normalizer comparison
 * gets the balance, FVU and variance profiles; a logit-method comparison gets test accuracy and
 * the logit loss (the balance index is empty there); avatars get λ; anything else the measures
 * its setups share. The total loss always comes first.
 */
export function compareCharts(configs: readonly ExperimentConfig[]): CompareChartId[] {
  const axes = new Set(variantAxes(configs));
  const features = configs.some(distillsFeatures);
  const manyTeachers = configs.some((c) => distillsFeatures(c) && c.teachers.length > 1);
  const head = configs.some(hasHead);
  const logits = configs.some((c) => c.logits.method !== 'none');
  const featureSide = ['normalization', 'feature distillation', 'teachers', 'avatars'].some((a) =>
    axes.has(a as VariantAxis),
  );
  // seeds and run length are neutral: they show the measures the setups have
  const outputSide = ['logit method', 'label loss', 'DFL', 'student', 'optimizer'].some((a) =>
    axes.has(a as VariantAxis),
  );
  const charts: CompareChartId[] = ['loss'];
  // the student's skill: test accuracy when it has a trained classifier, else kNN on its features
  if (outputSide || !features) charts.push(head ? 'accuracy' : 'knn');
  else if (head && !featureSide) charts.push('accuracy');
  if (logits && (axes.has('logit method') || !featureSide)) charts.push('logitLoss');
  if (axes.has('avatars') && configs.some((c) => c.avatars.enabled)) charts.push('avatarWeight');
  if (features && (featureSide || !outputSide)) {
    if (manyTeachers) charts.push('balance');
    if (!head && !charts.includes('knn')) charts.push('knn');
    charts.push('fvu');
    if (axes.has('normalization') || axes.has('teachers')) charts.push('multiples');
  }
  return charts;
}
