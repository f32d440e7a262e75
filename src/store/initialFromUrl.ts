import { isBackendChoice } from '../engine/backend/backendKinds';
import { DEFAULT_PRESET, isPresetId, presetConfig } from '../engine/experiment/presets';
import type { InitialFromUrlKeys, LabStore } from './labTypes';
import { storyFor } from './stories';
import { setupFromHash } from './urlState';

export type InitialFromUrl = Pick<LabStore, InitialFromUrlKeys>;

/**
 * The store's first state from the page address: `?backend=`, `?preset=`, `?projector=1`,
 * `?hide=a,b`, `?story=0`, and a shared experiment in `#x=…` (which wins over the preset).
 */
export function initialFromUrl(location: {
  readonly search: string;
  readonly hash: string;
}): InitialFromUrl {
  const params = new URLSearchParams(location.search);
  const b = params.get('backend');
  const p = params.get('preset');
  const presetId = isPresetId(p) ? p : DEFAULT_PRESET;
  const projector = params.get('projector') === '1';
  const hide = (params.get('hide') ?? (projector ? 'setup' : ''))
    .split(',')
    .filter((s) => s !== '');
  const base = { backendChoice: isBackendChoice(b) ? b : 'auto', projector, hidden: hide } as const;
  const fromHash = setupFromHash(location.hash);
  const story =
    storyFor(presetId) === null || params.get('story') === '0'
      ? null
      : { preset: presetId, step: 0 };
  if (fromHash === null)
    return { ...base, presetId, setup: presetConfig(presetId), errors: [], story };
  if ('error' in fromHash)
    return { ...base, presetId, setup: presetConfig(presetId), errors: [fromHash.error], story };
  return { ...base, presetId: null, setup: fromHash.config, errors: [], story: null };
}
