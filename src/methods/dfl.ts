import * as tf from '@tensorflow/tfjs';
import { initTensor, type ParamInit } from '../models/params';
import type { SnapshotRule } from './dflKinds';

export { SNAPSHOT_RULES, type SnapshotRule } from './dflKinds';

/**
 * DFL — self-distillation from the student's own trajectory plus periodic partial reset
 * (Park 2024, arXiv 2403.19941). No public code exists; the knobs are ours to expose:
 * pool size K, the selection rule, the reset period R and the reset depth.
 */

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
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new Error(`SnapshotPool: capacity must be a positive integer, got ${capacity}`);
  }

  get snapshots(): readonly Snapshot[] {
    return this.items;
  }

  /** Offers the current weights; they are copied only when the rule keeps them. */
  offer(step: number, valAccuracy: number, variables: readonly tf.Variable[]): OfferResult {
    if (!Number.isFinite(valAccuracy))
      throw new Error(`SnapshotPool.offer: validation accuracy is not finite (${valAccuracy})`);
    let evict: number | null = null;
    if (this.items.length >= this.capacity) {
      if (this.rule === 'last-k') evict = 0;
      else {
        let worst = 0;
        this.items.forEach((s, i) => {
          if (s.valAccuracy < (this.items[worst]?.valAccuracy ?? Infinity)) worst = i;
        });
        if ((this.items[worst]?.valAccuracy ?? Infinity) >= valAccuracy)
          return { accepted: false, evictedStep: null };
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
  readonly params: readonly { readonly variable: tf.Variable; readonly init: ParamInit }[];
}

/** A layer with a weight matrix or kernel (rank ≥ 2); LayerNorm/bias-only groups are not counted. */
const isWeightLayer = (l: ResettableLayer): boolean => l.params.some((p) => p.variable.rank >= 2);

/**
 * Re-initializes the last `depth` layers, counted in weight layers from the output (a LayerNorm
 * between them is reset along with them, not counted), each parameter with its own initializer
 * (He stays He, Glorot stays Glorot, LayerNorm γ = 1, β = 0), seeded. Returns the layers reset and
 * their variables, whose optimizer state the caller must clear (Adam's moments would otherwise keep
 * pushing the new weights along the old weights' gradient history).
 */
export function resetLayers(
  layers: readonly ResettableLayer[],
  depth: number,
  seed: number,
): { names: string[]; variables: tf.Variable[] } {
  if (!Number.isInteger(depth) || depth < 0)
    throw new Error(`resetLayers: depth must be a non-negative integer, got ${depth}`);
  if (depth === 0) return { names: [], variables: [] };
  let start = layers.length;
  let counted = 0;
  while (start > 0 && counted < depth) {
    start -= 1;
    const layer = layers[start];
    if (layer && isWeightLayer(layer)) counted += 1;
  }
  const chosen = layers.slice(start);
  let s = seed;
  const variables: tf.Variable[] = [];
  for (const layer of chosen) {
    for (const p of layer.params) {
      s += 1;
      const seedHere = s;
      tf.tidy(() => {
        p.variable.assign(initTensor(p.init, [...p.variable.shape], seedHere));
      });
      variables.push(p.variable);
    }
  }
  return { names: chosen.map((l) => l.name), variables };
}
