import { presetConfig, type PresetId } from '../engine/experiment/presets';

/** A preset's descriptive title (its config's name), shown instead of its id. */
export function presetTitle(id: PresetId): string {
  return presetConfig(id).name;
}
