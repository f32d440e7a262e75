import * as tf from '@tensorflow/tfjs';
import type {
  Conv2DBackpropFilterAttrs,
  DepthwiseConv2dNativeBackpropFilterAttrs,
  DepthwiseConv2dNativeBackpropInputAttrs,
  KernelConfig,
  NamedTensorInfoMap,
  Tensor4D,
  TensorInfo,
} from '@tensorflow/tfjs';

/**
 * tf.js 4.22's WASM backend registers no `Conv2DBackpropFilter` and no depthwise-conv
 * gradients, so conv nets cannot train on it as shipped. These kernels compute them from ops the
 * WASM backend does have (pad, strided slice, concat, matmul, conv2d), for every stride, padding
 * and dilation. They are checked against the CPU backend in `wasmConvGradients.test.ts`.
 *
 * Filter gradient by im2col: with x̃ the padded input,
 *   dW[i, j, c, o] = Σ_{b, p, q} x̃[b, p·s_h + i·d_h, q·s_w + j·d_w, c] · dy[b, p, q, o],
 * i.e. one matmul of the stacked shifted views of x̃ (shape [N, kh·kw·Cin]) with dy ([N, Cout]).
 */

type Dims4 = readonly [number, number, number, number];

function asPair(v: number | readonly number[] | undefined, fallback: number): [number, number] {
  if (v === undefined) return [fallback, fallback];
  if (typeof v === 'number') return [v, v];
  return [v[0] ?? fallback, v[1] ?? v[0] ?? fallback];
}

/** Stacked, shifted views of the padded input: [B, outH, outW, kh·kw·C] (im2col). */
function patches(
  x: Tensor4D,
  filterShape: Dims4,
  strides: [number, number],
  pad: tf.backend_util.Conv2DInfo['padInfo'],
  dilations: [number, number],
  outH: number,
  outW: number,
): Tensor4D {
  const [kh, kw] = filterShape;
  const [sh, sw] = strides;
  const [dh, dw] = dilations;
  const padded = tf.pad(x, [
    [0, 0],
    [pad.top, pad.bottom],
    [pad.left, pad.right],
    [0, 0],
  ]);
  const views: Tensor4D[] = [];
  const [b, , , c] = padded.shape;
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const top = i * dh;
      const left = j * dw;
      views.push(
        tf.stridedSlice(
          padded,
          [0, top, left, 0],
          [b, top + (outH - 1) * sh + 1, left + (outW - 1) * sw + 1, c],
          [1, sh, sw, 1],
        ) as Tensor4D,
      );
    }
  }
  return views.length === 1 ? (views[0] as Tensor4D) : tf.concat(views, 3);
}

function convInfo(
  xShape: Dims4,
  filterShape: Dims4,
  strides: [number, number],
  pad: Conv2DBackpropFilterAttrs['pad'],
  dilations: [number, number],
  dimRoundingMode: Conv2DBackpropFilterAttrs['dimRoundingMode'],
  depthwise: boolean,
): tf.backend_util.Conv2DInfo {
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    strides,
    dilations,
    pad,
    dimRoundingMode,
    depthwise,
  );
}

/**
 * Filter gradient as one forward convolution (fast on WASM/XNNPACK): with channels as the batch
 * and the batch as channels, dW = conv2d(x̃ᵀ, dyᵀ, dilation = stride) where x̃ᵀ is the padded input
 * as [C, Hp, Wp, N] and dyᵀ is dy as a [outH, outW, N, Cout] filter; the result [C, kh′, kw′, Cout]
 * is cropped to the kernel size and transposed to [kh, kw, C, Cout].
 */
function conv2DBackpropFilter(
  x: Tensor4D,
  dy: Tensor4D,
  attrs: Conv2DBackpropFilterAttrs,
): tf.Tensor4D {
  if (attrs.dataFormat === 'NCHW')
    throw new Error('Conv2DBackpropFilter (wasm): NCHW is not supported');
  const strides = asPair(attrs.strides, 1);
  // tf.js' conv2d gradient rejects dilation > 1 before reaching this kernel
  const dilations: [number, number] = [1, 1];
  const fs = attrs.filterShape as unknown as Dims4;
  const info = convInfo(x.shape, fs, strides, attrs.pad, dilations, attrs.dimRoundingMode, false);
  const [kh, kw, cin, cout] = fs;
  const pad = info.padInfo;
  return tf.tidy(() => {
    if (strides[0] !== strides[1]) {
      // unequal strides: im2col path
      const cols = patches(x, fs, strides, pad, dilations, info.outHeight, info.outWidth);
      const a = tf.reshape(cols, [-1, kh * kw * cin]);
      const g = tf.reshape(dy, [-1, cout]);
      return tf.reshape(tf.matMul(tf.transpose(a), g), [kh, kw, cin, cout]);
    }
    const padded = tf.pad(x, [
      [0, 0],
      [pad.top, Math.max(0, pad.bottom)],
      [pad.left, Math.max(0, pad.right)],
      [0, 0],
    ]);
    const xt = tf.transpose<Tensor4D>(padded, [3, 1, 2, 0]);
    const ft = tf.transpose<Tensor4D>(dy, [1, 2, 0, 3]);
    const s = strides[0];
    const full = tf.conv2d(xt, ft, 1, 'valid', 'NHWC', s === 1 ? 1 : [s, s]);
    const cropped = tf.slice(full, [0, 0, 0, 0], [cin, kh, kw, cout]);
    return tf.transpose<Tensor4D>(cropped, [1, 2, 0, 3]);
  });
}

