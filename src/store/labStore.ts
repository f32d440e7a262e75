import { create } from 'zustand';
import { isBackendChoice, type BackendChoice, type BackendInfo } from '../engine/backend/backendKinds';
import { calibrate } from '../engine/budget/budget';
import { DEFAULT_PRESET, isPresetId, presetConfig, type PresetId } from '../engine/experiment/presets';
import { parseExperiment, type ExperimentConfig } from '../engine/experiment/schema';
import { unpackSteps, type FromWorker, type JobStatus } from '../engine/worker/protocol';
import { LabWorkerClient } from '../engine/worker/workerClient';
import type { ZooManifest } from '../models/zoo';
import type { UploadedFile } from '../models/uploadParse';
import { applyRunEvent, downsample, emptyRun, type RunState } from './runState';
import { parseCompareFile, type CompareFile } from './compareResults';
import { notifyHistoryChanged } from './historyChannel';
import { deleteRun, loadRun, parseSavedRun, renameRun, type HistoryEntry, type SavedRun } from './persistence';
import { budgetFor, loadRates, missingUploads, refusal, saveRates, type FlopRates } from './runGuards';
import { isRunLog, parseRunLog } from './runLog';
import { setupFromHash } from './urlState';
import { fetchZooManifest } from './zooSlice';
import { storyFor } from './stories';
import { isEmptyKnobs } from '../engine/liveKnobs';
import { applyKnobsToConfig } from './applyKnobsToConfig';
import { liveKnobDiff } from './liveKnobDiff';
import { runLabel, storyPlan } from './stories/storyPlan';
import { isForkParent, liveRun, startFork } from './forkRun';

export { BACKEND_CHOICES, type BackendChoice } from '../engine/backend/backendKinds';

/** Plain, serializable lab state; the worker lives outside it (module scope). */
export interface LabState {
  readonly backendChoice: BackendChoice;
  readonly backend: BackendInfo | null;
  readonly presetId: PresetId | null;
  readonly setup: ExperimentConfig;
  readonly job: {
    readonly id: string;
    readonly status: JobStatus;
    readonly message: string;
  } | null;
  readonly runs: Readonly<Record<string, RunState>>;
  readonly runOrder: readonly string[];
  readonly errors: readonly string[];
  /** Teacher zoo manifests by dataset (loaded on demand). */
  readonly zoo: Readonly<Record<string, ZooManifest | { error: string }>>;
  readonly projector: boolean;
  readonly hidden: readonly string[];
  /** Teachers the user dropped in (tf.js models), loaded in the worker. */
  readonly uploads: readonly UploadState[];
  /** A comparison loaded from an exported JSON (shown instead of live runs). */
  readonly imported: CompareFile | null;
  /** Saved runs (IndexedDB), newest first. */
  readonly history: readonly HistoryEntry[];
  readonly storageFull: boolean;
  /** The newest checkpoint the worker saved (persistence saves the run record with it). */
  readonly lastCheckpoint: { readonly runId: string; readonly step: number } | null;
  /** A run over the budget's time or memory limits waits here for the user's confirmation. */
  readonly confirm: { readonly reasons: readonly string[] } | null;
  /** Each backend's measured FLOP rate (the budget's clock), refined by every run. */
  readonly flopRates: FlopRates;
  /** The guided story in progress: its preset and the index of the next step (= steps done). */
  readonly story: { readonly preset: PresetId; readonly step: number } | null;
  /** Setup fields changed during a run that the run cannot take (they need a new run). */
  readonly restartNeeded: readonly string[];
}

export interface UploadState {
  readonly id: string;
  readonly name: string;
  readonly featureOutput: string;
  readonly status: 'loading' | 'ready' | 'failed';
  readonly message: string;
  readonly featureDim: number;
}

