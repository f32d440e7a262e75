import { create } from 'zustand';
import { isBackendChoice, type BackendChoice, type BackendInfo } from '../engine/backend/backendKinds';
import { DEFAULT_TINY_JOB } from '../engine/tinyJob';
import type { FromWorker, RunStatus } from '../engine/worker/protocol';
import { LabWorkerClient } from '../engine/worker/workerClient';

/** Plain, serializable lab state; the worker lives outside it (module scope). */
export interface LabState {
  readonly backendChoice: BackendChoice;
  readonly backend: BackendInfo | null;
  readonly runId: string | null;
  readonly status: RunStatus | 'idle';
  readonly step: number;
  readonly lossSeries: readonly { step: number; loss: number }[];
  readonly errors: readonly string[];
}

export interface LabActions {
  readonly connect: () => void;
  readonly setBackendChoice: (choice: BackendChoice) => void;
  readonly startRun: () => void;
  readonly pauseRun: () => void;
  readonly resumeRun: () => void;
  readonly stopRun: () => void;
  readonly dismissError: (index: number) => void;
  /** Every worker message enters the store here. */
  readonly receive: (m: FromWorker) => void;
}

let client: LabWorkerClient | null = null;
let runCounter = 0;

function initialBackend(): BackendChoice {
  const fromUrl = new URLSearchParams(globalThis.location.search).get('backend');
  return isBackendChoice(fromUrl) ? fromUrl : 'auto';
}

export const useLabStore = create<LabState & LabActions>()((set, get) => ({
  backendChoice: initialBackend(),
  backend: null,
  runId: null,
  status: 'idle',
  step: -1,
  lossSeries: [],
  errors: [],
  connect: () => {
    if (client !== null) return;
    client = new LabWorkerClient((m) => {
      get().receive(m);
    }, get().backendChoice);
  },
  setBackendChoice: (choice) => {
    set({ backendChoice: choice, backend: null, status: 'idle', runId: null });
    if (client === null) get().connect();
    else client.restart(choice);
  },
  startRun: () => {
    get().connect();
    runCounter += 1;
    const runId = `run-${runCounter}`;
    set({ runId, status: 'running', step: -1, lossSeries: [] });
    client?.send({ type: 'start', runId, job: DEFAULT_TINY_JOB });
  },
  pauseRun: () => {
    const { runId } = get();
    if (runId !== null) client?.send({ type: 'pause', runId });
  },
  resumeRun: () => {
    const { runId } = get();
    if (runId !== null) client?.send({ type: 'resume', runId });
  },
  stopRun: () => {
    const { runId } = get();
    if (runId !== null) client?.send({ type: 'stop', runId });
  },
  dismissError: (index) => {
    set({ errors: get().errors.filter((_, i) => i !== index) });
  },
  receive: (m) => {
    switch (m.type) {
      case 'backend':
        set({ backend: m.info });
        return;
      case 'metrics': {
        if (m.runId !== get().runId) return;
        const added = Array.from(m.delta.step, (step, i) => ({ step, loss: m.delta.loss[i] ?? Number.NaN }));
        set({ lossSeries: [...get().lossSeries, ...added], step: added.at(-1)?.step ?? get().step });
        return;
      }
      case 'status':
        if (m.runId === get().runId) set({ status: m.status });
        return;
      case 'error':
        set({ errors: [...get().errors, m.message] });
        return;
    }
  },
}));

export { BACKEND_CHOICES, type BackendChoice } from '../engine/backend/backendKinds';
