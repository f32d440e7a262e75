import * as tf from '@tensorflow/tfjs';
import { permutation, rngCreate } from '../math';
import type { LabeledInputs } from './evaluate';
import type { Network } from './network';

export interface ClassifierTraining {
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly seed: number;
  /** Label smoothing of the cross-entropy (0 = none). */
  readonly labelSmoothing?: number;
  /** Random translation of images by up to this many pixels (0 = none; seeded). */
  readonly maxShift?: number;
}

/** Copies image `src` (h×w×c) shifted by (dy, dx) into `dst`, filling with 0. */
function shiftInto(
  dst: Float32Array,
  dstOffset: number,
  src: Float32Array,
  h: number,
  w: number,
  c: number,
  dy: number,
  dx: number,
): void {
  for (let y = 0; y < h; y++) {
    const sy = y - dy;
    for (let x = 0; x < w; x++) {
      const sx = x - dx;
      const inside = sy >= 0 && sy < h && sx >= 0 && sx < w;
      for (let k = 0; k < c; k++)
        dst[dstOffset + (y * w + x) * c + k] = inside ? (src[(sy * w + sx) * c + k] ?? 0) : 0;
    }
  }
}

/**
 * Supervised training with Adam and a cosine learning-rate decay to 0, seeded epoch shuffles.
 * Reads the loss back once per `logEvery` steps (batched readback) for the progress callback.
 */
export async function trainClassifier(
  net: Network,
  data: LabeledInputs,
  opts: ClassifierTraining,
  onProgress?: (step: number, totalSteps: number, loss: number) => void,
  logEvery = 50,
): Promise<void> {
  const [h, w, c] = net.spec.inputShape;
  const size = h * w * c;
  const k = net.spec.numClasses;
  const rng = rngCreate(opts.seed);
  const stepsPerEpoch = Math.floor(data.count / opts.batchSize);
  const total = stepsPerEpoch * opts.epochs;
  const optimizer = tf.train.adam(opts.learningRate);
  const xb = new Float32Array(opts.batchSize * size);
  const yb = new Int32Array(opts.batchSize);
  let step = 0;
  try {
    for (let epoch = 0; epoch < opts.epochs; epoch++) {
      const order = permutation(data.count, rng);
      for (let b = 0; b < stepsPerEpoch; b++, step++) {
        for (let i = 0; i < opts.batchSize; i++) {
          const idx = order[b * opts.batchSize + i] ?? 0;
          const image = data.inputs.subarray(idx * size, (idx + 1) * size);
          const m = opts.maxShift ?? 0;
          if (m > 0 && h > 1)
            shiftInto(xb, i * size, image, h, w, c, rng.int(2 * m + 1) - m, rng.int(2 * m + 1) - m);
          else xb.set(image, i * size);
          yb[i] = data.labels[idx] ?? 0;
        }
        (optimizer as unknown as { learningRate: number }).learningRate =
          (opts.learningRate * (1 + Math.cos((Math.PI * step) / total))) / 2;
        const loss = tf.tidy((): tf.Scalar => {
          const x = tf.tensor4d(xb, [opts.batchSize, h, w, c]);
          const y = tf.oneHot(tf.tensor1d(yb, 'int32'), k);
          const l = optimizer.minimize(
            () =>
              tf.losses.softmaxCrossEntropy(
                y,
                net.forward(x).logits,
                undefined,
                opts.labelSmoothing ?? 0,
              ),
            true,
            net.variables,
          );
          if (l === null) throw new Error('optimizer returned no loss');
          return l;
        });
        if (step % logEvery === 0 || step === total - 1) {
          const v = (await loss.data())[0] ?? Number.NaN;
          if (!Number.isFinite(v)) {
            loss.dispose();
            throw new Error(`training diverged at step ${step}`);
          }
          onProgress?.(step, total, v);
        }
        loss.dispose();
      }
    }
  } finally {
    optimizer.dispose();
  }
}
