import * as tf from '@tensorflow/tfjs';
import { dense } from '../layers';
import type { ModelSpec } from '../modelSpec';
import type { ParamStore } from '../params';
import { stageIndices, type ForwardFn } from './output';

/** MLP: flatten → (depth − 1) × [dense(width), ReLU] → dense(featureDim), ReLU = features → logits. */
export function buildMlp(spec: ModelSpec, p: ParamStore): ForwardFn {
  const [h, w, c] = spec.inputShape;
  const inDim = h * w * c;
  const hidden = Array.from({ length: Math.max(0, spec.depth - 1) }, (_, i) =>
    dense(p, `fc${i + 1}`, i === 0 ? inDim : spec.width, spec.width, 'he'),
  );
  const lastIn = spec.depth > 1 ? spec.width : inDim;
  const feat = dense(p, 'feature', lastIn, spec.featureDim, 'he');
  const head = dense(p, 'head', spec.featureDim, spec.numClasses);
  const taps = stageIndices(spec.depth);
  return (x) => {
    const stages: tf.Tensor[] = [];
    let z = tf.reshape<tf.Rank.R2>(x, [x.shape[0], inDim]);
    hidden.forEach((layer, i) => {
      z = tf.relu(layer(z));
      if (taps.has(i)) stages.push(z);
    });
    const features = tf.relu(feat(z));
    if (taps.has(spec.depth - 1)) stages.push(features);
    return { stages, features, logits: head(features) };
  };
}
