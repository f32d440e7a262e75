import type { PresetId } from '../../engine/experiment/presets';
import { AVATAR_STORY, DFL_STORY, LOGIT_STORY } from './otherStories';
import { OFA_STORY } from './ofaStory';
import { PHI_S_STORY } from './phiSStory';
import type { Story } from './storyTypes';

export type { Story, StoryStep, StoryAction, StoryClaim, ClaimMetric } from './storyTypes';
export { claimTable, claimValue, teacherShares } from './claims';

/** Every preset that tells a story (the smoke preset does not). */
export const STORIES: Partial<Record<PresetId, Story>> = {
  'phi-s-balance': PHI_S_STORY,
  'logit-standardization': LOGIT_STORY,
  'ofa-heterogeneous': OFA_STORY,
  avatars: AVATAR_STORY,
  dfl: DFL_STORY,
};

export function storyFor(preset: PresetId | null): Story | null {
  return preset === null ? null : (STORIES[preset] ?? null);
}
