import { createStore, type UseStore } from 'idb-keyval';

/**
 * Read-decide-write in ONE IndexedDB transaction. IndexedDB serializes readwrite transactions on
 * a store across tabs, so a change computed here from what it read can never be overwritten by
 * another tab's stale copy, and a tab closed mid-write leaves the previous, complete state.
 */
export class StorageFullError extends Error {
  constructor() {
    super('Browser storage is full: delete some saved runs to keep saving.');
    this.name = 'StorageFullError';
  }
}

let db: UseStore | null = null;
export function kvStore(): UseStore {
  db ??= createStore('distill-lab', 'kv');
  return db;
}

export interface Writes<T> {
  readonly puts?: readonly (readonly [string, unknown])[];
  readonly dels?: readonly string[];
  readonly result: T;
}

function storageError(e: DOMException | null): Error {
  if (e !== null && (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED'))
    return new StorageFullError();
  return e ?? new Error('the browser storage transaction was aborted');
}

/** Reads `keys`, then applies what `decide` returns; all of it commits or none does. */
export function atomically<T>(
  keys: readonly string[],
  decide: (values: ReadonlyMap<string, unknown>) => Writes<T>,
): Promise<T> {
  return kvStore()('readwrite', (os) => {
    const tx = os.transaction;
    return new Promise<T>((resolve, reject) => {
      const values = new Map<string, unknown>();
      let result: { value: T } | null = null;
      tx.oncomplete = () => {
        if (result !== null) resolve(result.value);
      };
      tx.onerror = () => reject(storageError(tx.error));
      tx.onabort = () => reject(storageError(tx.error));
      const apply = (): void => {
        try {
          const w = decide(values);
          for (const [k, v] of w.puts ?? []) os.put(v, k);
          for (const k of w.dels ?? []) os.delete(k);
          result = { value: w.result };
        } catch (e) {
          tx.abort();
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      };
      let left = keys.length;
      if (left === 0) apply();
      for (const k of keys) {
        const r = os.get(k);
        r.onsuccess = () => {
          values.set(k, r.result);
          left -= 1;
          if (left === 0) apply();
        };
      }
    });
  });
}

/** Reads `first`, then the keys `more(first)` names, in one readonly transaction (a consistent snapshot). */
export function readTwoStep(
  first: string,
  more: (value: unknown) => readonly string[],
): Promise<{ first: unknown; rest: unknown[] }> {
  return kvStore()('readonly', (os) => {
    const tx = os.transaction;
    return new Promise((resolve, reject) => {
      tx.onerror = () => reject(storageError(tx.error));
      const r = os.get(first);
      r.onsuccess = () => {
        const keys = more(r.result);
        const rest: unknown[] = new Array<unknown>(keys.length);
        let left = keys.length;
        if (left === 0) resolve({ first: r.result, rest });
        keys.forEach((k, i) => {
          const q = os.get(k);
          q.onsuccess = () => {
            rest[i] = q.result;
            left -= 1;
            if (left === 0) resolve({ first: r.result, rest });
          };
        });
      };
    });
  });
}
