/** Rules for editing a setup that the engine owns (the UI reaches them through the store layer). */
export {
  LOGIT_DEFAULTS,
  switchLogitMethod,
  type LogitDefaults,
} from '../engine/experiment/methodDefaults';
