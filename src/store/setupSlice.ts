import { presetConfig } from '../engine/experiment/presets';
import { parseExperiment } from '../engine/experiment/schema';
import {
  errorText,
  fail,
  type InitialFromUrlKeys,
  type SetupSlice,
  type SliceContext,
} from './labTypes';
import { storyFor } from './stories';
import { storyPlan } from './stories/storyPlan';
import { setupFromHash } from './urlState';
import { fetchZooManifest } from './zooManifest';

/** The experiment being set up, the guided story, and the teacher zoo. */
export function setupSlice(ctx: SliceContext): Omit<SetupSlice, InitialFromUrlKeys> {
  const { set, get } = ctx;
  return {
    zoo: {},
    loadPreset: (id) => {
      set({
        presetId: id,
        setup: presetConfig(id),
        story: storyFor(id) === null ? null : { preset: id, step: 0 },
      });
    },
    setSetup: (config) => {
      set({ setup: parseExperiment(config), presetId: null });
    },
    updateSetup: (f) => {
      try {
        const setup = parseExperiment(f(get().setup));
        set({ setup, presetId: null });
        get().sendLiveKnobs(setup);
      } catch (e) {
        fail(ctx, errorText(e));
      }
    },
    loadZoo: (dataset) => {
      if (get().zoo[dataset] !== undefined) return;
      fetchZooManifest(dataset).then(
        (m) => {
          set({ zoo: { ...get().zoo, [dataset]: m } });
        },
        (e: unknown) => {
          set({ zoo: { ...get().zoo, [dataset]: { error: errorText(e) } } });
        },
      );
    },
    loadLink: (hash) => {
      const decoded = setupFromHash(hash);
      if (decoded === null) return;
      if ('error' in decoded) fail(ctx, decoded.error);
      else if (JSON.stringify(decoded.config) !== JSON.stringify(get().setup))
        set({ setup: decoded.config, presetId: null, confirm: null });
    },
    importExperimentFile: (text) => {
      try {
        if (text.length > 1024 * 1024) throw new Error('an experiment file is at most 1 MB');
        const raw: unknown = JSON.parse(text);
        set({ setup: parseExperiment(raw), presetId: null });
      } catch (e) {
        fail(
          ctx,
          `Import failed: ${e instanceof SyntaxError ? 'the file is not JSON' : errorText(e)}`,
        );
      }
    },
    storyNext: () => {
      const story = get().story;
      const step = story === null ? undefined : storyFor(story.preset)?.steps[story.step];
      if (story === null || step === undefined) return;
      try {
        const plan = storyPlan(step.action, get().setup);
        set({ setup: plan.setup, story: { ...story, step: story.step + 1 } });
        if (plan.variants !== null) get().startCompare(plan.variants);
      } catch (e) {
        fail(ctx, errorText(e));
      }
    },
    storyRestart: () => {
      const story = get().story;
      if (story !== null)
        set({
          story: { ...story, step: 0 },
          setup: presetConfig(story.preset),
          presetId: story.preset,
        });
    },
    storyClose: () => {
      set({ story: null });
    },
  };
}
