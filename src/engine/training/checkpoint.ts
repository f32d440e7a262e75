import * as tf from '@tensorflow/tfjs';
import type { Moments } from '../../math';
import { joinColumns, sliceColumns, slotParam, type HostArray } from './checkpointLayout';

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

/** A checkpoint name for a variable, or for a column range (last axis) of a fused variable. */
export interface NamedVariable {
  readonly name: string;
  readonly variable: tf.Variable;
  readonly columns?: readonly [number, number];
}

type Slot = Checkpoint['optimizer'][number];

const paramOf = (checkpointName: string): string => checkpointName.split('/').slice(1).join('/');
const prefixOf = (variableName: string): string => variableName.split('/')[0] ?? '';

/**
 * Optimizer slots in checkpoint order: a fused variable's slot becomes one slot per view (in the
 * views' order, named like the variable it stands for), so the layout is the unfused one.
 */
function viewSlots(slots: readonly Slot[], named: readonly NamedVariable[]): Slot[] {
  const views = named.filter((n) => n.columns);
  const fused = new Set(views.map((v) => v.variable.name));
  const bySlot = new Map(slots.map((w) => [w.name, w]));
  const done = new Set<string>();
  const out: Slot[] = [];
  for (const w of slots) {
    const varName = w.name.split('/').slice(0, -1).join('/');
    if (!fused.has(varName)) {
      out.push(w);
      continue;
    }
    const { suffix } = slotParam(w.name);
    if (done.has(suffix)) continue;
    done.add(suffix);
    for (const v of views) {
      const slot = bySlot.get(`${v.variable.name}/${suffix}`);
      if (!slot || !v.columns) continue;
      const part = sliceColumns(slot, v.columns);
      const name = `${prefixOf(v.variable.name)}/${paramOf(v.name)}/${suffix}`;
      out.push({ name, shape: part.shape, data: part.data });
    }
  }
  return out;
}

/** Reads weights and optimizer slots back from the device (call between steps). */
export async function exportWeights(
  named: readonly NamedVariable[],
  optimizer: tf.Optimizer,
): Promise<Pick<Checkpoint, 'variables' | 'optimizer'>> {
  const variables: Checkpoint['variables'] = {};
  const host = new Map<tf.Variable, HostArray>();
  for (const { name, variable, columns } of named) {
    let whole = host.get(variable);
    if (!whole) {
      whole = { shape: [...variable.shape], data: (await variable.data()) as Float32Array };
      host.set(variable, whole);
    }
    variables[name] = columns ? sliceColumns(whole, columns) : whole;
  }
  const slots = await optimizer.getWeights();
  const opt: Slot[] = [];
  for (const w of slots)
    opt.push({
      name: w.name,
      shape: [...w.tensor.shape],
      data: (await w.tensor.data()) as Float32Array,
    });
  // getWeights hands out the optimizer's own slot variables (keep them) plus a fresh iterations scalar
  tf.dispose(slots.map((w) => w.tensor).filter((t) => !(t instanceof tf.Variable)));
  return { variables, optimizer: viewSlots(opt, named) };
}

/** The reverse of `viewSlots`: per-view slots joined into the fused variable's slot, in place of its first view. */
function fusedSlots(slots: readonly Slot[], named: readonly NamedVariable[]): Slot[] {
  const views = new Map(named.filter((n) => n.columns).map((n) => [paramOf(n.name), n]));
  const parts = new Map<
    string,
    { columns: readonly [number, number]; value: Slot; name: string }[]
  >();
  const keyOf = (w: Slot): { key: string; view: NamedVariable } | null => {
    const { param, suffix } = slotParam(w.name);
    const view = views.get(param);
    return view ? { key: `${view.variable.name}/${suffix}`, view } : null;
  };
  for (const w of slots) {
    const k = keyOf(w);
    if (!k?.view.columns) continue;
    const list = parts.get(k.key) ?? [];
    list.push({ columns: k.view.columns, value: w, name: w.name });
    parts.set(k.key, list);
  }
  const out: Slot[] = [];
  const done = new Set<string>();
  for (const w of slots) {
    const k = keyOf(w);
    if (!k) {
      out.push(w);
      continue;
    }
    if (done.has(k.key)) continue;
    done.add(k.key);
    const joined = joinColumns(k.key, k.view.variable.shape, parts.get(k.key) ?? []);
    out.push({ name: k.key, shape: joined.shape, data: joined.data });
  }
  return out;
}

/** Writes weights and optimizer slots; throws naming the first missing or mis-shaped variable. */
export async function restoreWeights(
  ckpt: Checkpoint,
  named: readonly NamedVariable[],
  optimizer: tf.Optimizer,
): Promise<void> {
  const fusedParts = new Map<tf.Variable, Parameters<typeof joinColumns>[2][number][]>();
  for (const { name, variable, columns } of named) {
    const v = ckpt.variables[name];
    if (!v) throw new Error(`checkpoint lacks ${name}`);
    if (columns) {
      fusedParts.set(variable, [...(fusedParts.get(variable) ?? []), { columns, value: v, name }]);
      continue;
    }
    if (v.shape.join('x') !== variable.shape.join('x'))
      throw new Error(
        `checkpoint ${name} has shape [${v.shape.join(', ')}], expected [${variable.shape.join(', ')}]`,
      );
    tf.tidy(() => {
      variable.assign(tf.tensor(v.data, v.shape));
    });
  }
  for (const [variable, parts] of fusedParts) {
    const joined = joinColumns(variable.name, variable.shape, parts);
    tf.tidy(() => {
      variable.assign(tf.tensor(joined.data, joined.shape));
    });
  }
  const slotValues = fusedSlots(ckpt.optimizer, named).map((w) => ({
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
    fresh.length === 0 &&
    Object.keys(ckpt.variables).join('|') === named.map((n) => n.name).join('|');
  if (sameList) {
    const slotValues = ckpt.optimizer.map((w) => ({
      name: w.name,
      tensor: tf.tensor(w.data, w.shape),
    }));
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
