/** Plain-data vocabularies the UI offers (re-exported so the UI reads through the store layer). */
export {
  NORMALIZER_KINDS,
  NORMALIZER_LABELS,
  type NormalizerKind,
} from '../methods/normalizerKinds';
export { FEATURE_LOSS_KINDS, type FeatureLossKind } from '../methods/featureLossKinds';
export { AVATAR_PERTURBATIONS, type AvatarPerturbation } from '../methods/avatarKinds';
export { ARCH_KINDS, ARCH_LABELS, type ArchKind } from '../models/modelSpec';
export { PRESET_IDS, presetConfig, type PresetId } from '../engine/experiment/presets';
export { presetTitle } from './presetTitle';
export {
  OFA_BRANCH_KINDS,
  OPTIMIZER_KINDS,
  OPTIMIZER_LABELS,
  STATISTICS_MODES,
  type OfaBranchKind,
  type OptimizerKind,
  type StatisticsMode,
} from '../engine/experiment/vocabulary';
export {
  LOGIT_METHODS,
  LOGIT_METHOD_LABELS,
  OFA_VARIANTS,
  type LogitMethod,
  type OfaVariant,
} from '../methods/logitKinds';
export { SNAPSHOT_RULES, SNAPSHOT_RULE_LABELS, type SnapshotRule } from '../methods/dflKinds';
export type { ExperimentConfig } from '../engine/experiment/schema';
export type { ZooEntry } from '../models/zoo';
export type { UploadedFile, UploadedModelInfo } from '../models/uploadParse';
