import type { BackendChoice } from '../backend/backendKinds';
import type { ExperimentConfig } from '../experiment/schema';
import type { FromWorker, TeacherFile, ToWorker } from './protocol';

/** What the session needs of a worker: LabWorkerClient in the page, a fake in tests. */
export interface WorkerPort {
  send: (message: ToWorker) => void;
  /** Replaces the worker (backend switch, a stop it did not answer). */
  restart: (backend: BackendChoice) => void;
}

export type SpawnWorker = (
  onMessage: (m: FromWorker) => void,
  backend: BackendChoice,
) => WorkerPort;

export interface UploadRegistration {
  readonly name: string;
  readonly files: readonly TeacherFile[];
  readonly featureOutput: string;
  readonly inputShape: readonly [number, number, number];
}

/** A stop the worker did not answer (busy in one long kernel) restarts it after this long. */
export const STOP_GRACE_MS = 3000;

/**
 * The page's side of the training worker, in one place: it owns the worker, mints every job id,
 * keeps the uploaded teachers' files to register again in a fresh worker, and holds the recovery
 * rules — a lost GPU device moves the unfinished runs to WASM and resumes them from their
 * checkpoints, a crashed worker gets the uploads back, and a stop the worker does not answer
 * restarts it. It keeps no UI state: the store asks and is told.
 */
export class WorkerSession {
  private port: WorkerPort | null = null;
  private jobCounter = 0;
  private readonly uploads = new Map<string, UploadRegistration>();
  /** Runs to continue from their checkpoints once the restarted worker has a backend. */
  private pendingResume: { runIds: string[]; configs: ExperimentConfig[] } | null = null;
  private stopTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly spawn: SpawnWorker,
    private readonly onMessage: (m: FromWorker) => void,
    private readonly now: () => number = Date.now,
  ) {}

  get connected(): boolean {
    return this.port !== null;
  }

  /** Starts the worker once (later calls do nothing). */
  connect(backend: BackendChoice): void {
    this.port ??= this.spawn(this.onMessage, backend);
  }

  /** A new backend: a fresh worker, or the first one. */
  switchBackend(backend: BackendChoice): void {
    if (this.port === null) this.connect(backend);
    else this.port.restart(backend);
  }

  /** Ids stay unique across reloads: they key the saved history and checkpoints. */
  private mintJobId(): string {
    this.jobCounter += 1;
    return `${this.now().toString(36)}-${this.jobCounter}`;
  }

  /**
   * Starts a job of fresh runs (or, with `resumeRunIds`, continues those runs from their
   * checkpoints) and returns its id and its runs' ids. Run ids are `<job>-run-<n>`.
   */
  start(
    configs: readonly ExperimentConfig[],
    backend: BackendChoice,
    resumeRunIds?: readonly string[],
  ): { jobId: string; runIds: string[] } {
    this.connect(backend);
    const jobId = this.mintJobId();
    const runIds = resumeRunIds
      ? [...resumeRunIds]
      : configs.map((_, i) => `${jobId}-run-${i + 1}`);
    this.port?.send({
      type: 'start',
      jobId,
      runIds,
      configs: configs.map((c) => ({ ...c, backend })),
      ...(resumeRunIds ? { resume: true } : {}),
    });
    return { jobId, runIds };
  }

  /** Id for a run that comes from a file, not from the worker. */
  importedRunId(): string {
    return `imported-${this.now().toString(36)}`;
  }

  send(message: ToWorker): void {
    this.port?.send(message);
  }

  /**
   * Stops the job. The worker checks the stop between steps and inside its setup loops; if the
   * job is still active after the grace period (one long kernel), the worker is replaced and
   * `onForced` runs so the page can give Run and the backend picker back.
   */
  stop(
    jobId: string,
    stillActive: () => boolean,
    backend: () => BackendChoice,
    onForced: () => void,
  ): void {
    this.send({ type: 'stop', jobId });
    if (this.stopTimer !== null) return;
    this.stopTimer = setTimeout(() => {
      this.stopTimer = null;
      if (!stillActive()) return;
      onForced();
      this.port?.restart(backend());
      this.registerUploads();
    }, STOP_GRACE_MS);
  }

  /** Remembers an uploaded teacher (its bytes stay here, out of the store) and loads it in the worker. */
  registerUpload(id: string, upload: UploadRegistration, backend: BackendChoice): void {
    this.connect(backend);
    this.uploads.set(id, upload);
    this.sendUpload(id, upload);
  }

  forgetUpload(id: string): void {
    this.uploads.delete(id);
  }

  private sendUpload(id: string, u: UploadRegistration): void {
    this.port?.send({
      type: 'registerTeacher',
      id,
      name: u.name,
      files: u.files.map((f) => ({ name: f.name, bytes: f.bytes })),
      featureOutput: u.featureOutput,
      inputShape: u.inputShape,
    });
  }

  private registerUploads(): void {
    for (const [id, u] of this.uploads) this.sendUpload(id, u);
  }

  /**
   * The device is gone: the unfinished runs continue on WASM from their checkpoints once the new
   * worker reports its backend.
   */
  deviceLost(unfinished: readonly { id: string; config: ExperimentConfig }[]): void {
    if (unfinished.length > 0)
      this.pendingResume = {
        runIds: unfinished.map((r) => r.id),
        configs: unfinished.map((r) => r.config),
      };
    this.switchBackend('wasm');
  }

  /** A backend is ready: resumes the runs a lost device left, if any (returns the new job id). */
  backendReady(backend: BackendChoice): string | null {
    const pending = this.pendingResume;
    if (pending === null) return null;
    this.pendingResume = null;
    return this.start(pending.configs, backend, pending.runIds).jobId;
  }

  /** The client already restarted a crashed worker: give it the uploaded teachers again. */
  crashed(): void {
    this.registerUploads();
  }
}
