import * as tf from '@tensorflow/tfjs';
import type { TinyJob } from './tinyJob';

/**
 * A tiny, seeded conv-net training used to prove every backend trains end to end (foundation
 * check; the full experiment engine builds on the same loop shape). Data: 8×8 one-channel images
 * whose class (0–3) is the quadrant holding a bright blob, plus noise.
 */
export interface TinyHooks {
  readonly emit: (step: number, loss: number) => void;
  readonly signal?: AbortSignal;
  /** Resolves when the run may continue (pause support); called between steps. */
  readonly gate?: () => Promise<void>;
  /** Read the loss back every `readbackEvery` steps (batched readback). */
  readonly readbackEvery?: number;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function batch(rand: () => number, n: number): { x: Float32Array; y: Int32Array } {
  const x = new Float32Array(n * 64);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = Math.floor(rand() * 4);
    y[i] = label;
    const r0 = label < 2 ? 0 : 4;
    const c0 = label % 2 === 0 ? 0 : 4;
    for (let p = 0; p < 64; p++) x[i * 64 + p] = (rand() - 0.5) * 0.6;
    for (let r = 1; r < 3; r++) for (let c = 1; c < 3; c++) x[i * 64 + (r0 + r) * 8 + (c0 + c)] = 1;
  }
  return { x, y };
}

/** Trains the tiny net; returns the losses read back. Leaves no tensors behind. */
export async function runTinyTraining(job: TinyJob, hooks: TinyHooks): Promise<number[]> {
  const rand = mulberry32(job.seed);
  const init = (shape: number[], fanIn: number, seed: number): tf.Variable =>
    tf.variable(tf.randomNormal(shape, 0, Math.sqrt(2 / fanIn), 'float32', seed));
  const w1 = init([3, 3, 1, 8], 9, job.seed + 1);
  const b1 = tf.variable(tf.zeros([8]));
  const w2 = init([3, 3, 8, 8], 72, job.seed + 2);
  const w3 = init([4 * 4 * 8, 4], 128, job.seed + 3);
  const vars = [w1, b1, w2, w3];
  const opt = tf.train.sgd(job.learningRate);
  const every = hooks.readbackEvery ?? 1;
  const losses: number[] = [];
  const pending: { step: number; loss: tf.Scalar }[] = [];
  const flush = async (): Promise<void> => {
    const values = await Promise.all(pending.map((p) => p.loss.data()));
    pending.forEach((p, i) => {
      const v = values[i]?.[0] ?? Number.NaN;
      losses.push(v);
      hooks.emit(p.step, v);
      p.loss.dispose();
    });
    pending.length = 0;
  };
  try {
    for (let step = 0; step < job.steps; step++) {
      if (hooks.signal?.aborted === true) break;
      if (hooks.gate) await hooks.gate();
      const { x, y } = batch(rand, job.batchSize);
      const loss = tf.tidy(() => {
        const xs = tf.tensor4d(x, [job.batchSize, 8, 8, 1]);
        const ys = tf.oneHot(tf.tensor1d(y, 'int32'), 4);
        const returned = opt.minimize(
          () => {
            const h1 = tf.relu(tf.add(tf.conv2d(xs, w1 as tf.Tensor4D, 1, 'same'), b1));
            const h2 = tf.relu(tf.conv2d(h1 as tf.Tensor4D, w2 as tf.Tensor4D, 2, 'same'));
            const logits = tf.matMul(tf.reshape(h2, [job.batchSize, -1]), w3);
            return tf.losses.softmaxCrossEntropy(ys, logits);
          },
          true,
          vars,
        );
        if (returned === null) throw new Error('optimizer returned no loss');
        return returned;
      });
      pending.push({ step, loss });
      if (pending.length >= every) await flush();
    }
    await flush();
  } finally {
    tf.dispose(pending.map((p) => p.loss));
    tf.dispose(vars);
    opt.dispose();
  }
  return losses;
}
