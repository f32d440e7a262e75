/** Sets of config values owned by the engine (one list each; the schema and the UI derive from them). */
export const STATISTICS_MODES = ['exact', 'streaming'] as const;
export type StatisticsMode = (typeof STATISTICS_MODES)[number];

/** deep: Hao840/OFAKD projectors (4 − stage blocks of the student's kind); light: one layer per branch. */
export const OFA_BRANCH_KINDS = ['deep', 'light'] as const;
export type OfaBranchKind = (typeof OFA_BRANCH_KINDS)[number];

/** `momentum` is SGD with momentum 0.9 (saved configs that say `sgd` still load as momentum). */
export const OPTIMIZER_KINDS = ['adam', 'momentum'] as const;
export type OptimizerKind = (typeof OPTIMIZER_KINDS)[number];
export const OPTIMIZER_LABELS: Record<OptimizerKind, string> = {
  adam: 'Adam',
  momentum: 'SGD + momentum 0.9',
};
