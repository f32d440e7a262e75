import { loadDataset, type PublicFileReader } from '../../data/loadDataset';
import { predictAll } from '../../models/evaluate';
import { loadZooManifest, loadZooTeacher } from '../../models/loadTeacher';
import type { Network } from '../../models/network';
import type { ZooEntry } from '../../models/zoo';
import { parseExperiment, type ExperimentConfig } from '../experiment/schema';
import type { LossTerm } from '../lossTerms';
import { buildTeacherCache, type TeacherCache, type TeacherSource } from '../teacherCache';
import { createTrainer } from '../trainer';
import { dflHoldout, labBatchOrder } from './batchOrder';
import { encodeNpy, encodeNpz, type NpyArray } from './npy';
import { torchState } from './torchKeys';

export interface ExportOptions {
  readonly read: PublicFileReader;
  /** The recipe's own files (Python package, train.py, README) by path inside the recipe. */
  readonly sources: ReadonlyMap<string, string>;
  /** Uploaded teachers: their cached features are exported; weights are not (swap in a module). */
  readonly extraTeachers?: ReadonlyMap<string, TeacherSource & { readonly name: string }>;
  readonly onStatus?: (message: string) => void;
  /** A teacher cache already built for this experiment's data (the caller keeps and disposes it). */
  readonly cache?: TeacherCache;
}

/** At most this many batch indices are exported; the recipe replays the same seeded order beyond. */
const MAX_BATCH_INDICES = 1_500_000;

const f32 = (shape: number[], data: Float32Array): NpyArray => ({ dtype: 'float32', shape, data });

/**
 * Builds a self-contained PyTorch recipe for an experiment (issue 17): experiment.json, train.py,
 * the distill_lab_torch package, and lab/ — the lab's train/eval data, the cached teacher features
 * and logits, the zoo teachers converted to PyTorch state dicts, the student's initial weights and
 * the batch order, so the recipe on the lab's data reproduces the lab's run.
 * Returns the files by path; the CLI writes them, the UI zips them.
 */
export async function buildTorchRecipe(
  input: unknown,
  opts: ExportOptions,
): Promise<Map<string, Uint8Array>> {
  const cfg = parseExperiment(input);
  const status = opts.onStatus ?? (() => undefined);
  const files = new Map<string, Uint8Array>();
  const text = (path: string, s: string): void => {
    files.set(path, new TextEncoder().encode(s));
  };
  for (const [path, src] of opts.sources) text(path, src);
  text('experiment.json', JSON.stringify(cfg, null, 2) + '\n');
  status(`loading ${cfg.dataset}`);
  const dataset = await loadDataset(cfg.dataset, opts.read);
  const { networks, entries } = await loadZoo(cfg, opts, status);
  let owned: TeacherCache | null = null;
  try {
    const sources = new Map<string, TeacherSource>();
    for (const t of cfg.teachers) {
      const net = networks.get(t.id);
      const extra = opts.extraTeachers?.get(t.id);
      if (net)
        sources.set(t.id, {
          featureDim: net.spec.featureDim,
          numClasses: net.spec.numClasses,
          predictAll: (split) => predictAll(net, split),
        });
      else if (extra) sources.set(t.id, extra);
    }
    status('caching teacher outputs');
    const cache =
      opts.cache ??
      (owned = await buildTeacherCache(dataset, sources, cfg.trainSubset, cfg.evalSubset));
    const teachers = await teacherFiles(cfg, cache, networks, entries, files);
    status('exporting the student');
    const student = await studentFiles(cfg, cache, files);
    const holdout = dflHoldout(cfg.dfl.enabled, cache.trainCount);
    const rows = Math.min(cfg.steps, Math.max(1, Math.floor(MAX_BATCH_INDICES / cfg.batchSize)));
    files.set(
      'lab/batches.npy',
      encodeNpy({
        dtype: 'int32',
        shape: [rows, cfg.batchSize],
        data: labBatchOrder(cfg.seed, cache.trainCount - holdout, cfg.batchSize, rows),
      }),
    );
    files.set('lab/data.npz', dataFile(cache));
    const [h, w, c] = dataset.inputShape;
    const manifest = {
      format: 'distill-lab-torch-bundle',
      version: 1,
      dataset: {
        id: dataset.id,
        inputShape: [h, w, c],
        classNames: [...dataset.classNames],
        trainCount: cache.trainCount,
        evalCount: cache.evalCount,
      },
      student,
      teachers,
      terms: student.terms,
      holdout,
      data: 'data.npz',
      features: 'features.npz',
      batches: 'batches.npy',
    };
    text('lab/manifest.json', JSON.stringify(manifest, null, 2) + '\n');
    return files;
  } finally {
    for (const n of networks.values()) n.dispose();
    owned?.dispose();
  }
}