export interface LabActions {
  readonly connect: () => void;
  readonly setBackendChoice: (choice: BackendChoice) => void;
  readonly loadPreset: (id: PresetId) => void;
  readonly setSetup: (config: ExperimentConfig) => void;
  /** Applies a change to the setup; invalid results are refused with a message. */
  readonly updateSetup: (f: (c: ExperimentConfig) => unknown) => void;
  readonly loadZoo: (dataset: string) => void;
  /** Projector mode: larger type and lines, the setup hidden (it can be shown again). */
  readonly setProjector: (on: boolean) => void;
  /** Shows or hides a named part of the page (`setup`, `explain`, a panel id). */
  readonly toggleHidden: (id: string) => void;
  /** Registers an uploaded model (already parsed and checked) as a teacher and selects it. */
  readonly addUpload: (name: string, files: readonly UploadedFile[], featureOutput: string) => void;
  readonly importCompare: (text: string) => void;
  readonly openSavedRun: (id: string) => void;
  /** Continues an unfinished saved run from its last checkpoint. */
  readonly resumeSavedRun: (id: string) => void;
  readonly renameSavedRun: (id: string, name: string) => void;
  readonly deleteSavedRun: (id: string) => void;
  readonly deleteOldestRuns: (count: number) => void;
  readonly importRunFile: (text: string) => void;
  /** Loads an experiment (setup) JSON; an invalid file changes nothing. */
  readonly importExperimentFile: (text: string) => void;
  readonly clearImport: () => void;
  /** Starts the setup; a run over budget asks first (`confirmed` skips that), one that cannot fit is refused. */
  readonly startRun: (confirmed?: boolean) => void;
  readonly cancelConfirm: () => void;
  /** Shows a message (e.g. a file refused before reading). */
  readonly reportError: (message: string) => void;
  /** Loads the experiment of a share link opened in this tab (hashchange). */
  readonly loadLink: (hash: string) => void;
  readonly startCompare: (variants: readonly { label: string; config: ExperimentConfig }[]) => void;
  readonly pauseRun: () => void;
  readonly resumeRun: () => void;
  readonly stepRun: (steps: number) => void;
  readonly stopRun: () => void;
  /** Continues the live run's weights with the current setup as a new run (see forkRun.ts). */
  readonly forkRun: () => void;
  readonly dismissError: (index: number) => void;
  /** Performs the story's current step (changes the setup, runs or compares) and moves on. */
  readonly storyNext: () => void;
  /** Back to the story's first step with the preset's setup. */
  readonly storyRestart: () => void;
  readonly storyClose: () => void;
  /** Every worker message enters the store here. */
  readonly receive: (m: FromWorker) => void;
}

let client: LabWorkerClient | null = null;
/** Runs to continue from their checkpoints once the (restarted) worker has a backend. */
let pendingResume: { runIds: string[]; configs: unknown[] } | null = null;
/** Uploaded model files (bytes stay out of the serializable state), for re-registration. */
const uploadFiles = new Map<
  string,
  { files: readonly UploadedFile[]; featureOutput: string; name: string }
>();
let jobCounter = 0;
/** A stop the worker did not answer (busy in one long kernel) restarts it after this long. */
const STOP_GRACE_MS = 3000;
let stopTimer: ReturnType<typeof setTimeout> | null = null;

function initial(): Pick<
  LabState,
  'backendChoice' | 'presetId' | 'setup' | 'errors' | 'projector' | 'hidden' | 'story'
> {
  const params = new URLSearchParams(globalThis.location.search);
  const b = params.get('backend');
  const p = params.get('preset');
  const presetId = isPresetId(p) ? p : DEFAULT_PRESET;
  const projector = params.get('projector') === '1';
  const hide = (params.get('hide') ?? (projector ? 'setup' : ''))
    .split(',')
    .filter((s) => s !== '');
  const base = { backendChoice: isBackendChoice(b) ? b : 'auto', projector, hidden: hide } as const;
  const fromHash = setupFromHash(globalThis.location.hash);
  const story =
    storyFor(presetId) === null || params.get('story') === '0'
      ? null
      : { preset: presetId, step: 0 };
  if (fromHash === null)
    return { ...base, presetId, setup: presetConfig(presetId), errors: [], story };
  if ('error' in fromHash)
    return { ...base, presetId, setup: presetConfig(presetId), errors: [fromHash.error], story };
  return { ...base, presetId: null, setup: fromHash.config, errors: [], story: null };
}

