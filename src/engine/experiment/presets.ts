import avatars from '../presets/avatars.json';
import dfl from '../presets/dfl.json';
import logitStandardization from '../presets/logit-standardization.json';
import ofaHeterogeneous from '../presets/ofa-heterogeneous.json';
import phiSBalance from '../presets/phi-s-balance.json';
import smoke from '../presets/smoke.json';
import { parseExperiment, type ExperimentConfig } from './schema';

/** The lab's presets (validated JSON in the repo), each telling one story of DESIGN §9. */
export const PRESET_IDS = [
  'phi-s-balance',
  'logit-standardization',
  'ofa-heterogeneous',
  'avatars',
  'dfl',
  'smoke',
] as const;
export type PresetId = (typeof PRESET_IDS)[number];

const RAW: Record<PresetId, unknown> = {
  'phi-s-balance': phiSBalance,
  'logit-standardization': logitStandardization,
  'ofa-heterogeneous': ofaHeterogeneous,
  avatars,
  dfl,
  smoke,
};

export const DEFAULT_PRESET: PresetId = 'phi-s-balance';

export function isPresetId(v: unknown): v is PresetId {
  return typeof v === 'string' && (PRESET_IDS as readonly string[]).includes(v);
}

export function presetConfig(id: PresetId): ExperimentConfig {
  return parseExperiment(RAW[id]);
}
