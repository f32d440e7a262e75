import * as tf from '@tensorflow/tfjs';
import { gatherInputs, gatherLabels } from '../data/dataset';
import { rngCreate } from '../math';
import { dflResetDue, resetLayers } from '../methods/dfl';
import { createNetwork, type Network } from '../models/network';
import { ParamStore } from '../models/params';
import { DflState } from './dflState';
import type { AvatarSummary, EmitFn, PerTeacherEval, RunSummary, StepPoint } from './events';
import type { ExperimentConfig } from './experiment/schema';
import { adaptorHead } from './heads';
import { featureShares, type LossTerm } from './lossTerms';
import type { TeacherCache } from './teacherCache';
import { configWithKnobs, type LiveKnobs } from './liveKnobs';
import { BatchOrder } from './training/batching';
import {
  clearOptimizerState,
  exportWeights,
  restoreWeights,
  type Checkpoint,
  type NamedVariable,
} from './training/checkpoint';
import { checkLogitTeachers } from './training/checks';
import { evaluateStudent } from './training/evaluateStudent';
import { accuracyTensor } from './training/evaluation';
import { lossTermList, type ObjectiveParts } from './training/objective';
import { ofaBranches } from './training/ofaBranches';
import { firstNonFinite, LossReadback } from './training/readback';
import { studentSpec } from './training/studentSpec';
import { runSummary } from './training/summary';
import {
  createTeacherSlots,
  disposeSlots,
  observeStreaming,
  refitSlot,
  type TeacherSlot,
} from './training/teacherSlots';
import { trainStep, type StepContext } from './training/trainStep';

export type { Checkpoint } from './training/checkpoint';

const DFL_HOLDOUT = 500;
/** Method charts (avatars, OFA branches) get a point every 10 steps. */
const METHOD_CHART_EVERY = 10;

export interface Trainer {
  readonly runId: string;
  readonly config: ExperimentConfig;
  readonly terms: readonly LossTerm[];
  readonly student: Network;
  /** Per-teacher slots (normalizers for the statistics views). */
  readonly slots: readonly TeacherSlot[];
  /** Runs one optimization step; losses are read back in batches (see `readback`). */
  step(): Promise<void>;
  /** Reads back the queued losses and emits them; false when the run diverged. */
  readback(): Promise<boolean>;
  evaluate(): Promise<void>;
  readonly stepsDone: () => number;
  readonly diverged: () => { step: number; term: string } | null;
  summary(wallSeconds: number): RunSummary;
  /** Live knobs (weights, logit scales, avatar rate, label weight, learning rate) from the next step on. */
  applyKnobs(knobs: LiveKnobs): void;
  /** Snapshot for resuming (call after `readback`). */
  checkpoint(): Promise<Checkpoint>;
  /** Continues from a checkpoint: same weights, optimizer state, statistics and batch order. */
  restore(ckpt: Checkpoint): Promise<void>;
  dispose(): void;
}

/** Mutable state of a run, in one place. */
interface RunState {
  step: number;
  diverged: { step: number; term: string } | null;
  lastEval: {
    testAccuracy: number | null;
    knnAccuracy: number | null;
    perTeacher: PerTeacherEval[];
  } | null;
  lastReadMs: number;
  lastReadStep: number;
  readonly history: StepPoint[];
  readonly refitSteps: number[];
  /** Σ λ-mean and Σ λ-spread per teacher, and the count, for the run's mean. */
  readonly avatarSums: { weight: number; spread: number; n: number }[];
}

/**
 * Builds a run: the student, one adaptor head per teacher, OFA branches, the optimizer, DFL
 * bookkeeping; then `step()` trains (see `training/trainStep.ts`) and `evaluate()` measures.
 */
