import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { Checkpoint } from '../trainer';

/** Checkpoints live in their own IndexedDB database, written by the worker every N steps. */
let db: UseStore | null = null;
function store(): UseStore {
  db ??= createStore('distill-lab-checkpoints', 'kv');
  return db;
}

export async function saveCheckpoint(runId: string, ckpt: Checkpoint): Promise<void> {
  await set(runId, ckpt, store());
}

export async function loadCheckpoint(runId: string): Promise<Checkpoint | null> {
  const c = await get<Checkpoint>(runId, store());
  return c ?? null;
}

export async function deleteCheckpoint(runId: string): Promise<void> {
  await del(runId, store());
}
