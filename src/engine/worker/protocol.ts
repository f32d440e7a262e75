import type { BackendChoice, BackendInfo } from '../backend/backendKinds';
import type { RunEvent, StepPoint } from '../events';
import type { LiveKnobs } from '../liveKnobs';
import type { ExperimentConfig } from '../experiment/schema';

/** One file of an uploaded tf.js model (model.json or a weight shard). */
export interface TeacherFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/**
 * The worker protocol: one typed union per direction (DESIGN §5). Step metrics travel as packed
 * Float64Arrays (transferred, not copied), flushed at most 10 times a second; other events are
 * small plain objects.
 */
export type ToWorker =
  | { readonly type: 'init'; readonly backend: BackendChoice; readonly baseUrl: string }
  /** Starts a job: one experiment, or several in lockstep (compare). */
  | {
      readonly type: 'start';
      readonly jobId: string;
      readonly runIds: readonly string[];
      /** One experiment per run (the worker parses them again: they cross a thread boundary). */
      readonly configs: readonly ExperimentConfig[];
      /** Continue these runs from their saved checkpoints (after a reload or a crash). */
      readonly resume?: boolean;
      /** Per run: resume from a checkpoint at or before this step (the first step its saved record lacks). */
      readonly resumeBefore?: Readonly<Record<string, number>>;
      /** Fork: run i starts from the checkpoint of run `forkFrom[i]` (saved when it stopped) with its new setup. */
      readonly forkFrom?: readonly string[];
    }
  | { readonly type: 'pause'; readonly jobId: string }
  | { readonly type: 'resume'; readonly jobId: string }
  /** Runs n more lockstep rounds, then pauses. */
  | { readonly type: 'step'; readonly jobId: string; readonly steps: number }
  | { readonly type: 'stop'; readonly jobId: string }
  /** Live knobs for the running job's runs (all of them when runId is null), applied at the next step. */
  | {
      readonly type: 'knobs';
      readonly jobId: string;
      readonly runId: string | null;
      readonly knobs: LiveKnobs;
    }
  /** Loads an uploaded tf.js model as a teacher usable by id in experiments. */
  | {
      readonly type: 'registerTeacher';
      readonly id: string;
      readonly name: string;
      readonly files: readonly TeacherFile[];
      readonly featureOutput: string;
      readonly inputShape: readonly [number, number, number];
    };

export type JobStatus = 'loading' | 'running' | 'paused' | 'done' | 'stopped' | 'failed';

/** Steps of one run packed as rows of [step, total, samplesPerSecond, term₀ … term_T−1, share₀ … share_S−1]. */
export interface PackedSteps {
  readonly runId: string;
  readonly stride: number;
  /** T: loss terms per row (the rest of a row are the teachers' loss shares). */
  readonly termCount: number;
  readonly data: Float64Array;
}

export type FromWorker =
  | { readonly type: 'backend'; readonly info: BackendInfo }
  | {
      readonly type: 'status';
      readonly jobId: string;
      readonly status: JobStatus;
      readonly message: string;
    }
  /** Step points of the job's runs since the last flush (not a RunEvent `steps`: packed per run). */
  | { readonly type: 'packedSteps'; readonly jobId: string; readonly packed: PackedSteps[] }
  | { readonly type: 'events'; readonly jobId: string; readonly events: RunEvent[] }
  | { readonly type: 'deviceLost'; readonly message: string }
  | {
      readonly type: 'resumed';
      readonly jobId: string;
      readonly runId: string;
      readonly step: number;
    }
  /** A checkpoint at `step` is saved; every step before it has been posted. */
  | {
      readonly type: 'checkpointed';
      readonly jobId: string;
      readonly runId: string;
      readonly step: number;
    }
  /** Live knobs took effect: `step` is the first step trained with them. */
  | {
      readonly type: 'knobsApplied';
      readonly jobId: string;
      readonly runId: string;
      readonly step: number;
      readonly knobs: LiveKnobs;
    }
  | {
      readonly type: 'teacherRegistered';
      readonly id: string;
      readonly featureDim: number;
      readonly hasLogits: boolean;
    }
  | { readonly type: 'teacherFailed'; readonly id: string; readonly message: string }
  | { readonly type: 'error'; readonly jobId: string | null; readonly message: string }
  /** Synthesized by the client when the worker died; it has already been restarted. */
  | { readonly type: 'crashed'; readonly message: string };

/**
 * Messages only test builds (`vite build --mode e2e`) send and handle; production builds drop
 * the code that sends or answers them.
 */
export type TestToWorker = { readonly type: 'simulateDeviceLoss' };

export function assertNever(x: never): never {
  throw new Error(`Unexpected message: ${JSON.stringify(x)}`);
}

/** Packs step points for transfer. */
export function packSteps(runId: string, points: readonly StepPoint[]): PackedSteps {
  const termCount = points[0]?.terms.length ?? 0;
  const stride = 3 + termCount + (points[0]?.shares.length ?? 0);
  const data = new Float64Array(points.length * stride);
  points.forEach((p, i) => {
    data.set([p.step, p.total, p.samplesPerSecond, ...p.terms, ...p.shares], i * stride);
  });
  return { runId, stride, termCount, data };
}

export function unpackSteps(p: PackedSteps): StepPoint[] {
  const out: StepPoint[] = [];
  for (let o = 0; o + p.stride <= p.data.length; o += p.stride) {
    out.push({
      step: p.data[o] ?? 0,
      total: p.data[o + 1] ?? Number.NaN,
      samplesPerSecond: p.data[o + 2] ?? 0,
      terms: Array.from(p.data.subarray(o + 3, o + 3 + p.termCount)),
      shares: Array.from(p.data.subarray(o + 3 + p.termCount, o + p.stride)),
    });
  }
  return out;
}