export const useLabStore = create<LabState & LabActions>()((set, get) => {
  const launch = (variants: readonly { label: string; config: ExperimentConfig }[]): void => {
    get().connect();
    jobCounter += 1;
    // ids stay unique across reloads: they key the saved history and checkpoints
    const jobId = `${Date.now().toString(36)}-${jobCounter}`;
    const runs: Record<string, RunState> = {};
    const runOrder = variants.map((v, i) => {
      const id = `${jobId}-run-${i + 1}`;
      runs[id] = emptyRun(id, v.label, v.config);
      return id;
    });
    set({
      job: { id: jobId, status: 'loading', message: 'starting' },
      runs,
      runOrder,
      restartNeeded: [],
    });
    client?.send({
      type: 'start',
      jobId,
      runIds: runOrder,
      configs: variants.map((v) => ({ ...v.config, backend: get().backendChoice })),
    });
  };
  const control = (type: 'pause' | 'resume' | 'stop'): void => {
    const job = get().job;
    if (job !== null) client?.send({ type, jobId: job.id });
  };
  const fail = (message: string): void => {
    set({ errors: [...get().errors, message] });
  };
  const registerUploads = (): void => {
    const [h, w, c] = get().setup.dataset === 'digits' ? [8, 8, 1] : [28, 28, 1];
    for (const [id, u] of uploadFiles) client?.send({ type: 'registerTeacher', id, name: u.name, files: u.files.map((f) => ({ name: f.name, bytes: f.bytes })), featureOutput: u.featureOutput, inputShape: [h, w, c] });
  };
  const uploadsMissing = (config: ExperimentConfig): boolean => {
    const message = missingUploads(config, new Set(get().uploads.filter((u) => u.status === 'ready').map((u) => u.id)));
    if (message !== null) fail(message);
    return message !== null;
  };
  /** Shows a saved run as the current (finished) run; nothing else changes. */
  const showSaved = (rec: SavedRun): void => {
    const config = parseExperiment(rec.run.config);
    const run: RunState = {
      ...emptyRun(rec.run.id, rec.run.label, config),
      ...(rec.run as unknown as Partial<RunState>),
      config,
    };
    set({ runs: { [run.id]: run }, runOrder: [run.id], job: null, imported: null });
  };
  /** During a single run, knobs that only change the loss or optimizer go to the worker for the next step. */
  const sendLiveKnobs = (setup: ExperimentConfig): void => {
    const { job } = get();
    const run = liveRun(get());
    if (job === null || run === null) return;
    const diff = liveKnobDiff(run.liveConfig ?? run.config, setup);
    set({ restartNeeded: diff.restart.length > 0 ? diff.restart : [] });
    if (isEmptyKnobs(diff.knobs)) return;
    client?.send({ type: 'knobs', jobId: job.id, runId: run.id, knobs: diff.knobs });
    updateRun(run.id, (r) => ({
      ...r,
      liveConfig: applyKnobsToConfig(r.liveConfig ?? r.config, diff.knobs),
      pendingKnobs: [...r.pendingKnobs, diff.labels.join(', ')],
    }));
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
    uploads: [],
    imported: null,
    history: [],
    storageFull: false,
    lastCheckpoint: null,
    confirm: null,
    flopRates: loadRates(),
    restartNeeded: [],
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
      set({
        presetId: id,
        setup: presetConfig(id),
        story: storyFor(id) === null ? null : { preset: id, step: 0 },
      });
    },
    storyNext: () => {
      const story = get().story;
      const step = story === null ? undefined : storyFor(story.preset)?.steps[story.step];
      if (story === null || step === undefined) return;
      try {
        const plan = storyPlan(step.action, get().setup);
        set({ setup: plan.setup, story: { ...story, step: story.step + 1 } });
        if (plan.variants !== null) {
          set({ imported: null });
          launch(plan.variants);
        }
      } catch (e) {
        fail(e instanceof Error ? e.message : String(e));
      }
    },
    storyRestart: () => {
      const story = get().story;
      if (story !== null)
        set({
          story: { ...story, step: 0 },
          setup: presetConfig(story.preset),
          presetId: story.preset,
        });
    },
    storyClose: () => {
      set({ story: null });
    },
    setSetup: (config) => {
      set({ setup: parseExperiment(config), presetId: null });
    },
    updateSetup: (f) => {
      try {
        const setup = parseExperiment(f(get().setup));
        set({ setup, presetId: null });
        sendLiveKnobs(setup);
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
          set({
            zoo: { ...get().zoo, [dataset]: { error: e instanceof Error ? e.message : String(e) } },
          });
        },
      );
    },
    setProjector: (on) => {
      const rest = get().hidden.filter((h) => h !== 'setup');
      set({ projector: on, hidden: on ? [...rest, 'setup'] : rest });
    },
    toggleHidden: (id) => {
      const h = get().hidden;
      set({ hidden: h.includes(id) ? h.filter((x) => x !== id) : [...h, id] });
    },
    addUpload: (name, files, featureOutput) => {
      get().connect();
      const slug =
        name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '') || 'model';
      const id = `upload-${slug}`;
      uploadFiles.set(id, { files, featureOutput, name });
      const [h, w, c] = get().setup.dataset === 'digits' ? [8, 8, 1] : [28, 28, 1];
      set({
        uploads: [
          ...get().uploads.filter((u) => u.id !== id),
          {
            id,
            name,
            featureOutput,
            status: 'loading',
            message: 'loading in the worker',
            featureDim: 0,
          },
        ],
      });
      client?.send({
        type: 'registerTeacher',
        id,
        name,
        files: files.map((f) => ({ name: f.name, bytes: f.bytes })),
        featureOutput,
        inputShape: [h, w, c],
      });
    },
    startRun: (confirmed = false) => {
      const setup = get().setup;
      set({ confirm: null });
      if (uploadsMissing(setup)) return;
      const budget = budgetFor(setup, get().backend?.name ?? null, get().flopRates);
      if (budget.verdict === 'refuse') {
        fail(refusal(budget));
        return;
      }
      if (budget.verdict === 'confirm' && !confirmed) {
        set({ confirm: { reasons: budget.reasons } });
        return;
      }
      launch([{ label: runLabel(setup), config: setup }]);
    },
    cancelConfirm: () => {
      set({ confirm: null });
    },
    reportError: (message) => {
      fail(message);
    },
    loadLink: (hash) => {
      const decoded = setupFromHash(hash);
      if (decoded === null) return;
      if ('error' in decoded) fail(decoded.error);
      else if (JSON.stringify(decoded.config) !== JSON.stringify(get().setup)) set({ setup: decoded.config, presetId: null, confirm: null });
    },
    startCompare: (variants) => {
      set({ imported: null });
      launch(variants);
    },
    importCompare: (text) => {
      try {
        set({ imported: parseCompareFile(text) });
      } catch (e) {
        set({
          errors: [...get().errors, `Import failed: ${e instanceof Error ? e.message : String(e)}`],
        });
      }
    },
    clearImport: () => {
      set({ imported: null });
    },
    openSavedRun: (id) => {
      loadRun(id).then(
        (rec) => {
          if (rec) showSaved(rec);
          else fail(`The saved run ${id} is missing or damaged.`);
        },
        (e: unknown) => fail(String(e)),
      );
    },
    resumeSavedRun: (id) => {
      get().connect();
      loadRun(id).then(
        (rec) => {
          if (!rec) {
            fail(`The saved run ${id} is missing or damaged.`);
            return;
          }
          showSaved(rec);
          if (uploadsMissing(parseExperiment(rec.run.config))) return;
          jobCounter += 1;
          const jobId = `${Date.now().toString(36)}-${jobCounter}`;
          set({
            job: { id: jobId, status: 'loading', message: 'resuming from the last checkpoint' },
          });
          client?.send({
            type: 'start',
            jobId,
            runIds: [rec.run.id],
            configs: [{ ...(rec.run.config as object), backend: get().backendChoice }],
            resume: true,
          });
        },
        (e: unknown) => fail(String(e)),
      );
    },
    renameSavedRun: (id, name) => {
      renameRun(id, name).then(
        (history) => {
          set({ history });
          notifyHistoryChanged();
        },
        (e: unknown) => fail(String(e)),
      );
    },
    deleteSavedRun: (id) => {
      deleteRun(id).then(
        (history) => {
          set({ history, storageFull: false });
          notifyHistoryChanged();
        },
        (e: unknown) => fail(String(e)),
      );
    },
    deleteOldestRuns: (count) => {
      const oldest = [...get().history].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).slice(0, count);
      oldest.reduce<Promise<unknown>>((p, h) => p.then(() => deleteRun(h.id)), Promise.resolve()).then(
        () => {
          set({ history: get().history.filter((h) => !oldest.some((o) => o.id === h.id)), storageFull: false });
          notifyHistoryChanged();
        },
        (e: unknown) => fail(String(e)),
      );
    },
    importExperimentFile: (text) => {
      try {
        if (text.length > 1024 * 1024) throw new Error('an experiment file is at most 1 MB');
        const raw: unknown = JSON.parse(text);
        set({ setup: parseExperiment(raw), presetId: null });
      } catch (e) {
        fail(
          `Import failed: ${e instanceof SyntaxError ? 'the file is not JSON' : e instanceof Error ? e.message : String(e)}`,
        );
      }
    },
    importRunFile: (text) => {
      try {
        if (isRunLog(text)) {
          // a JSON-lines event log (e.g. from the PyTorch recipe): charted like any run
          const run = parseRunLog(text, `imported-${Date.now().toString(36)}`);
          set({ runs: { [run.id]: run }, runOrder: [run.id], job: null, imported: null });
          return;
        }
        showSaved(parseSavedRun(text));
      } catch (e) {
        fail(`Import failed: ${e instanceof Error ? e.message : String(e)}`);
      }
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
      const job = get().job;
      control('stop');
      if (job === null || stopTimer !== null) return;
      // The worker checks the stop between steps and inside its setup loops; one that does not
      // answer (a single long kernel) is replaced so Run and the backend picker come back.
      stopTimer = setTimeout(() => {
        stopTimer = null;
        const now = get().job;
        if (now?.id !== job.id || !(now.status === 'loading' || now.status === 'running' || now.status === 'paused')) return;
        set({ job: { ...now, status: 'stopped', message: 'stopped (the busy worker was restarted)' }, backend: null });
        client?.restart(get().backendChoice);
        registerUploads();
      }, STOP_GRACE_MS);
    },
    forkRun: () => {
      const e = startFork(get(), set, (m) => client?.send(m), get().backendChoice);
      if (e !== null) fail(e);
    },
    dismissError: (index) => {
      set({ errors: get().errors.filter((_, i) => i !== index) });
    },
    receive: (m) => {
      switch (m.type) {
        case 'backend':
          set({ backend: m.info });
          if (pendingResume !== null) {
            const { runIds, configs } = pendingResume;
            pendingResume = null;
            jobCounter += 1;
            const jobId = `${Date.now().toString(36)}-${jobCounter}`;
            set({
              job: {
                id: jobId,
                status: 'loading',
                message: `resuming on ${m.info.name} from the last checkpoint`,
              },
            });
            client?.send({
              type: 'start',
              jobId,
              runIds,
              configs: configs.map((c) => ({ ...(c as object), backend: get().backendChoice })),
              resume: true,
            });
          }
          return;
        case 'deviceLost': {
          const order = get().runOrder;
          const runs = get().runs;
          const unfinished = order.filter((id) => runs[id]?.summary === null);
          if (unfinished.length > 0)
            pendingResume = {
              runIds: unfinished,
              configs: unfinished.map((id) => runs[id]?.config),
            };
          set({
            errors: [...get().errors, `${m.message}; continuing on WASM from the last checkpoint.`],
          });
          get().setBackendChoice('wasm');
          return;
        }
        case 'status':
          if (m.jobId === get().job?.id) set({ job: { id: m.jobId, status: m.status, message: m.message } });
          if (m.status === 'done') saveRates(get().flopRates);
          return;
        case 'steps': {
          const job = get().job;
          if (m.jobId !== job?.id) return;
          // the worker reports setup as 'loading'; the first steps mean it is training (Pause, time left)
          if (job.status === 'loading') set({ job: { ...job, status: 'running', message: '' } });
          for (const p of m.packed) updateRun(p.runId, (r) => ({ ...r, points: downsample([...r.points, ...unpackSteps(p)]) }));
          const backend = get().backend?.name;
          const first = m.packed[0];
          const run = first === undefined ? undefined : get().runs[first.runId];
          const sps = run?.points.at(-1)?.samplesPerSecond;
          if (backend !== undefined && run !== undefined && sps !== undefined && m.packed.length === 1) {
            set({ flopRates: { ...get().flopRates, [backend]: calibrate(get().flopRates[backend], run.config, sps) } });
          }
          return;
        }
        case 'events':
          for (const e of m.events) {
            if (m.jobId !== get().job?.id && !isForkParent(get(), e.runId)) continue;
            updateRun(e.runId, (r) => applyRunEvent(r, e));
            if (e.type === 'diverged') {
              const label = get().runs[e.runId]?.label ?? e.runId;
              set({
                errors: [
                  ...get().errors,
                  `Run ${label} diverged at step ${e.step}: the ${e.term} loss is not finite. Training stopped; lower the learning rate or the feature scale and run again.`,
                ],
              });
            }
          }
          return;
        case 'resumed':
          if (m.jobId !== get().job?.id) return;
          // everything from the checkpoint on is recomputed: drop the saved tail
          updateRun(m.runId, (r) => ({
            ...r,
            summary: null,
            points: r.points.filter((p) => p.step < m.step),
            evals: r.evals.filter((e) => e.step <= m.step),
            dfl: r.dfl.filter((d) => d.step <= m.step),
            ...(r.parent ? { parent: { ...r.parent, step: m.step } } : {}),
          }));
          if (m.step === 0 && get().runs[m.runId]?.parent) fail('The fork found no checkpoint of its parent: it trains from scratch.');
          return;
        case 'knobsApplied':
          if (m.jobId !== get().job?.id) return;
          updateRun(m.runId, (r) => ({
            ...r,
            knobMarks: [...r.knobMarks, { step: m.step, label: r.pendingKnobs[0] ?? 'knobs' }],
            pendingKnobs: r.pendingKnobs.slice(1),
          }));
          return;
        case 'checkpointed':
          if (m.jobId === get().job?.id) set({ lastCheckpoint: { runId: m.runId, step: m.step } });
          return;
        case 'teacherRegistered': {
          set({
            uploads: get().uploads.map((u) =>
              u.id === m.id
                ? {
                    ...u,
                    status: 'ready',
                    message: m.hasLogits ? 'features + logits' : 'features only',
                    featureDim: m.featureDim,
                  }
                : u,
            ),
          });
          const setup = get().setup;
          if (!setup.teachers.some((t) => t.id === m.id))
            get().updateSetup((c) => ({
              ...c,
              teachers: [...c.teachers, { id: m.id, weight: 1, featureScale: 1 }],
            }));
          return;
        }
        case 'teacherFailed':
          uploadFiles.delete(m.id);
          set({
            uploads: get().uploads.filter((u) => u.id !== m.id),
            errors: [...get().errors, `Could not load the uploaded teacher: ${m.message}`],
          });
          return;
        case 'error':
          set({ errors: [...get().errors, m.message] });
          return;
        case 'crashed': {
          const job = get().job;
          set({ errors: [...get().errors, m.message], backend: null, job: job === null ? null : { ...job, status: 'failed', message: 'worker crashed' } });
          registerUploads();
          return;
        }
      }
    },
  };
});

/** Test hook: makes the worker destroy its WebGPU device. */
export function simulateDeviceLoss(): void {
  client?.send({ type: 'simulateDeviceLoss' });
}

/** Test/debug hook: sends the worker a message it does not understand, which crashes it. */
export function simulateWorkerCrash(): void {
  (client as unknown as { send: (m: unknown) => void } | null)?.send({ type: 'not-a-message' });
}
