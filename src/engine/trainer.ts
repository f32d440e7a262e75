import * as tf from '@tensorflow/tfjs';
import { gatherInputs, gatherLabels } from '../data/dataset';
import { momentsEmpty, momentsMerge, momentsOfBatch, permutation, rngCreate, type Moments, type Rng } from '../math';
import { avatarWeights, batchStandardize, makeAvatars } from '../methods/avatars';
import { dflResetDue, resetLayers } from '../methods/dfl';
import { featureLoss } from '../methods/featureLoss';
import { crossEntropy, kdLoss, ofaLoss } from '../methods/logitLoss';
import { fitNormalizer, type Normalizer } from '../methods/normalizer';
import type { Fn } from '../models/layers';
import type { ModelSpec } from '../models/modelSpec';
import { createNetwork, type Network } from '../models/network';
import { ParamStore } from '../models/params';
import { DflState } from './dflState';
import { accuracyTensor, knnAccuracy, teacherErrors } from './evaluation';
import type { EmitFn, PerTeacherEval, RunSummary, StepPoint } from './events';
import type { ExperimentConfig } from './experiment/schema';
import { adaptorHead, ofaBranch } from './heads';
import { scaleMoments, type CachedTeacher, type TeacherCache } from './teacherCache';

/** TAO-style streaming statistics: refit every 100 steps, freeze after 3,000 samples. */
const STREAM_REFIT_STEPS = 100;
const STREAM_FREEZE_SAMPLES = 3000;
const DFL_HOLDOUT = 500;
const KNN_DB = 2000;

interface TeacherSlot {
  readonly id: string;
  readonly cached: CachedTeacher;
  readonly scale: number;
  readonly weight: number;
  normalizer: Normalizer;
  readonly phiS: Normalizer;
  readonly adaptor: Fn<tf.Tensor2D, tf.Tensor2D>;
  streamMoments: Moments;
  /** Exact statistics: the normalized targets of the whole train cache, computed once. */
  normalizedTrain: tf.Tensor2D | null;
}

/** Everything needed to continue a run exactly: weights, optimizer state and the step reached. */
export interface Checkpoint {
  readonly step: number;
  /** Student and head parameters by logical name. */
  readonly variables: Record<string, { shape: number[]; data: Float32Array }>;
  /** Optimizer slots in order (tf.js optimizers restore by position). */
  readonly optimizer: { name: string; shape: number[]; data: Float32Array }[];
}

export interface Trainer {
  readonly runId: string;
  readonly config: ExperimentConfig;
  readonly termIds: readonly string[];
  readonly student: Network;
  /** Normalizers per teacher (for statistics views). */
  readonly slots: readonly { id: string; normalizer: Normalizer; scale: number; cached: CachedTeacher }[];
  /** Runs one optimization step; losses are read back in batches (see `flush`). */
  step(): Promise<void>;
  /** Reads back pending losses and emits them; returns false when the run diverged. */
  flush(): Promise<boolean>;
  evaluate(): Promise<void>;
  readonly stepsDone: () => number;
  readonly diverged: () => { step: number; term: string } | null;
  summary(wallSeconds: number): RunSummary;
  /** Snapshot for resuming (call after `flush`). */
  checkpoint(): Promise<Checkpoint>;
  /** Continues from a checkpoint: same weights, optimizer state and batch order. */
  restore(ckpt: Checkpoint): Promise<void>;
  dispose(): void;
}

function studentSpec(cfg: ExperimentConfig, cache: TeacherCache): ModelSpec {
  const [h, w, c] = cache.dataset.inputShape;
  const s = cfg.student;
  const tokenArch = s.arch === 'vit' || s.arch === 'mixer';
  const patch = s.patch ?? (h % 7 === 0 ? 7 : h % 4 === 0 ? 4 : 1);
  return {
    arch: s.arch,
    inputShape: [h, w, c],
    numClasses: cache.dataset.classNames.length,
    width: s.width,
    depth: s.depth,
    featureDim: tokenArch ? s.width : s.featureDim,
    ...(tokenArch ? { patch, heads: s.heads ?? (s.width % 4 === 0 ? 4 : 1) } : {}),
  };
}

