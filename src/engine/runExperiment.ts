import { loadDataset, type PublicFileReader } from '../data/loadDataset';
import type { BackendInfo } from './backend/backendKinds';
import type { LiveKnobs } from './liveKnobs';
import type { EmitFn, RunSummary, TeacherInfo } from './events';
import { teacherStats } from './activationStats';
import { parseExperiment, type ExperimentConfig } from './experiment/schema';
import type { OutputStore } from './outputStore';
import {
  buildTeacherCache,
  StoppedError,
  type TeacherCache,
  type TeacherSource,
} from './teacherCache';
import { zooSources, type ZooSources } from './teacherSources';
import { createTrainer, type Checkpoint, type Trainer } from './trainer';

export interface RunOptions {
  /** Reads the app's public files (datasets, teacher zoo): fetch in the browser, fs in Node. */
  readonly read: PublicFileReader;
  readonly emit: EmitFn;
  readonly signal?: AbortSignal;
  /** Awaited before every lockstep round: resolves when the run may go on (pause / step n). */
  /** Live knobs waiting for a run, taken right before its next step (`step` = that step). */
  readonly takeKnobs?: (runId: string, step: number) => readonly LiveKnobs[];
  /** Before it holds the run (pause), the gate calls `beforeWait`: pending steps are read back first, so a pause shows every step. */
  readonly gate?: (beforeWait: () => Promise<void>) => Promise<void>;
  readonly backend?: BackendInfo | null;
  readonly runIds?: readonly string[];
  readonly onStatus?: (message: string) => void;
  /** Resume these runs (by run id) from their checkpoints. */
  readonly resume?: ReadonlyMap<string, Checkpoint>;
  /** Resumed runs start from another run's checkpoint with a new setting (a fork): weights that match are taken. */
  readonly fork?: boolean;
  /** Save a checkpoint of every run every N steps (after a readback), and when stopped mid-run (a fork continues from it). */
  readonly checkpointEvery?: number;
  readonly onCheckpoint?: (runId: string, ckpt: Checkpoint) => Promise<void>;
  /** Teachers beyond the zoo (uploaded tf.js models), by id. */
  readonly extraTeachers?: ReadonlyMap<string, TeacherSource & { readonly name: string }>;
  /** Keeps teacher outputs between runs (IndexedDB in the worker); none: computed every run. */
  readonly outputStore?: OutputStore | null;
}

/**
 * Runs one experiment end to end (DESIGN §5): load data and teachers, cache teacher outputs once,
 * fit normalizers, train the student, emit metrics, return the summary. Free of DOM: the worker,
 * the CLI, tests and benchmarks all call this.
 */
export async function runExperiment(input: unknown, opts: RunOptions): Promise<RunSummary> {
  const [summary] = await runLockstep([input], opts);
  if (!summary) throw new Error('runExperiment: no summary');
  return summary;
}

/** A stopped run's weights at the step it reached, so "fork from here" can continue from them. */
async function checkpointStopped(trainers: readonly Trainer[], opts: RunOptions): Promise<void> {
  if (!opts.onCheckpoint || (opts.checkpointEvery ?? 0) <= 0) return;
  for (const t of trainers) {
    if (t.stepsDone() === 0 || t.stepsDone() >= t.config.steps) continue;
    if (await t.readback()) await opts.onCheckpoint(t.runId, await t.checkpoint());
  }
}

function sharedKey(c: ExperimentConfig): string {
  return JSON.stringify([c.dataset, c.trainSubset, c.evalSubset]);
}

/**
 * Runs several experiments in lockstep (round-robin, one step each per round) on one shared
 * teacher cache, so overlaid curves grow together and comparisons are fair (DESIGN §5).
 */
export async function runLockstep(
  inputs: readonly unknown[],
  opts: RunOptions,
): Promise<RunSummary[]> {
  const configs = inputs.map((i) => parseExperiment(i));
  const first = configs[0];
  if (!first) throw new Error('runLockstep: no experiments');
  for (const c of configs) {
    if (sharedKey(c) !== sharedKey(first))
      throw new Error('Lockstep runs must share dataset, trainSubset and evalSubset');
  }
  const status = opts.onStatus ?? (() => undefined);
  status(`loading ${first.dataset}`);
  const dataset = await loadDataset(first.dataset, opts.read);
  const teacherIds = [...new Set(configs.flatMap((c) => c.teachers.map((t) => t.id)))];
  let zoo: ZooSources | null = null;
  let cache: TeacherCache | null = null;
  const trainers: Trainer[] = [];
  try {
    zoo = await zooSources(
      first.dataset,
      teacherIds.filter((id) => !opts.extraTeachers?.has(id)),
      opts.read,
      status,
    );
    status('caching teacher outputs');
    cache = await buildTeacherCache(
      dataset,
      teacherSources(teacherIds, zoo, opts),
      first.trainSubset,
      first.evalSubset,
      {
        signal: opts.signal,
        store: opts.outputStore ?? null,
        backend: opts.backend?.name ?? '',
        onProgress: status,
      },
    );
    zoo.dispose();
    startTrainers(configs, cache, zoo.entries, opts, trainers);
    return await trainInLockstep(trainers, configs, cache, opts);
  } catch (e) {
    // Stop during set-up (caching, statistics): nothing ran, nothing to report
    if (e instanceof StoppedError) return [];
    throw e;
  } finally {
    for (const t of trainers) t.dispose();
    zoo?.dispose();
    cache?.dispose();
  }
}

