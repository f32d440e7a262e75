import { parseExperiment, type ExperimentConfig } from '../../engine/experiment/schema';
import type { NormalizerKind } from '../../methods/normalizerKinds';
import type { SetupChange } from './storyTypes';

/** Small, named setup changes the stories are written in (each returns a validated config). */
export const withNormalizer =
  (normalizer: NormalizerKind): SetupChange =>
  (c) =>
    parseExperiment({ ...c, feature: { ...c.feature, enabled: true, normalizer } });

export const withFeatureScale =
  (teacher: string, featureScale: number): SetupChange =>
  (c) =>
    parseExperiment({
      ...c,
      teachers: c.teachers.map((t) => (t.id === teacher ? { ...t, featureScale } : t)),
    });

/** Multiplies a teacher's logits (the config field `teachers[].logitScale`). */
export const withLogitScale =
  (teacher: string, logitScale: number): SetupChange =>
  (c) =>
    parseExperiment({
      ...c,
      teachers: c.teachers.map((t) => (t.id === teacher ? { ...t, logitScale } : t)),
    });

export const withLogitMethod =
  (method: ExperimentConfig['logits']['method']): SetupChange =>
  (c) =>
    parseExperiment({ ...c, logits: { ...c.logits, method } });

export const withAvatars =
  (enabled: boolean, rate?: number): SetupChange =>
  (c) =>
    parseExperiment({ ...c, avatars: { ...c.avatars, enabled, rate: rate ?? c.avatars.rate } });

/** DFL reset period in steps (0 = snapshots only, never reset). */
export const withResetPeriod =
  (resetPeriod: number): SetupChange =>
  (c) =>
    parseExperiment({ ...c, dfl: { ...c.dfl, resetPeriod } });

export const identity: SetupChange = (c) => c;

/**
 * The OFA story's honest budget (measured on 2 cores, WASM): labels made scarce (300 samples) so a
 * teacher's soft targets matter, a small MLP student (9 ViT runs do not fit a class period here),
 * temperature 4, 200 steps.
 */
export const withScarceLabelsMlp: SetupChange = (c) =>
  parseExperiment({
    ...c,
    student: { arch: 'mlp', width: 64, depth: 2, featureDim: 32 },
    trainSubset: 300,
    steps: 200,
    evalEvery: 100,
    logits: { ...c.logits, temperature: 4 },
  });
