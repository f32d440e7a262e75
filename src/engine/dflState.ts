import * as tf from '@tensorflow/tfjs';
import { SnapshotPool, ensembleLogits, type SnapshotRule } from '../methods/dfl';
import { createNetwork, type Network } from '../models/network';
import type { ModelSpec } from '../models/modelSpec';

/**
 * DFL bookkeeping for one run: the snapshot pool and one frozen "shadow" network per snapshot,
 * whose averaged logits are the self-distillation target.
 */
export class DflState {
  readonly pool: SnapshotPool;
  private shadows: Network[] = [];

  constructor(
    private readonly spec: ModelSpec,
    capacity: number,
    rule: SnapshotRule,
  ) {
    this.pool = new SnapshotPool(capacity, rule);
  }

  get size(): number {
    return this.pool.snapshots.length;
  }

  /** Offers the student's weights; rebuilds the shadows when the pool changed. */
  offer(
    step: number,
    valAccuracy: number,
    student: Network,
  ): { accepted: boolean; evictedStep: number | null } {
    const r = this.pool.offer(step, valAccuracy, student.variables);
    if (r.accepted) this.syncShadows();
    return r;
  }

  private syncShadows(): void {
    const snaps = this.pool.snapshots;
    while (this.shadows.length < snaps.length)
      this.shadows.push(createNetwork(this.spec, 0, false));
    snaps.forEach((s, i) => {
      const net = this.shadows[i];
      if (!net) return;
      net.variables.forEach((v, j) => {
        const w = s.weights[j];
        if (w) v.assign(w);
      });
    });
  }

  /** Mean logits of the snapshots on x, or null while the pool is empty. */
  target(x: tf.Tensor4D): tf.Tensor2D | null {
    const n = this.pool.snapshots.length;
    if (n === 0) return null;
    return tf.tidy(() => ensembleLogits(this.shadows.slice(0, n).map((s) => s.forward(x).logits)));
  }

  dispose(): void {
    this.pool.dispose();
    for (const s of this.shadows) s.dispose();
    this.shadows = [];
  }
}
