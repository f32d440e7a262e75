/** Settings of the tiny foundation training (plain data; no tf.js here). */
export interface TinyJob {
  readonly steps: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly seed: number;
}

export const DEFAULT_TINY_JOB: TinyJob = { steps: 30, batchSize: 32, learningRate: 0.05, seed: 7 };

