import { useState } from 'react';
import { useLabActions } from '../../store/hooks';
import { MAX_RUN_FILE_BYTES } from '../../store/runFile';
import { importRunInWorker } from '../../store/runImportClient';

/**
 * "Import a run": the file is read in a worker as a stream (the page stays responsive, memory
 * stays bounded), its long series thinned to what a chart draws; the progress shows meanwhile.
 */
export function RunFileInput() {
  const { showImportedRun, reportError } = useLabActions();
  const [progress, setProgress] = useState<number | null>(null);
  const capMb = Math.round(MAX_RUN_FILE_BYTES / 1024 / 1024);
  return (
    <label className="field">
      Import a run (JSON or JSON lines, up to {capMb} MB; long series are thinned to 500 points)
      <input
        type="file"
        accept=".json,.jsonl,application/json"
        aria-label="Import a run"
        disabled={progress !== null}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (!f) return;
          setProgress(0);
          importRunInWorker(f, setProgress)
            .then(showImportedRun, (err: unknown) => {
              reportError(`Import failed: ${err instanceof Error ? err.message : String(err)}`);
            })
            .finally(() => {
              setProgress(null);
            });
        }}
      />
      {progress !== null && (
        <span role="status" data-testid="run-import-progress">
          reading {Math.round(progress * 100)}%
        </span>
      )}
    </label>
  );
}
