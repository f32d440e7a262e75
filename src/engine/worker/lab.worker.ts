/// <reference lib="webworker" />
import { selectBrowserBackend } from '../backend/browserBackend';
import { runTinyTraining } from '../tinyTraining';
import { assertNever, type FromWorker, type RunStatus, type ToWorker } from './protocol';

/**
 * The training worker: owns tf.js and the backend. Receives `ToWorker` commands, posts
 * `FromWorker` events; metric deltas are buffered and flushed at most every 100 ms.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: FromWorker, transfer: Transferable[] = []): void => {
  scope.postMessage(m, transfer);
};

const FLUSH_MS = 100;

interface ActiveRun {
  readonly id: string;
  readonly abort: AbortController;
  paused: boolean;
  resume: (() => void) | null;
  steps: number[];
  losses: number[];
  lastFlush: number;
  lastStep: number;
}

let backendReady: Promise<void> | null = null;
const runs = new Map<string, ActiveRun>();

function flush(run: ActiveRun, force: boolean): void {
  const now = performance.now();
  if (run.steps.length === 0 || (!force && now - run.lastFlush < FLUSH_MS)) return;
  const step = Float64Array.from(run.steps);
  const loss = Float64Array.from(run.losses);
  run.steps = [];
  run.losses = [];
  run.lastFlush = now;
  post({ type: 'metrics', runId: run.id, delta: { step, loss } }, [step.buffer, loss.buffer]);
}

function status(run: ActiveRun, s: RunStatus): void {
  post({ type: 'status', runId: run.id, status: s, step: run.lastStep });
}

async function start(runId: string, job: Parameters<typeof runTinyTraining>[0]): Promise<void> {
  if (backendReady === null) throw new Error('The worker received start before init');
  await backendReady;
  const run: ActiveRun = {
    id: runId,
    abort: new AbortController(),
    paused: false,
    resume: null,
    steps: [],
    losses: [],
    lastFlush: 0,
    lastStep: -1,
  };
  runs.set(runId, run);
  status(run, 'running');
  try {
    await runTinyTraining(job, {
      signal: run.abort.signal,
      readbackEvery: 5,
      gate: () =>
        run.paused
          ? new Promise<void>((resolve) => {
              run.resume = resolve;
            })
          : Promise.resolve(),
      emit: (step, loss) => {
        run.steps.push(step);
        run.losses.push(loss);
        run.lastStep = step;
        flush(run, false);
      },
    });
    flush(run, true);
    status(run, run.abort.signal.aborted ? 'stopped' : 'done');
  } finally {
    runs.delete(runId);
  }
}

function withRun(runId: string, f: (run: ActiveRun) => void): void {
  const run = runs.get(runId);
  if (run) f(run);
}

scope.onmessage = (ev: MessageEvent<ToWorker>) => {
  const msg = ev.data;
  switch (msg.type) {
    case 'init':
      backendReady = selectBrowserBackend(msg.backend).then((info) => {
        post({ type: 'backend', info });
      });
      backendReady.catch((e: unknown) => {
        post({ type: 'error', runId: null, message: e instanceof Error ? e.message : String(e) });
      });
      return;
    case 'start':
      start(msg.runId, msg.job).catch((e: unknown) => {
        post({ type: 'error', runId: msg.runId, message: e instanceof Error ? e.message : String(e) });
        post({ type: 'status', runId: msg.runId, status: 'failed', step: -1 });
      });
      return;
    case 'pause':
      withRun(msg.runId, (run) => {
        run.paused = true;
        status(run, 'paused');
      });
      return;
    case 'resume':
      withRun(msg.runId, (run) => {
        run.paused = false;
        run.resume?.();
        run.resume = null;
        status(run, 'running');
      });
      return;
    case 'stop':
      withRun(msg.runId, (run) => {
        run.abort.abort();
        run.paused = false;
        run.resume?.();
      });
      return;
    default:
      assertNever(msg);
  }
};
