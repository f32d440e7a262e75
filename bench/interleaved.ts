import * as tf from '@tensorflow/tfjs';
import { loadDataset } from '../src/data/loadDataset';
import { nodePublicReader } from '../src/data/nodePublicReader';
import type { ExperimentConfig } from '../src/engine/experiment/schema';
import { buildTeacherCache, type TeacherCache } from '../src/engine/teacherCache';
import { zooSources } from '../src/engine/teacherSources';
import { createTrainer, type Trainer } from '../src/engine/trainer';

/**
 * Step times taken in alternation (distill step, plain step, 512² matmul, distill, plain, …) so
 * that other work on a shared machine slows all of them alike: their ratios hold up under load,
 * where back-to-back measurements (one config after the other) do not. Each timed step is one
 * optimization step plus its readback (as the PyTorch peer reads its loss every step).
 */
export interface InterleavedResult {
  /** Median ms per step, by config label. */
  readonly msPerStep: Record<string, number>;
  /** Median ms of one 512² matmul with readback, timed in the same rounds. */
  readonly matmulMs: number;
  readonly rounds: number;
}

const read = nodePublicReader();

async function trainerFor(
  cfg: ExperimentConfig,
): Promise<{ trainer: Trainer; cache: TeacherCache }> {
  const dataset = await loadDataset(cfg.dataset, read);
  const zoo = await zooSources(
    cfg.dataset,
    cfg.teachers.map((t) => t.id),
    read,
    () => undefined,
  );
  const cache = await buildTeacherCache(dataset, zoo.sources, cfg.trainSubset, cfg.evalSubset);
  zoo.dispose();
  const trainer = createTrainer(
    'i',
    { ...cfg, readbackEvery: 1000, steps: 1_000_000 },
    cache,
    () => undefined,
  );
  return { trainer, cache };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

/** Trainers (and their teacher caches) built once, measured in alternation as often as wanted. */
export interface InterleavedSession {
  measure(rounds: number, warmup?: number): Promise<InterleavedResult>;
  close(): void;
}

export async function openInterleaved(
  configs: readonly { label: string; cfg: ExperimentConfig }[],
): Promise<InterleavedSession> {
  const runs: { label: string; trainer: Trainer; cache: TeacherCache }[] = [];
  for (const c of configs) runs.push({ label: c.label, ...(await trainerFor(c.cfg)) });
  const a = tf.randomNormal([512, 512]);
  const b = tf.randomNormal([512, 512]);
  const measure = async (rounds: number, warmup = 20): Promise<InterleavedResult> => {
    const times = new Map<string, number[]>(configs.map((c) => [c.label, []]));
    const mm: number[] = [];
    for (let r = 0; r < warmup + rounds; r++) {
      for (const run of runs) {
        const t0 = performance.now();
        await run.trainer.step();
        await run.trainer.readback();
        if (r >= warmup) times.get(run.label)?.push(performance.now() - t0);
      }
      const t0 = performance.now();
      const c = tf.matMul(a, b);
      await c.data();
      c.dispose();
      if (r >= warmup) mm.push(performance.now() - t0);
    }
    return {
      msPerStep: Object.fromEntries([...times].map(([k, v]) => [k, median(v)])),
      matmulMs: median(mm),
      rounds,
    };
  };
  return {
    measure,
    close: () => {
      for (const run of runs) {
        run.trainer.dispose();
        run.cache.dispose();
      }
      tf.dispose([a, b]);
    },
  };
}

export async function interleavedSteps(
  configs: readonly { label: string; cfg: ExperimentConfig }[],
  rounds: number,
  warmup = 20,
): Promise<InterleavedResult> {
  const session = await openInterleaved(configs);
  try {
    return await session.measure(rounds, warmup);
  } finally {
    session.close();
  }
}
