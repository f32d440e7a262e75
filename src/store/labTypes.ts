import type { BackendChoice, BackendInfo } from '../engine/backend/backendKinds';
import type { PresetId } from '../engine/experiment/presets';
import type { ExperimentConfig } from '../engine/experiment/schema';
import type { FromWorker, JobStatus } from '../engine/worker/protocol';
import type { WorkerSession } from '../engine/worker/workerSession';
import type { UploadedFile, UploadedModelInfo } from '../models/uploadParse';
import type { ZooManifest } from '../models/zoo';
import type { CompareFile } from './compareResults';
import type { HistoryEntry } from './persistence';
import type { FlopRates } from './runGuards';
import type { RunState } from './runState';
import type { ImportedRun } from './streamRunFile';

/**
 * The lab store's shape, one interface per slice (each slice file builds one). State is plain,
 * serializable data; the worker lives in the WorkerSession the store was made with.
 */
export type Variant = { readonly label: string; readonly config: ExperimentConfig };

/** The experiment being set up, the guided story, and the teacher zoo (setupSlice.ts). */
export interface SetupSlice {
  readonly presetId: PresetId | null;
  readonly setup: ExperimentConfig;
  /** The guided story in progress: its preset and the index of the next step (= steps done). */
  readonly story: { readonly preset: PresetId; readonly step: number } | null;
  /** Teacher zoo manifests by dataset (loaded on demand). */
  readonly zoo: Readonly<Record<string, ZooManifest | { error: string }>>;
  readonly loadPreset: (id: PresetId) => void;
  readonly setSetup: (config: ExperimentConfig) => void;
  /** Applies a change to the setup; invalid results are refused with a message. */
  readonly updateSetup: (f: (c: ExperimentConfig) => unknown) => void;
  readonly loadZoo: (dataset: string) => void;
  /** Loads the experiment of a share link opened in this tab (hashchange). */
  readonly loadLink: (hash: string) => void;
  /** Loads an experiment (setup) JSON; an invalid file changes nothing. */
  readonly importExperimentFile: (text: string) => void;
  /** Performs the story's current step (changes the setup, runs or compares) and moves on. */
  readonly storyNext: () => void;
  /** Back to the story's first step with the preset's setup. */
  readonly storyRestart: () => void;
  readonly storyClose: () => void;
}

/** What the page shows or hides, and the messages it shows (displaySlice.ts). */
export interface DisplaySlice {
  readonly projector: boolean;
  readonly hidden: readonly string[];
  readonly errors: readonly string[];
  /** Projector mode: larger type and lines, the setup hidden (it can be shown again). */
  readonly setProjector: (on: boolean) => void;
  /** Shows or hides a named part of the page (`setup`, `explain`, a panel id). */
  readonly toggleHidden: (id: string) => void;
  /** Shows a message (e.g. a file refused before reading). */
  readonly reportError: (message: string) => void;
  readonly dismissError: (index: number) => void;
}

export interface Job {
  readonly id: string;
  readonly status: JobStatus;
  readonly message: string;
}

/** The backend, the job and its runs (runsSlice.ts; worker messages in workerEvents.ts). */
export interface RunsSlice {
  readonly backendChoice: BackendChoice;
  readonly backend: BackendInfo | null;
  readonly job: Job | null;
  readonly runs: Readonly<Record<string, RunState>>;
  readonly runOrder: readonly string[];
  /** The newest checkpoint the worker saved (persistence saves the run record with it). */
  readonly lastCheckpoint: { readonly runId: string; readonly step: number } | null;
  /** A run over the budget's time or memory limits waits here for the user's confirmation. */
  readonly confirm: { readonly reasons: readonly string[] } | null;
  /** Each backend's measured FLOP rate (the budget's clock), refined by every run. */
  readonly flopRates: FlopRates;
  /** Setup fields changed during a run that the run cannot take (they need a new run). */
  readonly restartNeeded: readonly string[];
  readonly connect: () => void;
  readonly setBackendChoice: (choice: BackendChoice) => void;
  /** Starts the setup; a run over budget asks first (`confirmed` skips that), one that cannot fit is refused. */
  readonly startRun: (confirmed?: boolean) => void;
  readonly cancelConfirm: () => void;
  readonly startCompare: (variants: readonly Variant[]) => void;
  readonly pauseRun: () => void;
  readonly resumeRun: () => void;
  /** Runs `rounds` more lockstep rounds, then pauses. */
  readonly stepRun: (rounds: number) => void;
  readonly stopRun: () => void;
  /** Continues the live run's weights with the current setup as a new run (see forkRun.ts). */
  readonly forkRun: () => void;
  /** During a single run, sends the knobs of `setup` it can take live (the rest need a new run). */
  readonly sendLiveKnobs: (setup: ExperimentConfig) => void;
  /** Every worker message enters the store here. */
  readonly receive: (m: FromWorker) => void;
}

/** Saved runs and files opened instead of a live run (historySlice.ts). */
export interface HistorySlice {
  /** Saved runs (IndexedDB), newest first. */
  readonly history: readonly HistoryEntry[];
  readonly storageFull: boolean;
  /** A comparison loaded from an exported JSON (shown instead of live runs). */
  readonly imported: CompareFile | null;
  readonly openSavedRun: (id: string) => void;
  /** Continues an unfinished saved run from its last checkpoint. */
  readonly resumeSavedRun: (id: string) => void;
  readonly renameSavedRun: (id: string, name: string) => void;
  readonly deleteSavedRun: (id: string) => void;
  readonly deleteOldestRuns: (count: number) => void;
  readonly importRunFile: (text: string) => void;
  /** Shows a run file read off the main thread (src/store/runImportClient.ts). */
  readonly showImportedRun: (r: ImportedRun) => void;
  readonly importCompare: (text: string) => void;
  readonly clearImport: () => void;
}

export interface UploadState {
  readonly id: string;
  readonly name: string;
  readonly featureOutput: string;
  readonly status: 'loading' | 'ready' | 'failed';
  readonly message: string;
  readonly featureDim: number;
}

/** Teachers the user dropped in (uploadsSlice.ts). */
export interface UploadsSlice {
  /** Teachers the user dropped in (tf.js models), loaded in the worker. */
  readonly uploads: readonly UploadState[];
  /** Parses dropped model files and checks them against the setup's dataset (throws a clear message). */
  readonly inspectUpload: (files: readonly UploadedFile[]) => UploadedModelInfo;
  /** Registers an uploaded model (already parsed and checked) as a teacher and selects it. */
  readonly addUpload: (name: string, files: readonly UploadedFile[], featureOutput: string) => void;
}

/** State the page address sets first (initialFromUrl.ts); the slices leave them out. */
export type InitialFromUrlKeys =
  'backendChoice' | 'presetId' | 'setup' | 'errors' | 'projector' | 'hidden' | 'story';

export type LabStore = SetupSlice & DisplaySlice & RunsSlice & HistorySlice & UploadsSlice;

/** What every slice is built from: the store's set/get and the worker session. */
export interface SliceContext {
  readonly set: (partial: Partial<LabStore>) => void;
  readonly get: () => LabStore;
  readonly session: WorkerSession;
}

/** Adds a message to the error list. */
export function fail(ctx: SliceContext, message: string): void {
  ctx.set({ errors: [...ctx.get().errors, message] });
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function updateRun(ctx: SliceContext, runId: string, f: (r: RunState) => RunState): void {
  const run = ctx.get().runs[runId];
  if (run) ctx.set({ runs: { ...ctx.get().runs, [runId]: f(run) } });
}
