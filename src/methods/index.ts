/**
 * The distillation methods (DESIGN §3): normalizers, feature and logit losses, avatars, DFL and
 * objective composition. Public entry of the methods layer.
 */
export {
  NORMALIZER_KINDS,
  NORMALIZER_LABELS,
  isNormalizerKind,
  type NormalizerKind,
} from './normalizerKinds';
export {
  fitNormalizerParams,
  applyParams,
  type NormalizerParams,
  type NormalizerOptions,
  type LinearMap,
} from './normalizerParams';
export {
  fitNormalizer,
  normalizerFromParams,
  normalizedVariance,
  type Normalizer,
} from './normalizer';
export { hadamard, type HadamardResult } from '../math/hadamard';
export {
  featureLoss,
  weightedFeatureLoss,
  cosineDistance,
  smoothL1,
  FEATURE_LOSS_KINDS,
  type FeatureLossKind,
  type FeatureLossOptions,
} from './featureLoss';
export {
  standardizeLogits,
  kdLoss,
  ofaLoss,
  crossEntropy,
  klDivergence,
  type KdOptions,
  type OfaOptions,
  type OfaVariant,
} from './logitLoss';
export {
  makeAvatars,
  avatarWeights,
  batchStandardize,
  AVATAR_PERTURBATIONS,
  type AvatarOptions,
  type AvatarPerturbation,
  type AvatarWeighting,
} from './avatars';
export {
  SnapshotPool,
  ensembleLogits,
  dflResetDue,
  resetLayers,
  SNAPSHOT_RULES,
  type Snapshot,
  type SnapshotRule,
  type ResettableLayer,
} from './dfl';
export { linearCka } from './cka';
export { LOGIT_METHODS, LOGIT_METHOD_LABELS, OFA_VARIANTS, type LogitMethod } from './logitKinds';
