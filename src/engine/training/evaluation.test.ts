import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { covariance, momentsOfBatch, rngCreate, symmetricEigen } from '../../math';
import { fitNormalizer } from '../../methods/normalizer';
import { NORMALIZER_KINDS } from '../../methods/normalizerKinds';
import { expectNoLeak, useCpuBackend } from '../../testing/tfTestUtils';
import { accuracyTensor, knnAccuracy, teacherFidelity } from './evaluation';

beforeAll(useCpuBackend);

const N = 200;
const C = 6;
const D = 5;

/** A teacher with very unequal principal variances (one loud direction, a nearly dead one). */
function teacherData(seed: number): Float64Array {
  const rng = rngCreate(seed);
  const scales = [10, 4, 2, 1, 0.5, 0.05];
  const out = new Float64Array(N * C);
  for (let i = 0; i < N; i++)
    for (let c = 0; c < C; c++)
      out[i * C + c] =
        (scales[c] ?? 1) * rng.normal() + c + (c === 1 ? 0.3 * (out[i * C] ?? 0) : 0);
  return out;
}

/** float64 reference: FVU, ZCA-whitened MSE (Σ from `train`), centered cosine. */
function reference(
  pred: Float64Array,
  y: Float64Array,
  train: Float64Array,
): { fvu: number; whitened: number; cos: number } {
  const mu = Array.from(
    { length: C },
    (_, c) => Array.from({ length: N }, (_, i) => y[i * C + c] ?? 0).reduce((a, b) => a + b, 0) / N,
  );
  let num = 0;
  let den = 0;
  let cos = 0;
  for (let i = 0; i < N; i++) {
    let dot = 0;
    let np = 0;
    let ny = 0;
    for (let c = 0; c < C; c++) {
      const p = pred[i * C + c] ?? 0;
      const t = y[i * C + c] ?? 0;
      num += (p - t) ** 2;
      den += (t - (mu[c] ?? 0)) ** 2;
      dot += (p - (mu[c] ?? 0)) * (t - (mu[c] ?? 0));
      np += (p - (mu[c] ?? 0)) ** 2;
      ny += (t - (mu[c] ?? 0)) ** 2;
    }
    cos += dot / (Math.sqrt(np) * Math.sqrt(ny));
  }
  // whitened error: W = U Λ^{-1/2} Uᵀ, mean over elements of (W (p − y))²
  const eig = symmetricEigen(covariance(momentsOfBatch(train, C)));
  const u = eig.vectors.data;
  let wsum = 0;
  for (let i = 0; i < N; i++) {
    const d = Array.from({ length: C }, (_, c) => (pred[i * C + c] ?? 0) - (y[i * C + c] ?? 0));
    // Uᵀ d, scaled, then U ·
    const z = Array.from(
      { length: C },
      (_, k) =>
        d.reduce((s, v, c) => s + (u[c * C + k] ?? 0) * v, 0) /
        Math.sqrt(Math.max(eig.values[k] ?? 0, 1e-6)),
    );
    for (let c = 0; c < C; c++) wsum += z.reduce((s, v, k) => s + (u[c * C + k] ?? 0) * v, 0) ** 2;
  }
  return { fvu: num / den, whitened: wsum / (N * C), cos: cos / N };
}

describe('teacher fidelity', () => {
  it('FVU, whitened error and centered cosine equal an independent float64 computation, for every normalizer', async () => {
    const train = teacherData(1);
    const evalY = teacherData(2);
    const rng = rngCreate(3);
    const predRaw = evalY.map((v, i) => v + (i % C === 5 ? 0.2 : 0.5) * rng.normal());
    const ref = reference(predRaw, evalY, train);
    for (const kind of NORMALIZER_KINDS) {
      const stats = momentsOfBatch(train, C);
      const norm = fitNormalizer(kind, stats, { seed: 0 });
      const zca = fitNormalizer('zca', stats, { seed: 0 });
      const got = await expectNoLeak(async () => {
        const y = tf.tensor2d(Float32Array.from(evalY), [N, C]);
        const pRaw = tf.tensor2d(Float32Array.from(predRaw), [N, C]);
        const pred = norm.forward(pRaw); // the student's output lives in the normalized space
        const student = tf.randomNormal<tf.Rank.R2>([N, D], 0, 1, 'float32', 4);
        const r = teacherFidelity(pred, student, y, norm, zca);
        const v = await r.scalars.data();
        tf.dispose([y, pRaw, pred, student, r.scalars, r.perDim]);
        return v;
      });
      norm.dispose();
      zca.dispose();
      expect(got[1], `${kind} fvu`).toBeCloseTo(ref.fvu, 3);
      expect((got[2] ?? 0) / ref.whitened, `${kind} whitened`).toBeCloseTo(1, 2);
      expect(got[4], `${kind} cosine`).toBeCloseTo(ref.cos, 3);
      expect(got[3], `${kind} cka`).toBeGreaterThanOrEqual(0);
    }
    // the whitened error weighs the nearly dead direction (σ = 0.05, error 0.2) far above FVU
    expect(ref.whitened).toBeGreaterThan(ref.fvu * 10);
  });

  it('a perfect prediction has FVU 0, whitened error 0, cosine 1; the mean prediction has FVU 1', async () => {
    const y = tf.tensor2d(Float32Array.from(teacherData(5)), [N, C]);
    const norm = fitNormalizer('phi-s', momentsOfBatch(teacherData(5), C), { seed: 0 });
    const zca = fitNormalizer('zca', momentsOfBatch(teacherData(5), C), { seed: 0 });
    await expectNoLeak(async () => {
      const target = norm.forward(y);
      const perfect = teacherFidelity(target, y, y, norm, zca);
      const p = await perfect.scalars.data();
      expect(p[1]).toBeCloseTo(0, 4);
      expect(p[2]).toBeCloseTo(0, 3);
      expect(p[3]).toBeCloseTo(1, 4); // CKA(y, y)
      expect(p[4]).toBeCloseTo(1, 4);
      const meanPred = tf.tidy(() =>
        norm.forward(tf.tile(tf.mean<tf.Tensor2D>(y, 0, true), [N, 1])),
      );
      const m = teacherFidelity(meanPred, y, y, norm, zca);
      expect((await m.scalars.data())[1]).toBeCloseTo(1, 3);
      tf.dispose([target, perfect.scalars, perfect.perDim, meanPred, m.scalars, m.perDim]);
    });
    tf.dispose([y]);
    norm.dispose();
    zca.dispose();
  });

  it('accuracy and kNN accuracy count correct labels', async () => {
    const logits = tf.tensor2d([
      [2, 1],
      [0, 3],
      [5, 1],
      [1, 0],
    ]);
    const labels = tf.tensor1d([0, 1, 1, 0], 'int32');
    const acc = accuracyTensor(logits, labels);
    expect((await acc.data())[0]).toBeCloseTo(0.75, 6);
    const db = tf.tensor2d([
      [1, 0],
      [0.9, 0.1],
      [0, 1],
      [0.1, 0.9],
    ]);
    const dbLabels = tf.tensor1d([0, 0, 1, 1], 'int32');
    const q = tf.tensor2d([
      [1, 0.05],
      [0.05, 1],
    ]);
    const knn = knnAccuracy(db, dbLabels, q, tf.tensor1d([0, 1], 'int32'), 2, 1);
    expect((await knn.data())[0]).toBe(1);
    tf.dispose([logits, labels, acc, db, dbLabels, q, knn]);
  });
});
