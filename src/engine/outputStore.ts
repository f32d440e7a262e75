import type { Moments } from '../math';

/**
 * Where teacher outputs are kept between runs: IndexedDB in the browser worker, a Map in tests.
 * Entries are found by what determines them — dataset, split, sample count, the teacher's weights
 * (a fingerprint: SHA-256 of the weight bytes) and the backend — so new weights, an upload with
 * the same name but other bytes, or another subset never meet an old entry.
 */
export interface StoredOutputs {
  readonly features: Float32Array;
  readonly logits: Float32Array | null;
  /** Exact moments of the (unscaled) features; stored with train outputs. */
  readonly moments?: Moments;
}

export interface OutputStore {
  get(key: string): Promise<StoredOutputs | undefined>;
  set(key: string, value: StoredOutputs): Promise<void>;
}

export interface OutputKey {
  readonly dataset: string;
  readonly split: 'train' | 'eval';
  readonly count: number;
  readonly fingerprint: string;
  readonly backend: string;
}

export function outputKey(k: OutputKey): string {
  return ['v1', k.dataset, k.split, k.count, k.fingerprint, k.backend].join('|');
}

/** Hex SHA-256 of the given byte arrays (in order, each prefixed by its length). */
export async function fingerprintOf(parts: readonly (Uint8Array | string)[]): Promise<string> {
  const enc = new TextEncoder();
  const bytes = parts.map((p) => (typeof p === 'string' ? enc.encode(p) : p));
  const total = bytes.reduce((s, b) => s + 8 + b.length, 0);
  const all = new Uint8Array(total);
  const view = new DataView(all.buffer);
  let o = 0;
  for (const b of bytes) {
    view.setFloat64(o, b.length);
    all.set(b, o + 8);
    o += 8 + b.length;
  }
  const digest = await globalThis.crypto.subtle.digest('SHA-256', all);
  return Array.from(new Uint8Array(digest), (x) => x.toString(16).padStart(2, '0')).join('');
}

/** An in-memory store (tests, the CLI): counts reads that hit. */
export class MemoryOutputStore implements OutputStore {
  readonly entries = new Map<string, StoredOutputs>();
  hits = 0;
  get(key: string): Promise<StoredOutputs | undefined> {
    const v = this.entries.get(key);
    if (v) this.hits += 1;
    return Promise.resolve(v);
  }
  set(key: string, value: StoredOutputs): Promise<void> {
    this.entries.set(key, value);
    return Promise.resolve();
  }
}
