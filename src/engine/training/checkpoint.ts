import * as tf from '@tensorflow/tfjs';
import type { Moments } from '../../math';

/** Everything needed to continue a run exactly: weights, optimizer state, statistics, the step reached. */
export interface Checkpoint {
  readonly step: number;
  /** Student and head parameters by logical name. */
  readonly variables: Record<string, { shape: number[]; data: Float32Array }>;
  /** Optimizer slots in order (tf.js optimizers restore by position). */
  readonly optimizer: { name: string; shape: number[]; data: Float32Array }[];
  /** Streaming statistics per teacher (absent for exact statistics and in older checkpoints). */
  readonly streaming?: {
    teacher: string;
    /** The feature scale the moments were gathered at (a fork at another scale starts afresh). */
    scale?: number;
    running: Moments;
    fitted: Moments | null;
    batches: number;
  }[];
}

export interface NamedVariable {
  readonly name: string;
  readonly variable: tf.Variable;
}

/** Reads weights and optimizer slots back from the device (call between steps). */
export async function exportWeights(
  named: readonly NamedVariable[],
  optimizer: tf.Optimizer,
): Promise<Pick<Checkpoint, 'variables' | 'optimizer'>> {
  const variables: Checkpoint['variables'] = {};
  for (const { name, variable } of named)
    variables[name] = { shape: [...variable.shape], data: (await variable.data()) as Float32Array };
  const slots = await optimizer.getWeights();
  const opt: Checkpoint['optimizer'] = [];
  for (const w of slots)
    opt.push({
      name: w.name,
      shape: [...w.tensor.shape],
      data: (await w.tensor.data()) as Float32Array,
    });
  // getWeights hands out the optimizer's own slot variables (keep them) plus a fresh iterations scalar
  tf.dispose(slots.map((w) => w.tensor).filter((t) => !(t instanceof tf.Variable)));
  return { variables, optimizer: opt };
}

/** Writes weights and optimizer slots; throws naming the first missing or mis-shaped variable. */
export async function restoreWeights(
  ckpt: Checkpoint,
  named: readonly NamedVariable[],
  optimizer: tf.Optimizer,
): Promise<void> {
  for (const { name, variable } of named) {
    const v = ckpt.variables[name];
    if (!v) throw new Error(`checkpoint lacks ${name}`);
    if (v.shape.join('x') !== variable.shape.join('x'))
      throw new Error(
        `checkpoint ${name} has shape [${v.shape.join(', ')}], expected [${variable.shape.join(', ')}]`,
      );
    tf.tidy(() => {
      variable.assign(tf.tensor(v.data, v.shape));
    });
  }
  const slotValues = ckpt.optimizer.map((w) => ({
    name: w.name,
    tensor: tf.tensor(w.data, w.shape),
  }));
  await optimizer.setWeights(slotValues);
  tf.dispose(slotValues.map((w) => w.tensor)); // the optimizer copies them into its own variables
}

/**
 * A fork's restore: the new setup may add or drop heads (teachers, OFA branches). Every variable
 * the checkpoint has under the same name and shape takes its weights; the rest keep their fresh
 * initialization. Optimizer slots are positional, so they are restored only when the variable
 * list is unchanged (otherwise the optimizer starts afresh). Returns what was kept.
 */
export async function restoreMatchingWeights(
  ckpt: Checkpoint,
  named: readonly NamedVariable[],
  optimizer: tf.Optimizer,
): Promise<{ restored: number; fresh: string[]; optimizer: boolean }> {
  const fresh: string[] = [];
  for (const { name, variable } of named) {
    const v = ckpt.variables[name];
    if (v?.shape.join('x') !== variable.shape.join('x')) {
      fresh.push(name);
      continue;
    }
    tf.tidy(() => {
      variable.assign(tf.tensor(v.data, v.shape));
    });
  }
  const sameList =
    fresh.length === 0 && Object.keys(ckpt.variables).join('|') === named.map((n) => n.name).join('|');
  if (sameList) {
    const slotValues = ckpt.optimizer.map((w) => ({ name: w.name, tensor: tf.tensor(w.data, w.shape) }));
    await optimizer.setWeights(slotValues);
    tf.dispose(slotValues.map((w) => w.tensor));
  }
  return { restored: named.length - fresh.length, fresh, optimizer: sameList };
}

/**
 * Clears the optimizer state of some variables (DFL resets): Adam's first and second moments, or
 * the momentum accumulator, become zero, so re-initialized weights start without the old
 * weights' gradient history. Slots are matched by position (tf.js orders them as `trainVars`:
 * Adam [iterations, m…, v…], momentum [iterations, accumulation…]), which survives a restore.
 * tf.js keeps one step count for all variables, so Adam's bias correction stays the run's: the
 * first updates of a reset layer are ~3× lr rather than lr (documented on the DFL card).
 * Returns the number of slots cleared.
 */
export async function clearOptimizerState(
  optimizer: tf.Optimizer,
  trainVars: readonly tf.Variable[],
  reset: readonly tf.Variable[],
): Promise<number> {
  const slots = await optimizer.getWeights();
  const n = trainVars.length;
  const perVar = n > 0 ? (slots.length - 1) / n : 0;
  const targets = new Set(reset.map((v) => trainVars.indexOf(v)).filter((k) => k >= 0));
  let cleared = 0;
  slots.forEach((w, i) => {
    const t = w.tensor;
    if (!(t instanceof tf.Variable)) {
      t.dispose();
      return;
    }
    if (i === 0 || !Number.isInteger(perVar) || perVar < 1) return;
    if (!targets.has((i - 1) % n)) return;
    tf.tidy(() => {
      t.assign(tf.zerosLike(t));
    });
    cleared += 1;
  });
  return cleared;
}
