/// <reference lib="webworker" />
import type { RunEvent, StepPoint } from '../events';
import type { LiveKnobs } from '../liveKnobs';
import { packSteps, type FromWorker, type JobStatus, type PackedSteps } from './protocol';

/**
 * One job inside the worker: its pause/step/stop state, and the buffer that batches its step
 * metrics and events into at most one message every 100 ms.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
export const post = (m: FromWorker, transfer: Transferable[] = []): void => {
  scope.postMessage(m, transfer);
};
const FLUSH_MS = 100;

export interface Job {
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

export function newJob(id: string): Job {
  return {
    id,
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
}

export function status(job: Job, s: JobStatus, message = ''): void {
  job.reported = s;
  post({ type: 'status', jobId: job.id, status: s, message });
}

/** Posts the buffered step points (packed, transferred) and events now. */
export function flush(job: Job): void {
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
      { type: 'packedSteps', jobId: job.id, packed },
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

export function emitFor(job: Job) {
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
export function gateFor(job: Job) {
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

export function wake(job: Job): void {
  const w = job.wake;
  job.wake = null;
  w?.();
}

/** Live knobs waiting for `runId` (and for every run), handed to the trainer at `step`. */
export function takeKnobs(job: Job, runId: string, step: number, single: boolean): LiveKnobs[] {
  const knobs = [...(job.knobs.get('*') ?? []), ...(job.knobs.get(runId) ?? [])];
  job.knobs.delete(runId);
  if (single) job.knobs.delete('*');
  for (const k of knobs) post({ type: 'knobsApplied', jobId: job.id, runId, step, knobs: k });
  return knobs;
}
