import type * as tf from '@tensorflow/tfjs';
import type { Fn } from '../../models/layers';
import type { Network } from '../../models/network';
import type { ParamStore } from '../../models/params';
import type { DflState } from '../dflState';
import type { EmitFn, PerTeacherEval, StepPoint } from '../events';
import type { ExperimentConfig } from '../experiment/schema';
import type { LossTerm } from '../lossTerms';
import type { TeacherCache } from '../teacherCache';
import type { BatchOrder } from './batching';
import type { LossReadback } from './readback';
import type { TeacherSlot } from './teacherSlots';
import type { StepContext } from './trainStep';

/** What changes as a run trains, in one place. */
export interface RunProgress {
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
  /** Per teacher: Σ mean λ, Σ spread and how many readings, for the run's mean. */
  readonly avatarSums: { weight: number; spread: number; n: number }[];
}

/** Everything a run is built from (fixed) plus its progress (mutable): the explicit state of `runLoop.ts`. */
export interface RunContext extends StepContext {
  readonly runId: string;
  readonly cfg: ExperimentConfig;
  readonly emit: EmitFn;
  readonly heads: ParamStore;
  readonly slots: readonly TeacherSlot[];
  readonly adaptors: readonly Fn<tf.Tensor2D, tf.Tensor2D>[];
  readonly branches: readonly Fn[];
  readonly terms: readonly LossTerm[];
  readonly batches: BatchOrder;
  readonly readbackQueue: LossReadback;
  /** Training samples the student sees (the rest is DFL's holdout). */
  readonly trainable: number;
  readonly holdout: number;
  readonly hasHead: boolean;
  readonly cache: TeacherCache;
  readonly student: Network;
  readonly dfl: DflState | null;
  readonly progress: RunProgress;
}
