import * as tf from '@tensorflow/tfjs';

/**
 * DFL — self-distillation from the student's own trajectory plus periodic partial reset
 * (Park 2024, arXiv 2403.19941). No public code exists; the knobs are ours to expose:
 * pool size K, the selection rule, the reset period R and the reset depth.
 */
export type SnapshotRule = 'best-val' | 'last-k';

export interface Snapshot {
  readonly step: number;
  readonly valAccuracy: number;
  /** Copies of the student's variables, in the order they were offered. */
  readonly weights: readonly tf.Tensor[];
}

export interface OfferResult {
  readonly accepted: boolean;
  /** Step of the snapshot dropped to make room, if any. */
  readonly evictedStep: number | null;
}

/** Keeps at most K snapshots: the best by validation accuracy, or the K most recent. */
export class SnapshotPool {
  private readonly items: Snapshot[] = [];

  constructor(
    readonly capacity: number,
    readonly rule: SnapshotRule,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`SnapshotPool: capacity must be a positive integer, got ${capacity}`);
  }

  get snapshots(): readonly Snapshot[] {
    return this.items;
  }

  /** Offers the current weights; they are copied only when the rule keeps them. */
  offer(step: number, valAccuracy: number, variables: readonly tf.Variable[]): OfferResult {
    if (!Number.isFinite(valAccuracy)) throw new Error(`SnapshotPool.offer: validation accuracy is not finite (${valAccuracy})`);
    let evict: number | null = null;
    if (this.items.length >= this.capacity) {
      if (this.rule === 'last-k') evict = 0;
      else {
        let worst = 0;
        this.items.forEach((s, i) => {
          if (s.valAccuracy < (this.items[worst]?.valAccuracy ?? Infinity)) worst = i;
        });
        if ((this.items[worst]?.valAccuracy ?? Infinity) >= valAccuracy) return { accepted: false, evictedStep: null };
        evict = worst;
      }
    }
    let evictedStep: number | null = null;
    if (evict !== null) {
      const [gone] = this.items.splice(evict, 1);
      if (gone) {
        evictedStep = gone.step;
        tf.dispose([...gone.weights]);
      }
    }
    this.items.push({ step, valAccuracy, weights: variables.map((v) => tf.keep(v.clone())) });
    return { accepted: true, evictedStep };
  }

  dispose(): void {
    for (const s of this.items) tf.dispose([...s.weights]);
    this.items.length = 0;
  }
}

/** The DFL teacher target: the mean of the snapshots' logits, each [N, K]. */
export function ensembleLogits(logits: readonly tf.Tensor2D[]): tf.Tensor2D {
  if (logits.length === 0) throw new Error('ensembleLogits: the snapshot pool is empty');
  return tf.tidy(() => tf.div<tf.Tensor2D>(tf.addN([...logits]), logits.length));
}

/** True at steps R, 2R, … (never at step 0). */
export function dflResetDue(step: number, period: number): boolean {
  return period > 0 && step > 0 && step % period === 0;
}

export interface ResettableLayer {
  readonly name: string;
  readonly variables: readonly tf.Variable[];
}

/**
 * Re-initializes the last `depth` layers (counted from the output): kernels (rank ≥ 2) with
 * seeded Glorot-uniform, rank-1 variables with zeros, or ones for names ending in `gamma`/`scale`.
 * Returns the names of the layers reset.
 */
export function resetLayers(layers: readonly ResettableLayer[], depth: number, seed: number): string[] {
  if (!Number.isInteger(depth) || depth < 0) throw new Error(`resetLayers: depth must be a non-negative integer, got ${depth}`);
  const chosen = layers.slice(Math.max(0, layers.length - depth));
  let s = seed;
  for (const layer of chosen) {
    for (const v of layer.variables) {
      s += 1;
      const seedHere = s;
      tf.tidy(() => {
        if (v.rank >= 2) {
          const fanIn = v.shape.slice(0, -1).reduce((a, b) => a * b, 1);
          const fanOut = v.shape[v.rank - 1] ?? 1;
          const limit = Math.sqrt(6 / (fanIn + fanOut));
          v.assign(tf.randomUniform(v.shape, -limit, limit, 'float32', seedHere));
        } else if (/(gamma|scale)$/.test(v.name)) v.assign(tf.onesLike(v));
        else v.assign(tf.zerosLike(v));
      });
    }
  }
  return chosen.map((l) => l.name);
}