export function createTrainer(
  runId: string,
  cfg: ExperimentConfig,
  cache: TeacherCache,
  emit: EmitFn,
  teacherName: (id: string) => string = (id) => id,
): Trainer {
  checkLogitTeachers(cfg, cache);
  const seed = cfg.seed;
  const spec = studentSpec(cfg, cache.dataset.inputShape, cache.dataset.classNames.length);
  const student = createNetwork(spec, seed);
  const heads = new ParamStore(seed + 1);
  const slots = createTeacherSlots(cfg, cache);
  const adaptors = slots.map((s) => adaptorHead(heads, s.id, spec.featureDim, s.cached.featureDim));
  const stageShapes: number[][] = tf.tidy(() =>
    student.forward(tf.zeros<tf.Rank.R4>([1, ...spec.inputShape])).stages.map((s) => s.shape),
  );
  const branches =
    cfg.logits.method === 'ofa' && cfg.logits.ofa.branches
      ? ofaBranches(heads, spec, stageShapes, cfg.logits.ofa.branchKind)
      : [];
  const parts: ObjectiveParts = { cfg, slots, adaptors, branches };
  const terms = lossTermList(cfg, branches.length, teacherName);
  const optimizer =
    cfg.optimizer.kind === 'adam'
      ? tf.train.adam(cfg.optimizer.learningRate)
      : tf.train.momentum(cfg.optimizer.learningRate, 0.9);
  const trainVars = [...student.variables, ...heads.variables];
  const dfl = cfg.dfl.enabled ? new DflState(spec, cfg.dfl.poolSize, cfg.dfl.rule) : null;
  const holdout = dfl ? Math.min(DFL_HOLDOUT, Math.floor(cache.trainCount / 5)) : 0;
  const trainable = cache.trainCount - holdout;
  const batches = new BatchOrder(trainable, cfg.batchSize, rngCreate(seed + 17));
  let ctx: StepContext = { parts, student, optimizer, trainVars, cache, dfl };
  const readbackQueue = new LossReadback();
  const hasHead = cfg.labelWeight > 0 || cfg.logits.method !== 'none' || cfg.dfl.enabled;
  const state: RunState = {
    step: 0,
    diverged: null,
    lastEval: null,
    lastReadMs: performance.now(),
    lastReadStep: 0,
    history: [],
    refitSteps: [],
    avatarSums: slots.map(() => ({ weight: 0, spread: 0, n: 0 })),
  };
  const ofaFirst = terms.findIndex((t) => t.kind === 'logit' && t.method === 'ofa');
  const statsPerTeacher = 3 + (cfg.avatars.variant === 'code' ? 1 : cfg.avatars.count);

  async function step(): Promise<void> {
    if (state.diverged) return;
    const idx = batches.next();
    const refitted = observeStreaming(slots, cfg, idx);
    if (refitted.length > 0) {
      state.refitSteps.push(state.step);
      emit({ type: 'refit', runId, step: state.step, teachers: refitted });
    }
    readbackQueue.push(trainStep(ctx, idx, state.step));
    state.step += 1;
    if (dfl) await dflHooks(state.step);
    if (readbackQueue.size >= cfg.readbackEvery) await readback();
  }

  /** DFL after step `done`: offer a snapshot every `snapshotEvery` steps, reset every R steps. */
  async function dflHooks(done: number): Promise<void> {
    if (!dfl) return;
    if (done % cfg.dfl.snapshotEvery === 0) {
      const acc = await holdoutAccuracy();
      const r = dfl.offer(done, acc, student);
      const val = `val ${(acc * 100).toFixed(1)} %`;
      emit({
        type: 'dfl',
        runId,
        step: done,
        kind: 'snapshot',
        detail: r.accepted
          ? `kept (${val})${r.evictedStep === null ? '' : `, dropped step ${r.evictedStep}`}`
          : `not kept (${val})`,
      });
    }
    if (dflResetDue(done, cfg.dfl.resetPeriod)) {
      const reset = resetLayers(student.layers, cfg.dfl.resetDepth, seed + done - 1);
      const cleared = await clearOptimizerState(optimizer, trainVars, reset.variables);
      emit({
        type: 'dfl',
        runId,
        step: done,
        kind: 'reset',
        detail: `re-initialized ${reset.names.join(', ') || 'nothing'}${cleared > 0 ? ' (optimizer state cleared)' : ''}`,
      });
    }
  }

  async function holdoutAccuracy(): Promise<number> {
    const idx = Int32Array.from({ length: holdout }, (_, i) => trainable + i);
    const [h, w, c] = spec.inputShape;
    const acc = tf.tidy(() => {
      const x = tf.tensor4d(gatherInputs(cache.dataset, cache.trainSplit, idx), [
        idx.length,
        h,
        w,
        c,
      ]);
      return accuracyTensor(
        student.forward(x).logits,
        tf.tensor1d(gatherLabels(cache.trainSplit, idx), 'int32'),
      );
    });
    const v = (await acc.data())[0] ?? 0;
    acc.dispose();
    return v;
  }

  function emitMethodCharts(
    p: { step: number; terms: number[]; aux: Float32Array | null },
    last: boolean,
  ): void {
    if (p.step % METHOD_CHART_EVERY !== 0 && !last) return;
    const aux = p.aux;
    if (aux) {
      slots.forEach((s, k) => {
        const o = k * statsPerTeacher;
        const sums = state.avatarSums[k];
        const meanWeight = aux[o] ?? Number.NaN;
        const spread = aux[o + 1] ?? Number.NaN;
        if (sums)
          Object.assign(sums, {
            weight: sums.weight + meanWeight,
            spread: sums.spread + spread,
            n: sums.n + 1,
          });
        emit({
          type: 'avatar',
          runId,
          step: p.step,
          teacher: s.id,
          meanWeight,
          spread,
          uncertainty: aux[o + 2] ?? Number.NaN,
          distances: Array.from(aux.subarray(o + 3, o + statsPerTeacher)),
        });
      });
    }
    if (branches.length > 0 && ofaFirst >= 0)
      emit({
        type: 'ofa',
        runId,
        step: p.step,
        branchLosses: [
          ...p.terms.slice(ofaFirst + 1, ofaFirst + 1 + branches.length),
          p.terms[ofaFirst] ?? Number.NaN,
        ],
      });
  }

  async function readback(): Promise<boolean> {
    if (readbackQueue.size === 0) return state.diverged === null;
    const read = await readbackQueue.drain();
    const now = performance.now();
    const sps =
      ((state.step - state.lastReadStep) * cfg.batchSize) /
      Math.max(1e-3, (now - state.lastReadMs) / 1000);
    state.lastReadMs = now;
    state.lastReadStep = state.step;
    const points: StepPoint[] = [];
    for (const [i, p] of read.entries()) {
      const bad = firstNonFinite(p.terms);
      if (bad >= 0) {
        state.diverged = { step: p.step, term: terms[bad]?.label ?? `term ${bad}` };
        emit({ type: 'diverged', runId, ...state.diverged });
        break;
      }
      const point: StepPoint = {
        step: p.step,
        terms: p.terms,
        total: p.terms.reduce((a, b) => a + b, 0),
        shares: featureShares(terms, p.terms),
        samplesPerSecond: sps,
      };
      points.push(point);
      state.history.push(point);
      emitMethodCharts(p, i === read.length - 1);
    }
    if (points.length > 0) emit({ type: 'steps', runId, points });
    return state.diverged === null;
  }

  async function evaluate(): Promise<void> {
    const logitSource =
      cfg.logits.method !== 'none'
        ? slots.filter(
            (s) =>
              s.cached.evalLogits && (cfg.logits.teacher === 'mean' || s.id === cfg.logits.teacher),
          )
        : [];
    const teacherLogits =
      logitSource.length > 0
        ? (): tf.Tensor2D =>
            tf.div<tf.Tensor2D>(
              tf.addN(
                logitSource.map((s) =>
                  tf.mul<tf.Tensor2D>(s.cached.evalLogits ?? tf.zeros([1, 1]), s.logitScale),
                ),
              ),
              logitSource.length,
            )
        : null;
    const r = await evaluateStudent({
      cache,
      student,
      slots,
      adaptors,
      trainable,
      hasHead,
      teacherLogits,
    });
    state.lastEval = {
      testAccuracy: r.testAccuracy,
      knnAccuracy: r.knnAccuracy,
      perTeacher: r.perTeacher,
    };
    emit({ type: 'eval', runId, step: state.step, ...r });
  }

  function summary(wallSeconds: number): RunSummary {
    const avatars: AvatarSummary[] =
      cfg.avatars.enabled && cfg.feature.enabled
        ? slots.map((s, k) => ({
            teacher: s.id,
            meanWeight: (state.avatarSums[k]?.weight ?? Number.NaN) / (state.avatarSums[k]?.n ?? 0),
            spread: (state.avatarSums[k]?.spread ?? Number.NaN) / (state.avatarSums[k]?.n ?? 0),
          }))
        : [];
    return runSummary({
      teacherIds: slots.map((s) => s.id),
      history: state.history,
      lastEval: state.lastEval,
      avatars,
      refitSteps: state.refitSteps,
      steps: state.step,
      batchSize: cfg.batchSize,
      wallSeconds,
      diverged: state.diverged,
    });
  }

  const named = (): NamedVariable[] => [
    ...student.params.entries.map((e) => ({ name: `student/${e.name}`, variable: e.variable })),
    ...heads.entries.map((e) => ({ name: `heads/${e.name}`, variable: e.variable })),
  ];

  async function checkpoint(): Promise<Checkpoint> {
    const streaming = slots.flatMap((s) =>
      s.stream
        ? [
            {
              teacher: s.id,
              running: s.stream.running,
              fitted: s.stream.fitted,
              batches: s.stream.batches,
            },
          ]
        : [],
    );
    return {
      step: state.step,
      ...(await exportWeights(named(), optimizer)),
      ...(streaming.length > 0 ? { streaming } : {}),
    };
  }

  async function restore(ckpt: Checkpoint): Promise<void> {
    if (!Number.isInteger(ckpt.step) || ckpt.step < 0 || ckpt.step > cfg.steps)
      throw new Error(`checkpoint step ${ckpt.step} is outside this run`);
    await restoreWeights(ckpt, named(), optimizer);
    for (const saved of ckpt.streaming ?? []) {
      const s = slots.find((t) => t.id === saved.teacher);
      if (!s?.stream) continue;
      s.stream = { running: saved.running, fitted: saved.fitted, batches: saved.batches };
      if (saved.fitted) refitSlot(s, cfg.feature.normalizer, saved.fitted, seed);
    }
    batches.replay(ckpt.step);
    state.step = ckpt.step;
    state.lastReadStep = ckpt.step;
    state.lastReadMs = performance.now();
  }

  return {
    runId,
    config: cfg,
    terms,
    student,
    slots,
    step,
    readback,
    evaluate,
    stepsDone: () => state.step,
    diverged: () => state.diverged,
    summary,
    checkpoint,
    restore,
    applyKnobs: (knobs) => {
      const next = configWithKnobs(ctx.parts.cfg, knobs);
      for (const slot of slots) {
        const t = next.teachers.find((x) => x.id === slot.id);
        if (t) {
          slot.weight = t.weight;
          slot.logitScale = t.logitScale;
        }
      }
      ctx = { ...ctx, parts: { ...ctx.parts, cfg: next } };
      // SGD/momentum keep the rate in a scalar (setLearningRate); Adam reads its field at every update
      const lr = next.optimizer.learningRate;
      const o = optimizer as unknown as {
        learningRate: number;
        setLearningRate?: (v: number) => void;
      };
      if (typeof o.setLearningRate === 'function') o.setLearningRate(lr);
      else o.learningRate = lr;
    },
    dispose: () => {
      readbackQueue.dispose();
      student.dispose();
      heads.dispose();
      optimizer.dispose();
      dfl?.dispose();
      disposeSlots(slots);
    },
  };
}
