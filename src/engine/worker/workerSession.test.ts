import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BackendChoice } from '../backend/backendKinds';
import { presetConfig } from '../experiment/presets';
import type { FromWorker, ToWorker } from './protocol';
import { STOP_GRACE_MS, WorkerSession, type WorkerPort } from './workerSession';

/** A fake worker: records what it was sent and each (re)start's backend. */
function fakeWorker() {
  const sent: ToWorker[] = [];
  const spawns: BackendChoice[] = [];
  const spawn = (_onMessage: (m: FromWorker) => void, backend: BackendChoice): WorkerPort => {
    spawns.push(backend);
    return {
      send: (m) => sent.push(m),
      restart: (b) => spawns.push(b),
    };
  };
  return {
    sent,
    spawns,
    session: new WorkerSession(
      spawn,
      () => undefined,
      () => 1_000_000,
    ),
  };
}

const config = presetConfig('smoke');
const upload = {
  name: 'mine',
  files: [{ name: 'model.json', bytes: new Uint8Array([1, 2]) }],
  featureOutput: 'dense',
  inputShape: [28, 28, 1] as const,
};

afterEach(() => {
  vi.useRealTimers();
});

describe('WorkerSession', () => {
  it('starts the worker once, on the backend asked for', () => {
    const w = fakeWorker();
    expect(w.session.connected).toBe(false);
    w.session.connect('wasm');
    w.session.connect('webgl');
    expect(w.spawns).toEqual(['wasm']);
    expect(w.session.connected).toBe(true);
  });

  it('mints a distinct job id per start and run ids from it; configs carry the backend', () => {
    const w = fakeWorker();
    const a = w.session.start([config, config], 'cpu');
    const b = w.session.start([config], 'cpu');
    expect(a.jobId).not.toBe(b.jobId);
    expect(a.runIds).toEqual([`${a.jobId}-run-1`, `${a.jobId}-run-2`]);
    expect(a.jobId).toBe(`${(1_000_000).toString(36)}-1`);
    const first = w.sent[0];
    expect(first?.type).toBe('start');
    if (first?.type !== 'start') return;
    expect(first.runIds).toEqual(a.runIds);
    expect(first.configs.map((c) => c.backend)).toEqual(['cpu', 'cpu']);
    expect(first.resume).toBeUndefined();
  });

  it('a resume keeps the runs’ ids and asks the worker to load their checkpoints', () => {
    const w = fakeWorker();
    const { runIds } = w.session.start([config], 'wasm', ['old-run-1']);
    expect(runIds).toEqual(['old-run-1']);
    expect(w.sent[0]).toMatchObject({ type: 'start', runIds: ['old-run-1'], resume: true });
  });

  it('a lost device moves the unfinished runs to WASM and resumes them once the backend is ready', () => {
    const w = fakeWorker();
    w.session.connect('webgpu');
    expect(w.session.backendReady('webgpu')).toBeNull();
    w.session.deviceLost([{ id: 'j-run-1', config }]);
    expect(w.spawns).toEqual(['webgpu', 'wasm']);
    expect(w.sent).toEqual([]);
    const jobId = w.session.backendReady('wasm');
    expect(jobId).not.toBeNull();
    expect(w.sent).toMatchObject([{ type: 'start', jobId, runIds: ['j-run-1'], resume: true }]);
    // only once: the next backend starts nothing
    expect(w.session.backendReady('wasm')).toBeNull();
    expect(w.sent).toHaveLength(1);
  });

  it('a lost device with every run finished still moves to WASM and resumes nothing', () => {
    const w = fakeWorker();
    w.session.connect('webgpu');
    w.session.deviceLost([]);
    expect(w.spawns).toEqual(['webgpu', 'wasm']);
    expect(w.session.backendReady('wasm')).toBeNull();
  });

  it('a crashed worker gets the uploaded teachers again; a failed one is forgotten', () => {
    const w = fakeWorker();
    w.session.registerUpload('upload-mine', upload, 'wasm');
    w.session.registerUpload('upload-other', { ...upload, name: 'other' }, 'wasm');
    w.session.forgetUpload('upload-other');
    w.sent.length = 0;
    w.session.crashed();
    expect(w.sent).toEqual([
      {
        type: 'registerTeacher',
        id: 'upload-mine',
        name: 'mine',
        files: upload.files,
        featureOutput: 'dense',
        inputShape: [28, 28, 1],
      },
    ]);
  });

  it('a stop the worker answers restarts nothing', () => {
    vi.useFakeTimers();
    const w = fakeWorker();
    w.session.connect('wasm');
    const forced = vi.fn();
    w.session.stop(
      'j',
      () => false,
      () => 'wasm',
      forced,
    );
    expect(w.sent).toEqual([{ type: 'stop', jobId: 'j' }]);
    vi.advanceTimersByTime(STOP_GRACE_MS + 1);
    expect(forced).not.toHaveBeenCalled();
    expect(w.spawns).toEqual(['wasm']);
  });

  it('a stop the busy worker does not answer replaces it after the grace period, uploads and all', () => {
    vi.useFakeTimers();
    const w = fakeWorker();
    w.session.registerUpload('upload-mine', upload, 'wasm');
    w.sent.length = 0;
    const forced = vi.fn();
    w.session.stop(
      'j',
      () => true,
      () => 'webgl',
      forced,
    );
    w.session.stop(
      'j',
      () => true,
      () => 'webgl',
      forced,
    );
    vi.advanceTimersByTime(STOP_GRACE_MS - 1);
    expect(forced).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(forced).toHaveBeenCalledTimes(1);
    expect(w.spawns).toEqual(['wasm', 'webgl']);
    expect(w.sent.map((m) => m.type)).toEqual(['stop', 'stop', 'registerTeacher']);
  });
});
