import * as tf from '@tensorflow/tfjs';
import type { Fn } from '../models/layers';
import type { ParamStore } from '../models/params';

/** One teacher's adaptor head as a column block of the fused kernel and bias. */
export interface HeadBlock {
  readonly id: string;
  readonly offset: number;
  readonly dim: number;
}

/**
 * All per-teacher adaptor heads in one: a kernel [D, ΣC_t] and a bias [ΣC_t] whose column block
 * t is teacher t's linear head (student features → the teacher's normalized space). One matmul
 * and one bias add serve every teacher; `split` hands out the per-teacher predictions. The
 * optimizer updates the fused variables elementwise, which is the same as updating each head on
 * its own. Zero-initialized as before (the first step's loss then measures the targets' energy
 * E[y′²], and no teacher gets a random head start), so a fixed seed gives the same weights.
 * Checkpoints and the PyTorch export see per-teacher heads (`adaptor/<id>/kernel`, `…/bias`)
 * through `views`.
 */
export interface FusedHeads {
  readonly blocks: readonly HeadBlock[];
  /** ΣC_t: columns of the fused output. */
  readonly width: number;
  /** Null when the run has no teachers. */
  readonly kernel: tf.Variable | null;
  readonly bias: tf.Variable | null;
  /** Every head at once: x [B, D] → [B, ΣC_t]. */
  forward(x: tf.Tensor2D): tf.Tensor2D;
  /** The fused output (or targets) [B, ΣC_t] → per-teacher blocks [B, C_t], slot order. */
  split(all: tf.Tensor2D): tf.Tensor2D[];
  /** Per-teacher head functions (evaluation): one fused matmul, then that teacher's block. */
  readonly adaptors: readonly Fn<tf.Tensor2D, tf.Tensor2D>[];
  /** Per-teacher checkpoint names and their column ranges, in the pre-fusion order. */
  readonly views: readonly HeadView[];
}

/** A per-teacher head parameter as a column range of a fused variable. */
export interface HeadView {
  /** ParamStore-style name, e.g. `adaptor/<id>/kernel`. */
  readonly name: string;
  readonly variable: tf.Variable;
  readonly columns: readonly [number, number];
}

export function fusedHeads(
  p: ParamStore,
  teachers: readonly { id: string; dim: number }[],
  studentDim: number,
): FusedHeads {
  const blocks: HeadBlock[] = [];
  let width = 0;
  for (const t of teachers) {
    blocks.push({ id: t.id, offset: width, dim: t.dim });
    width += t.dim;
  }
  const kernel = width > 0 ? p.zeros('adaptor/kernel', 'adaptor', [studentDim, width]) : null;
  const bias = width > 0 ? p.zeros('adaptor/bias', 'adaptor', [width]) : null;
  const forward = (x: tf.Tensor2D): tf.Tensor2D => {
    if (!kernel || !bias) throw new Error('fused heads: the run has no teachers');
    return tf.add(tf.matMul(x, kernel as tf.Tensor2D), bias);
  };
  const split = (all: tf.Tensor2D): tf.Tensor2D[] =>
    blocks.length === 1
      ? [all]
      : tf.split(
          all,
          blocks.map((b) => b.dim),
          1,
        );
  const adaptors = blocks.map(
    (b) =>
      (x: tf.Tensor2D): tf.Tensor2D =>
        tf.tidy(() => tf.slice(forward(x), [0, b.offset], [-1, b.dim])),
  );
  const views: HeadView[] =
    kernel && bias
      ? blocks.flatMap((b) => {
          const columns = [b.offset, b.offset + b.dim] as const;
          return [
            { name: `adaptor/${b.id}/kernel`, variable: kernel, columns },
            { name: `adaptor/${b.id}/bias`, variable: bias, columns },
          ];
        })
      : [];
  return { blocks, width, kernel, bias, forward, split, adaptors, views };
}

/**
 * Segment matrix S [ΣC_t, T] with S[c, t] = w_t / C_t on teacher t's columns: a row of column
 * means times S is the weighted per-teacher mean, w_t · mean over teacher t's elements.
 */
export function segmentMeans(
  blocks: readonly HeadBlock[],
  weights: readonly number[],
): tf.Tensor2D {
  const width = blocks.reduce((s, b) => s + b.dim, 0);
  const t = blocks.length;
  const s = new Float32Array(width * t);
  blocks.forEach((b, k) => {
    const v = (weights[k] ?? 0) / b.dim;
    for (let c = b.offset; c < b.offset + b.dim; c++) s[c * t + k] = v;
  });
  return tf.tensor2d(s, [width, t]);
}
