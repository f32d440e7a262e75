import { runLockstep, type RunOptions } from '../runExperiment';
import type { BackendInfo } from '../backend/backendKinds';
import type { ExperimentConfig } from '../experiment/schema';
import type { Checkpoint } from '../trainer';
import { deleteCheckpoint, loadCheckpoint, saveCheckpoint } from './checkpointStore';
import { idbOutputStore } from './idbOutputStore';
import {
  emitFor,
  flush,
  gateFor,
  newJob,
  post,
  status,
  takeKnobs,
  wake,
  type Job,
} from './workerJob';
import { workerState } from './workerState';

/** Student weights and optimizer state are saved this often (steps). */
const CHECKPOINT_EVERY = 50;

export interface StartRequest {
  readonly jobId: string;
  readonly runIds: readonly string[];
  readonly configs: readonly ExperimentConfig[];
  readonly resume: boolean;
  /** Per run: resume from a checkpoint at or before this step. */
  readonly resumeBefore?: Readonly<Record<string, number>>;
  /** Fork: run i starts from run `forkFrom[i]`'s checkpoint (saved when it stopped) with its new setup. */
  readonly forkFrom?: readonly string[];
}

async function readPublic(relativePath: string): Promise<Uint8Array> {
  const url = new URL(relativePath, workerState.baseUrl);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`Could not load ${relativePath} (HTTP ${res.status})`);
  return new Uint8Array(await res.arrayBuffer());
}

/** Each run's saved checkpoint (a run without one starts over); the page is told where each resumes. */
async function loadResumePoints(
  jobId: string,
  runIds: readonly string[],
  resumeBefore: Readonly<Record<string, number>> = {},
  forkFrom: readonly string[] = [],
): Promise<Map<string, Checkpoint>> {
  const checkpoints = new Map<string, Checkpoint>();
  for (const [i, id] of runIds.entries()) {
    const parent = forkFrom[i];
    const c = await (
      parent === undefined ? loadCheckpoint(id, resumeBefore[id]) : loadCheckpoint(parent)
    ).catch(() => null);
    if (c) checkpoints.set(id, c);
    post({ type: 'resumed', jobId, runId: id, step: c?.step ?? 0 });
  }
  return checkpoints;
}

function lockstepOptions(
  job: Job,
  req: StartRequest,
  info: BackendInfo,
  resume: Map<string, Checkpoint>,
): RunOptions {
  const { jobId, runIds } = req;
  return {
    resume,
    fork: (req.forkFrom?.length ?? 0) > 0,
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
    takeKnobs: (runId, step) => takeKnobs(job, runId, step, runIds.length === 1),
    backend: info,
    runIds,
    extraTeachers: workerState.uploads,
    outputStore: idbOutputStore,
    onStatus: (m) => {
      status(job, 'loading', m);
    },
  };
}

/** Starts a job: the one before it is stopped and let go of its tensors first (one job at a time). */
export async function startJob(req: StartRequest): Promise<void> {
  if (workerState.backend === null) throw new Error('The worker received start before init');
  const info = await workerState.backend;
  const previous = workerState.current;
  if (previous !== null) {
    previous.abort.abort();
    wake(previous);
  }
  const job = newJob(req.jobId);
  workerState.current = job;
  status(job, 'loading', 'loading data and teachers');
  await workerState.running;
  const stopped = (): boolean => job.abort.signal.aborted;
  if (stopped()) {
    status(job, 'stopped');
    return;
  }
  const checkpoints =
    req.resume || (req.forkFrom?.length ?? 0) > 0
      ? await loadResumePoints(req.jobId, req.runIds, req.resumeBefore, req.forkFrom)
      : new Map<string, Checkpoint>();
  let done: () => void = () => undefined;
  workerState.running = new Promise<void>((resolve) => {
    done = resolve;
  });
  try {
    await runLockstep(req.configs, lockstepOptions(job, req, info, checkpoints));
    flush(job);
    if (!stopped())
      await Promise.all(req.runIds.map((id) => deleteCheckpoint(id).catch(() => undefined)));
    status(job, stopped() ? 'stopped' : 'done');
  } finally {
    if (workerState.current === job) workerState.current = null;
    done();
  }
}
