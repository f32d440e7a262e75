/** Plain-data vocabularies the UI offers (re-exported so the UI reads through the store layer). */
export { NORMALIZER_KINDS, NORMALIZER_LABELS, type NormalizerKind } from '../methods/normalizerKinds';
export { FEATURE_LOSS_KINDS, type FeatureLossKind } from '../methods/featureLossKinds';
export { AVATAR_PERTURBATIONS, type AvatarPerturbation } from '../methods/avatarKinds';
export { ARCH_KINDS, ARCH_LABELS, type ArchKind } from '../models/modelSpec';
export { PRESET_IDS, presetConfig, type PresetId } from '../engine/experiment/presets';
export type { ExperimentConfig } from '../engine/experiment/schema';
export type { ZooEntry } from '../models/zoo';
export { parseUploadedModel, checkInputShape, type UploadedFile, type UploadedModelInfo } from '../models/uploadParse';
export { presetTitle } from './presetTitle';
