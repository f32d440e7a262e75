/** Re-exported for the store: the config a run trains with after live knobs. */
export { configWithKnobs as applyKnobsToConfig } from '../engine/liveKnobs';
