import { loadDataset, type PublicFileReader } from '../data/loadDataset';
import { loadZooManifest, loadZooTeacher } from '../models/loadTeacher';
import { predictAll } from '../models/evaluate';
import type { Network } from '../models/network';
import type { ZooEntry } from '../models/zoo';
import type { BackendInfo } from './backend/backendKinds';
import type { LiveKnobs } from './liveKnobs';
import type { EmitFn, RunSummary, TeacherInfo } from './events';
import { teacherStats } from './activationStats';
import { parseExperiment, type ExperimentConfig } from './experiment/schema';
import { buildTeacherCache, type TeacherCache, type TeacherSource } from './teacherCache';
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
  /** Save a checkpoint of every run every N steps (after a flush). */
  readonly checkpointEvery?: number;
  readonly onCheckpoint?: (runId: string, ckpt: Checkpoint) => Promise<void>;
  /** Teachers beyond the zoo (uploaded tf.js models), by id. */
  readonly extraTeachers?: ReadonlyMap<string, TeacherSource & { readonly name: string }>;
}

function networkSource(net: Network): TeacherSource {
  return {
    featureDim: net.spec.featureDim,
    numClasses: net.spec.numClasses,
    predictAll: (split) => predictAll(net, split),
  };
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
  const ids = configs.map((_, i) => opts.runIds?.[i] ?? `run-${i + 1}`);
  const status = opts.onStatus ?? (() => undefined);
  status(`loading ${first.dataset}`);
  const dataset = await loadDataset(first.dataset, opts.read);
  const teacherIds = [...new Set(configs.flatMap((c) => c.teachers.map((t) => t.id)))];
  const networks = new Map<string, Network>();
  const entries = new Map<string, ZooEntry>();
  let cache: TeacherCache | null = null;
  const trainers: Trainer[] = [];
  try {
    const zooIds = teacherIds.filter((id) => !opts.extraTeachers?.has(id));
    if (zooIds.length > 0) {
      if (first.dataset !== 'mnist' && first.dataset !== 'fashion-mnist')
        throw new Error(`no teacher zoo for ${first.dataset}: use mnist or fashion-mnist`);
      const manifest = await loadZooManifest(first.dataset, opts.read);
      for (const id of zooIds) {
        const entry = manifest.teachers.find((t) => t.id === id);
        if (!entry)
          throw new Error(
            `teacher "${id}" is not in the ${first.dataset} zoo (${manifest.teachers.map((t) => t.id).join(', ')})`,
          );
        status(`loading teacher ${id}`);
        entries.set(id, entry);
        networks.set(id, await loadZooTeacher(first.dataset, entry, opts.read));
      }
    }
    status('caching teacher outputs');
    const sources = new Map<string, TeacherSource>();
    for (const id of teacherIds) {
      const extra = opts.extraTeachers?.get(id);
      const net = networks.get(id);
      if (extra) sources.set(id, extra);
      else if (net) sources.set(id, networkSource(net));
    }
    cache = await buildTeacherCache(
      dataset,
      sources,
      first.trainSubset,
      first.evalSubset,
      (d, n) => {
        status(`caching teacher outputs ${d}/${n}`);
      },
    );
    for (const n of networks.values()) n.dispose();
    networks.clear();
    const c = cache;
    const teacherName = (id: string): string =>
      entries.get(id)?.name ?? opts.extraTeachers?.get(id)?.name ?? id;
    configs.forEach((cfg, i) => {
      const runId = ids[i] ?? `run-${i + 1}`;
      const trainer = createTrainer(runId, cfg, c, opts.emit, teacherName);
      trainers.push(trainer);
      const teachers: TeacherInfo[] = cfg.teachers.map((t) => {
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
      });
      opts.emit({
        type: 'started',
        runId,
        config: cfg,
        teachers,
        terms: [...trainer.terms],
        backend: opts.backend ?? null,
        cacheMs: c.buildMs,
      });
      opts.emit({
        type: 'teacherStats',
        runId,
        stats: trainer.slots.map((s) =>
          teacherStats(
            s.id,
            s.cached.trainFeaturesHost,
            s.scale,
            s.cached.featureDim,
            c.trainSplit.labels,
            s.normalizer.params,
            s.cached.moments,
          ),
        ),
      });
    });
    let startStep = 0;
    if (opts.resume) {
      for (const t of trainers) {
        const ckpt = opts.resume.get(t.runId);
        if (ckpt) await t.restore(ckpt);
      }
      startStep = Math.min(...trainers.map((t) => t.stepsDone()));
    }
    const started = performance.now();
    const maxSteps = Math.max(...configs.map((cfg) => cfg.steps));
    for (let step = startStep; step < maxSteps; step++) {
      const aborted = (): boolean => opts.signal?.aborted === true;
      if (aborted()) break;
      if (opts.gate)
        await opts.gate(async () => {
          for (const t of trainers) await t.readback();
        });
      if (aborted()) break;
      for (const [i, t] of trainers.entries()) {
        const cfg = configs[i];
        if (!cfg || step >= cfg.steps || t.diverged() || t.stepsDone() > step) continue;
        for (const k of opts.takeKnobs?.(t.runId, t.stepsDone()) ?? []) t.applyKnobs(k);
        await t.step();
        const every = opts.checkpointEvery ?? 0;
        if (every > 0 && opts.onCheckpoint && (step + 1) % every === 0 && step + 1 < cfg.steps) {
          if (await t.readback()) await opts.onCheckpoint(t.runId, await t.checkpoint());
        }
        if ((step + 1) % cfg.evalEvery === 0 && step + 1 < cfg.steps) {
          await t.readback();
          if (!t.diverged()) await t.evaluate();
        }
      }
      if (trainers.every((t) => t.diverged())) break;
    }
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
  } finally {
    for (const t of trainers) t.dispose();
    for (const n of networks.values()) n.dispose();
    cache?.dispose();
  }
}
