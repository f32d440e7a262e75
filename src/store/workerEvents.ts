import { isForkParent } from './forkRun';
import { calibrate } from '../engine/budget/budget';
import { assertNever, unpackSteps, type FromWorker } from '../engine/worker/protocol';
import { fail, updateRun, type SliceContext } from './labTypes';
import { saveRates } from './runGuards';
import { applyRunEvent, downsample } from './runState';
import { uploadFailed, uploadReady } from './uploadsSlice';

type Message<T extends FromWorker['type']> = Extract<FromWorker, { type: T }>;

/** A backend is ready; runs a lost device left continue on it from their checkpoints. */
function backendReady(ctx: SliceContext, m: Message<'backend'>): void {
  ctx.set({ backend: m.info });
  const jobId = ctx.session.backendReady(ctx.get().backendChoice);
  if (jobId !== null)
    ctx.set({
      job: {
        id: jobId,
        status: 'loading',
        message: `resuming on ${m.info.name} from the last checkpoint`,
      },
    });
}

/** The GPU device is gone: unfinished runs move to WASM (the session resumes them there). */
function deviceLost(ctx: SliceContext, m: Message<'deviceLost'>): void {
  const { runOrder, runs } = ctx.get();
  const unfinished = runOrder.flatMap((id) => {
    const r = runs[id];
    return r !== undefined && r.summary === null ? [{ id, config: r.config }] : [];
  });
  fail(ctx, `${m.message}; continuing on WASM from the last checkpoint.`);
  ctx.set({ backendChoice: 'wasm', backend: null, job: null });
  ctx.session.deviceLost(unfinished);
}

function packedSteps(ctx: SliceContext, m: Message<'packedSteps'>): void {
  const job = ctx.get().job;
  if (m.jobId !== job?.id) return;
  // the worker reports setup as 'loading'; the first steps mean it is training (Pause, time left)
  if (job.status === 'loading') ctx.set({ job: { ...job, status: 'running', message: '' } });
  for (const p of m.packed)
    updateRun(ctx, p.runId, (r) => ({
      ...r,
      points: downsample([...r.points, ...unpackSteps(p)]),
    }));
  // one run alone on the backend measures its FLOP rate (the budget's clock)
  const backend = ctx.get().backend?.name;
  const first = m.packed[0];
  const run = first === undefined ? undefined : ctx.get().runs[first.runId];
  const sps = run?.points.at(-1)?.samplesPerSecond;
  if (backend !== undefined && run !== undefined && sps !== undefined && m.packed.length === 1) {
    const rates = ctx.get().flopRates;
    ctx.set({ flopRates: { ...rates, [backend]: calibrate(rates[backend], run.config, sps) } });
  }
}

function runEvents(ctx: SliceContext, m: Message<'events'>): void {
  for (const e of m.events) {
    // a fork's parent was stopped by the fork's job: its closing evaluation and summary still land
    if (m.jobId !== ctx.get().job?.id && !isForkParent(ctx.get(), e.runId)) continue;
    updateRun(ctx, e.runId, (r) => applyRunEvent(r, e));
    if (e.type === 'diverged') {
      const label = ctx.get().runs[e.runId]?.label ?? e.runId;
      fail(
        ctx,
        `Run ${label} diverged at step ${e.step}: the ${e.term} loss is not finite. Training stopped; lower the learning rate or the feature scale and run again.`,
      );
    }
  }
}

/** Everything from the checkpoint on is recomputed: drop the saved tail. */
function resumed(ctx: SliceContext, m: Message<'resumed'>): void {
  if (m.jobId !== ctx.get().job?.id) return;
  updateRun(ctx, m.runId, (r) => ({
    ...r,
    summary: null,
    points: r.points.filter((p) => p.step < m.step),
    evals: r.evals.filter((e) => e.step <= m.step),
    dfl: r.dfl.filter((d) => d.step <= m.step),
    ...(r.parent ? { parent: { ...r.parent, step: m.step } } : {}),
  }));
  if (m.step === 0 && ctx.get().runs[m.runId]?.parent)
    fail(ctx, 'The fork found no checkpoint of its parent: it trains from scratch.');
}

function knobsApplied(ctx: SliceContext, m: Message<'knobsApplied'>): void {
  if (m.jobId !== ctx.get().job?.id) return;
  updateRun(ctx, m.runId, (r) => ({
    ...r,
    knobMarks: [...r.knobMarks, { step: m.step, label: r.pendingKnobs[0] ?? 'knobs' }],
    pendingKnobs: r.pendingKnobs.slice(1),
  }));
}

/** The client restarted a crashed worker; the job it ran has failed, the history stays. */
function crashed(ctx: SliceContext, m: Message<'crashed'>): void {
  const job = ctx.get().job;
  ctx.set({
    errors: [...ctx.get().errors, m.message],
    backend: null,
    job: job === null ? null : { ...job, status: 'failed', message: 'worker crashed' },
  });
  ctx.session.crashed();
}

/** Every worker message enters the store here: one reducer per message type. */
export function receiveWorkerMessage(ctx: SliceContext, m: FromWorker): void {
  switch (m.type) {
    case 'backend':
      backendReady(ctx, m);
      return;
    case 'deviceLost':
      deviceLost(ctx, m);
      return;
    case 'status':
      if (m.jobId === ctx.get().job?.id)
        ctx.set({ job: { id: m.jobId, status: m.status, message: m.message } });
      if (m.status === 'done') saveRates(ctx.get().flopRates);
      return;
    case 'packedSteps':
      packedSteps(ctx, m);
      return;
    case 'events':
      runEvents(ctx, m);
      return;
    case 'resumed':
      resumed(ctx, m);
      return;
    case 'knobsApplied':
      knobsApplied(ctx, m);
      return;
    case 'checkpointed':
      if (m.jobId === ctx.get().job?.id)
        ctx.set({ lastCheckpoint: { runId: m.runId, step: m.step } });
      return;
    case 'teacherRegistered':
      uploadReady(ctx, m);
      return;
    case 'teacherFailed':
      uploadFailed(ctx, m);
      return;
    case 'error':
      fail(ctx, m.message);
      return;
    case 'crashed':
      crashed(ctx, m);
      return;
    default:
      assertNever(m);
  }
}
