import type * as tf from '@tensorflow/tfjs';

/** One step's losses, still on the device. */
export interface PendingStep {
  readonly step: number;
  /** Weighted loss terms, aligned with the run's term list. */
  readonly terms: tf.Tensor1D;
  /** Method-specific numbers for the charts (avatar λ statistics), or null. */
  readonly aux: tf.Tensor1D | null;
}

/** One step's losses, read back. */
export interface ReadStep {
  readonly step: number;
  readonly terms: number[];
  readonly aux: Float32Array | null;
}

/**
 * Batched readback (DESIGN §5): steps queue their small loss tensors; `drain` reads them all with
 * one `await data()` round and frees them — never a synchronous read inside the step.
 */
export class LossReadback {
  private readonly pending: PendingStep[] = [];

  get size(): number {
    return this.pending.length;
  }

  push(p: PendingStep): void {
    this.pending.push(p);
  }

  async drain(): Promise<ReadStep[]> {
    const batch = this.pending.splice(0, this.pending.length);
    const values = await Promise.all(batch.map((p) => p.terms.data()));
    const aux = await Promise.all(batch.map((p) => (p.aux ? p.aux.data() : Promise.resolve(null))));
    for (const p of batch) {
      p.terms.dispose();
      p.aux?.dispose();
    }
    return batch.map((p, i) => ({
      step: p.step,
      terms: Array.from(values[i] ?? []),
      aux: (aux[i] as Float32Array | null | undefined) ?? null,
    }));
  }

  dispose(): void {
    for (const p of this.pending.splice(0, this.pending.length)) {
      p.terms.dispose();
      p.aux?.dispose();
    }
  }
}

/** The first non-finite term of a step, or −1. */
export function firstNonFinite(terms: readonly number[]): number {
  return terms.findIndex((v) => !Number.isFinite(v));
}
