import * as tf from '@tensorflow/tfjs';
import { rngCreate } from '../math';
import { createNetwork, type Network } from '../models/network';
import { ParamStore } from '../models/params';
import { DflState } from './dflState';
import type { EmitFn, RunSummary } from './events';
import type { ExperimentConfig } from './experiment/schema';
import { fusedHeads } from './fusedHeads';
import type { LossTerm } from './lossTerms';
import type { TeacherCache } from './teacherCache';
import type { LiveKnobs } from './liveKnobs';
import { applyRunKnobs } from './training/applyKnobs';
import { BatchOrder } from './training/batching';
import {
  exportWeights,
  restoreMatchingWeights,
  restoreWeights,
  type Checkpoint,
  type NamedVariable,
} from './training/checkpoint';
import { checkLogitTeachers } from './training/checks';
import { lossTermList } from './training/objective';
import { ofaBranches } from './training/ofaBranches';
import { LossReadback } from './training/readback';
import type { RunContext } from './training/runContext';
import { runEvaluate, runReadback, runStep, runSummaryOf } from './training/runLoop';
import { studentSpec } from './training/studentSpec';
import {
  createTeacherSlots,
  disposeSlots,
  fusedTrainTargets,
  refitSlot,
  type TeacherSlot,
} from './training/teacherSlots';

export type { Checkpoint } from './training/checkpoint';

const DFL_HOLDOUT = 500;

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
  /**
   * Continues from a checkpoint: same weights, optimizer state, statistics and batch order. With
   * `fork`, the checkpoint is another setup's: matching weights are taken, the rest start fresh.
   */
  restore(ckpt: Checkpoint, fork?: boolean): Promise<void>;
  dispose(): void;
}

/**
 * Builds a run's state: the student, one adaptor head per teacher (zero-initialized), OFA branches,
 * the optimizer (over exactly the student and its heads), DFL bookkeeping, the seeded batch order.
 */
function buildRun(
  runId: string,
  cfg: ExperimentConfig,
  cache: TeacherCache,
  emit: EmitFn,
  teacherName: (id: string) => string,
): RunContext {
  checkLogitTeachers(cfg, cache);
  const spec = studentSpec(cfg, cache.dataset.inputShape, cache.dataset.classNames.length);
  const student = createNetwork(spec, cfg.seed);
  const heads = new ParamStore(cfg.seed + 1);
  const slots = createTeacherSlots(cfg, cache);
  const fused = fusedHeads(
    heads,
    slots.map((s) => ({ id: s.id, dim: s.cached.featureDim })),
    spec.featureDim,
  );
  const stageShapes: number[][] = tf.tidy(() =>
    student.forward(tf.zeros<tf.Rank.R4>([1, ...spec.inputShape])).stages.map((s) => s.shape),
  );
  const branches =
    cfg.logits.method === 'ofa' && cfg.logits.ofa.branches
      ? ofaBranches(heads, spec, stageShapes, cfg.logits.ofa.branchKind)
      : [];
  const optimizer =
    cfg.optimizer.kind === 'adam'
      ? tf.train.adam(cfg.optimizer.learningRate)
      : tf.train.momentum(cfg.optimizer.learningRate, 0.9);
  const dfl = cfg.dfl.enabled ? new DflState(spec, cfg.dfl.poolSize, cfg.dfl.rule) : null;
  const holdout = dfl ? Math.min(DFL_HOLDOUT, Math.floor(cache.trainCount / 5)) : 0;
  const trainable = cache.trainCount - holdout;
  return {
    runId,
    cfg,
    emit,
    cache,
    student,
    heads,
    slots,
    adaptors: fused.adaptors,
    branches,
    parts: { cfg, slots, heads: fused, trainTargets: fusedTrainTargets(cfg, slots), branches },
    terms: lossTermList(cfg, branches.length, teacherName),
    optimizer,
    trainVars: [...student.variables, ...heads.variables],
    dfl,
    holdout,
    trainable,
    batches: new BatchOrder(trainable, cfg.batchSize, rngCreate(cfg.seed + 17)),
    readbackQueue: new LossReadback(),
    hasHead: cfg.labelWeight > 0 || cfg.logits.method !== 'none' || cfg.dfl.enabled,
    progress: {
      step: 0,
      diverged: null,
      lastEval: null,
      lastReadMs: performance.now(),
      lastReadStep: 0,
      history: [],
      refitSteps: [],
      avatarSums: slots.map(() => ({ weight: 0, spread: 0, n: 0 })),
    },
  };
}

