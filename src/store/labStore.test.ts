import { describe, expect, it } from 'vitest';
import type { BackendChoice } from '../engine/backend/backendKinds';
import type { StepPoint } from '../engine/events';
import { packSteps, type FromWorker, type ToWorker } from '../engine/worker/protocol';
import { WorkerSession } from '../engine/worker/workerSession';
import { createLabStore } from './createLabStore';

/** A store over a fake worker (node, no browser): what it sent, and a way to answer. */
function lab(search = '?backend=wasm&preset=smoke&story=0') {
  const sent: ToWorker[] = [];
  const spawns: BackendChoice[] = [];
  const session = new WorkerSession(
    (_onMessage, backend) => {
      spawns.push(backend);
      return { send: (m) => sent.push(m), restart: (b) => spawns.push(b) };
    },
    (m) => {
      useStore.getState().receive(m);
    },
  );
  const useStore = createLabStore(session, { search, hash: '' });
  const receive = (m: FromWorker): void => {
    useStore.getState().receive(m);
  };
  return { useStore, sent, spawns, receive };
}

const point = (step: number): StepPoint => ({
  step,
  terms: [1, 2],
  total: 3,
  shares: [],
  samplesPerSecond: 500,
});
const wasm = { name: 'wasm', detail: 'test' } as unknown as Extract<
  FromWorker,
  { type: 'backend' }
>['info'];

/** A started single run: its job id and run id. */
function started(l: ReturnType<typeof lab>) {
  l.useStore.getState().startRun(true);
  const job = l.useStore.getState().job;
  const runId = l.useStore.getState().runOrder[0];
  if (job === null || runId === undefined) throw new Error('no run started');
  return { jobId: job.id, runId };
}

