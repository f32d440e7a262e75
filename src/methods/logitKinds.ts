/** Logit distillation methods (DESIGN §3.2–3.3), one list for the schema, the CLI and the UI. */
export const LOGIT_METHODS = ['none', 'kd', 'ls-kd', 'ofa'] as const;
export type LogitMethod = (typeof LOGIT_METHODS)[number];
export const LOGIT_METHOD_LABELS: Record<LogitMethod, string> = {
  none: 'none',
  kd: 'KD (Hinton)',
  'ls-kd': 'logit-standardized KD',
  ofa: 'OFA-KD',
};

/** OFA loss variants: "code" (Hao840/OFAKD) raises every class's p_t to ε; "paper" only the target. */
export const OFA_VARIANTS = ['code', 'paper'] as const;
export type OfaVariant = (typeof OFA_VARIANTS)[number];