/** Depthwise filter gradient: per channel c and multiplier m, Σ x̃[…, c] · dy[…, c·M + m]. */
function depthwiseBackpropFilter(
  x: Tensor4D,
  dy: Tensor4D,
  attrs: DepthwiseConv2dNativeBackpropFilterAttrs,
): tf.Tensor4D {
  const strides = asPair(attrs.strides, 1);
  const dilations = asPair(attrs.dilations, 1);
  const fs = attrs.filterShape as unknown as Dims4;
  const info = convInfo(x.shape, fs, strides, attrs.pad, dilations, attrs.dimRoundingMode, true);
  return tf.tidy(() => {
    const [kh, kw, cin, mult] = fs;
    const cols = patches(x, fs, strides, info.padInfo, dilations, info.outHeight, info.outWidth);
    // cols: [N, kh·kw, C, 1]; dy: [N, 1, C, M] → Σ_N → [kh·kw, C, M]
    const a = tf.reshape(cols, [-1, kh * kw, cin, 1]);
    const g = tf.reshape(dy, [-1, 1, cin, mult]);
    return tf.reshape(tf.sum(tf.mul(a, g), 0), [kh, kw, cin, mult]);
  });
}

/**
 * Depthwise input gradient: the transposed depthwise conv, written as a grouped conv2d
 * backprop-input (which WASM has) with a block-diagonal filter [kh, kw, C, C·M].
 */
function depthwiseBackpropInput(
  dy: Tensor4D,
  filter: Tensor4D,
  attrs: DepthwiseConv2dNativeBackpropInputAttrs,
): tf.Tensor4D {
  const strides = asPair(attrs.strides, 1);
  const dilations = asPair(attrs.dilations, 1);
  if (dilations[0] !== 1 || dilations[1] !== 1) {
    throw new Error('DepthwiseConv2dNativeBackpropInput (wasm): dilation > 1 is not supported');
  }
  const inShape = attrs.inputShape;
  return tf.tidy(() => {
    const [kh, kw, c, m] = filter.shape;
    // full[i, j, ci, co] = filter[i, j, ci, m] when co = ci·M + m, else 0
    const eye = tf.reshape(tf.eye(c), [1, 1, c, c, 1]);
    const full = tf.reshape(tf.mul(eye, tf.reshape(filter, [kh, kw, 1, c, m])), [kh, kw, c, c * m]);
    const pad = attrs.pad === 'valid' || attrs.pad === 'same' ? attrs.pad : 'valid';
    if (typeof attrs.pad !== 'string')
      throw new Error(
        'DepthwiseConv2dNativeBackpropInput (wasm): explicit padding is not supported',
      );
    return tf.conv2dTranspose(dy, full as Tensor4D, inShape, strides, pad, attrs.dimRoundingMode);
  });
}

function kernel(
  kernelName: string,
  run: (inputs: NamedTensorInfoMap, attrs: Record<string, unknown>) => tf.Tensor,
): KernelConfig {
  return {
    kernelName,
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs }) => run(inputs, attrs as Record<string, unknown>),
  };
}

function tensorOf(info: TensorInfo | undefined, name: string): Tensor4D {
  // Ops hand kernels the engine's own tensors; anything else is a bug worth a clear message.
  if (!(info instanceof tf.Tensor) || info.rank !== 4) {
    throw new Error(`conv gradient kernel (wasm): input ${name} is not a 4-D tensor`);
  }
  return info as Tensor4D;
}

let registered = false;

/** Registers the missing conv gradient kernels on the WASM backend (idempotent). */
export function registerWasmConvGradients(): void {
  if (registered) return;
  registered = true;
  const configs = [
    kernel('Conv2DBackpropFilter', (i, a) =>
      conv2DBackpropFilter(
        tensorOf(i.x, 'x'),
        tensorOf(i.dy, 'dy'),
        a as unknown as Conv2DBackpropFilterAttrs,
      ),
    ),
    kernel('DepthwiseConv2dNativeBackpropFilter', (i, a) =>
      depthwiseBackpropFilter(
        tensorOf(i.x, 'x'),
        tensorOf(i.dy, 'dy'),
        a as unknown as DepthwiseConv2dNativeBackpropFilterAttrs,
      ),
    ),
    kernel('DepthwiseConv2dNativeBackpropInput', (i, a) =>
      depthwiseBackpropInput(
        tensorOf(i.dy, 'dy'),
        tensorOf(i.filter, 'filter'),
        a as unknown as DepthwiseConv2dNativeBackpropInputAttrs,
      ),
    ),
  ];
  for (const config of configs) {
    // getKernel's type claims a config is always found; it is undefined when none is registered
    const existing = tf.getKernel(config.kernelName, 'wasm') as KernelConfig | undefined;
    if (existing === undefined) tf.registerKernel(config);
  }
}
