import { parseExperiment, type ExperimentConfig } from '../engine/experiment/schema';
import type { LiveKnobs } from '../engine/liveKnobs';

/** The config a run trains with after live knobs (pure; unknown teachers are ignored). */
export function applyKnobsToConfig(c: ExperimentConfig, k: LiveKnobs): ExperimentConfig {
  const teachers = c.teachers.map((t) => {
    const change = k.teachers?.find((x) => x.id === t.id);
    if (!change) return t;
    return {
      ...t,
      weight: change.weight ?? t.weight,
      featureScale: change.featureScale ?? t.featureScale,
      ...(change.logitScale === undefined ? {} : { logitScale: change.logitScale }),
    };
  });
  return parseExperiment({
    ...c,
    teachers,
    avatars: { ...c.avatars, rate: k.avatarRate ?? c.avatars.rate },
    optimizer: { ...c.optimizer, learningRate: k.learningRate ?? c.optimizer.learningRate },
    labelWeight: k.labelWeight ?? c.labelWeight,
  });
}
