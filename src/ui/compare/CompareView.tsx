import { compareFile, compareRows, rowsToCsv, type CompareRow } from '../../store/compareResults';
import { useImported, useLabActions, useRuns } from '../../store/hooks';
import type { RunState } from '../../store/runState';
import { CompareCharts } from './CompareCharts';
import { downloadBlob } from './download';
import { ResultsTable } from './ResultsTable';

function exportJson(rows: readonly CompareRow[], runs: readonly RunState[]): void {
  downloadBlob(
    new Blob([JSON.stringify(compareFile(rows, runs), null, 2)], { type: 'application/json' }),
    'distill-lab-comparison.json',
  );
}

/** Compare mode: overlaid charts, small multiples and the results table with exports. */
export function CompareView() {
  const runs = useRuns();
  const imported = useImported();
  const { clearImport } = useLabActions();
  const rows = imported ? imported.rows : compareRows(runs);
  return (
    <>
      <section className="chart-card wide" aria-label="Comparison table">
        <h2>
          Results{' '}
          {imported
            ? `(imported, ${imported.createdAt})`
            : `(${runs.length} runs in lockstep, one teacher cache)`}
          <span className="export-buttons">
            <button
              type="button"
              disabled={rows.length === 0}
              onClick={() =>
                downloadBlob(
                  new Blob([rowsToCsv(rows)], { type: 'text/csv' }),
                  'distill-lab-comparison.csv',
                )
              }
            >
              Export CSV
            </button>
            <button
              type="button"
              disabled={rows.length === 0}
              onClick={() => exportJson(rows, imported ? [] : runs)}
            >
              Export JSON
            </button>
            {imported && (
              <button type="button" onClick={clearImport}>
                Close import
              </button>
            )}
          </span>
        </h2>
        {rows.length === 0 ? (
          <p className="empty">The table fills in when the runs finish.</p>
        ) : (
          <ResultsTable
            rows={rows}
            features={
              imported !== null ||
              runs.some((r) => r.config.feature.enabled && r.config.teachers.length > 0)
            }
          />
        )}
      </section>
      {!imported && <CompareCharts runs={runs} />}
    </>
  );
}
