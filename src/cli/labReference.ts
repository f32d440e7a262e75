import { loadDataset } from '../data/loadDataset';
import { nodePublicReader } from '../data/nodePublicReader';
import type { RunEvent, StepPoint } from '../engine/events';
import type { ExperimentConfig } from '../engine/experiment/schema';
import { buildTeacherCache, type TeacherCache, type TeacherSource } from '../engine/teacherCache';
import { createTrainer } from '../engine/trainer';
import { predictAll } from '../models/evaluate';
import { loadZooManifest, loadZooTeacher } from '../models/loadTeacher';

/** The teacher cache of a zoo-teacher experiment, built on the active backend (the caller disposes it). */
export async function zooTeacherCache(cfg: ExperimentConfig): Promise<TeacherCache> {
  const read = nodePublicReader();
  const dataset = await loadDataset(cfg.dataset, read);
  const manifest = await loadZooManifest(cfg.dataset, read);
  const sources = new Map<string, TeacherSource>();
  const nets = [];
  try {
    for (const t of cfg.teachers) {
      const entry = manifest.teachers.find((e) => e.id === t.id);
      if (!entry) throw new Error(`teacher ${t.id} is not in the zoo`);
      const net = await loadZooTeacher(cfg.dataset, entry, read);
      nets.push(net);
      sources.set(t.id, {
        featureDim: net.spec.featureDim,
        numClasses: net.spec.numClasses,
        predictAll: (split) => predictAll(net, split),
      });
    }
    return await buildTeacherCache(dataset, sources, cfg.trainSubset, cfg.evalSubset);
  } finally {
    for (const n of nets) n.dispose();
  }
}

/** The lab engine's own training steps on a cache, on the active backend: per-step points and term keys. */
export async function labSteps(
  cfg: ExperimentConfig,
  cache: TeacherCache,
): Promise<{ termKeys: string[]; points: StepPoint[] }> {
  const points: StepPoint[] = [];
  const emit = (e: RunEvent): void => {
    if (e.type === 'steps') points.push(...e.points);
  };
  const trainer = createTrainer('reference', cfg, cache, emit);
  try {
    for (let s = 0; s < cfg.steps; s++) await trainer.step();
    await trainer.readback();
    return { termKeys: trainer.terms.map((t) => t.key), points };
  } finally {
    trainer.dispose();
  }
}
