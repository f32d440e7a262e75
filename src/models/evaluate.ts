import * as tf from '@tensorflow/tfjs';
import type { Network } from './network';

/** A split as the models layer needs it: float inputs (NHWC, flattened) and labels. */
export interface LabeledInputs {
  readonly count: number;
  readonly inputs: Float32Array;
  readonly labels: Uint8Array;
}

/**
 * Runs the network over a split in fixed batches and returns features and logits for every
 * sample (float32, row-major). Batch size is part of the contract so results are reproducible.
 */
export async function predictAll(
  net: Network,
  split: LabeledInputs,
  batchSize = 500,
): Promise<{ features: Float32Array; logits: Float32Array }> {
  const [h, w, c] = net.spec.inputShape;
  const size = h * w * c;
  const features = new Float32Array(split.count * net.spec.featureDim);
  const logits = new Float32Array(split.count * net.spec.numClasses);
  for (let start = 0; start < split.count; start += batchSize) {
    const n = Math.min(batchSize, split.count - start);
    const [f, l] = tf.tidy(() => {
      const x = tf.tensor4d(split.inputs.subarray(start * size, (start + n) * size), [n, h, w, c]);
      const out = net.forward(x);
      return [out.features, out.logits];
    });
    const [fd, ld] = await Promise.all([f.data(), l.data()]);
    tf.dispose([f, l]);
    features.set(fd, start * net.spec.featureDim);
    logits.set(ld, start * net.spec.numClasses);
  }
  return { features, logits };
}

/** Fraction of samples whose arg-max logit is the label. */
export function accuracyOf(logits: Float32Array, labels: Uint8Array, numClasses: number): number {
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    let best = 0;
    for (let k = 1; k < numClasses; k++)
      if ((logits[i * numClasses + k] ?? -Infinity) > (logits[i * numClasses + best] ?? -Infinity))
        best = k;
    if (best === labels[i]) correct++;
  }
  return labels.length === 0 ? 0 : correct / labels.length;
}

export async function evaluateAccuracy(
  net: Network,
  split: LabeledInputs,
  batchSize = 500,
): Promise<number> {
  const { logits } = await predictAll(net, split, batchSize);
  return accuracyOf(logits, split.labels, net.spec.numClasses);
}
