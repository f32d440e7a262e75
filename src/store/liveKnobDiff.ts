import type { ExperimentConfig } from '../engine/experiment/schema';
import type { LiveKnobs } from '../engine/liveKnobs';

export interface KnobDiff {
  /** What can change in the running training at its next step. */
  readonly knobs: LiveKnobs;
  /** Short words for the chart marks ("cnn weight 1 → 3"). */
  readonly labels: readonly string[];
  /** Changed fields that need a restart (or a fork) to take effect. */
  readonly restart: readonly string[];
}

const FIELD_WORDS: Readonly<Record<string, string>> = {
  feature: 'feature distillation (normalizer, loss)',
  logits: 'logit distillation',
  student: 'the student',
  avatars: 'avatar settings',
  dfl: 'DFL settings',
  optimizer: 'the optimizer',
  batchSize: 'batch size',
  dataset: 'the dataset',
  seed: 'the seed',
};

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Splits a setup change during a run into live knobs and fields that need a restart (pure). */
export function liveKnobDiff(running: ExperimentConfig, next: ExperimentConfig): KnobDiff {
  const labels: string[] = [];
  const restart: string[] = [];
  const teachers: { id: string; weight?: number; logitScale?: number }[] = [];
  if (
    !same(
      running.teachers.map((t) => t.id),
      next.teachers.map((t) => t.id),
    )
  )
    restart.push('the set of teachers');
  else
    next.teachers.forEach((t, i) => {
      const r = running.teachers[i];
      if (!r) return;
      const change: { id: string; weight?: number; logitScale?: number } = {
        id: t.id,
      };
      if (t.weight !== r.weight) {
        change.weight = t.weight;
        labels.push(`${t.id} weight ${String(r.weight)} → ${String(t.weight)}`);
      }
      // the normalizer is fitted on the scaled statistics: a new feature scale needs a new run
      if (t.featureScale !== r.featureScale) restart.push(`${t.id}'s feature scale`);
      if (t.logitScale !== r.logitScale) {
        change.logitScale = t.logitScale;
        labels.push(`${t.id} logits ×${String(r.logitScale)} → ×${String(t.logitScale)}`);
      }
      if (Object.keys(change).length > 1) teachers.push(change);
    });
  const knobs: { -readonly [K in keyof LiveKnobs]: LiveKnobs[K] } = {};
  if (teachers.length > 0) knobs.teachers = teachers;
  if (next.avatars.rate !== running.avatars.rate) {
    knobs.avatarRate = next.avatars.rate;
    labels.push(`avatar rate ${String(running.avatars.rate)} → ${String(next.avatars.rate)}`);
  }
  if (next.optimizer.learningRate !== running.optimizer.learningRate) {
    knobs.learningRate = next.optimizer.learningRate;
    labels.push(
      `lr ${String(running.optimizer.learningRate)} → ${String(next.optimizer.learningRate)}`,
    );
  }
  if (next.labelWeight !== running.labelWeight) {
    if ((running.labelWeight === 0) !== (next.labelWeight === 0))
      restart.push('turning the label loss on or off');
    else {
      knobs.labelWeight = next.labelWeight;
      labels.push(`label weight ${String(running.labelWeight)} → ${String(next.labelWeight)}`);
    }
  }
  const rest = (c: ExperimentConfig) => ({
    ...c,
    name: '',
    teachers: [],
    avatars: { ...c.avatars, rate: 0 },
    optimizer: { ...c.optimizer, learningRate: 0 },
    labelWeight: 0,
    steps: 0,
    evalEvery: 0,
  });
  const [a, b] = [rest(running), rest(next)] as const;
  for (const key of Object.keys(b) as (keyof typeof b)[])
    if (!same(a[key], b[key])) restart.push(FIELD_WORDS[key] ?? key);
  return { knobs, labels, restart };
}
