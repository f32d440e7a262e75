/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs';
import { selectBrowserBackend } from '../backend/browserBackend';
import type { BackendInfo } from '../backend/backendKinds';
import type { RunEvent, StepPoint } from '../events';
import type { LiveKnobs } from '../liveKnobs';
import { runLockstep } from '../runExperiment';
import type { Checkpoint } from '../trainer';
import { registerUploadedTeacher, type RegisteredTeacher } from '../uploadedSource';
import { deleteCheckpoint, loadCheckpoint, saveCheckpoint } from './checkpointStore';
import { idbOutputStore } from './idbOutputStore';
import {
  assertNever,
  packSteps,
  type FromWorker,
  type JobStatus,
  type PackedSteps,
  type ToWorker,
} from './protocol';

/**
 * The training worker: owns tf.js and the backend, runs experiments with the same engine as the
 * CLI and tests, and posts events. Step metrics are buffered and flushed at most every 100 ms.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: FromWorker, transfer: Transferable[] = []): void => {
  scope.postMessage(m, transfer);
};
const FLUSH_MS = 100;
/** Student weights and optimizer state are saved this often (steps). */
const CHECKPOINT_EVERY = 50;

interface Job {
  readonly id: string;
  readonly abort: AbortController;
  paused: boolean;
  /** Rounds still allowed while stepping (null = free running). */
  budget: number | null;
  wake: (() => void) | null;
  steps: Map<string, StepPoint[]>;
  events: RunEvent[];
  timer: ReturnType<typeof setTimeout> | null;
  /** The status last posted: the first step posts `running` (Pause and Step work from step one). */
  reported: JobStatus;
  /** Live knobs waiting for the next step, per run id ('*' = every run of the job). */
  knobs: Map<string, LiveKnobs[]>;
}

let baseUrl = '';
let backend: Promise<BackendInfo> | null = null;
let current: Job | null = null;
/** The job still winding down (a stopped job finishes its current chunk first). */
let running: Promise<void> = Promise.resolve();
const uploads = new Map<string, RegisteredTeacher>();

async function readPublic(relativePath: string): Promise<Uint8Array> {
  const url = new URL(relativePath, baseUrl);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`Could not load ${relativePath} (HTTP ${res.status})`);
  return new Uint8Array(await res.arrayBuffer());
}

function status(job: Job, s: JobStatus, message = ''): void {
  job.reported = s;
  post({ type: 'status', jobId: job.id, status: s, message });
}

function flush(job: Job): void {
  if (job.timer !== null) {
    clearTimeout(job.timer);
    job.timer = null;
  }
  const packed: PackedSteps[] = [];
  for (const [runId, points] of job.steps)
    if (points.length > 0) packed.push(packSteps(runId, points));
  job.steps.clear();
  if (packed.length > 0)
    post(
      { type: 'steps', jobId: job.id, packed },
      packed.map((p) => p.data.buffer),
    );
  if (job.events.length > 0)
    post({ type: 'events', jobId: job.id, events: job.events.splice(0, job.events.length) });
}

function schedule(job: Job): void {
  if (job.timer === null)
    job.timer = setTimeout(() => {
      job.timer = null;
      flush(job);
    }, FLUSH_MS);
}

function emitFor(job: Job) {
  return (e: RunEvent): void => {
    if (e.type === 'steps') {
      const list = job.steps.get(e.runId) ?? [];
      list.push(...e.points);
      job.steps.set(e.runId, list);
    } else {
      job.events.push(e);
    }
    // set-up is over once a run has started: the page shows "running", not "loading"
    if (e.type === 'started' && !job.paused) status(job, 'running');
    if (e.type === 'done' || e.type === 'diverged') flush(job);
    else schedule(job);
  };
}

/** A macrotask turn (no timer clamping), so pause/step/knob messages get in between steps. */
const turn = new MessageChannel();
const waiting: (() => void)[] = [];
turn.port1.onmessage = () => {
  waiting.shift()?.();
};
function yieldTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    turn.port2.postMessage(null);
  });
}

/** Awaited before every lockstep round: free running, paused, or n more rounds (Step). */
function gateFor(job: Job) {
  return async (beforeWait: () => Promise<void>): Promise<void> => {
    await yieldTurn();
    for (;;) {
      if (job.budget === 0) {
        job.paused = true;
        job.budget = null;
      }
      if (!job.paused || job.abort.signal.aborted) {
        if (job.budget !== null) job.budget -= 1;
        if (job.reported === 'loading') status(job, 'running');
        return;
      }
      await beforeWait();
      flush(job);
      if (job.reported !== 'paused') status(job, 'paused');
      await new Promise<void>((resolve) => {
        job.wake = resolve;
      });
    }
  };
}

function wake(job: Job): void {
  const w = job.wake;
  job.wake = null;
  w?.();
}

