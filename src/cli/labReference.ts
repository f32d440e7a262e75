import { loadDataset } from '../data/loadDataset';
import { nodePublicReader } from '../data/nodePublicReader';
import { selectNodeBackend, type NodeBackendName } from '../engine/backend/nodeBackend';
import type { RunEvent, StepPoint } from '../engine/events';
import type { ExperimentConfig } from '../engine/experiment/schema';
import { buildTeacherCache, type TeacherSource } from '../engine/teacherCache';
import { createTrainer } from '../engine/trainer';
import { predictAll } from '../models/evaluate';
import { loadZooManifest, loadZooTeacher } from '../models/loadTeacher';

/**
 * The lab engine's own run of a zoo-teacher experiment, step by step: the teacher cache is built on
 * `cacheBackend` (WASM: the CPU backend needs minutes for the conv teachers), training runs on
 * `trainBackend`. Returns the per-step points and the term ids.
 */
export async function labReferenceRun(cfg: ExperimentConfig, cacheBackend: NodeBackendName, trainBackend: NodeBackendName): Promise<{ termIds: string[]; points: StepPoint[] }> {
  const read = nodePublicReader();
  await selectNodeBackend(cacheBackend);
  const dataset = await loadDataset(cfg.dataset, read);
  const manifest = await loadZooManifest(cfg.dataset, read);
  const sources = new Map<string, TeacherSource>();
  const nets = [];
  for (const t of cfg.teachers) {
    const entry = manifest.teachers.find((e) => e.id === t.id);
    if (!entry) throw new Error(`teacher ${t.id} is not in the zoo`);
    const net = await loadZooTeacher(cfg.dataset, entry, read);
    nets.push(net);
    sources.set(t.id, { featureDim: net.spec.featureDim, numClasses: net.spec.numClasses, predictAll: (split) => predictAll(net, split) });
  }
  const cache = await buildTeacherCache(dataset, sources, cfg.trainSubset, cfg.evalSubset);
  for (const n of nets) n.dispose();
  await selectNodeBackend(trainBackend);
  const points: StepPoint[] = [];
  const emit = (e: RunEvent): void => {
    if (e.type === 'steps') points.push(...e.points);
  };
  const trainer = createTrainer('reference', cfg, cache, emit);
  try {
    for (let s = 0; s < cfg.steps; s++) await trainer.step();
    await trainer.flush();
    return { termIds: [...trainer.termIds], points };
  } finally {
    trainer.dispose();
    cache.dispose();
  }
}
