import * as tf from '@tensorflow/tfjs';
import type {
  BatchMatMulAttrs,
  Conv2DBackpropInputAttrs,
  KernelConfig,
  KernelFunc,
  TensorInfo,
} from '@tensorflow/tfjs';

/**
 * Faster replacements for two WASM kernels that training leans on (measured in Node, WASM-SIMD,
 * 2 cores: dx of a 3×3 conv 64×28×28×16→32 took 114 ms with the shipped kernel vs 11 ms here;
 * a [50176×144]ᵀ·[50176×32] matmul 130 ms vs 58 ms). Cases they do not cover are passed to the
 * original kernel, so results are identical in meaning; `wasmConvGradients.test.ts` checks them
 * against the CPU backend.
 */

function isTensor(x: unknown): x is tf.Tensor {
  return x instanceof tf.Tensor;
}

function asTensor(info: TensorInfo | undefined, what: string): tf.Tensor {
  if (!isTensor(info)) throw new Error(`wasm kernel: input ${what} is not a tensor`);
  return info;
}

/**
 * dx of a stride-1 conv as a forward conv: dx = conv2d(pad(dy), rot180(W) with in/out swapped).
 * With padding (top, left) used forward, dy is padded by (kh − 1 − top, kw − 1 − left) before,
 * and by whatever makes the output exactly H × W after.
 */
function backpropInputStride1(
  dy: tf.Tensor4D,
  w: tf.Tensor4D,
  attrs: Conv2DBackpropInputAttrs,
): tf.Tensor4D {
  const inShape = attrs.inputShape;
  const info = tf.backend_util.computeConv2DInfo(
    inShape,
    w.shape,
    1,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
  );
  const [kh, kw] = w.shape;
  const [, h, wd] = inShape;
  return tf.tidy(() => {
    const top = kh - 1 - info.padInfo.top;
    const left = kw - 1 - info.padInfo.left;
    const bottom = h + kh - 1 - info.outHeight - top;
    const right = wd + kw - 1 - info.outWidth - left;
    const flipped = tf.transpose<tf.Tensor4D>(tf.reverse(w, [0, 1]), [0, 1, 3, 2]);
    const padded = tf.pad(dy, [
      [0, 0],
      [top, bottom],
      [left, right],
      [0, 0],
    ]);
    return tf.conv2d(padded, flipped, 1, 'valid');
  });
}

function override(kernelName: string, make: (original: KernelFunc) => KernelFunc): void {
  const existing = tf.getKernel(kernelName, 'wasm') as KernelConfig | undefined;
  if (existing === undefined) return;
  tf.unregisterKernel(kernelName, 'wasm');
  tf.registerKernel({ ...existing, kernelFunc: make(existing.kernelFunc) });
}

let registered = false;

export function registerWasmFastKernels(): void {
  if (registered) return;
  registered = true;
  override('Conv2DBackpropInput', (original) => (args) => {
    const attrs = args.attrs as unknown as Conv2DBackpropInputAttrs;
    const strides =
      typeof attrs.strides === 'number' ? [attrs.strides, attrs.strides] : attrs.strides;
    const simple =
      strides[0] === 1 &&
      strides[1] === 1 &&
      attrs.dataFormat !== 'NCHW' &&
      typeof attrs.pad === 'string';
    if (!simple) return original(args);
    const inputs = args.inputs;
    return backpropInputStride1(
      asTensor(inputs.dy, 'dy') as tf.Tensor4D,
      asTensor(inputs.filter, 'filter') as tf.Tensor4D,
      attrs,
    );
  });
  override('BatchMatMul', (original) => (args) => {
    const attrs = args.attrs as unknown as BatchMatMulAttrs;
    if (!attrs.transposeA) return original(args);
    const inputs = args.inputs;
    const a = asTensor(inputs.a, 'a');
    const perm = a.shape.map((_, i) => i);
    const r = perm.length;
    [perm[r - 2], perm[r - 1]] = [perm[r - 1] ?? 0, perm[r - 2] ?? 0];
    const at = tf.transpose(a, perm);
    const out = original({
      ...args,
      inputs: { a: at, b: inputs.b },
      attrs: { ...args.attrs, transposeA: false },
    });
    at.dispose();
    return out;
  });
}
