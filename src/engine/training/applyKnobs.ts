import { configWithKnobs, type LiveKnobs } from '../liveKnobs';
import type { RunContext } from './runContext';

/**
 * Live knobs from the next step on: teacher weights and logit scales (on the slots), the avatar
 * rate and label weight (the objective reads `parts.cfg` at every step) and the learning rate.
 */
export function applyRunKnobs(run: RunContext, knobs: LiveKnobs): void {
  const next = configWithKnobs(run.parts.cfg, knobs);
  for (const slot of run.slots) {
    const t = next.teachers.find((x) => x.id === slot.id);
    if (t) {
      slot.weight = t.weight;
      slot.logitScale = t.logitScale;
    }
  }
  const mutable: { -readonly [K in 'parts']: RunContext[K] } = run;
  mutable.parts = { ...run.parts, cfg: next };
  // SGD/momentum keep the rate in a scalar (setLearningRate); Adam reads its field at every update
  const lr = next.optimizer.learningRate;
  const o = run.optimizer as unknown as {
    learningRate: number;
    setLearningRate?: (v: number) => void;
  };
  if (typeof o.setLearningRate === 'function') o.setLearningRate(lr);
  else o.learningRate = lr;
}
