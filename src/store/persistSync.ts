import { useLabStore } from './labStore';
import { loadHistory, loadSavedSetup, saveRun, saveSetup, StorageFullError } from './persistence';

/**
 * Wires the store to IndexedDB: restores the saved setup (unless the URL carries one) and the
 * run history, saves the setup when it changes and every run at each evaluation and at its end.
 */
export function installPersistence(setupFromUrl: boolean): void {
  if (typeof indexedDB === 'undefined') return;
  const report = (e: unknown): void => {
    const s = useLabStore.getState();
    if (e instanceof StorageFullError)
      useLabStore.setState({ storageFull: true, errors: [...s.errors, e.message] });
    else console.warn('Could not save to browser storage:', e);
  };
  void loadHistory().then((history) => {
    useLabStore.setState({ history });
  }, report);
  if (!setupFromUrl) {
    void loadSavedSetup().then((setup) => {
      if (setup) useLabStore.setState({ setup, presetId: null });
    }, report);
  }
  let setupTimer: ReturnType<typeof setTimeout> | null = null;
  const saved = new Map<string, string>();
  const createdAt = new Map<string, string>();
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
      const key = `${run.evals.length}/${run.summary === null ? 0 : 1}/${ckpt}`;
      if (saved.get(id) === key || (run.evals.length === 0 && run.summary === null && ckpt === 0))
        continue;
      saved.set(id, key);
      if (!createdAt.has(id)) createdAt.set(id, new Date().toISOString());
      saveRun(run, createdAt.get(id) ?? new Date().toISOString()).then((history) => {
        useLabStore.setState({ history });
      }, report);
    }
  });
}
