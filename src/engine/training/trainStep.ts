import * as tf from '@tensorflow/tfjs';
import { gatherInputs, gatherLabels } from '../../data/dataset';
import type { Network } from '../../models/network';
import type { TeacherCache } from '../teacherCache';
import type { DflState } from '../dflState';
import { stepLosses, stepTargets, type ObjectiveParts } from './objective';
import type { PendingStep } from './readback';

/** What one optimization step reads: the objective, the student, its optimizer and the data. */
export interface StepContext {
  readonly parts: ObjectiveParts;
  readonly student: Network;
  readonly optimizer: tf.Optimizer;
  /** Exactly what trains: the student and its heads, never a teacher. */
  readonly trainVars: tf.Variable[];
  readonly cache: TeacherCache;
  readonly dfl: DflState | null;
}

/**
 * One step (GAN Lab style): inside `tf.tidy`, targets from the frozen teachers, then
 * `optimizer.minimize(loss, true, trainVars)` over Σ_t w_t·L_t. Returns the per-term losses as
 * one small tensor for batched readback; nothing is read back here.
 */
export function trainStep(ctx: StepContext, idx: Int32Array, step: number): PendingStep {
  const { parts, student, optimizer, cache } = ctx;
  const [h, w, c] = student.spec.inputShape;
  const xData = gatherInputs(cache.dataset, cache.trainSplit, idx);
  const yData = gatherLabels(cache.trainSplit, idx);
  const kept: { terms: tf.Tensor1D | null; aux: tf.Tensor1D | null } = { terms: null, aux: null };
  tf.tidy(() => {
    const x = tf.tensor4d(xData, [idx.length, h, w, c]);
    const idxT = tf.tensor1d(idx, 'int32');
    const labels = tf.tensor1d(yData, 'int32');
    const targets = stepTargets(parts, idxT, step, () => ctx.dfl?.target(x) ?? null);
    const total = optimizer.minimize(
      () => {
        const vec = stepLosses(parts, student.forward(x), targets, labels);
        kept.terms = tf.keep(vec);
        return tf.sum(vec);
      },
      true,
      ctx.trainVars,
    );
    total?.dispose();
    if (targets.avatarStats) kept.aux = tf.keep(targets.avatarStats);
  });
  if (kept.terms === null) throw new Error('no loss terms');
  return { step, terms: kept.terms, aux: kept.aux };
}
