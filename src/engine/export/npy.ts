import { zipSync } from 'fflate';

/**
 * NumPy's .npy (format 1.0) and .npz (a zip of .npy files) — what a browser can write and
 * `numpy.load` reads. Arrays are little-endian, C order.
 */
export type NpyArray =
  | { readonly dtype: 'float32'; readonly shape: readonly number[]; readonly data: Float32Array }
  | { readonly dtype: 'int32'; readonly shape: readonly number[]; readonly data: Int32Array }
  | { readonly dtype: 'uint8'; readonly shape: readonly number[]; readonly data: Uint8Array };

const DESCR = { float32: '<f4', int32: '<i4', uint8: '|u1' } as const;

export function encodeNpy(a: NpyArray): Uint8Array {
  const count = a.shape.reduce((p, d) => p * d, 1);
  if (count !== a.data.length)
    throw new Error(
      `encodeNpy: shape [${a.shape.join(', ')}] holds ${count} values, data has ${a.data.length}`,
    );
  const shape = a.shape.length === 1 ? `(${a.shape[0] ?? 0},)` : `(${a.shape.join(', ')})`;
  let header = `{'descr': '${DESCR[a.dtype]}', 'fortran_order': False, 'shape': ${shape}, }`;
  // magic (6) + version (2) + header length (2) + header + '\n' is a multiple of 64
  const pad = 64 - ((10 + header.length + 1) % 64);
  header += ' '.repeat(pad % 64) + '\n';
  const bytes = new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength);
  const out = new Uint8Array(10 + header.length + bytes.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  out.set(new TextEncoder().encode(header), 10);
  out.set(bytes, 10 + header.length);
  return out;
}

/** An .npz archive: `numpy.load(path)[key]` gives each array back. */
export function encodeNpz(arrays: ReadonlyMap<string, NpyArray>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [key, a] of arrays) files[`${key}.npy`] = encodeNpy(a);
  return zipSync(files, { level: 6 });
}
