import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { OutputStore, StoredOutputs } from '../outputStore';

/**
 * Teacher outputs in their own IndexedDB database. At most MAX_ENTRIES are kept, the least
 * recently used go first (the default experiment needs 6 entries, ~7 MB). An index record holds
 * when each entry was last used, so eviction never reads the outputs themselves.
 */
const MAX_ENTRIES = 40;
const INDEX = 'index';

let db: UseStore | null = null;
function store(): UseStore {
  db ??= createStore('distill-lab-teacher-outputs', 'kv');
  return db;
}

async function touch(key: string): Promise<void> {
  const index = new Map(Object.entries((await get<Record<string, number>>(INDEX, store())) ?? {}));
  index.set(key, Date.now());
  const old = [...index.entries()]
    .sort((a, b) => a[1] - b[1])
    .slice(0, Math.max(0, index.size - MAX_ENTRIES));
  for (const [k] of old) {
    index.delete(k);
    await del(`out:${k}`, store());
  }
  await set(INDEX, Object.fromEntries(index), store());
}

export const idbOutputStore: OutputStore = {
  async get(key) {
    const value = await get<StoredOutputs>(`out:${key}`, store());
    if (value) touch(key).catch(() => undefined);
    return value;
  },
  async set(key, value) {
    await set(`out:${key}`, value, store());
    await touch(key);
  },
};
