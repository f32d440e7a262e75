import * as tf from '@tensorflow/tfjs';
import { dense3d, gelu, layerNorm, patchEmbed, tokenPoolHead, type Fn } from '../layers';
import type { ModelSpec } from '../modelSpec';
import type { ParamStore } from '../params';
import { stageIndices, type ForwardFn } from './output';

/** One Mixer block: token mixing x + Wᵀ₂ GELU(Wᵀ₁ LN(x)ᵀ) (hidden 2·T), then channel mixing x + MLP(LN(x)) (hidden 2·D). */
export function mixerBlock(
  p: ParamStore,
  name: string,
  tokens: number,
  dim: number,
): Fn<tf.Tensor3D, tf.Tensor3D> {
  const ln1 = layerNorm<tf.Tensor3D>(p, `${name}/ln1`, dim);
  const tok1 = dense3d(p, `${name}/token1`, tokens, 2 * tokens);
  const tok2 = dense3d(p, `${name}/token2`, 2 * tokens, tokens);
  const ln2 = layerNorm<tf.Tensor3D>(p, `${name}/ln2`, dim);
  const ch1 = dense3d(p, `${name}/channel1`, dim, 2 * dim);
  const ch2 = dense3d(p, `${name}/channel2`, 2 * dim, dim);
  return (x) => {
    const t = tf.transpose<tf.Tensor3D>(ln1(x), [0, 2, 1]);
    const mixed = tf.add<tf.Tensor3D>(x, tf.transpose(tok2(gelu(tok1(t))), [0, 2, 1]));
    return tf.add<tf.Tensor3D>(mixed, ch2(gelu(ch1(ln2(mixed)))));
  };
}

/**
 * MLP-Mixer (Tolstikhin et al. 2021): patch embedding; `depth` blocks of token mixing
 * x + Wᵀ₂ GELU(Wᵀ₁ LN(x)ᵀ) (an MLP across tokens, hidden 2·T) and channel mixing
 * x + MLP(LN(x)) (hidden 2·D); final LN; mean over tokens = features (featureDim = width).
 */
export function buildMixer(spec: ModelSpec, p: ParamStore): ForwardFn {
  const [h, w, c] = spec.inputShape;
  const patch = spec.patch ?? 7;
  const dim = spec.width;
  if (spec.featureDim !== dim)
    throw new Error(`Mixer: featureDim (${spec.featureDim}) must equal width (${dim})`);
  const tokens = (h / patch) * (w / patch);
  const embed = patchEmbed(p, 'patch', patch, c, dim);
  const blocks = Array.from({ length: spec.depth }, (_, i) =>
    mixerBlock(p, `block${i + 1}`, tokens, dim),
  );
  const pool = tokenPoolHead(p, dim, spec.numClasses);
  const taps = stageIndices(spec.depth);
  return (x) => {
    const stages: tf.Tensor[] = [];
    let z = embed(x);
    blocks.forEach((block, i) => {
      z = block(z);
      if (taps.has(i)) stages.push(z);
    });
    return { stages, ...pool(z) };
  };
}
