/** Feature-distillation losses (DESIGN §3.1); plain data, no tf.js. */
export const FEATURE_LOSS_KINDS = ['mse', 'cosine', 'smooth-l1', 'balanced'] as const;
export type FeatureLossKind = (typeof FEATURE_LOSS_KINDS)[number];
