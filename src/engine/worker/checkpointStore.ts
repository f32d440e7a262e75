import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { Checkpoint } from '../trainer';

/** Checkpoints live in their own IndexedDB database, written by the worker every N steps. */
let db: UseStore | null = null;
function store(): UseStore {
  db ??= createStore('distill-lab-checkpoints', 'kv');
  return db;
}

/** The checkpoint before the newest is kept too: the run's saved record may lag the newest one. */
const previous = (runId: string): string => `${runId}#previous`;

export async function saveCheckpoint(runId: string, ckpt: Checkpoint): Promise<void> {
  const old = await get<Checkpoint>(runId, store());
  if (old !== undefined && old.step < ckpt.step) await set(previous(runId), old, store());
  await set(runId, ckpt, store());
}

/** The newest checkpoint at or before step `atMost` (any step when omitted). */
export async function loadCheckpoint(
  runId: string,
  atMost = Number.POSITIVE_INFINITY,
): Promise<Checkpoint | null> {
  for (const key of [runId, previous(runId)]) {
    const c = await get<Checkpoint>(key, store());
    if (c !== undefined && c.step <= atMost) return c;
  }
  return null;
}

export async function deleteCheckpoint(runId: string): Promise<void> {
  await del(runId, store());
  await del(previous(runId), store());
}
