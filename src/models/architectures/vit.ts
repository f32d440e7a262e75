import * as tf from '@tensorflow/tfjs';
import { dense3d, gelu, layerNorm, patchEmbed, tokenPoolHead, type Fn } from '../layers';
import type { ModelSpec } from '../modelSpec';
import type { ParamStore } from '../params';
import { stageIndices, type ForwardFn } from './output';

/** Multi-head self-attention over tokens [N, T, D]: softmax(QKᵀ/√d_h)V per head, then a projection. */
function attention(
  p: ParamStore,
  name: string,
  dim: number,
  heads: number,
): Fn<tf.Tensor3D, tf.Tensor3D> {
  if (dim % heads !== 0) throw new Error(`attention: ${heads} heads do not divide width ${dim}`);
  const wq = dense3d(p, `${name}/q`, dim, dim);
  const wk = dense3d(p, `${name}/k`, dim, dim);
  const wv = dense3d(p, `${name}/v`, dim, dim);
  const proj = dense3d(p, `${name}/proj`, dim, dim);
  const dh = dim / heads;
  return (x) => {
    const [n, t] = x.shape;
    // [N, T, D] → [N, H, T, dh]
    const split = (z: tf.Tensor3D): tf.Tensor4D =>
      tf.transpose<tf.Tensor4D>(tf.reshape(z, [n, t, heads, dh]), [0, 2, 1, 3]);
    const q = split(wq(x));
    const k = split(wk(x));
    const v = split(wv(x));
    const scores = tf.softmax(tf.div(tf.matMul(q, k, false, true), Math.sqrt(dh)));
    const mixed = tf.transpose(tf.matMul(scores, v), [0, 2, 1, 3]); // [N, T, H, dh]
    return proj(tf.reshape(mixed, [n, t, dim]));
  };
}

/** One pre-LN transformer block [x + MHSA(LN(x)), x + MLP(LN(x))], MLP ratio 2, GELU. */
export function transformerBlock(
  p: ParamStore,
  name: string,
  dim: number,
  heads: number,
): Fn<tf.Tensor3D, tf.Tensor3D> {
  const ln1 = layerNorm<tf.Tensor3D>(p, `${name}/ln1`, dim);
  const attn = attention(p, `${name}/attn`, dim, heads);
  const ln2 = layerNorm<tf.Tensor3D>(p, `${name}/ln2`, dim);
  const fc1 = dense3d(p, `${name}/mlp1`, dim, 2 * dim);
  const fc2 = dense3d(p, `${name}/mlp2`, 2 * dim, dim);
  return (x) => {
    const a = tf.add<tf.Tensor3D>(x, attn(ln1(x)));
    return tf.add<tf.Tensor3D>(a, fc2(gelu(fc1(ln2(a)))));
  };
}

/**
 * Small ViT (Dosovitskiy et al. 2021): patch embedding + learned position embedding; `depth`
 * pre-LN blocks [x + MHSA(LN(x)), x + MLP(LN(x)), MLP ratio 2, GELU]; final LN; mean over tokens =
 * features (featureDim = width) → logits.
 */
export function buildVit(spec: ModelSpec, p: ParamStore): ForwardFn {
  const [h, w, c] = spec.inputShape;
  const patch = spec.patch ?? 7;
  const heads = spec.heads ?? 4;
  const dim = spec.width;
  if (spec.featureDim !== dim)
    throw new Error(`ViT: featureDim (${spec.featureDim}) must equal width (${dim})`);
  const tokens = (h / patch) * (w / patch);
  const embed = patchEmbed(p, 'patch', patch, c, dim);
  const pos = p.normal('pos', 'patch', [1, tokens, dim], 0.02);
  const blocks = Array.from({ length: spec.depth }, (_, i) =>
    transformerBlock(p, `block${i + 1}`, dim, heads),
  );
  const pool = tokenPoolHead(p, dim, spec.numClasses);
  const taps = stageIndices(spec.depth);
  return (x) => {
    const stages: tf.Tensor[] = [];
    let z = tf.add<tf.Tensor3D>(embed(x), pos);
    blocks.forEach((block, i) => {
      z = block(z);
      if (taps.has(i)) stages.push(z);
    });
    return { stages, ...pool(z) };
  };
}
