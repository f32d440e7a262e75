import { parseExperiment, type ExperimentConfig } from '../../engine/experiment/schema';
import { NORMALIZER_LABELS } from '../../methods/normalizerKinds';
import type { StoryAction } from './storyTypes';

const LOGIT_LABELS: Record<ExperimentConfig['logits']['method'], string> = {
  none: 'labels only',
  kd: 'KD',
  'ls-kd': 'LS-KD',
  ofa: 'OFA-KD',
};

/** The name a single run gets everywhere (history, legends, tables): "raw MSE", not `none`. */
export function runLabel(c: ExperimentConfig): string {
  if (c.feature.enabled && c.teachers.length > 0) return NORMALIZER_LABELS[c.feature.normalizer];
  if (c.logits.method !== 'none') return LOGIT_LABELS[c.logits.method];
  if (c.dfl.enabled) return 'DFL';
  return 'labels only';
}

export interface StoryPlan {
  /** The setup after the step (shown in the panels). */
  readonly setup: ExperimentConfig;
  /** Runs to launch (one for a run, several in lockstep for a comparison), or null. */
  readonly variants:
    readonly { readonly label: string; readonly config: ExperimentConfig }[] | null;
}

/** What a story step does to the current setup, and what it launches (pure). */
export function storyPlan(action: StoryAction, current: ExperimentConfig): StoryPlan {
  switch (action.kind) {
    case 'setup':
      return { setup: action.change(current), variants: null };
    case 'run': {
      const setup = action.change ? action.change(current) : current;
      return { setup, variants: [{ label: runLabel(setup), config: setup }] };
    }
    case 'compare': {
      const base = action.change ? action.change(current) : current;
      const seeds = action.seeds ?? 1;
      const variants = action.variants.flatMap((v) => {
        const config = v.change(base);
        return Array.from({ length: seeds }, (_, s) => ({
          label: v.label,
          config: parseExperiment({
            ...config,
            seed: base.seed + s,
            name: `${base.name} [${v.label}]`,
          }),
        }));
      });
      return { setup: base, variants };
    }
  }
}
