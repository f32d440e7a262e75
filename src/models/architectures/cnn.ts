import * as tf from '@tensorflow/tfjs';
import { conv, dense } from '../layers';
import type { ModelSpec } from '../modelSpec';
import type { ParamStore } from '../params';
import { stageIndices, type ForwardFn } from './output';

/**
 * Plain CNN: `depth` blocks of [conv3×3, ReLU, 2×2 max-pool while the map is larger than 4×4];
 * channels width, 2·width, …, the last block featureDim; global average pool = features → logits.
 */
export function buildCnn(spec: ModelSpec, p: ParamStore): ForwardFn {
  const [, , cin] = spec.inputShape;
  const channels = Array.from({ length: spec.depth }, (_, i) =>
    i === spec.depth - 1 ? spec.featureDim : spec.width * 2 ** i,
  );
  const convs = channels.map((cout, i) =>
    conv(p, `conv${i + 1}`, 3, i === 0 ? cin : (channels[i - 1] ?? cin), cout),
  );
  const head = dense(p, 'head', spec.featureDim, spec.numClasses);
  const taps = stageIndices(spec.depth);
  return (x) => {
    const stages: tf.Tensor[] = [];
    let z = x;
    convs.forEach((layer, i) => {
      z = tf.relu(layer(z));
      if (z.shape[1] > 4 && i < convs.length - 1) z = tf.maxPool(z, 2, 2, 'same');
      if (taps.has(i)) stages.push(z);
    });
    const features = tf.mean<tf.Tensor2D>(z, [1, 2]);
    return { stages, features, logits: head(features) };
  };
}
