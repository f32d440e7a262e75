import type { ExperimentConfig } from '../../engine/experiment/schema';
import type { PresetId } from '../../engine/experiment/presets';

/** A change to the setup a story step makes (pure: the current setup in, the next one out). */
export type SetupChange = (c: ExperimentConfig) => ExperimentConfig;

/**
 * What a story step's "next" button performs. Runs keep the user's step count and everything the
 * step does not change, so a class (or a test) can shorten them.
 */
export type StoryAction =
  | { readonly kind: 'setup'; readonly change: SetupChange }
  | { readonly kind: 'run'; readonly change?: SetupChange }
  | {
      readonly kind: 'compare';
      readonly change?: SetupChange;
      readonly variants: readonly { readonly label: string; readonly change: SetupChange }[];
      /** Seeds per variant (the claim is a mean over seeds). */
      readonly seeds?: number;
    };

/** One banner: the question stays; "do X, watch Y", what you should see, and the button. */
export interface StoryStep {
  /** The button's words: the step it performs ("Make the CNN loud (×10)"). */
  readonly button: string;
  readonly doText: string;
  readonly watch: string;
  readonly expect: string;
  readonly action: StoryAction;
}

/** Numbers a story's final comparison reports per variant (mean over the variant's seeds). */
export type ClaimMetric =
  /** A teacher's share of the feature loss over the last 100 steps. */
  | { readonly kind: 'teacherShare'; readonly teacher: string }
  /** The worst-served teacher's fraction of variance unexplained (comparable across normalizers). */
  | { readonly kind: 'worstFvu' }
  /** max / mean of a teacher's per-dimension error variance (PHI-S's "error balance"; 1 = even). */
  | { readonly kind: 'errorSpread'; readonly teacher: string }
  | { readonly kind: 'testAccuracy' }
  /** Mean avatar weight λ over the run. */
  | { readonly kind: 'avatarWeight' }
  /** Lowest test accuracy after a DFL reset, relative to the accuracy just before it. */
  | { readonly kind: 'resetDip' };

export interface StoryClaim {
  readonly metrics: readonly {
    readonly label: string;
    readonly metric: ClaimMetric;
    readonly digits: number;
  }[];
  /** How to read the numbers once they are in (plain words; the verdict is computed, see `verdict`). */
  readonly reading: string;
  /** A sentence from the measured values, e.g. how much PHI-S adds over global standardization. */
  readonly verdict?: (values: ReadonlyMap<string, readonly (number | null)[]>) => string;
}

export interface Story {
  readonly preset: PresetId;
  readonly question: string;
  readonly steps: readonly StoryStep[];
  readonly claim: StoryClaim;
}
