import { parseExperiment, type ExperimentConfig } from './experiment/schema';

/**
 * Knobs that only change the loss or the optimizer, so a running training can take them at its
 * next step (issue 14 "live knobs"). Everything else in a setup needs a restart.
 */
export interface LiveKnobs {
  /** Per teacher: loss weight w_t, feature scale, logit scale (only the fields given change). */
  readonly teachers?: readonly {
    readonly id: string;
    readonly weight?: number;
    readonly featureScale?: number;
    readonly logitScale?: number;
  }[];
  readonly avatarRate?: number;
  readonly learningRate?: number;
  readonly labelWeight?: number;
}

export function isEmptyKnobs(k: LiveKnobs): boolean {
  return (
    (k.teachers ?? []).length === 0 &&
    k.avatarRate === undefined &&
    k.learningRate === undefined &&
    k.labelWeight === undefined
  );
}

/** The config a run trains with after live knobs (pure; unknown teachers are ignored). */
export function configWithKnobs(c: ExperimentConfig, k: LiveKnobs): ExperimentConfig {
  const teachers = c.teachers.map((t) => {
    const change = k.teachers?.find((x) => x.id === t.id);
    return change
      ? { ...t, weight: change.weight ?? t.weight, logitScale: change.logitScale ?? t.logitScale }
      : t;
  });
  return parseExperiment({
    ...c,
    teachers,
    avatars: { ...c.avatars, rate: k.avatarRate ?? c.avatars.rate },
    optimizer: { ...c.optimizer, learningRate: k.learningRate ?? c.optimizer.learningRate },
    labelWeight: k.labelWeight ?? c.labelWeight,
  });
}
