import type { LogitMethod } from '../../methods/logitKinds';
import type { ExperimentConfig } from './schema';

/** The knobs a logit method's reference sets (shown on each method's card). */
export interface LogitDefaults {
  readonly temperature: number;
  readonly weight: number;
  readonly labelWeight: number;
}

/**
 * Reference defaults: Hinton KD as mdistiller runs it (T = 4, KD 0.9, CE 0.1); logit-standardized
 * KD as sunshangquan/logit-standardization-KD (T = 2, KD 9, CE 0.1); OFA-KD as Hao840/OFAKD
 * (T = 1, OFA weight 1, CE 1). `none` keeps the schema's defaults (T = 4, weight 1, label-free).
 */
export const LOGIT_DEFAULTS: Record<LogitMethod, LogitDefaults> = {
  none: { temperature: 4, weight: 1, labelWeight: 0 },
  kd: { temperature: 4, weight: 0.9, labelWeight: 0.1 },
  'ls-kd': { temperature: 2, weight: 9, labelWeight: 0.1 },
  ofa: { temperature: 1, weight: 1, labelWeight: 1 },
};

/**
 * Switches the logit method. Each knob the user left at the previous method's default takes the
 * new method's default; a knob the user changed is kept.
 */
export function switchLogitMethod(cfg: ExperimentConfig, method: LogitMethod): ExperimentConfig {
  const prev = LOGIT_DEFAULTS[cfg.logits.method];
  const next = LOGIT_DEFAULTS[method];
  const pick = (current: number, was: number, now: number): number =>
    current === was ? now : current;
  return {
    ...cfg,
    labelWeight: pick(cfg.labelWeight, prev.labelWeight, next.labelWeight),
    logits: {
      ...cfg.logits,
      method,
      temperature: pick(cfg.logits.temperature, prev.temperature, next.temperature),
      weight: pick(cfg.logits.weight, prev.weight, next.weight),
      teacher: cfg.teachers.some((t) => t.id === cfg.logits.teacher) ? cfg.logits.teacher : 'mean',
    },
  };
}
