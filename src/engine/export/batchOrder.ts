import { rngCreate } from '../../math';
import { BatchOrder } from '../training/batching';

/**
 * The trainer's batch order (training/batching.ts, seeded with seed + 17 as the trainer does) as
 * [steps, B] row-major indices, so a recipe can replay exactly the lab's batches.
 */
export function labBatchOrder(
  seed: number,
  trainable: number,
  batchSize: number,
  steps: number,
): Int32Array {
  const order = new BatchOrder(trainable, batchSize, rngCreate(seed + 17));
  const out = new Int32Array(steps * batchSize);
  for (let s = 0; s < steps; s++) out.set(order.next(), s * batchSize);
  return out;
}

/** Samples held out of training for DFL's validation (as the trainer). */
export function dflHoldout(dflEnabled: boolean, trainCount: number): number {
  return dflEnabled ? Math.min(500, Math.floor(trainCount / 5)) : 0;
}
