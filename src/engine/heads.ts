import * as tf from '@tensorflow/tfjs';
import { dense, gelu, layerNorm, type Fn } from '../models/layers';
import type { ParamStore } from '../models/params';

/**
 * OFA branch (Hao et al. 2023, §3.2): projects a student stage to class logits.
 * Conv stages [N, H, W, C]: 1×1 conv → ReLU → global average pool → linear.
 * Token stages [N, T, D]: LayerNorm → mean over tokens → linear → GELU → linear.
 * Vector stages [N, D]: linear → ReLU → linear.
 */
export function ofaBranch(
  p: ParamStore,
  name: string,
  stageShape: readonly number[],
  numClasses: number,
  hidden = 64,
): Fn {
  if (stageShape.length === 4) {
    const c = stageShape[3] ?? 1;
    const w = p.he(`${name}/proj/kernel`, name, [1, 1, c, hidden], c);
    const b = p.zeros(`${name}/proj/bias`, name, [hidden]);
    const out = dense(p, `${name}/out`, hidden, numClasses);
    return (x) =>
      out(
        tf.mean(
          tf.relu(tf.add(tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same'), b)),
          [1, 2],
        ),
      );
  }
  if (stageShape.length === 3) {
    const d = stageShape[2] ?? 1;
    const ln = layerNorm<tf.Tensor2D>(p, `${name}/ln`, d);
    const fc = dense(p, `${name}/fc`, d, hidden);
    const out = dense(p, `${name}/out`, hidden, numClasses);
    return (x) => out(gelu(fc(ln(tf.mean(x, 1)))));
  }
  const d = stageShape[1] ?? 1;
  const fc = dense(p, `${name}/fc`, d, hidden, 'he');
  const out = dense(p, `${name}/out`, hidden, numClasses);
  return (x) => out(tf.relu(fc(x as tf.Tensor2D)));
}
