import { parseExperiment } from '../engine/experiment/schema';
import { parseCompareFile } from './compareResults';
import { notifyHistoryChanged } from './historyChannel';
import { errorText, fail, type HistorySlice, type SliceContext } from './labTypes';
import { deleteRun, loadRun, parseSavedRun, renameRun, type SavedRun } from './persistence';
import { isRunLog, parseRunLog } from './runLog';
import { emptyRun, type RunState } from './runState';
import { uploadsMissing } from './runsSlice';

/** Shows a saved run as the current (finished) run; nothing else changes. */
function showSaved(ctx: SliceContext, rec: SavedRun): void {
  const config = parseExperiment(rec.run.config);
  const run: RunState = {
    ...emptyRun(rec.run.id, rec.run.label, config),
    ...(rec.run as unknown as Partial<RunState>),
    config,
  };
  ctx.set({ runs: { [run.id]: run }, runOrder: [run.id], job: null, imported: null });
}

/** Shows the saved run and continues it from its last checkpoint in a new job. */
function resumeSaved(ctx: SliceContext, rec: SavedRun): void {
  showSaved(ctx, rec);
  const config = parseExperiment(rec.run.config);
  if (uploadsMissing(ctx, config)) return;
  // a tab closed mid-save: the record may end before the newest checkpoint
  const before = { [rec.run.id]: (rec.run.points.at(-1)?.step ?? -1) + 1 };
  const { jobId } = ctx.session.start([config], ctx.get().backendChoice, [rec.run.id], before);
  ctx.set({ job: { id: jobId, status: 'loading', message: 'resuming from the last checkpoint' } });
}

/** Deletes the `count` oldest saved runs, one after another. */
function deleteOldest(ctx: SliceContext, count: number): void {
  const oldest = [...ctx.get().history]
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .slice(0, count);
  oldest
    .reduce<Promise<unknown>>((p, h) => p.then(() => deleteRun(h.id)), Promise.resolve())
    .then(
      () => {
        const history = ctx.get().history.filter((h) => !oldest.some((o) => o.id === h.id));
        ctx.set({ history, storageFull: false });
        notifyHistoryChanged();
      },
      (e: unknown) => {
        fail(ctx, String(e));
      },
    );
}

/** A saved-run JSON or a JSON-lines event log (e.g. from the PyTorch recipe), charted like any run. */
function importRunFile(ctx: SliceContext, text: string): void {
  try {
    if (isRunLog(text)) {
      const run = parseRunLog(text, ctx.session.importedRunId());
      ctx.set({ runs: { [run.id]: run }, runOrder: [run.id], job: null, imported: null });
      return;
    }
    showSaved(ctx, parseSavedRun(text));
  } catch (e) {
    fail(ctx, `Import failed: ${errorText(e)}`);
  }
}

/** Saved runs (IndexedDB) and files opened instead of a live run. */
export function historySlice(ctx: SliceContext): HistorySlice {
  const { set, get } = ctx;
  const missing = (id: string): void => {
    fail(ctx, `The saved run ${id} is missing or damaged.`);
  };
  const report = (e: unknown): void => {
    fail(ctx, String(e));
  };
  const withRun = (id: string, f: (rec: SavedRun) => void): void => {
    loadRun(id).then((rec) => {
      if (rec) f(rec);
      else missing(id);
    }, report);
  };
  const historyChanged = (
    history: HistorySlice['history'],
    extra: Partial<HistorySlice> = {},
  ): void => {
    set({ history, ...extra });
    notifyHistoryChanged();
  };
  return {
    history: [],
    storageFull: false,
    imported: null,
    openSavedRun: (id) => {
      withRun(id, (rec) => {
        showSaved(ctx, rec);
      });
    },
    resumeSavedRun: (id) => {
      get().connect();
      withRun(id, (rec) => {
        resumeSaved(ctx, rec);
      });
    },
    renameSavedRun: (id, name) => {
      renameRun(id, name).then((history) => {
        historyChanged(history);
      }, report);
    },
    deleteSavedRun: (id) => {
      deleteRun(id).then((history) => {
        historyChanged(history, { storageFull: false });
      }, report);
    },
    deleteOldestRuns: (count) => {
      deleteOldest(ctx, count);
    },
    importRunFile: (text) => {
      importRunFile(ctx, text);
    },
    showImportedRun: (r) => {
      if (r.kind === 'saved') showSaved(ctx, r.rec);
      else
        ctx.set({ runs: { [r.run.id]: r.run }, runOrder: [r.run.id], job: null, imported: null });
    },
    importCompare: (text) => {
      try {
        set({ imported: parseCompareFile(text) });
      } catch (e) {
        fail(ctx, `Import failed: ${errorText(e)}`);
      }
    },
    clearImport: () => {
      set({ imported: null });
    },
  };
}
