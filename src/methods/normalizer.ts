import * as tf from '@tensorflow/tfjs';
import type { Moments } from '../math';
import { fitNormalizerParams } from './normalizers/fit';
import type { LinearMap, NormalizerOptions, NormalizerParams } from './normalizers/params';
import type { NormalizerKind } from './normalizerKinds';

/**
 * A teacher normalizer as tensors. `forward` maps teacher targets [N, C] to the space the student
 * learns; `inverse` maps back, so errors can also be reported in the teacher's own space.
 * Call `dispose()` when done; `forward`/`inverse` return new tensors owned by the caller.
 */
export interface Normalizer {
  readonly kind: NormalizerKind;
  readonly dim: number;
  readonly params: NormalizerParams;
  readonly forward: (y: tf.Tensor2D) => tf.Tensor2D;
  readonly inverse: (yNorm: tf.Tensor2D) => tf.Tensor2D;
  readonly dispose: () => void;
}

interface MapTensor {
  readonly apply: (x: tf.Tensor2D) => tf.Tensor2D;
  readonly tensors: tf.Tensor[];
}

/** Row-vector form of y′ = W x: x·Wᵀ. */
function mapTensor(map: LinearMap, dim: number): MapTensor {
  switch (map.form) {
    case 'identity':
      return { apply: (x) => x.clone(), tensors: [] };
    case 'scalar': {
      const s = tf.scalar(map.value);
      return { apply: (x) => tf.mul(x, s), tensors: [s] };
    }
    case 'diagonal': {
      const d = tf.tensor1d(Float32Array.from(map.values));
      return { apply: (x) => tf.mul(x, d), tensors: [d] };
    }
    case 'matrix': {
      const wt = tf.tidy(() =>
        tf.transpose(tf.tensor2d(Float32Array.from(map.matrix.data), [dim, dim])),
      );
      return { apply: (x) => tf.matMul(x, wt), tensors: [wt] };
    }
  }
}

function checkShape(y: tf.Tensor, dim: number, kind: NormalizerKind): void {
  if (y.rank !== 2 || y.shape[1] !== dim) {
    throw new Error(
      `normalizer ${kind}: expected features of shape [N, ${dim}], got [${y.shape.join(', ')}]`,
    );
  }
}

/** Wraps fitted float64 parameters as tensors. */
export function normalizerFromParams(params: NormalizerParams): Normalizer {
  const { dim, kind } = params;
  const mean = params.center ? tf.tensor2d(Float32Array.from(params.mean), [1, dim]) : null;
  const fwd = mapTensor(params.forward, dim);
  const inv = mapTensor(params.inverse, dim);
  return {
    kind,
    dim,
    params,
    forward: (y) => {
      checkShape(y, dim, kind);
      return tf.tidy(() => fwd.apply(mean === null ? y : tf.sub(y, mean)));
    },
    inverse: (yNorm) => {
      checkShape(yNorm, dim, kind);
      return tf.tidy(() => {
        const back = inv.apply(yNorm);
        return mean === null ? back : tf.add(back, mean);
      });
    },
    dispose: () => {
      tf.dispose([...fwd.tensors, ...inv.tensors, ...(mean === null ? [] : [mean])]);
    },
  };
}

/**
 * Fits a normalizer of the given kind from teacher feature statistics (exact over the cache,
 * or streamed) — see `fitNormalizerParams` for the formulas — and returns it as tensors.
 */
export function fitNormalizer(
  kind: NormalizerKind,
  stats: Moments,
  options: NormalizerOptions = {},
): Normalizer {
  return normalizerFromParams(fitNormalizerParams(kind, stats, options));
}