describe('lab store reducers', () => {
  it('reads the backend and preset from the address', () => {
    const s = lab().useStore.getState();
    expect(s.backendChoice).toBe('wasm');
    expect(s.presetId).toBe('smoke');
    expect(s.story).toBeNull();
  });

  it('Run starts one job: the runs show empty, the worker gets their ids and configs', () => {
    const l = lab();
    const { jobId, runId } = started(l);
    const s = l.useStore.getState();
    expect(s.job).toEqual({ id: jobId, status: 'loading', message: 'starting' });
    expect(s.runs[runId]?.points).toEqual([]);
    expect(l.spawns).toEqual(['wasm']);
    expect(l.sent).toMatchObject([{ type: 'start', jobId, runIds: [runId] }]);
  });

  it('step points are appended to their run; the first ones mean the job is running', () => {
    const l = lab();
    const { jobId, runId } = started(l);
    l.receive({ type: 'packedSteps', jobId, packed: [packSteps(runId, [point(0), point(1)])] });
    l.receive({ type: 'packedSteps', jobId, packed: [packSteps(runId, [point(2)])] });
    const s = l.useStore.getState();
    expect(s.runs[runId]?.points.map((p) => p.step)).toEqual([0, 1, 2]);
    expect(s.runs[runId]?.points[1]?.terms).toEqual([1, 2]);
    expect(s.job?.status).toBe('running');
  });

  it('messages of an older job change nothing', () => {
    const l = lab();
    const { runId } = started(l);
    const before = l.useStore.getState();
    l.receive({ type: 'packedSteps', jobId: 'old', packed: [packSteps(runId, [point(0)])] });
    l.receive({ type: 'status', jobId: 'old', status: 'done', message: '' });
    l.receive({ type: 'checkpointed', jobId: 'old', runId, step: 50 });
    const after = l.useStore.getState();
    expect(after.runs).toBe(before.runs);
    expect(after.job).toBe(before.job);
    expect(after.lastCheckpoint).toBeNull();
  });

  it('a diverged run says at which step and in which term', () => {
    const l = lab();
    const { jobId, runId } = started(l);
    l.receive({
      type: 'events',
      jobId,
      events: [{ type: 'diverged', runId, step: 7, term: 'feature (mlp)' }],
    });
    const s = l.useStore.getState();
    expect(s.runs[runId]?.diverged).toEqual({ step: 7, term: 'feature (mlp)' });
    expect(s.errors.at(-1)).toMatch(/diverged at step 7: the feature \(mlp\) loss is not finite/);
  });

  it('a resume drops the points the checkpoint will recompute', () => {
    const l = lab();
    const { jobId, runId } = started(l);
    l.receive({ type: 'packedSteps', jobId, packed: [packSteps(runId, [0, 1, 2, 3].map(point))] });
    l.receive({ type: 'resumed', jobId, runId, step: 2 });
    expect(l.useStore.getState().runs[runId]?.points.map((p) => p.step)).toEqual([0, 1]);
  });

  it('a lost device moves to WASM and resumes the unfinished run there from its checkpoint', () => {
    const l = lab('?backend=webgpu&preset=smoke&story=0');
    const { runId } = started(l);
    l.receive({ type: 'deviceLost', message: 'The GPU device was lost (destroyed)' });
    let s = l.useStore.getState();
    expect(s.backendChoice).toBe('wasm');
    expect(s.job).toBeNull();
    expect(s.errors.at(-1)).toBe(
      'The GPU device was lost (destroyed); continuing on WASM from the last checkpoint.',
    );
    expect(l.spawns).toEqual(['webgpu', 'wasm']);
    l.receive({ type: 'backend', info: wasm });
    s = l.useStore.getState();
    expect(s.job?.status).toBe('loading');
    expect(s.job?.message).toBe('resuming on wasm from the last checkpoint');
    expect(l.sent.at(-1)).toMatchObject({
      type: 'start',
      jobId: s.job?.id,
      runIds: [runId],
      resume: true,
    });
  });

  it('a crashed worker fails the job, keeps the runs and reports it', () => {
    const l = lab();
    const { jobId, runId } = started(l);
    l.receive({ type: 'packedSteps', jobId, packed: [packSteps(runId, [point(0)])] });
    l.receive({ type: 'crashed', message: 'The training worker crashed' });
    const s = l.useStore.getState();
    expect(s.job).toEqual({ id: jobId, status: 'failed', message: 'worker crashed' });
    expect(s.backend).toBeNull();
    expect(s.runs[runId]?.points).toHaveLength(1);
    expect(s.errors).toContain('The training worker crashed');
  });

  it('Stop sends stop for the current job only', () => {
    const l = lab();
    const { jobId } = started(l);
    l.useStore.getState().stopRun();
    expect(l.sent.at(-1)).toEqual({ type: 'stop', jobId });
    l.receive({ type: 'status', jobId, status: 'stopped', message: '' });
    expect(l.useStore.getState().job?.status).toBe('stopped');
  });

  it('an upload the worker loaded becomes a selected teacher; a failed one is dropped with a message', () => {
    const l = lab();
    const files = [{ name: 'model.json', bytes: new Uint8Array([1]) }];
    l.useStore.getState().addUpload('My Net', files, 'dense');
    expect(l.useStore.getState().uploads).toMatchObject([
      { id: 'upload-my-net', status: 'loading' },
    ]);
    expect(l.sent.at(-1)).toMatchObject({
      type: 'registerTeacher',
      id: 'upload-my-net',
      inputShape: [28, 28, 1],
    });
    l.receive({ type: 'teacherRegistered', id: 'upload-my-net', featureDim: 16, hasLogits: false });
    let s = l.useStore.getState();
    expect(s.uploads).toMatchObject([
      { status: 'ready', featureDim: 16, message: 'features only' },
    ]);
    expect(s.setup.teachers.map((t) => t.id)).toContain('upload-my-net');
    l.useStore.getState().addUpload('bad', files, 'dense');
    l.receive({ type: 'teacherFailed', id: 'upload-bad', message: 'no weights' });
    s = l.useStore.getState();
    expect(s.uploads.map((u) => u.id)).toEqual(['upload-my-net']);
    expect(s.errors.at(-1)).toBe('Could not load the uploaded teacher: no weights');
  });

  it('a message outside the protocol is refused, not ignored', () => {
    const l = lab();
    expect(() => {
      l.receive({ type: 'nonsense' } as unknown as FromWorker);
    }).toThrow(/Unexpected message/);
  });

  it('an invalid setup change is refused with a message and changes nothing', () => {
    const l = lab();
    const before = l.useStore.getState().setup;
    l.useStore.getState().updateSetup((c) => ({ ...c, steps: -5 }));
    expect(l.useStore.getState().setup).toBe(before);
    expect(l.useStore.getState().errors).toHaveLength(1);
  });

  it('inspectUpload refuses broken model files with the reason and registers nothing', () => {
    const l = lab();
    const files = [{ name: 'model.json', bytes: new TextEncoder().encode('{"modelTopology": {') }];
    expect(() => l.useStore.getState().inspectUpload(files)).toThrow(
      /model\.json is not valid JSON/,
    );
    expect(l.useStore.getState().uploads).toEqual([]);
    expect(l.sent).toEqual([]);
  });

  it('a share link with a broken experiment keeps the setup and says why', () => {
    const l = lab();
    const before = l.useStore.getState().setup;
    l.useStore.getState().loadLink('#x=not-a-setup');
    const s = l.useStore.getState();
    expect(s.setup).toBe(before);
    expect(s.errors).toHaveLength(1);
    expect(s.errors[0]).toMatch(/link’s experiment is (corrupt|invalid)/);
  });
});
