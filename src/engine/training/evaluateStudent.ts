import * as tf from '@tensorflow/tfjs';
import { gatherInputs, gatherLabels } from '../../data/dataset';
import { histogram } from '../../math';
import { standardizeLogits } from '../../methods/logitLoss';
import type { Fn } from '../../models/layers';
import type { Network } from '../../models/network';
import type { LogitHistograms, PerTeacherEval } from '../events';
import type { TeacherCache } from '../teacherCache';
import { accuracyTensor, knnAccuracy, teacherFidelity } from './evaluation';
import type { TeacherSlot } from './teacherSlots';

const KNN_DB = 2000;
const HIST_BINS = 40;

export interface StudentEvaluation {
  readonly testAccuracy: number | null;
  readonly knnAccuracy: number | null;
  readonly perTeacher: PerTeacherEval[];
  /** Teacher and student logits before and after Z-score (runs with logit distillation). */
  readonly logits: LogitHistograms | null;
}

export interface EvaluationInputs {
  readonly cache: TeacherCache;
  readonly student: Network;
  readonly slots: readonly TeacherSlot[];
  readonly adaptors: readonly Fn<tf.Tensor2D, tf.Tensor2D>[];
  /** kNN database: the first training samples the student trains on. */
  readonly trainable: number;
  /** Does the student have a trained classifier head (labels, logit KD or DFL)? */
  readonly hasHead: boolean;
  /** Teacher logits on the eval split for the histograms (null: no logit distillation). */
  readonly teacherLogits: (() => tf.Tensor2D) | null;
}

/** Shared-range histograms of a logits matrix before and after per-row Z-score. */
function logitHistograms(
  teacher: Float32Array,
  teacherZ: Float32Array,
  student: Float32Array,
  studentZ: Float32Array,
): LogitHistograms {
  const range = (a: Float32Array, b: Float32Array): [number, number] => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of [...a, ...b])
      if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    return Number.isFinite(lo) ? [lo, hi] : [0, 1];
  };
  const h = (v: Float32Array, r: [number, number]): { edges: number[]; counts: number[] } => {
    const x = histogram(v, HIST_BINS, r);
    return { edges: Array.from(x.edges), counts: Array.from(x.counts) };
  };
  const raw = range(teacher, student);
  const z = range(teacherZ, studentZ);
  return {
    teacher: h(teacher, raw),
    student: h(student, raw),
    teacherZ: h(teacherZ, z),
    studentZ: h(studentZ, z),
  };
}

/** The student against the eval split: accuracy, kNN accuracy, per-teacher fidelity, logits. */
export async function evaluateStudent(e: EvaluationInputs): Promise<StudentEvaluation> {
  const { cache, student, slots } = e;
  const [h, w, c] = student.spec.inputShape;
  const n = cache.evalCount;
  const evalIdx = Int32Array.from({ length: n }, (_, i) => i);
  const dbCount = Math.min(KNN_DB, e.trainable);
  const dbIdx = Int32Array.from({ length: dbCount }, (_, i) => i);
  const result = tf.tidy(() => {
    const x = tf.tensor4d(gatherInputs(cache.dataset, cache.evalSplit, evalIdx), [n, h, w, c]);
    const labels = tf.tensor1d(gatherLabels(cache.evalSplit, evalIdx), 'int32');
    const o = student.forward(x);
    const db = student.forward(
      tf.tensor4d(gatherInputs(cache.dataset, cache.trainSplit, dbIdx), [dbCount, h, w, c]),
    ).features;
    const knn = knnAccuracy(
      db,
      tf.tensor1d(gatherLabels(cache.trainSplit, dbIdx), 'int32'),
      o.features,
      labels,
      student.spec.numClasses,
    );
    const acc = accuracyTensor(o.logits, labels);
    const perTeacher = slots.map((s, i) => {
      const adaptor = e.adaptors[i];
      if (!adaptor) throw new Error(`no adaptor head for teacher ${s.id}`);
      return teacherFidelity(
        adaptor(o.features),
        o.features,
        tf.mul<tf.Tensor2D>(s.cached.evalFeatures, s.scale),
        s.normalizer,
        s.zca,
      );
    });
    const t = e.teacherLogits?.() ?? null;
    const logits = t ? [t, standardizeLogits(t), o.logits, standardizeLogits(o.logits)] : [];
    return {
      head: tf.stack([acc, knn]),
      scalars: perTeacher.map((p) => p.scalars),
      perDim: perTeacher.map((p) => p.perDim),
      logits,
    };
  });
  const headV = await result.head.data();
  const scalars = await Promise.all(result.scalars.map((t) => t.data()));
  const perDim = await Promise.all(result.perDim.map((t) => t.data()));
  const logitValues = (await Promise.all(result.logits.map((t) => t.data()))) as Float32Array[];
  tf.dispose([result.head, ...result.scalars, ...result.perDim, ...result.logits]);
  const perTeacher: PerTeacherEval[] = slots.map((s, i) => {
    const v = scalars[i];
    return {
      id: s.id,
      errorNormalized: v?.[0] ?? Number.NaN,
      fvu: v?.[1] ?? Number.NaN,
      whitenedError: v?.[2] ?? Number.NaN,
      cka: v?.[3] ?? Number.NaN,
      cosineCentered: v?.[4] ?? Number.NaN,
      errorPerDim: Array.from(perDim[i] ?? []),
    };
  });
  const [tl, tz, sl, sz] = logitValues;
  return {
    testAccuracy: e.hasHead ? (headV[0] ?? null) : null,
    knnAccuracy: headV[1] ?? null,
    perTeacher,
    logits: tl && tz && sl && sz ? logitHistograms(tl, tz, sl, sz) : null,
  };
}
