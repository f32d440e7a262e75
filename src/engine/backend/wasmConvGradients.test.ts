import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, beforeAll } from 'vitest';
import { selectNodeBackend } from './nodeBackend';
import { activateBackend } from './activateBackend';

interface Case {
  readonly name: string;
  readonly x: [number, number, number, number];
  readonly f: [number, number, number, number];
  readonly stride: number;
  readonly pad: 'same' | 'valid';
}

/** Every conv shape our models use (CNN, ResNet stem/downsampling, ViT/Mixer patchify) plus edge cases. */
const convCases: Case[] = [
  { name: '3×3 same s1', x: [2, 8, 8, 3], f: [3, 3, 3, 4], stride: 1, pad: 'same' },
  {
    name: '3×3 same s2 (ResNet downsample)',
    x: [2, 9, 9, 3],
    f: [3, 3, 3, 5],
    stride: 2,
    pad: 'same',
  },
  { name: '3×3 valid s2', x: [2, 10, 10, 2], f: [3, 3, 2, 3], stride: 2, pad: 'valid' },
  { name: '1×1 s2 shortcut', x: [2, 8, 8, 4], f: [1, 1, 4, 6], stride: 2, pad: 'same' },
  { name: '4×4 patchify s4', x: [2, 28, 28, 1], f: [4, 4, 1, 8], stride: 4, pad: 'valid' },
  { name: '7×7 patchify s7', x: [1, 28, 28, 1], f: [7, 7, 1, 6], stride: 7, pad: 'valid' },
  { name: '5×5 same s1', x: [1, 12, 12, 2], f: [5, 5, 2, 3], stride: 1, pad: 'same' },
];

function seeded(shape: number[], seed: number): tf.Tensor {
  return tf.randomNormal(shape, 0, 1, 'float32', seed);
}

async function convGrads(c: Case, backend: 'wasm' | 'cpu'): Promise<Float32Array[]> {
  await activateBackend(backend);
  const before = tf.memory().numTensors;
  const out = tf.tidy(() => {
    const x = seeded(c.x, 1);
    const w = seeded(c.f, 2);
    const f = (xx: tf.Tensor, ww: tf.Tensor): tf.Tensor =>
      tf.sum(tf.square(tf.conv2d(xx as tf.Tensor4D, ww as tf.Tensor4D, c.stride, c.pad, 'NHWC')));
    const [gx, gw] = tf.grads(f)([x, w]);
    return [gx, gw] as tf.Tensor[];
  });
  const values = await Promise.all(out.map((t) => t.data() as Promise<Float32Array>));
  tf.dispose(out);
  expect(tf.memory().numTensors).toBe(before);
  return values;
}

async function depthwiseGrads(c: Case, backend: 'wasm' | 'cpu'): Promise<Float32Array[]> {
  await activateBackend(backend);
  const before = tf.memory().numTensors;
  const out = tf.tidy(() => {
    const x = seeded(c.x, 3);
    const w = seeded(c.f, 4);
    const f = (xx: tf.Tensor, ww: tf.Tensor): tf.Tensor =>
      tf.sum(tf.square(tf.depthwiseConv2d(xx as tf.Tensor4D, ww as tf.Tensor4D, c.stride, c.pad)));
    return tf.grads(f)([x, w]);
  });
  const values = await Promise.all(out.map((t) => t.data() as Promise<Float32Array>));
  tf.dispose(out);
  expect(tf.memory().numTensors).toBe(before);
  return values;
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return m;
}

function maxAbs(a: Float32Array): number {
  return a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
}

describe('WASM conv gradients', () => {
  beforeAll(async () => {
    await selectNodeBackend('wasm');
  });

  it.each(convCases)(
    'conv2d $name: input and filter gradients equal the CPU backend',
    async (c) => {
      const wasm = await convGrads(c, 'wasm');
      const cpu = await convGrads(c, 'cpu');
      for (let k = 0; k < 2; k++) {
        const a = wasm[k] as Float32Array;
        const b = cpu[k] as Float32Array;
        // 1e-4 relative to the gradient's scale (sums of hundreds of products in float32)
        expect(maxAbsDiff(a, b) / Math.max(1, maxAbs(b))).toBeLessThan(1e-4);
      }
    },
  );

  const dwCases: Case[] = [
    { name: '3×3 same s1 ×1', x: [2, 8, 8, 3], f: [3, 3, 3, 1], stride: 1, pad: 'same' },
    { name: '3×3 same s2 ×2', x: [2, 9, 9, 2], f: [3, 3, 2, 2], stride: 2, pad: 'same' },
    { name: '5×5 valid s1 ×1', x: [1, 10, 10, 4], f: [5, 5, 4, 1], stride: 1, pad: 'valid' },
  ];
  it.each(dwCases)('depthwise $name: gradients equal the CPU backend', async (c) => {
    const wasm = await depthwiseGrads(c, 'wasm');
    const cpu = await depthwiseGrads(c, 'cpu');
    for (let k = 0; k < 2; k++) {
      const a = wasm[k] as Float32Array;
      const b = cpu[k] as Float32Array;
      expect(maxAbsDiff(a, b) / Math.max(1, maxAbs(b))).toBeLessThan(1e-4);
    }
  });

  it('batched and plain matmul with transposed operands equal the CPU backend (fast WASM path)', async () => {
    const run = async (backend: 'wasm' | 'cpu'): Promise<Float32Array[]> => {
      await activateBackend(backend);
      const out = tf.tidy(() => {
        const a = seeded([37, 5], 7);
        const b = seeded([37, 3], 8);
        const c = seeded([2, 4, 6, 5], 9);
        const d = seeded([2, 4, 6, 3], 10);
        return [
          tf.matMul(a, b, true, false),
          tf.matMul(c, d, true, false),
          tf.matMul(a, seeded([4, 5], 11), false, true),
        ];
      });
      const values = await Promise.all(out.map((t) => t.data() as Promise<Float32Array>));
      tf.dispose(out);
      return values;
    };
    const wasm = await run('wasm');
    const cpu = await run('cpu');
    wasm.forEach((w, i) => {
      const c = cpu[i] as Float32Array;
      expect(maxAbsDiff(w, c) / Math.max(1, maxAbs(c))).toBeLessThan(1e-5);
    });
  });

  it('registers the conv gradient kernels on the WASM backend', () => {
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    expect(tf.getKernel('DepthwiseConv2dNativeBackpropFilter', 'wasm')).toBeDefined();
    expect(tf.getKernel('DepthwiseConv2dNativeBackpropInput', 'wasm')).toBeDefined();
  });
});