async function loadZoo(
  cfg: ExperimentConfig,
  opts: ExportOptions,
  status: (m: string) => void,
): Promise<{ networks: Map<string, Network>; entries: Map<string, ZooEntry> }> {
  const networks = new Map<string, Network>();
  const entries = new Map<string, ZooEntry>();
  const zooIds = cfg.teachers.map((t) => t.id).filter((id) => !opts.extraTeachers?.has(id));
  if (zooIds.length === 0) return { networks, entries };
  if (cfg.dataset !== 'mnist' && cfg.dataset !== 'fashion-mnist')
    throw new Error(`no teacher zoo for ${cfg.dataset}: use mnist or fashion-mnist`);
  const manifest = await loadZooManifest(cfg.dataset, opts.read);
  try {
    for (const id of zooIds) {
      const entry = manifest.teachers.find((t) => t.id === id);
      if (!entry)
        throw new Error(
          `teacher "${id}" is not in the ${cfg.dataset} zoo (${manifest.teachers.map((t) => t.id).join(', ')})`,
        );
      status(`loading teacher ${id}`);
      entries.set(id, entry);
      networks.set(id, await loadZooTeacher(cfg.dataset, entry, opts.read));
    }
  } catch (e) {
    for (const n of networks.values()) n.dispose();
    throw e;
  }
  return { networks, entries };
}

/** Cached features/logits of every teacher, and each zoo teacher as a PyTorch state dict. */
async function teacherFiles(
  cfg: ExperimentConfig,
  cache: TeacherCache,
  networks: Map<string, Network>,
  entries: Map<string, ZooEntry>,
  files: Map<string, Uint8Array>,
): Promise<unknown[]> {
  const features = new Map<string, NpyArray>();
  const out: unknown[] = [];
  for (const t of cfg.teachers) {
    const c = cache.teachers.get(t.id);
    if (!c) throw new Error(`teacher ${t.id} is not in the cache`);
    features.set(
      `${t.id}/train_features`,
      f32([cache.trainCount, c.featureDim], c.trainFeaturesHost),
    );
    features.set(`${t.id}/eval_features`, f32([cache.evalCount, c.featureDim], c.evalFeaturesHost));
    if (c.trainLogits && c.evalLogits) {
      features.set(
        `${t.id}/train_logits`,
        f32([...c.trainLogits.shape], (await c.trainLogits.data()) as Float32Array),
      );
      features.set(
        `${t.id}/eval_logits`,
        f32([...c.evalLogits.shape], (await c.evalLogits.data()) as Float32Array),
      );
    }
    const net = networks.get(t.id);
    const entry = entries.get(t.id);
    let weights: string | null = null;
    if (net) {
      const params: [string, { shape: number[]; data: Float32Array }][] = [];
      for (const e of net.params.entries)
        params.push([
          e.name,
          { shape: [...e.variable.shape], data: (await e.variable.data()) as Float32Array },
        ]);
      weights = `teachers/${t.id}.npz`;
      files.set(`lab/${weights}`, encodeNpz(torchState(params)));
    }
    out.push({
      id: t.id,
      name: entry?.name ?? t.id,
      featureDim: c.featureDim,
      numClasses: c.trainLogits?.shape[1] ?? null,
      spec: net ? net.spec : null,
      parameters: entry?.parameters ?? 0,
      testAccuracy: entry?.testAccuracy ?? null,
      weights,
    });
  }
  files.set('lab/features.npz', encodeNpz(features));
  return out;
}

/** The student's and heads' initial weights, taken from a lab trainer (same seed, same init). */
async function studentFiles(
  cfg: ExperimentConfig,
  cache: TeacherCache,
  files: Map<string, Uint8Array>,
): Promise<{ spec: unknown; init: string; terms: LossTerm[] }> {
  const trainer = createTrainer('export', cfg, cache, () => undefined);
  try {
    const ckpt = await trainer.checkpoint();
    files.set('lab/student_init.npz', encodeNpz(torchState(Object.entries(ckpt.variables))));
    return { spec: trainer.student.spec, init: 'student_init.npz', terms: [...trainer.terms] };
  } finally {
    trainer.dispose();
  }
}

function dataFile(cache: TeacherCache): Uint8Array {
  const [h, w, c] = cache.dataset.inputShape;
  const arrays = new Map<string, NpyArray>([
    ['train_x', f32([cache.trainCount, h, w, c], cache.trainSplit.inputs)],
    ['train_y', { dtype: 'uint8', shape: [cache.trainCount], data: cache.trainSplit.labels }],
    ['eval_x', f32([cache.evalCount, h, w, c], cache.evalSplit.inputs)],
    ['eval_y', { dtype: 'uint8', shape: [cache.evalCount], data: cache.evalSplit.labels }],
  ]);
  return encodeNpz(arrays);
}