export function createTrainer(runId: string, cfg: ExperimentConfig, cache: TeacherCache, emit: EmitFn): Trainer {
  if (cfg.logits.method !== 'none') {
    const withLogits = cfg.teachers.flatMap((t) => {
      const c = cache.teachers.get(t.id);
      return c?.trainLogits ? [{ id: t.id, cached: c }] : [];
    });
    const chosen = cfg.logits.teacher === 'mean' ? withLogits : withLogits.filter((s) => s.id === cfg.logits.teacher);
    if (chosen.length === 0) throw new Error(`logit distillation needs a teacher with class logits (${cfg.logits.teacher === 'mean' ? 'none of the teachers has them' : `${cfg.logits.teacher} has none`})`);
    for (const s of chosen) {
      if (s.cached.trainLogits?.shape[1] !== cache.dataset.classNames.length) throw new Error(`teacher ${s.id} predicts ${s.cached.trainLogits?.shape[1] ?? 0} classes, the dataset has ${cache.dataset.classNames.length}`);
    }
  }
  const seed = cfg.seed;
  const rng: Rng = rngCreate(seed + 17);
  const spec = studentSpec(cfg, cache);
  const student = createNetwork(spec, seed);
  const heads = new ParamStore(seed + 1);
  const disposables: { dispose: () => void }[] = [student, heads];
  const numClasses = spec.numClasses;

  const slots: TeacherSlot[] = cfg.teachers.map((t) => {
    const cached = cache.teachers.get(t.id);
    if (!cached) throw new Error(`teacher ${t.id} is not in the cache`);
    const scaled = scaleMoments(cached.moments, t.featureScale);
    const exact = cfg.feature.statistics === 'exact';
    const initial = exact ? scaled : scaleMoments(momentsOfBatch(cached.trainFeaturesHost.subarray(0, cfg.batchSize * cached.featureDim), cached.featureDim), t.featureScale);
    const normalizer = fitNormalizer(cfg.feature.normalizer, initial, { seed });
    const phiS = fitNormalizer('phi-s', scaled, { seed });
    disposables.push(normalizer, phiS);
    return {
      id: t.id,
      cached,
      scale: t.featureScale,
      weight: t.weight,
      normalizer,
      phiS,
      adaptor: adaptorHead(heads, t.id, spec.featureDim, cached.featureDim),
      streamMoments: momentsEmpty(cached.featureDim),
      // teachers and exact normalizers are fixed, so y′ = W(s·y − μ) is computed once per run
      normalizedTrain: exact ? tf.tidy(() => normalizer.forward(tf.mul<tf.Tensor2D>(cached.trainFeatures, t.featureScale))) : null,
    };
  });

  // OFA branches need the student's stage shapes: one dry forward pass
  const useOfa = cfg.logits.method === 'ofa' && cfg.logits.ofa.branches;
  const stageShapes: number[][] = tf.tidy(() => student.forward(tf.zeros<tf.Rank.R4>([1, ...spec.inputShape])).stages.map((s) => s.shape));
  const branches: Fn[] = useOfa ? stageShapes.slice(0, -1).map((shape, i) => ofaBranch(heads, `ofa/branch${i + 1}`, shape, numClasses)) : [];

  const termIds: string[] = [];
  if (cfg.feature.enabled) for (const s of slots) termIds.push(`feature:${s.id}`);
  if (cfg.feature.enabled && cfg.avatars.enabled) for (const s of slots) termIds.push(`avatar:${s.id}`);
  if (cfg.logits.method !== 'none') termIds.push(`logit:${cfg.logits.method}`);
  branches.forEach((_, i) => termIds.push(`ofa:branch${i + 1}`));
  if (cfg.labelWeight > 0) termIds.push('ce');
  if (cfg.dfl.enabled) termIds.push('dfl');
  const featureTermCount = cfg.feature.enabled ? slots.length : 0;
  const avatarAux = cfg.feature.enabled && cfg.avatars.enabled;

  const optimizer = cfg.optimizer.kind === 'adam' ? tf.train.adam(cfg.optimizer.learningRate) : tf.train.momentum(cfg.optimizer.learningRate, 0.9);
  disposables.push(optimizer);
  const trainVars = [...student.variables, ...heads.variables];

  const dfl = cfg.dfl.enabled ? new DflState(spec, cfg.dfl.poolSize, cfg.dfl.rule) : null;
  if (dfl) disposables.push(dfl);
  const holdout = dfl ? Math.min(DFL_HOLDOUT, Math.floor(cache.trainCount / 5)) : 0;
  const trainable = cache.trainCount - holdout;
  if (trainable < cfg.batchSize) throw new Error(`batch size ${cfg.batchSize} exceeds the ${trainable} training samples`);

  const teacherLogitSource = cfg.logits.teacher;
  const hasHead = cfg.labelWeight > 0 || cfg.logits.method !== 'none' || cfg.dfl.enabled;

  let order = permutation(trainable, rng);
  let cursor = 0;
  let step = 0;
  let divergedAt: { step: number; term: string } | null = null;
  const history: StepPoint[] = [];
  const pending: { step: number; terms: tf.Tensor1D; aux: tf.Tensor1D | null; time: number }[] = [];
  let lastFlushTime = performance.now();
  let lastFlushStep = 0;
  let lastEval: { testAccuracy: number | null; knnAccuracy: number | null; perTeacher: PerTeacherEval[] } | null = null;

  function nextBatch(): Int32Array {
    if (cursor + cfg.batchSize > trainable) {
      order = permutation(trainable, rng);
      cursor = 0;
    }
    const idx = order.subarray(cursor, cursor + cfg.batchSize);
    cursor += cfg.batchSize;
    return Int32Array.from(idx);
  }

  function refitStreaming(idx: Int32Array): void {
    for (const s of slots) {
      if (s.streamMoments.count >= STREAM_FREEZE_SAMPLES) continue;
      const c = s.cached.featureDim;
      const rows = new Float64Array(idx.length * c);
      idx.forEach((k, i) => {
        for (let j = 0; j < c; j++) rows[i * c + j] = (s.cached.trainFeaturesHost[k * c + j] ?? 0) * s.scale;
      });
      s.streamMoments = momentsMerge(s.streamMoments, momentsOfBatch(rows, c));
      if (step % STREAM_REFIT_STEPS === 0 && s.streamMoments.count >= 2) {
        const next = fitNormalizer(cfg.feature.normalizer, s.streamMoments, { seed });
        const old = s.normalizer;
        s.normalizer = next;
        const k = disposables.indexOf(old);
        if (k >= 0) disposables.splice(k, 1, next);
        old.dispose();
      }
    }
  }

  function teacherLogits(idxT: tf.Tensor1D): tf.Tensor2D {
    return tf.tidy(() => {
      if (teacherLogitSource === 'mean') {
        const all = slots.flatMap((s) => (s.cached.trainLogits ? [tf.gather(s.cached.trainLogits, idxT)] : []));
        return tf.div<tf.Tensor2D>(tf.addN(all), all.length);
      }
      const s = slots.find((t) => t.id === teacherLogitSource);
      if (!s?.cached.trainLogits) throw new Error(`teacher ${teacherLogitSource} has no class logits`);
      return tf.gather(s.cached.trainLogits, idxT);
    });
  }

  async function doStep(): Promise<void> {
    if (divergedAt) return;
    const idx = nextBatch();
    if (cfg.feature.statistics === 'streaming') refitStreaming(idx);
    const [h, w, c] = spec.inputShape;
    const xData = gatherInputs(cache.dataset, cache.trainSplit, idx);
    const yData = gatherLabels(cache.trainSplit, idx);
    const stepNow = step;
    const out = tf.tidy((): tf.Tensor1D[] => {
      const x = tf.tensor4d(xData, [idx.length, h, w, c]);
      const idxT = tf.tensor1d(idx, 'int32');
      const labels = tf.tensor1d(yData, 'int32');
      const targets = slots.map((s) => (s.normalizedTrain ? tf.gather(s.normalizedTrain, idxT) : s.normalizer.forward(tf.mul<tf.Tensor2D>(tf.gather(s.cached.trainFeatures, idxT), s.scale))));
      const tLogits = cfg.logits.method !== 'none' ? teacherLogits(idxT) : null;
      const dflTarget = dfl ? dfl.target(x) : null;
      const auxParts: tf.Tensor[] = [];
      const avatarSets = avatarAux
        ? targets.map((t) => {
            const avatars = makeAvatars(t, { count: cfg.avatars.variant === 'code' ? 1 : cfg.avatars.count, perturbation: cfg.avatars.perturbation, rate: cfg.avatars.rate, noiseStd: cfg.avatars.noiseStd, seed }, stepNow);
            const wts = avatarWeights(t, avatars);
            auxParts.push(tf.stack([wts.weight, wts.uncertainty]));
            return { avatars, weight: cfg.avatars.variant === 'code' ? tf.scalar(1) : wts.weight };
          })
        : [];
      const kept: { terms: tf.Tensor1D | null } = { terms: null };
      const total = optimizer.minimize(
        () => {
          const o = student.forward(x);
          const terms: tf.Scalar[] = [];
          if (cfg.feature.enabled) {
            slots.forEach((s, i) => {
              const target = targets[i];
              if (!target) return;
              terms.push(tf.mul<tf.Scalar>(featureLoss(cfg.feature.loss, s.adaptor(o.features), target, { beta: cfg.feature.beta }), s.weight));
            });
          }
          if (avatarAux) {
            slots.forEach((s, i) => {
              const set = avatarSets[i];
              if (!set) return;
              const pred = s.adaptor(o.features);
              const losses = set.avatars.map((a) =>
                cfg.avatars.variant === 'code' ? tf.mean(tf.squaredDifference(batchStandardize(pred), batchStandardize(a))) : featureLoss(cfg.feature.loss, pred, a, { beta: cfg.feature.beta }),
              );
              terms.push(tf.mul<tf.Scalar>(tf.mul(tf.mean(tf.stack(losses)), set.weight), s.weight));
            });
          }
          if (tLogits) {
            const lw = cfg.logits.weight;
            const T = cfg.logits.temperature;
            if (cfg.logits.method === 'ofa') {
              const opts = { eps: cfg.logits.ofa.eps, temperature: T, variant: cfg.logits.ofa.variant };
              terms.push(tf.mul<tf.Scalar>(ofaLoss(o.logits, tLogits, labels, opts), lw));
              branches.forEach((b, i) => {
                const stage = o.stages[i];
                if (stage) terms.push(tf.mul<tf.Scalar>(ofaLoss(b(stage) as tf.Tensor2D, tLogits, labels, opts), lw));
              });
            } else {
              terms.push(tf.mul<tf.Scalar>(kdLoss(o.logits, tLogits, { temperature: T, standardize: cfg.logits.method === 'ls-kd' }), lw));
            }
          }
          if (cfg.labelWeight > 0) terms.push(tf.mul<tf.Scalar>(crossEntropy(o.logits, labels), cfg.labelWeight));
          if (dfl) terms.push(dflTarget ? tf.mul<tf.Scalar>(kdLoss(o.logits, dflTarget, { temperature: cfg.dfl.temperature }), cfg.dfl.weight) : tf.scalar(0));
          const vec = tf.stack(terms) as tf.Tensor1D;
          kept.terms = tf.keep(vec);
          return tf.sum(vec);
        },
        true,
        trainVars,
      );
      total?.dispose();
      if (kept.terms === null) throw new Error('no loss terms');
      const result: tf.Tensor1D[] = [kept.terms];
      if (auxParts.length > 0) result.push(tf.concat(auxParts) as tf.Tensor1D);
      return result;
    });
    pending.push({ step: stepNow, terms: out[0] as tf.Tensor1D, aux: out[1] ?? null, time: performance.now() });
    step += 1;
    if (dfl) await dflHooks(stepNow);
    if (pending.length >= cfg.readbackEvery) await flush();
  }

  async function dflHooks(stepNow: number): Promise<void> {
    if (!dfl) return;
    if ((stepNow + 1) % cfg.dfl.snapshotEvery === 0) {
      const acc = await holdoutAccuracy();
      const r = dfl.offer(stepNow + 1, acc, student);
      emit({ type: 'dfl', runId, step: stepNow + 1, kind: 'snapshot', detail: r.accepted ? `kept (val ${(acc * 100).toFixed(1)} %)${r.evictedStep === null ? '' : `, dropped step ${r.evictedStep}`}` : `not kept (val ${(acc * 100).toFixed(1)} %)` });
    }
    if (dflResetDue(stepNow + 1, cfg.dfl.resetPeriod)) {
      const names = resetLayers(student.layers, cfg.dfl.resetDepth, seed + stepNow);
      emit({ type: 'dfl', runId, step: stepNow + 1, kind: 'reset', detail: `re-initialized ${names.join(', ') || 'nothing'}` });
    }
  }

  async function holdoutAccuracy(): Promise<number> {
    const idx = Int32Array.from({ length: holdout }, (_, i) => trainable + i);
    const [h, w, c] = spec.inputShape;
    const acc = tf.tidy(() => {
      const x = tf.tensor4d(gatherInputs(cache.dataset, cache.trainSplit, idx), [idx.length, h, w, c]);
      return accuracyTensor(student.forward(x).logits, tf.tensor1d(gatherLabels(cache.trainSplit, idx), 'int32'));
    });
    const v = (await acc.data())[0] ?? 0;
    acc.dispose();
    return v;
  }

  async function flush(): Promise<boolean> {
    if (pending.length === 0) return divergedAt === null;
    const batch = pending.splice(0, pending.length);
    const values = await Promise.all(batch.map((p) => p.terms.data()));
    const auxValues = await Promise.all(batch.map((p) => (p.aux ? p.aux.data() : Promise.resolve(null))));
    batch.forEach((p) => {
      p.terms.dispose();
      p.aux?.dispose();
    });
    const now = performance.now();
    const sps = ((step - lastFlushStep) * cfg.batchSize) / Math.max(1e-3, (now - lastFlushTime) / 1000);
    lastFlushTime = now;
    lastFlushStep = step;
    const points: StepPoint[] = [];
    for (let i = 0; i < batch.length; i++) {
      const terms = Array.from(values[i] ?? []);
      const bad = terms.findIndex((v) => !Number.isFinite(v));
      const p = batch[i];
      if (!p) continue;
      if (bad >= 0) {
        divergedAt = { step: p.step, term: termIds[bad] ?? `term ${bad}` };
        emit({ type: 'diverged', runId, step: p.step, term: divergedAt.term });
        break;
      }
      const point = { step: p.step, terms, total: terms.reduce((a, b) => a + b, 0), samplesPerSecond: sps };
      points.push(point);
      history.push(point);
      const aux = auxValues[i];
      if (aux && (p.step % 10 === 0 || i === batch.length - 1)) {
        slots.forEach((s, k) => {
          emit({ type: 'avatar', runId, step: p.step, teacher: s.id, weight: aux[2 * k] ?? Number.NaN, uncertainty: aux[2 * k + 1] ?? Number.NaN, distances: [] });
        });
      }
      if (branches.length > 0 && (p.step % 10 === 0 || i === batch.length - 1)) {
        const first = termIds.findIndex((t) => t.startsWith('ofa:'));
        emit({ type: 'ofa', runId, step: p.step, branchLosses: [...terms.slice(first, first + branches.length), terms[first - 1] ?? Number.NaN] });
      }
    }
    if (points.length > 0) emit({ type: 'steps', runId, points });
    return divergedAt === null;
  }

  async function evaluate(): Promise<void> {
    const [h, w, c] = spec.inputShape;
    const n = cache.evalCount;
    const evalIdx = Int32Array.from({ length: n }, (_, i) => i);
    const dbCount = Math.min(KNN_DB, trainable);
    const dbIdx = Int32Array.from({ length: dbCount }, (_, i) => i);
    const result = tf.tidy(() => {
      const x = tf.tensor4d(gatherInputs(cache.dataset, cache.evalSplit, evalIdx), [n, h, w, c]);
      const labels = tf.tensor1d(gatherLabels(cache.evalSplit, evalIdx), 'int32');
      const o = student.forward(x);
      const db = student.forward(tf.tensor4d(gatherInputs(cache.dataset, cache.trainSplit, dbIdx), [dbCount, h, w, c])).features;
      const knn = knnAccuracy(db, tf.tensor1d(gatherLabels(cache.trainSplit, dbIdx), 'int32'), o.features, labels, numClasses);
      const acc = accuracyTensor(o.logits, labels);
      const perTeacher = slots.map((s) => teacherErrors(s.adaptor(o.features), tf.mul<tf.Tensor2D>(s.cached.evalFeatures, s.scale), s.normalizer, s.phiS));
      return { head: tf.stack([acc, knn]), scalars: perTeacher.map((p) => p.scalars), perDim: perTeacher.map((p) => p.perDim) };
    });
    const headV = await result.head.data();
    const scalars = await Promise.all(result.scalars.map((t) => t.data()));
    const perDim = await Promise.all(result.perDim.map((t) => t.data()));
    tf.dispose([result.head, ...result.scalars, ...result.perDim]);
    const perTeacher: PerTeacherEval[] = slots.map((s, i) => ({
      id: s.id,
      errorNormalized: scalars[i]?.[0] ?? Number.NaN,
      errorTeacherSpace: scalars[i]?.[1] ?? Number.NaN,
      errorPhiS: scalars[i]?.[2] ?? Number.NaN,
      cosine: scalars[i]?.[3] ?? Number.NaN,
      errorPerDim: Array.from(perDim[i] ?? []),
    }));
    lastEval = { testAccuracy: hasHead ? (headV[0] ?? null) : null, knnAccuracy: headV[1] ?? null, perTeacher };
    emit({ type: 'eval', runId, step, ...lastEval });
  }

  function summary(wallSeconds: number): RunSummary {
    const shares = (p: StepPoint): number[] => {
      const f = p.terms.slice(0, featureTermCount);
      const s = f.reduce((a, b) => a + b, 0);
      return f.map((v) => (s > 0 ? v / s : 0));
    };
    const tail = history.slice(-100);
    const mean = (rows: number[][], k: number): number => rows.reduce((a, r) => a + (r[k] ?? 0), 0) / Math.max(1, rows.length);
    const tailShares = tail.map(shares);
    const first = history[0] ? shares(history[0]) : [];
    const perTeacher = slots.map((s, k) => {
      const e = lastEval?.perTeacher.find((p) => p.id === s.id);
      return {
        id: s.id,
        lossShare: featureTermCount > 0 ? mean(tailShares, k) : Number.NaN,
        initialShare: first[k] ?? Number.NaN,
        errorNormalized: e?.errorNormalized ?? Number.NaN,
        errorTeacherSpace: e?.errorTeacherSpace ?? Number.NaN,
        errorPhiS: e?.errorPhiS ?? Number.NaN,
        cosine: e?.cosine ?? Number.NaN,
      };
    });
    const ls = perTeacher.map((p) => p.lossShare).filter((v) => Number.isFinite(v));
    const sps = history.length > 0 ? (history.length * cfg.batchSize) / Math.max(1e-3, wallSeconds) : 0;
    return {
      steps: step,
      perTeacher,
      balanceIndex: ls.length > 0 && Math.min(...ls) > 0 ? Math.max(...ls) / Math.min(...ls) : Number.POSITIVE_INFINITY,
      testAccuracy: lastEval?.testAccuracy ?? null,
      knnAccuracy: lastEval?.knnAccuracy ?? null,
      samplesPerSecond: sps,
      wallSeconds,
      finalLoss: history.at(-1)?.total ?? Number.NaN,
      diverged: divergedAt,
    };
  }

  const named = (): { name: string; variable: tf.Variable }[] => [
    ...student.params.entries.map((e) => ({ name: `student/${e.name}`, variable: e.variable })),
    ...heads.entries.map((e) => ({ name: `heads/${e.name}`, variable: e.variable })),
  ];

  async function checkpoint(): Promise<Checkpoint> {
    const variables: Checkpoint['variables'] = {};
    for (const { name, variable } of named()) variables[name] = { shape: [...variable.shape], data: (await variable.data()) as Float32Array };
    const slots = await optimizer.getWeights();
    const opt: Checkpoint['optimizer'] = [];
    for (const w of slots) opt.push({ name: w.name, shape: [...w.tensor.shape], data: (await w.tensor.data()) as Float32Array });
    // getWeights hands out the optimizer's own slot variables (keep them) plus a fresh iterations scalar
    tf.dispose(slots.map((w) => w.tensor).filter((t) => !(t instanceof tf.Variable)));
    return { step, variables, optimizer: opt };
  }

  async function restore(ckpt: Checkpoint): Promise<void> {
    if (!Number.isInteger(ckpt.step) || ckpt.step < 0 || ckpt.step > cfg.steps) throw new Error(`checkpoint step ${ckpt.step} is outside this run`);
    for (const { name, variable } of named()) {
      const v = ckpt.variables[name];
      if (!v) throw new Error(`checkpoint lacks ${name}`);
      if (v.shape.join('x') !== variable.shape.join('x')) throw new Error(`checkpoint ${name} has shape [${v.shape.join(', ')}], expected [${variable.shape.join(', ')}]`);
      tf.tidy(() => {
        variable.assign(tf.tensor(v.data, v.shape));
      });
    }
    const slotValues = ckpt.optimizer.map((w) => ({ name: w.name, tensor: tf.tensor(w.data, w.shape) }));
    await optimizer.setWeights(slotValues);
    tf.dispose(slotValues.map((w) => w.tensor)); // the optimizer copies them into its own variables
    // replay the seeded batch order up to the checkpoint
    for (let k = 0; k < ckpt.step; k++) nextBatch();
    step = ckpt.step;
    lastFlushStep = step;
    lastFlushTime = performance.now();
  }

  return {
    runId,
    config: cfg,
    termIds,
    checkpoint,
    restore,
    student,
    get slots() {
      return slots.map((s) => ({ id: s.id, normalizer: s.normalizer, scale: s.scale, cached: s.cached }));
    },
    step: doStep,
    flush,
    evaluate,
    stepsDone: () => step,
    diverged: () => divergedAt,
    summary,
    dispose: () => {
      tf.dispose(pending.flatMap((p) => (p.aux ? [p.terms, p.aux] : [p.terms])));
      pending.length = 0;
      for (const d of disposables) d.dispose();
      for (const s of slots) s.normalizedTrain?.dispose();
    },
  };
}
