import type { NpyArray } from './npy';

/**
 * Lab parameter names and layouts → PyTorch state-dict keys and layouts
 * (torch/distill_lab_torch/models.py and distiller.py):
 *   "block1/attn/q/kernel" → "block1.attn.q.weight"; kernel → weight, gamma → weight, beta → bias;
 *   dense kernels [in, out] → Linear weights [out, in]; conv kernels HWIO → OIHW.
 * Checkpoint names carry a prefix: student/…, heads/adaptor/<id>/…, heads/ofa/branchK/….
 */
export function torchKey(labName: string): string {
  const parts = labName.split('/');
  const last = parts.at(-1) ?? '';
  const leaf =
    ({ kernel: 'weight', gamma: 'weight', beta: 'bias' } as Record<string, string>)[last] ?? last;
  if (parts[0] === 'heads' && parts[1] === 'adaptor') return `adaptors.${parts[2] ?? ''}.${leaf}`;
  if (parts[0] === 'heads' && parts[1] === 'ofa') {
    const k = Number((parts[2] ?? '').replace('branch', '')) - 1;
    return ['branches', String(k), ...parts.slice(3, -1), leaf].join('.');
  }
  return [...parts.slice(0, -1), leaf].join('.');
}

/** Reorders a kernel to PyTorch's layout (other parameters are returned as they are). */
export function torchLayout(
  labName: string,
  shape: readonly number[],
  data: Float32Array,
): NpyArray {
  if (!labName.endsWith('/kernel') || shape.length === 1 || shape.length === 3)
    return { dtype: 'float32', shape, data };
  if (shape.length === 2) {
    const [rows = 0, cols = 0] = shape;
    const out = new Float32Array(data.length);
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++) out[j * rows + i] = data[i * cols + j] ?? 0;
    return { dtype: 'float32', shape: [cols, rows], data: out };
  }
  if (shape.length === 4) {
    const [kh = 0, kw = 0, cin = 0, cout = 0] = shape;
    const out = new Float32Array(data.length);
    for (let h = 0; h < kh; h++)
      for (let w = 0; w < kw; w++)
        for (let i = 0; i < cin; i++)
          for (let o = 0; o < cout; o++)
            out[((o * cin + i) * kh + h) * kw + w] = data[((h * kw + w) * cin + i) * cout + o] ?? 0;
    return { dtype: 'float32', shape: [cout, cin, kh, kw], data: out };
  }
  throw new Error(`torchLayout: ${labName} has rank ${shape.length}`);
}

/** A named set of lab parameters as a PyTorch state dict (keys prefixed with `prefix`). */
export function torchState(
  params: Iterable<readonly [string, { shape: readonly number[]; data: Float32Array }]>,
  prefix = '',
): Map<string, NpyArray> {
  const out = new Map<string, NpyArray>();
  for (const [name, p] of params)
    out.set(prefix + torchKey(name), torchLayout(name, p.shape, p.data));
  return out;
}
