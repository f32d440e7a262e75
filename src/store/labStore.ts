import { create } from 'zustand';
import { isBackendChoice, type BackendChoice, type BackendInfo } from '../engine/backend/backendKinds';
import { DEFAULT_PRESET, isPresetId, presetConfig, type PresetId } from '../engine/experiment/presets';
import { parseExperiment, type ExperimentConfig } from '../engine/experiment/schema';
import { unpackSteps, type FromWorker, type JobStatus } from '../engine/worker/protocol';
import { LabWorkerClient } from '../engine/worker/workerClient';
import type { ZooManifest } from '../models/zoo';
import { applyRunEvent, downsample, emptyRun, type RunState } from './runState';
import { setupFromHash } from './urlState';
import { fetchZooManifest } from './zooSlice';

export { BACKEND_CHOICES, type BackendChoice } from '../engine/backend/backendKinds';

/** Plain, serializable lab state; the worker lives outside it (module scope). */
export interface LabState {
  readonly backendChoice: BackendChoice;
  readonly backend: BackendInfo | null;
  readonly presetId: PresetId | null;
  readonly setup: ExperimentConfig;
  readonly job: { readonly id: string; readonly status: JobStatus; readonly message: string } | null;
  readonly runs: Readonly<Record<string, RunState>>;
  readonly runOrder: readonly string[];
  readonly errors: readonly string[];
  /** Teacher zoo manifests by dataset (loaded on demand). */
  readonly zoo: Readonly<Record<string, ZooManifest | { error: string }>>;
  readonly projector: boolean;
  readonly hidden: readonly string[];
}

export interface LabActions {
  readonly connect: () => void;
  readonly setBackendChoice: (choice: BackendChoice) => void;
  readonly loadPreset: (id: PresetId) => void;
  readonly setSetup: (config: ExperimentConfig) => void;
  /** Applies a change to the setup; invalid results are refused with a message. */
  readonly updateSetup: (f: (c: ExperimentConfig) => unknown) => void;
  readonly loadZoo: (dataset: string) => void;
  readonly setProjector: (on: boolean) => void;
  readonly startRun: () => void;
  readonly startCompare: (variants: readonly { label: string; config: ExperimentConfig }[]) => void;
  readonly pauseRun: () => void;
  readonly resumeRun: () => void;
  readonly stepRun: (steps: number) => void;
  readonly stopRun: () => void;
  readonly dismissError: (index: number) => void;
  /** Every worker message enters the store here. */
  readonly receive: (m: FromWorker) => void;
}

let client: LabWorkerClient | null = null;
let jobCounter = 0;

function initial(): Pick<LabState, 'backendChoice' | 'presetId' | 'setup' | 'errors' | 'projector' | 'hidden'> {
  const params = new URLSearchParams(globalThis.location.search);
  const b = params.get('backend');
  const p = params.get('preset');
  const presetId = isPresetId(p) ? p : DEFAULT_PRESET;
  const base = { backendChoice: isBackendChoice(b) ? b : 'auto', projector: params.get('projector') === '1', hidden: (params.get('hide') ?? '').split(',').filter((s) => s !== '') } as const;
  const fromHash = setupFromHash(globalThis.location.hash);
  if (fromHash === null) return { ...base, presetId, setup: presetConfig(presetId), errors: [] };
  if ('error' in fromHash) return { ...base, presetId, setup: presetConfig(presetId), errors: [fromHash.error] };
  return { ...base, presetId: null, setup: fromHash.config, errors: [] };
}

export const useLabStore = create<LabState & LabActions>()((set, get) => {
  const launch = (variants: readonly { label: string; config: ExperimentConfig }[]): void => {
    get().connect();
    jobCounter += 1;
    const jobId = `job-${jobCounter}`;
    const runs: Record<string, RunState> = {};
    const runOrder = variants.map((v, i) => {
      const id = `${jobId}-run-${i + 1}`;
      runs[id] = emptyRun(id, v.label, v.config);
      return id;
    });
    set({ job: { id: jobId, status: 'loading', message: 'starting' }, runs, runOrder });
    client?.send({ type: 'start', jobId, runIds: runOrder, configs: variants.map((v) => ({ ...v.config, backend: get().backendChoice })) });
  };
  const control = (type: 'pause' | 'resume' | 'stop'): void => {
    const job = get().job;
    if (job !== null) client?.send({ type, jobId: job.id });
  };
  const updateRun = (runId: string, f: (r: RunState) => RunState): void => {
    const run = get().runs[runId];
    if (run) set({ runs: { ...get().runs, [runId]: f(run) } });
  };
  return {
    ...initial(),
    backend: null,
    job: null,
    runs: {},
    runOrder: [],
    zoo: {},
    connect: () => {
      if (client !== null) return;
      client = new LabWorkerClient((m) => {
        get().receive(m);
      }, get().backendChoice);
    },
    setBackendChoice: (choice) => {
      set({ backendChoice: choice, backend: null, job: null });
      if (client === null) get().connect();
      else client.restart(choice);
    },
    loadPreset: (id) => {
      set({ presetId: id, setup: presetConfig(id) });
    },
    setSetup: (config) => {
      set({ setup: parseExperiment(config), presetId: null });
    },
    updateSetup: (f) => {
      try {
        set({ setup: parseExperiment(f(get().setup)), presetId: null });
      } catch (e) {
        set({ errors: [...get().errors, e instanceof Error ? e.message : String(e)] });
      }
    },
    loadZoo: (dataset) => {
      if (get().zoo[dataset] !== undefined) return;
      fetchZooManifest(dataset).then(
        (m) => {
          set({ zoo: { ...get().zoo, [dataset]: m } });
        },
        (e: unknown) => {
          set({ zoo: { ...get().zoo, [dataset]: { error: e instanceof Error ? e.message : String(e) } } });
        },
      );
    },
    setProjector: (on) => {
      set({ projector: on });
    },
    startRun: () => {
      const setup = get().setup;
      launch([{ label: setup.feature.enabled ? setup.feature.normalizer : setup.logits.method, config: setup }]);
    },
    startCompare: (variants) => {
      launch(variants);
    },
    pauseRun: () => {
      control('pause');
    },
    resumeRun: () => {
      control('resume');
    },
    stepRun: (steps) => {
      const job = get().job;
      if (job !== null) client?.send({ type: 'step', jobId: job.id, steps });
    },
    stopRun: () => {
      control('stop');
    },
    dismissError: (index) => {
      set({ errors: get().errors.filter((_, i) => i !== index) });
    },
    receive: (m) => {
      switch (m.type) {
        case 'backend':
          set({ backend: m.info });
          return;
        case 'status':
          if (m.jobId === get().job?.id) set({ job: { id: m.jobId, status: m.status, message: m.message } });
          return;
        case 'steps':
          if (m.jobId !== get().job?.id) return;
          for (const p of m.packed) updateRun(p.runId, (r) => ({ ...r, points: downsample([...r.points, ...unpackSteps(p)]) }));
          return;
        case 'events':
          if (m.jobId !== get().job?.id) return;
          for (const e of m.events) updateRun(e.runId, (r) => applyRunEvent(r, e));
          return;
        case 'error':
          set({ errors: [...get().errors, m.message] });
          return;
      }
    },
  };
});
