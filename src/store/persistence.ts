import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import { z } from 'zod';
import { parseExperiment, type ExperimentConfig } from '../engine/experiment/schema';
import {
  avatarTerm,
  ceTerm,
  dflTerm,
  featureShares,
  featureTerm,
  logitTerm,
  ofaBranchTerm,
  type LossTerm,
} from '../engine/lossTerms';
import { parseJsonFile } from './parseJsonFile';
import { downsample, type RunState } from './runState';

/**
 * IndexedDB persistence (idb-keyval): the current setup and every run's config, metric history
 * and summary, saved while it runs. Quota errors are reported as such so the UI can offer to
 * delete the oldest runs.
 */
export class StorageFullError extends Error {
  constructor() {
    super('Browser storage is full: delete some saved runs to keep saving.');
    this.name = 'StorageFullError';
  }
}

let db: UseStore | null = null;
function store(): UseStore {
  db ??= createStore('distill-lab', 'kv');
  return db;
}

async function put(key: string, value: unknown): Promise<void> {
  try {
    await set(key, value, store());
  } catch (e) {
    if (
      e instanceof DOMException &&
      (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED')
    )
      throw new StorageFullError();
    throw e;
  }
}

export interface HistoryEntry {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly label: string;
  readonly steps: number;
  readonly finished: boolean;
}

const historySchema = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    createdAt: z.string(),
    label: z.string(),
    steps: z.number(),
    finished: z.boolean(),
  }),
);

const lossTermSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('feature'), teacher: z.string(), key: z.string(), label: z.string() }),
  z.object({ kind: z.literal('avatar'), teacher: z.string(), key: z.string(), label: z.string() }),
  z.object({
    kind: z.literal('logit'),
    method: z.enum(['kd', 'ls-kd', 'ofa']),
    key: z.string(),
    label: z.string(),
  }),
  z.object({
    kind: z.literal('ofa-branch'),
    stage: z.number(),
    key: z.string(),
    label: z.string(),
  }),
  z.object({ kind: z.literal('ce'), key: z.string(), label: z.string() }),
  z.object({ kind: z.literal('dfl'), key: z.string(), label: z.string() }),
]);

const runRecordBase = {
  id: z.string(),
  label: z.string(),
  config: z.unknown(),
  teachers: z.array(z.unknown()),
  evals: z.array(z.unknown()),
  dfl: z.array(z.unknown()),
  summary: z.unknown().nullable(),
};

/** Version 1 records named their loss terms by strings ("feature:cnn"); read once, then saved as v2. */
function termFromKey(key: string): LossTerm {
  const [kind = '', rest = ''] = key.split(/:(.*)/s);
  if (kind === 'feature') return featureTerm(rest);
  if (kind === 'avatar') return avatarTerm(rest);
  if (kind === 'logit' && (rest === 'kd' || rest === 'ls-kd' || rest === 'ofa'))
    return logitTerm(rest);
  if (kind === 'ofa') return ofaBranchTerm(Number(rest.replace('branch', '')) || 0);
  if (kind === 'dfl') return dflTerm();
  return ceTerm();
}

const v1Run = z.object({
  ...runRecordBase,
  termIds: z.array(z.string()),
  points: z.array(
    z.object({
      step: z.number(),
      terms: z.array(z.number()),
      total: z.number(),
      samplesPerSecond: z.number(),
    }),
  ),
});
const v2Run = z.object({
  ...runRecordBase,
  terms: z.array(lossTermSchema),
  points: z.array(
    z.object({
      step: z.number(),
      terms: z.array(z.number()),
      shares: z.array(z.number()),
      total: z.number(),
      samplesPerSecond: z.number(),
    }),
  ),
});

export const savedRunSchema = z.union([
  z.object({
    format: z.literal('distill-lab-run'),
    version: z.literal(2),
    entry: historySchema.element,
    run: v2Run,
  }),
  z
    .object({
      format: z.literal('distill-lab-run'),
      version: z.literal(1),
      entry: historySchema.element,
      run: v1Run,
    })
    .transform(({ entry, run: { termIds, points, ...rest } }) => {
      const terms = termIds.map(termFromKey);
      return {
        format: 'distill-lab-run' as const,
        version: 2 as const,
        entry,
        run: {
          ...rest,
          terms,
          points: points.map((p) => ({ ...p, shares: featureShares(terms, p.terms) })),
        },
      };
    }),
]);
export type SavedRun = z.infer<typeof savedRunSchema>;

export async function loadSavedSetup(): Promise<ExperimentConfig | null> {
  const raw: unknown = await get('setup', store());
  if (raw === undefined) return null;
  try {
    return parseExperiment(raw);
  } catch {
    return null;
  }
}

export async function saveSetup(config: ExperimentConfig): Promise<void> {
  await put('setup', config);
}

export async function loadHistory(): Promise<HistoryEntry[]> {
  const raw: unknown = await get('history', store());
  const r = historySchema.safeParse(raw ?? []);
  return r.success ? r.data : [];
}

/** Saves (or updates) a run: its entry in the history list and its record. */
export async function saveRun(
  run: RunState,
  createdAt: string,
  name?: string,
): Promise<HistoryEntry[]> {
  const history = await loadHistory();
  const old = history.find((h) => h.id === run.id);
  const entry: HistoryEntry = {
    id: run.id,
    name: name ?? old?.name ?? `${run.config.name} · ${run.label}`,
    createdAt: old?.createdAt ?? createdAt,
    label: run.label,
    steps: run.points.at(-1)?.step ?? 0,
    finished: run.summary !== null,
  };
  const record: SavedRun = {
    format: 'distill-lab-run',
    version: 2,
    entry,
    run: {
      id: run.id,
      label: run.label,
      config: run.config,
      teachers: [...run.teachers],
      terms: [...run.terms],
      points: downsample(run.points, 500),
      evals: [...run.evals],
      dfl: [...run.dfl],
      summary: run.summary,
    },
  };
  await put(`run:${run.id}`, record);
  const next = [entry, ...history.filter((h) => h.id !== run.id)];
  await put('history', next);
  return next;
}

export async function loadRun(id: string): Promise<SavedRun | null> {
  const r = savedRunSchema.safeParse(await get(`run:${id}`, store()));
  return r.success ? r.data : null;
}

export async function renameRun(id: string, name: string): Promise<HistoryEntry[]> {
  const history = (await loadHistory()).map((h) => (h.id === id ? { ...h, name } : h));
  await put('history', history);
  const rec = await loadRun(id);
  if (rec) await put(`run:${id}`, { ...rec, entry: { ...rec.entry, name } });
  return history;
}

export async function deleteRun(id: string): Promise<HistoryEntry[]> {
  const history = (await loadHistory()).filter((h) => h.id !== id);
  await del(`run:${id}`, store());
  await put('history', history);
  return history;
}

/** Parses an exported run file; throws naming what is wrong. */
export function parseSavedRun(text: string): SavedRun {
  const run = parseJsonFile(text, savedRunSchema, 'run');
  parseExperiment(run.run.config);
  return run;
}
