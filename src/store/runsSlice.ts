import type { ExperimentConfig } from '../engine/experiment/schema';
import { isEmptyKnobs } from '../engine/liveKnobs';
import { applyKnobsToConfig } from './applyKnobsToConfig';
import {
  fail,
  updateRun,
  type InitialFromUrlKeys,
  type RunsSlice,
  type SliceContext,
  type Variant,
} from './labTypes';
import { liveKnobDiff } from './liveKnobDiff';
import { liveRun, startFork } from './forkRun';
import { budgetFor, loadRates, missingUploads, refusal } from './runGuards';
import { emptyRun, type RunState } from './runState';
import { runLabel } from './stories/storyPlan';
import { receiveWorkerMessage } from './workerEvents';

const ACTIVE = new Set(['loading', 'running', 'paused']);

/** The uploads a config names that are not loaded: says so and returns true. */
export function uploadsMissing(
  ctx: SliceContext,
  config: Parameters<typeof missingUploads>[0],
): boolean {
  const ready = new Set(
    ctx
      .get()
      .uploads.filter((u) => u.status === 'ready')
      .map((u) => u.id),
  );
  const message = missingUploads(config, ready);
  if (message !== null) fail(ctx, message);
  return message !== null;
}

/** Starts a job of fresh runs (the session mints the ids) and shows them empty. */
function launch(ctx: SliceContext, variants: readonly Variant[]): void {
  const { jobId, runIds } = ctx.session.start(
    variants.map((v) => v.config),
    ctx.get().backendChoice,
  );
  const runs: Record<string, RunState> = {};
  variants.forEach((v, i) => {
    const id = runIds[i];
    if (id !== undefined) runs[id] = emptyRun(id, v.label, v.config);
  });
  ctx.set({
    job: { id: jobId, status: 'loading', message: 'starting' },
    runs,
    runOrder: runIds,
    restartNeeded: [],
  });
}

/** Stops the job; a worker that does not answer in time is replaced and the job shown stopped. */
function stopJob(ctx: SliceContext): void {
  const { get, set } = ctx;
  const id = get().job?.id;
  if (id === undefined) return;
  const stillActive = (): boolean => {
    const now = get().job;
    return now?.id === id && ACTIVE.has(now.status);
  };
  const forced = (): void => {
    const now = get().job;
    if (now !== null)
      set({
        job: { ...now, status: 'stopped', message: 'stopped (the busy worker was restarted)' },
        backend: null,
      });
  };
  ctx.session.stop(id, stillActive, () => get().backendChoice, forced);
}

/** During a single run, knobs that only change the loss or optimizer go to the worker for the next step. */
function sendLiveKnobs(ctx: SliceContext, setup: ExperimentConfig): void {
  const { job } = ctx.get();
  const run = liveRun(ctx.get());
  if (job === null || run === null) return;
  const diff = liveKnobDiff(run.liveConfig ?? run.config, setup);
  ctx.set({ restartNeeded: diff.restart.length > 0 ? diff.restart : [] });
  if (isEmptyKnobs(diff.knobs)) return;
  ctx.session.send({ type: 'knobs', jobId: job.id, runId: run.id, knobs: diff.knobs });
  updateRun(ctx, run.id, (r) => ({
    ...r,
    liveConfig: applyKnobsToConfig(r.liveConfig ?? r.config, diff.knobs),
    pendingKnobs: [...r.pendingKnobs, diff.labels.join(', ')],
  }));
}

/** The backend, the job and its runs; the worker's messages are reduced in workerEvents.ts. */
export function runsSlice(ctx: SliceContext): Omit<RunsSlice, InitialFromUrlKeys> {
  const { set, get, session } = ctx;
  const jobId = (): string | null => get().job?.id ?? null;
  return {
    backend: null,
    job: null,
    runs: {},
    runOrder: [],
    lastCheckpoint: null,
    confirm: null,
    flopRates: loadRates(),
    restartNeeded: [],
    connect: () => {
      session.connect(get().backendChoice);
    },
    setBackendChoice: (choice) => {
      set({ backendChoice: choice, backend: null, job: null });
      session.switchBackend(choice);
    },
    startRun: (confirmed = false) => {
      const setup = get().setup;
      set({ confirm: null });
      if (uploadsMissing(ctx, setup)) return;
      const budget = budgetFor(setup, get().backend?.name ?? null, get().flopRates);
      if (budget.verdict === 'refuse') fail(ctx, refusal(budget));
      else if (budget.verdict === 'confirm' && !confirmed)
        set({ confirm: { reasons: budget.reasons } });
      else launch(ctx, [{ label: runLabel(setup), config: setup }]);
    },
    cancelConfirm: () => {
      set({ confirm: null });
    },
    startCompare: (variants) => {
      set({ imported: null });
      launch(ctx, variants);
    },
    pauseRun: () => {
      const id = jobId();
      if (id !== null) session.send({ type: 'pause', jobId: id });
    },
    resumeRun: () => {
      const id = jobId();
      if (id !== null) session.send({ type: 'resume', jobId: id });
    },
    stepRun: (rounds) => {
      const id = jobId();
      if (id !== null) session.send({ type: 'step', jobId: id, steps: rounds });
    },
    forkRun: () => {
      const e = startFork(get(), set, (m) => session.send(m), get().backendChoice);
      if (e !== null) fail(ctx, e);
    },
    stopRun: () => {
      stopJob(ctx);
    },
    sendLiveKnobs: (setup) => {
      sendLiveKnobs(ctx, setup);
    },
    receive: (m) => {
      receiveWorkerMessage(ctx, m);
    },
  };
}
