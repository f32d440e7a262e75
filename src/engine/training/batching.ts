import { permutation, type Rng } from '../../math';

/**
 * Seeded epoch-wise batch order over the first `count` training samples: a fresh permutation each
 * epoch, batches never straddle two epochs. Replaying k batches reproduces the order after k steps.
 */
export class BatchOrder {
  private order: Int32Array;
  private cursor = 0;

  constructor(
    private readonly count: number,
    private readonly batchSize: number,
    private readonly rng: Rng,
  ) {
    if (count < batchSize)
      throw new Error(`batch size ${batchSize} exceeds the ${count} training samples`);
    this.order = permutation(count, rng);
  }

  /** Sample indices of the next batch. */
  next(): Int32Array {
    if (this.cursor + this.batchSize > this.count) {
      this.order = permutation(this.count, this.rng);
      this.cursor = 0;
    }
    const idx = Int32Array.from(this.order.subarray(this.cursor, this.cursor + this.batchSize));
    this.cursor += this.batchSize;
    return idx;
  }

  /** Skips `steps` batches (resuming from a checkpoint). */
  replay(steps: number): void {
    for (let k = 0; k < steps; k++) this.next();
  }
}
