import { useLabStore } from './labStore';
import { loadHistory, loadSavedSetup, saveRun, saveSetup, StorageFullError } from './persistence';
import { notifyHistoryChanged, onHistoryChanged } from './historyChannel';
import { claimWithWebLocks, SaveQueue } from './saveQueue';

/**
 * Wires the store to IndexedDB: restores the saved setup (unless the URL carries one) and the
 * run history, saves the setup when it changes and every run at each evaluation, checkpoint and
 * at its end (through the save queue). Tabs tell each other when the history changed.
 */
let queue: SaveQueue | null = null;

/** Resolves when every save asked for so far has landed (tests, and "done means saved"). */
export function savesFlushed(): Promise<void> {
  return queue?.flushed() ?? Promise.resolve();
}

export function installPersistence(setupFromUrl: boolean): void {
  if (typeof indexedDB === 'undefined') return;
  const report = (e: unknown): void => {
    const s = useLabStore.getState();
    if (e instanceof StorageFullError) {
      if (!s.storageFull)
        useLabStore.setState({ storageFull: true, errors: [...s.errors, e.message] });
    } else console.warn('Could not save to browser storage:', e);
  };
  const refreshHistory = (): void => {
    void loadHistory().then((history) => {
      useLabStore.setState({ history });
    }, report);
  };
  onHistoryChanged(refreshHistory);
  refreshHistory();
  if (!setupFromUrl) {
    void loadSavedSetup().then((setup) => {
      if (setup) useLabStore.setState({ setup, presetId: null });
    }, report);
  }
  const q = new SaveQueue({
    save: saveRun,
    saved: (history) => {
      useLabStore.setState({ history });
      notifyHistoryChanged();
    },
    failed: report,
    claim: (id, released) =>
      claimWithWebLocks(id, released).then((owned) => {
        if (!owned)
          useLabStore.setState((s) => ({
            errors: [
              ...s.errors,
              `Run ${id} is being saved by another tab; this tab will not save it.`,
            ],
          }));
        return owned;
      }),
    now: () => new Date().toISOString(),
  });
  queue = q;
  let setupTimer: ReturnType<typeof setTimeout> | null = null;
  const saved = new Map<string, string>();
  useLabStore.subscribe((state, prev) => {
    if (state.setup !== prev.setup) {
      if (setupTimer !== null) clearTimeout(setupTimer);
      setupTimer = setTimeout(() => {
        saveSetup(state.setup).catch(report);
      }, 400);
    }
    if (state.runs === prev.runs && state.lastCheckpoint === prev.lastCheckpoint) return;
    for (const id of state.runOrder) {
      const run = state.runs[id];
      if (!run || run.config.steps === 0) continue;
      const ckpt = state.lastCheckpoint?.runId === id ? state.lastCheckpoint.step : 0;
      const key = `${run.evals.length}/${run.evals.at(-1)?.step ?? -1}/${run.summary === null ? 0 : 1}/${ckpt}`;
      if (saved.get(id) === key || (run.evals.length === 0 && run.summary === null && ckpt === 0))
        continue;
      saved.set(id, key);
      q.request(run);
    }
  });
}
