import { permutation, rngCreate } from '../../math';

/**
 * The trainer's batch order (engine/trainer.ts `nextBatch`): a seeded permutation of the trainable
 * samples (rng seed + 17), taken B at a time, reshuffled when fewer than B remain. Returned as
 * [steps, B] row-major indices, so a recipe can replay exactly the lab's batches.
 */
export function labBatchOrder(seed: number, trainable: number, batchSize: number, steps: number): Int32Array {
  if (trainable < batchSize) throw new Error(`batch size ${batchSize} exceeds the ${trainable} training samples`);
  const rng = rngCreate(seed + 17);
  let order = permutation(trainable, rng);
  let cursor = 0;
  const out = new Int32Array(steps * batchSize);
  for (let s = 0; s < steps; s++) {
    if (cursor + batchSize > trainable) {
      order = permutation(trainable, rng);
      cursor = 0;
    }
    out.set(order.subarray(cursor, cursor + batchSize), s * batchSize);
    cursor += batchSize;
  }
  return out;
}

/** Samples held out of training for DFL's validation (as the trainer). */
export function dflHoldout(dflEnabled: boolean, trainCount: number): number {
  return dflEnabled ? Math.min(500, Math.floor(trainCount / 5)) : 0;
}
