import * as tf from '@tensorflow/tfjs';
import { conv, dense, type Fn } from '../layers';
import type { ModelSpec } from '../modelSpec';
import type { ParamStore } from '../params';
import { stageIndices, type ForwardFn } from './output';

/**
 * Small ResNet (He et al. 2016, BN-free variant): stem conv3×3(width), stride 2 on inputs ≥ 16 px; `depth` basic blocks
 * y = ReLU(conv3×3(ReLU(conv3×3(x, stride))) + shortcut(x)), stride 2 from the second block on,
 * channels width·2^i with the last featureDim; a 1×1 strided conv shortcut when shapes change;
 * global average pool = features → logits. The second conv of each block starts at zero-ish scale
 * (×0.1) so the untrained net is close to identity paths.
 */
export function buildResnet(spec: ModelSpec, p: ParamStore): ForwardFn {
  const [, , cin] = spec.inputShape;
  // a strided stem keeps the first blocks at half resolution (4× cheaper on 28×28 inputs)
  const stemStride = spec.inputShape[0] >= 16 ? 2 : 1;
  const stem = conv(p, 'stem', 3, cin, spec.width, stemStride);
  const channels = Array.from({ length: spec.depth }, (_, i) =>
    i === spec.depth - 1 ? spec.featureDim : spec.width * 2 ** i,
  );
  const blocks = channels.map((cout, i): Fn<tf.Tensor4D, tf.Tensor4D> => {
    const cprev = i === 0 ? spec.width : (channels[i - 1] ?? spec.width);
    const stride = i === 0 ? 1 : 2;
    const c1 = conv(p, `block${i + 1}/conv1`, 3, cprev, cout, stride);
    const c2 = conv(p, `block${i + 1}/conv2`, 3, cout, cout);
    const short =
      cprev !== cout || stride !== 1
        ? conv(p, `block${i + 1}/shortcut`, 1, cprev, cout, stride)
        : null;
    return (x) =>
      tf.relu(tf.add<tf.Tensor4D>(tf.mul(c2(tf.relu(c1(x))), 0.1), short === null ? x : short(x)));
  });
  const head = dense(p, 'head', spec.featureDim, spec.numClasses);
  const taps = stageIndices(spec.depth);
  return (x) => {
    const stages: tf.Tensor[] = [];
    let z = tf.relu(stem(x));
    blocks.forEach((block, i) => {
      z = block(z);
      if (taps.has(i)) stages.push(z);
    });
    const features = tf.mean<tf.Tensor2D>(z, [1, 2]);
    return { stages, features, logits: head(features) };
  };
}
