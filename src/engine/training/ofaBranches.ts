import * as tf from '@tensorflow/tfjs';
import { mixerBlock } from '../../models/architectures/mixer';
import { transformerBlock } from '../../models/architectures/vit';
import { conv, dense, layerNorm, type Fn } from '../../models/layers';
import type { ModelSpec } from '../../models/modelSpec';
import type { ParamStore } from '../../models/params';
import type { OfaBranchKind } from '../experiment/vocabulary';
import { ofaBranch } from '../heads';

/**
 * OFA-KD branches (Hao et al. 2023; Hao840/OFAKD): one branch on every student stage, the last
 * included, each projecting the stage to class logits. In the reference a shallower stage gets a
 * deeper projector — the remaining stages' worth of blocks of the student's own kind — so every
 * branch sees a comparably deep path. Ours, for S ≤ 4 stages, stage i (1-based) gets S − i blocks
 * ("4 − stage" when S = 4) mirroring the student's later stages:
 *   CNN / ResNet  conv 3×3 (+ ReLU) to the next stage's channels, stride 2 where the student downsamples;
 *                 then global average pool → linear
 *   ViT           pre-LN transformer blocks          } then LayerNorm(mean over tokens) → linear
 *   Mixer         Mixer blocks                        }
 *   MLP           dense (+ ReLU) to the next stage's width; then linear
 * "light" keeps one small head per stage (DESIGN §3.3's documented option).
 */
export function ofaBranches(
  p: ParamStore,
  spec: ModelSpec,
  stageShapes: readonly (readonly number[])[],
  kind: OfaBranchKind,
): Fn[] {
  return stageShapes.map((shape, i) => {
    const name = `ofa/branch${i + 1}`;
    if (kind === 'light') return ofaBranch(p, name, shape, spec.numClasses);
    return deepBranch(p, name, spec, stageShapes.slice(i));
  });
}

/** `path[0]` is the branch's stage; `path[1..]` the later stages it mirrors. */
function deepBranch(
  p: ParamStore,
  name: string,
  spec: ModelSpec,
  path: readonly (readonly number[])[],
): Fn {
  const first = path[0] ?? [];
  const last = path.at(-1) ?? first;
  const later = path.slice(1);
  if (first.length === 4) {
    const blocks = later.map((shape, j) => {
      const prev = path[j] ?? first;
      const stride = (prev[1] ?? 1) > (shape[1] ?? 1) ? 2 : 1;
      return conv(p, `${name}/block${j + 1}`, 3, prev[3] ?? 1, shape[3] ?? 1, stride);
    });
    const out = dense(p, `${name}/out`, last[3] ?? 1, spec.numClasses);
    return (x) =>
      out(
        tf.mean(
          blocks.reduce<tf.Tensor4D>((z, b) => tf.relu(b(z)), x as tf.Tensor4D),
          [1, 2],
        ),
      );
  }
  if (first.length === 3) {
    const tokens = first[1] ?? 1;
    const dim = first[2] ?? 1;
    const blocks = later.map((_, j) =>
      spec.arch === 'mixer'
        ? mixerBlock(p, `${name}/block${j + 1}`, tokens, dim)
        : transformerBlock(p, `${name}/block${j + 1}`, dim, spec.heads ?? 1),
    );
    const ln = layerNorm<tf.Tensor2D>(p, `${name}/ln`, dim);
    const out = dense(p, `${name}/out`, dim, spec.numClasses);
    return (x) =>
      out(
        ln(
          tf.mean<tf.Tensor2D>(
            blocks.reduce<tf.Tensor3D>((z, b) => b(z), x as tf.Tensor3D),
            1,
          ),
        ),
      );
  }
  const blocks = later.map((shape, j) =>
    dense(p, `${name}/block${j + 1}`, (path[j] ?? first)[1] ?? 1, shape[1] ?? 1, 'he'),
  );
  const out = dense(p, `${name}/out`, last[1] ?? 1, spec.numClasses);
  return (x) => out(blocks.reduce<tf.Tensor2D>((z, b) => tf.relu(b(z)), x as tf.Tensor2D));
}