function teacherSources(
  teacherIds: readonly string[],
  zoo: ZooSources,
  opts: RunOptions,
): Map<string, TeacherSource> {
  const sources = new Map<string, TeacherSource>();
  for (const id of teacherIds) {
    const source = opts.extraTeachers?.get(id) ?? zoo.sources.get(id);
    if (source) sources.set(id, source);
  }
  return sources;
}

type ZooEntries = ZooSources['entries'];

/**
 * One trainer per config, each announced with a `started` event; pushed into `into` as made,
 * so the caller disposes those already made when a later one fails or the run is stopped.
 */
function startTrainers(
  configs: readonly ExperimentConfig[],
  cache: TeacherCache,
  entries: ZooEntries,
  opts: RunOptions,
  into: Trainer[],
): void {
  const teacherName = (id: string): string =>
    entries.get(id)?.name ?? opts.extraTeachers?.get(id)?.name ?? id;
  configs.forEach((cfg, i) => {
    if (opts.signal?.aborted === true) throw new StoppedError();
    const runId = opts.runIds?.[i] ?? `run-${i + 1}`;
    const trainer = createTrainer(runId, cfg, cache, opts.emit, teacherName);
    into.push(trainer);
    opts.emit({
      type: 'started',
      runId,
      config: cfg,
      teachers: cfg.teachers.map((t) => teacherInfo(t, entries, opts)),
      terms: [...trainer.terms],
      backend: opts.backend ?? null,
      cacheMs: cache.buildMs,
    });
  });
}

function teacherInfo(
  t: ExperimentConfig['teachers'][number],
  entries: ZooEntries,
  opts: RunOptions,
): TeacherInfo {
  const e = entries.get(t.id);
  const extra = opts.extraTeachers?.get(t.id);
  return {
    id: t.id,
    name: e?.name ?? extra?.name ?? t.id,
    arch: e?.spec.arch ?? (extra ? 'uploaded' : '?'),
    featureDim: e?.featureDim ?? extra?.featureDim ?? 0,
    parameters: e?.parameters ?? 0,
    testAccuracy: e?.testAccuracy ?? Number.NaN,
    featureScale: t.featureScale,
    weight: t.weight,
  };
}

/** Statistics views wait until the first step is on screen: the charts need them, Run → first point does not. */
function emitTeacherStats(
  trainers: readonly Trainer[],
  cache: TeacherCache,
  opts: RunOptions,
): void {
  for (const trainer of trainers) {
    if (opts.signal?.aborted === true) return;
    opts.emit({
      type: 'teacherStats',
      runId: trainer.runId,
      stats: trainer.slots.map((s) =>
        teacherStats(
          s.id,
          s.cached.trainFeaturesHost,
          s.scale,
          s.cached.featureDim,
          cache.trainSplit.labels,
          s.normalizer.params,
          s.cached.moments,
        ),
      ),
    });
  }
}

/** The rounds (one step of every live run each), then a final evaluation and summary per run. */
async function trainInLockstep(
  trainers: readonly Trainer[],
  configs: readonly ExperimentConfig[],
  cache: TeacherCache,
  opts: RunOptions,
): Promise<RunSummary[]> {
  let startStep = 0;
  if (opts.resume) {
    for (const t of trainers) {
      const ckpt = opts.resume.get(t.runId);
      if (ckpt) await t.restore(ckpt, opts.fork === true);
    }
    startStep = Math.min(...trainers.map((t) => t.stepsDone()));
  }
  const started = performance.now();
  const maxSteps = Math.max(...configs.map((cfg) => cfg.steps));
  const aborted = (): boolean => opts.signal?.aborted === true;
  for (let step = startStep; step < maxSteps; step++) {
    if (aborted()) break;
    if (opts.gate)
      await opts.gate(async () => {
        for (const t of trainers) await t.readback();
      });
    if (aborted()) break;
    for (const [i, t] of trainers.entries()) {
      const cfg = configs[i];
      if (!cfg || step >= cfg.steps || t.diverged() || t.stepsDone() > step) continue;
      await stepOnce(t, cfg, step, step === startStep, opts);
    }
    if (step === startStep) emitTeacherStats(trainers, cache, opts);
    if (trainers.every((t) => t.diverged())) break;
  }
  if (aborted()) await checkpointStopped(trainers, opts);
  if (maxSteps <= startStep) emitTeacherStats(trainers, cache, opts);
  const wall = (performance.now() - started) / 1000;
  const summaries: RunSummary[] = [];
  for (const t of trainers) {
    await t.readback();
    if (!t.diverged()) await t.evaluate();
    const s = t.summary(wall);
    summaries.push(s);
    opts.emit({ type: 'done', runId: t.runId, summary: s });
  }
  return summaries;
}

/** One run's step of a round: live knobs, the step, and the checkpoint / evaluation it is due. */
async function stepOnce(
  t: Trainer,
  cfg: ExperimentConfig,
  step: number,
  firstRound: boolean,
  opts: RunOptions,
): Promise<void> {
  for (const k of opts.takeKnobs?.(t.runId, t.stepsDone()) ?? []) t.applyKnobs(k);
  await t.step();
  if (firstRound) await t.readback();
  const every = opts.checkpointEvery ?? 0;
  if (every > 0 && opts.onCheckpoint && (step + 1) % every === 0 && step + 1 < cfg.steps) {
    if (await t.readback()) await opts.onCheckpoint(t.runId, await t.checkpoint());
  }
  if ((step + 1) % cfg.evalEvery === 0 && step + 1 < cfg.steps) {
    await t.readback();
    if (!t.diverged()) await t.evaluate();
  }
}
