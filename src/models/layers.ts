import * as tf from '@tensorflow/tfjs';
import type { ParamStore } from './params';

/** Functional layers: each builder registers its parameters and returns the forward function. */
export type Fn<I extends tf.Tensor = tf.Tensor, O extends tf.Tensor = tf.Tensor> = (x: I) => O;

export function dense(
  p: ParamStore,
  name: string,
  inDim: number,
  outDim: number,
  init: 'he' | 'glorot' = 'glorot',
): Fn<tf.Tensor2D, tf.Tensor2D> {
  const w =
    init === 'he'
      ? p.he(`${name}/kernel`, name, [inDim, outDim], inDim)
      : p.glorot(`${name}/kernel`, name, [inDim, outDim], inDim, outDim);
  const b = p.zeros(`${name}/bias`, name, [outDim]);
  return (x) => tf.add(tf.matMul(x, w as tf.Tensor2D), b);
}

/** Dense over the last axis of a [N, T, D] tensor. */
export function dense3d(
  p: ParamStore,
  name: string,
  inDim: number,
  outDim: number,
): Fn<tf.Tensor3D, tf.Tensor3D> {
  const f = dense(p, name, inDim, outDim);
  return (x) => {
    const [n, t] = x.shape;
    return tf.reshape(f(tf.reshape(x, [n * t, inDim])), [n, t, outDim]);
  };
}

export function conv(
  p: ParamStore,
  name: string,
  k: number,
  cin: number,
  cout: number,
  stride = 1,
  pad: 'same' | 'valid' = 'same',
): Fn<tf.Tensor4D, tf.Tensor4D> {
  const w = p.he(`${name}/kernel`, name, [k, k, cin, cout], k * k * cin);
  const b = p.zeros(`${name}/bias`, name, [cout]);
  return (x) => tf.add(tf.conv2d(x, w as tf.Tensor4D, stride, pad), b);
}

/** LayerNorm over the last axis, ε = 1e-5, with learned scale (gamma) and shift (beta). */
export function layerNorm<T extends tf.Tensor>(p: ParamStore, name: string, dim: number): Fn<T, T> {
  const gamma = p.ones(`${name}/gamma`, name, [dim]);
  const beta = p.zeros(`${name}/beta`, name, [dim]);
  return (x) => {
    const axis = x.rank - 1;
    const { mean, variance } = tf.moments(x, axis, true);
    return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), gamma), beta);
  };
}

/** GELU, tanh approximation: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). */
export function gelu<T extends tf.Tensor>(x: T): T {
  const c = Math.sqrt(2 / Math.PI);
  return tf.mul(
    tf.mul(x, 0.5),
    tf.add(1, tf.tanh(tf.mul(c, tf.add(x, tf.mul(0.044715, tf.mul(x, tf.square(x))))))),
  );
}

/**
 * Linear patch embedding: non-overlapping p×p patches projected to `dim` — a conv with kernel =
 * stride = p — returned as tokens [N, (H/p)·(W/p), dim].
 */
export function patchEmbed(
  p: ParamStore,
  name: string,
  patch: number,
  cin: number,
  dim: number,
): Fn<tf.Tensor4D, tf.Tensor3D> {
  const w = p.glorot(`${name}/kernel`, name, [patch, patch, cin, dim], patch * patch * cin, dim);
  const b = p.zeros(`${name}/bias`, name, [dim]);
  return (x) => {
    const [n, h, wd] = x.shape;
    if (h % patch !== 0 || wd % patch !== 0)
      throw new Error(`patchEmbed: patch ${patch} does not divide ${h}×${wd}`);
    const y = tf.add(tf.conv2d(x, w as tf.Tensor4D, patch, 'valid'), b);
    return tf.reshape(y, [n, (h / patch) * (wd / patch), dim]);
  };
}

/**
 * The head of token models (ViT, Mixer): LayerNorm of the token mean = pooled features, then a
 * linear classifier. Parameter names: `ln_out/*`, `head/*`.
 */
export function tokenPoolHead(
  p: ParamStore,
  dim: number,
  numClasses: number,
): (tokens: tf.Tensor3D) => { features: tf.Tensor2D; logits: tf.Tensor2D } {
  const lnOut = layerNorm<tf.Tensor2D>(p, 'ln_out', dim);
  const head = dense(p, 'head', dim, numClasses);
  return (tokens) => {
    const features = lnOut(tf.mean<tf.Tensor2D>(tokens, 1));
    return { features, logits: head(features) };
  };
}