/** Checkpoint names: the student's, then the heads' — the fused adaptor heads as per-teacher views. */
const namedVariables = (run: RunContext): NamedVariable[] => [
  ...run.student.params.entries.map((e) => ({ name: `student/${e.name}`, variable: e.variable })),
  ...run.heads.entries.flatMap((e): NamedVariable[] => {
    const h = run.parts.heads;
    if (e.variable === h.bias) return [];
    if (e.variable === h.kernel)
      return h.views.map((v) => ({
        name: `heads/${v.name}`,
        variable: v.variable,
        columns: v.columns,
      }));
    return [{ name: `heads/${e.name}`, variable: e.variable }];
  }),
];

async function checkpointOf(run: RunContext): Promise<Checkpoint> {
  const streaming = run.slots.flatMap((s) =>
    s.stream
      ? [
          {
            teacher: s.id,
            scale: s.scale,
            running: s.stream.running,
            fitted: s.stream.fitted,
            batches: s.stream.batches,
          },
        ]
      : [],
  );
  return {
    step: run.progress.step,
    ...(await exportWeights(namedVariables(run), run.optimizer)),
    ...(streaming.length > 0 ? { streaming } : {}),
  };
}

/** `fork`: the checkpoint is another run's (a new setting from its weights): see `restoreMatchingWeights`. */
async function restoreRun(run: RunContext, ckpt: Checkpoint, fork: boolean): Promise<void> {
  if (!Number.isInteger(ckpt.step) || ckpt.step < 0 || ckpt.step > run.cfg.steps)
    throw new Error(
      `checkpoint step ${ckpt.step} is outside this run (${run.cfg.steps} steps)${fork ? ': raise the steps to fork here' : ''}`,
    );
  if (fork) await restoreMatchingWeights(ckpt, namedVariables(run), run.optimizer);
  else await restoreWeights(ckpt, namedVariables(run), run.optimizer);
  for (const saved of ckpt.streaming ?? []) {
    const s = run.slots.find((t) => t.id === saved.teacher);
    if (!s?.stream) continue;
    // a fork at another feature scale gathers its statistics afresh
    if (fork && saved.scale !== s.scale) continue;
    s.stream = { running: saved.running, fitted: saved.fitted, batches: saved.batches };
    if (saved.fitted) refitSlot(s, run.cfg.feature.normalizer, saved.fitted, run.cfg.seed);
  }
  run.batches.replay(ckpt.step);
  Object.assign(run.progress, {
    step: ckpt.step,
    lastReadStep: ckpt.step,
    lastReadMs: performance.now(),
  });
}

/** A run of one experiment on a teacher cache: `step()` trains (see `training/runLoop.ts`), `evaluate()` measures. */
export function createTrainer(
  runId: string,
  cfg: ExperimentConfig,
  cache: TeacherCache,
  emit: EmitFn,
  teacherName: (id: string) => string = (id) => id,
): Trainer {
  const run = buildRun(runId, cfg, cache, emit, teacherName);
  return {
    runId,
    config: cfg,
    terms: run.terms,
    student: run.student,
    slots: run.slots,
    step: () => runStep(run),
    readback: () => runReadback(run),
    evaluate: () => runEvaluate(run),
    stepsDone: () => run.progress.step,
    diverged: () => run.progress.diverged,
    summary: (wallSeconds) => runSummaryOf(run, wallSeconds),
    checkpoint: () => checkpointOf(run),
    restore: (ckpt, fork = false) => restoreRun(run, ckpt, fork),
    applyKnobs: (knobs) => {
      applyRunKnobs(run, knobs);
    },
    dispose: () => {
      run.readbackQueue.dispose();
      run.student.dispose();
      run.heads.dispose();
      run.optimizer.dispose();
      run.dfl?.dispose();
      run.parts.trainTargets?.dispose();
      disposeSlots(run.slots);
    },
  };
}