async function start(
  jobId: string,
  runIds: readonly string[],
  configs: readonly unknown[],
  resume: boolean,
  forkFrom: readonly string[] = [],
): Promise<void> {
  if (backend === null) throw new Error('The worker received start before init');
  const info = await backend;
  if (current !== null) {
    current.abort.abort();
    wake(current);
  }
  const job: Job = {
    id: jobId,
    abort: new AbortController(),
    paused: false,
    budget: null,
    wake: null,
    steps: new Map(),
    events: [],
    timer: null,
    reported: 'loading',
    knobs: new Map(),
  };
  current = job;
  status(job, 'loading', 'loading data and teachers');
  // one job at a time: the new one starts once the stopped one has let go of its tensors
  await running;
  const stopped = (): boolean => job.abort.signal.aborted;
  if (stopped()) {
    status(job, 'stopped');
    return;
  }
  const checkpoints = new Map<string, Checkpoint>();
  if (resume || forkFrom.length > 0) {
    for (const [i, id] of runIds.entries()) {
      const c = await loadCheckpoint(forkFrom[i] ?? id).catch(() => null);
      if (c) checkpoints.set(id, c);
      post({ type: 'resumed', jobId, runId: id, step: c?.step ?? 0 });
    }
  }
  let done: () => void = () => undefined;
  running = new Promise<void>((resolve) => {
    done = resolve;
  });
  try {
    await runLockstep(configs, {
      resume: checkpoints,
      fork: forkFrom.length > 0,
      checkpointEvery: CHECKPOINT_EVERY,
      onCheckpoint: (runId, ckpt) =>
        saveCheckpoint(runId, ckpt).then(
          () => {
            flush(job);
            post({ type: 'checkpointed', jobId, runId, step: ckpt.step });
          },
          (e: unknown) => {
            post({
              type: 'error',
              jobId,
              message: `Could not save a checkpoint: ${e instanceof Error ? e.message : String(e)}`,
            });
          },
        ),
      read: readPublic,
      emit: emitFor(job),
      signal: job.abort.signal,
      gate: gateFor(job),
      takeKnobs: (runId, step) => {
        const knobs = [...(job.knobs.get('*') ?? []), ...(job.knobs.get(runId) ?? [])];
        job.knobs.delete(runId);
        if (runIds.length === 1) job.knobs.delete('*');
        for (const k of knobs) post({ type: 'knobsApplied', jobId, runId, step, knobs: k });
        return knobs;
      },
      backend: info,
      runIds,
      extraTeachers: uploads,
      outputStore: idbOutputStore,
      onStatus: (m) => {
        status(job, 'loading', m);
      },
    });
    flush(job);
    if (!stopped())
      await Promise.all(runIds.map((id) => deleteCheckpoint(id).catch(() => undefined)));
    status(job, stopped() ? 'stopped' : 'done');
  } finally {
    if (current === job) current = null;
    done();
  }
}

/** A lost WebGPU device cannot come back in this worker: say so; the page moves the run on. */
function gpuDevice(): GPUDevice | null {
  const b = tf.backend() as unknown as { device?: GPUDevice };
  return b.device ?? null;
}

function watchDevice(): void {
  gpuDevice()?.lost.then(
    (info) => {
      current?.abort.abort();
      post({
        type: 'deviceLost',
        message: `The GPU device was lost (${info.reason}${info.message ? `: ${info.message}` : ''})`,
      });
    },
    () => undefined,
  );
}

function withJob(jobId: string, f: (job: Job) => void): void {
  if (current?.id === jobId) f(current);
}

scope.onmessage = (ev: MessageEvent<ToWorker>) => {
  const msg = ev.data;
  switch (msg.type) {
    case 'init':
      baseUrl = msg.baseUrl;
      backend = selectBrowserBackend(msg.backend);
      backend.then(
        (info) => {
          post({ type: 'backend', info });
          if (info.name === 'webgpu') watchDevice();
        },
        (e: unknown) => {
          post({ type: 'error', jobId: null, message: e instanceof Error ? e.message : String(e) });
        },
      );
      return;
    case 'start':
      start(msg.jobId, msg.runIds, msg.configs, msg.resume === true, msg.forkFrom).catch((e: unknown) => {
        post({
          type: 'error',
          jobId: msg.jobId,
          message: e instanceof Error ? e.message : String(e),
        });
        post({
          type: 'status',
          jobId: msg.jobId,
          status: 'failed',
          message: e instanceof Error ? e.message : String(e),
        });
      });
      return;
    case 'pause':
      withJob(msg.jobId, (job) => {
        job.paused = true;
        flush(job);
        status(job, 'paused');
      });
      return;
    case 'resume':
      withJob(msg.jobId, (job) => {
        job.paused = false;
        job.budget = null;
        status(job, 'running');
        wake(job);
      });
      return;
    case 'step':
      withJob(msg.jobId, (job) => {
        job.budget = Math.max(1, Math.floor(msg.steps));
        job.paused = false;
        status(job, 'running');
        wake(job);
      });
      return;
    case 'stop':
      withJob(msg.jobId, (job) => {
        job.abort.abort();
        job.paused = false;
        wake(job);
      });
      return;
    case 'knobs':
      withJob(msg.jobId, (job) => {
        const key = msg.runId ?? '*';
        job.knobs.set(key, [...(job.knobs.get(key) ?? []), msg.knobs]);
      });
      return;
    case 'simulateDeviceLoss': {
      const device = gpuDevice();
      if (device) device.destroy();
      else
        post({ type: 'error', jobId: null, message: 'simulateDeviceLoss: not running on WebGPU' });
      return;
    }
    case 'registerTeacher':
      (backend ?? Promise.reject(new Error('The worker received registerTeacher before init')))
        .then(() => registerUploadedTeacher(msg.name, msg.files, msg.featureOutput, msg.inputShape))
        .then(
          (t) => {
            uploads.get(msg.id)?.dispose();
            uploads.set(msg.id, t);
            post({
              type: 'teacherRegistered',
              id: msg.id,
              featureDim: t.featureDim,
              hasLogits: t.numClasses !== null,
            });
          },
          (e: unknown) => {
            post({
              type: 'teacherFailed',
              id: msg.id,
              message: e instanceof Error ? e.message : String(e),
            });
          },
        );
      return;
    default:
      assertNever(msg);
  }
};
