import { useState } from 'react';
import { useHistory, useLabActions, useSetup } from '../../store/hooks';
import { loadRun } from '../../store/persistence';
import { downloadBlob } from '../compare/download';
import { Panel } from './controls';
import { ExportTorchButton } from './ExportTorchButton';
import { JsonFileInput } from './JsonFileInput';
import { RunFileInput } from './RunFileInput';

type HistoryEntry = ReturnType<typeof useHistory>['history'][number];

function exportSavedRun(h: HistoryEntry): void {
  void loadRun(h.id).then((rec) => {
    if (rec)
      downloadBlob(
        new Blob([JSON.stringify(rec, null, 2)], { type: 'application/json' }),
        `${h.name.replace(/[^\w.-]+/g, '_')}.json`,
      );
  });
}

/** One saved run: its name (or the rename form) and its actions. */
function HistoryItem({
  h,
  parentName,
  editing,
  onEditing,
}: {
  readonly h: HistoryEntry;
  /** The name of the run this one was forked from (null: not a fork). */
  readonly parentName: string | null;
  readonly editing: boolean;
  readonly onEditing: (on: boolean) => void;
}) {
  const { openSavedRun, resumeSavedRun, renameSavedRun, deleteSavedRun } = useLabActions();
  const [name, setName] = useState('');
  return (
    <li>
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            renameSavedRun(h.id, name.trim() || h.name);
            onEditing(false);
          }}
        >
          <input
            aria-label={`New name for ${h.name}`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoFocus
          />
          <button type="submit">Save</button>
        </form>
      ) : (
        <span className="history-name" title={h.createdAt}>
          {h.name}{' '}
          <small>({h.finished ? `${h.steps + 1} steps` : `stopped at ${h.steps + 1}`})</small>
          {h.parent && (
            <small className="history-parent" data-testid={`fork-of-${h.id}`}>
              {' '}
              ⑂ forked at step {h.parent.step} from {parentName ?? 'a deleted run'}
            </small>
          )}
        </span>
      )}
      <span className="history-actions">
        <button type="button" onClick={() => openSavedRun(h.id)} aria-label={`Open ${h.name}`}>
          Open
        </button>
        {!h.finished && (
          <button
            type="button"
            onClick={() => resumeSavedRun(h.id)}
            aria-label={`Resume ${h.name}`}
          >
            Resume
          </button>
        )}
        <button
          type="button"
          onClick={() => {
            onEditing(true);
            setName(h.name);
          }}
          aria-label={`Rename ${h.name}`}
        >
          Rename
        </button>
        <button type="button" aria-label={`Export ${h.name}`} onClick={() => exportSavedRun(h)}>
          Export
        </button>
        <button type="button" onClick={() => deleteSavedRun(h.id)} aria-label={`Delete ${h.name}`}>
          Delete
        </button>
      </span>
    </li>
  );
}

/** Saved runs (IndexedDB): reopen, rename, delete, export and import. */
export function HistoryPanel({ hidden }: { readonly hidden: boolean }) {
  const { history, storageFull } = useHistory();
  const { deleteOldestRuns, importExperimentFile } = useLabActions();
  const setup = useSetup();
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <Panel id="history" title="History" hidden={hidden}>
      {storageFull && (
        <p role="alert">
          Browser storage is full.{' '}
          <button type="button" onClick={() => deleteOldestRuns(5)}>
            Delete the 5 oldest runs
          </button>
        </p>
      )}
      {history.length === 0 && <p className="hint">Runs are saved here as they train.</p>}
      <ul className="history" aria-label="Saved runs">
        {history.map((h) => (
          <HistoryItem
            key={h.id}
            h={h}
            parentName={
              h.parent ? (history.find((p) => p.id === h.parent?.runId)?.name ?? null) : null
            }
            editing={editing === h.id}
            onEditing={(on) => setEditing(on ? h.id : null)}
          />
        ))}
      </ul>
      <div className="history-actions">
        <button
          type="button"
          onClick={() =>
            downloadBlob(
              new Blob([JSON.stringify(setup, null, 2)], { type: 'application/json' }),
              'distill-lab-experiment.json',
            )
          }
        >
          Export experiment
        </button>
        <ExportTorchButton />
      </div>
      <JsonFileInput label="Import an experiment" kind="experiment" onText={importExperimentFile} />
      <RunFileInput />
    </Panel>
  );
}
