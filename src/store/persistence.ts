import { get, set } from 'idb-keyval';
import { z } from 'zod';
import { parseExperiment, type ExperimentConfig } from '../engine/experiment/schema';
import { atomically, kvStore, readTwoStep, StorageFullError } from './idbTx';
import {
  historyEntrySchema,
  runFileV2Schema,
  savedRunSchema,
  thin,
  type HistoryEntry,
  type SavedRun,
} from './runFile';
import type { RunState } from './runState';

export { StorageFullError } from './idbTx';
export { parseSavedRun, savedRunSchema, type HistoryEntry, type SavedRun } from './runFile';

/**
 * IndexedDB persistence: the current setup, the history list and every run's record. Every
 * change to the history and a run record is one transaction that reads what it changes (so two
 * tabs never lose each other's renames or entries); the list carries a version bumped on each
 * write. A run's evaluations are stored in chunks that are appended, never rewritten whole.
 */
const EVAL_CHUNK = 50;
/** Points kept in a saved record (the chart's resolution). */
const SAVED_POINTS = 500;

const storedHistorySchema = z.object({
  version: z.number().int(),
  entries: z.array(historyEntrySchema),
});
type StoredHistory = z.infer<typeof storedHistorySchema>;

/** The stored record: a v2 run file without its evaluations (they live in chunks), plus bookkeeping. */
const storedRunSchema = runFileV2Schema.extend({
  rev: z.number().int(),
  evalCount: z.number().int().min(0),
  lastEvalStep: z.number().nullable(),
});

function readHistory(raw: unknown): StoredHistory {
  const v2 = storedHistorySchema.safeParse(raw);
  if (v2.success) return v2.data;
  const v1 = z.array(historyEntrySchema).safeParse(raw ?? []);
  return { version: 0, entries: v1.success ? v1.data : [] };
}

const runKey = (id: string): string => `run:${id}`;
const chunkKey = (id: string, k: number): string => `evals:${id}:${k}`;
const chunkKeys = (id: string, from: number, count: number): string[] =>
  Array.from({ length: Math.max(0, Math.ceil(count / EVAL_CHUNK) - from) }, (_, i) =>
    chunkKey(id, from + i),
  );

async function put(key: string, value: unknown): Promise<void> {
  try {
    await set(key, value, kvStore());
  } catch (e) {
    if (
      e instanceof DOMException &&
      (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED')
    )
      throw new StorageFullError();
    throw e;
  }
}

export async function loadSavedSetup(): Promise<ExperimentConfig | null> {
  const raw: unknown = await get('setup', kvStore());
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
  return readHistory(await get('history', kvStore())).entries;
}

function historyWrite(h: StoredHistory, entries: HistoryEntry[]): readonly [string, unknown] {
  return ['history', { version: h.version + 1, entries } satisfies StoredHistory];
}

/**
 * Saves (or updates) a run: its history entry, its record and the evaluation chunks it does not
 * have yet. A finished record is never replaced by an unfinished one (a late, stale save).
 */
export function saveRun(run: RunState, createdAt: string): Promise<HistoryEntry[]> {
  return atomically(['history', runKey(run.id)], (values) => {
    const history = readHistory(values.get('history'));
    const oldParsed = storedRunSchema.safeParse(values.get(runKey(run.id)));
    const old = oldParsed.success ? oldParsed.data : null;
    const prev = history.entries.find((h) => h.id === run.id);
    const finished = run.summary !== null;
    if (old?.entry.finished === true && !finished) return { result: history.entries };
    const entry: HistoryEntry = {
      id: run.id,
      name: prev?.name ?? old?.entry.name ?? `${run.config.name} · ${run.label}`,
      createdAt: prev?.createdAt ?? createdAt,
      label: run.label,
      steps: run.points.at(-1)?.step ?? 0,
      finished,
      ...(run.parent ? { parent: run.parent } : {}),
    };
    // append: keep the stored chunks that still match (same count-1'th step), write from the last partial chunk on
    const n = run.evals.length;
    const matches =
      old !== null &&
      old.evalCount <= n &&
      (old.evalCount === 0 || run.evals[old.evalCount - 1]?.step === old.lastEvalStep);
    const fromChunk = matches ? Math.floor(old.evalCount / EVAL_CHUNK) : 0;
    const puts: (readonly [string, unknown])[] = [];
    for (let k = fromChunk; k * EVAL_CHUNK < n; k++)
      puts.push([chunkKey(run.id, k), run.evals.slice(k * EVAL_CHUNK, (k + 1) * EVAL_CHUNK)]);
    const dels = old === null ? [] : chunkKeys(run.id, Math.ceil(n / EVAL_CHUNK), old.evalCount);
    const record = {
      format: 'distill-lab-run',
      version: 2,
      rev: (old?.rev ?? 0) + 1,
      evalCount: n,
      lastEvalStep: run.evals.at(-1)?.step ?? null,
      entry,
      run: {
        id: run.id,
        label: run.label,
        config: run.config,
        teachers: [...run.teachers],
        terms: [...run.terms],
        points: thin(run.points, SAVED_POINTS),
        evals: [],
        dfl: [...run.dfl],
        summary: run.summary,
      },
    };
    const entries = [entry, ...history.entries.filter((h) => h.id !== run.id)];
    puts.push([runKey(run.id), record], historyWrite(history, entries));
    return { puts, dels, result: entries };
  });
}

/** A saved run with all its evaluations (the exported file's format), or null if missing/damaged. */
export async function loadRun(id: string): Promise<SavedRun | null> {
  const { first, rest } = await readTwoStep(runKey(id), (raw) => {
    const r = storedRunSchema.safeParse(raw);
    return r.success ? chunkKeys(id, 0, r.data.evalCount) : [];
  });
  const stored = storedRunSchema.safeParse(first);
  if (stored.success) {
    const { format, entry, run, evalCount } = stored.data;
    const evals = rest.flatMap((c) => (Array.isArray(c) ? (c as unknown[]) : []));
    const r = runFileV2Schema.safeParse({ format, version: 2, entry, run: { ...run, evals } });
    return r.success && r.data.run.evals.length === evalCount ? r.data : null;
  }
  // records saved before evaluations were chunked (v2 whole, or v1 migrated on load)
  const whole = savedRunSchema.safeParse(first);
  return whole.success ? (whole.data as SavedRun) : null;
}

export function renameRun(id: string, name: string): Promise<HistoryEntry[]> {
  return atomically(['history', runKey(id)], (values) => {
    const history = readHistory(values.get('history'));
    const entries = history.entries.map((h) => (h.id === id ? { ...h, name } : h));
    const rec = values.get(runKey(id));
    const puts: (readonly [string, unknown])[] = [historyWrite(history, entries)];
    if (typeof rec === 'object' && rec !== null && 'entry' in rec && typeof rec.entry === 'object')
      puts.push([runKey(id), { ...rec, entry: { ...rec.entry, name } }]);
    return { puts, result: entries };
  });
}

export function deleteRun(id: string): Promise<HistoryEntry[]> {
  return atomically(['history', runKey(id)], (values) => {
    const history = readHistory(values.get('history'));
    const entries = history.entries.filter((h) => h.id !== id);
    const rec = storedRunSchema.safeParse(values.get(runKey(id)));
    const dels = [runKey(id), ...(rec.success ? chunkKeys(id, 0, rec.data.evalCount) : [])];
    return { puts: [historyWrite(history, entries)], dels, result: entries };
  });
}
