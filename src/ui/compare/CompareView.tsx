import { useRef } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  compareFile,
  compareRows,
  rowsToCsv,
  runBalanceSeries,
  type CompareRow,
} from '../../store/compareResults';
import { useImported, useLabActions, useRuns } from '../../store/hooks';
import type { RunState } from '../../store/runState';
import { variantColor } from '../charts/colors';
import { downloadBlob, downloadChartPng, downloadChartSvg } from './download';
import { ResultsTable } from './ResultsTable';

function ExportButtons({
  target,
  name,
}: {
  readonly target: React.RefObject<HTMLDivElement | null>;
  readonly name: string;
}) {
  return (
    <span className="export-buttons">
      <button type="button" onClick={() => void downloadChartPng(target.current, `${name}.png`)}>
        PNG
      </button>
      <button type="button" onClick={() => downloadChartSvg(target.current, `${name}.svg`)}>
        SVG
      </button>
    </span>
  );
}

/** One line per variant (first seed), all runs on the same steps: they grew in lockstep. */
function Overlay({
  runs,
  title,
  testId,
  value,
  yLabel,
}: {
  readonly runs: readonly RunState[];
  readonly title: string;
  readonly testId: string;
  readonly value: (r: RunState) => { x: number; y: number }[];
  readonly yLabel?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const labels = [...new Set(runs.map((r) => r.label))];
  const series = labels.map((label) => ({
    label,
    data: value(runs.find((r) => r.label === label) as RunState),
  }));
  const points = series.reduce((s, x) => s + x.data.length, 0);
  return (
    <section className="chart-card" aria-label={title}>
      <h2>
        {title} <ExportButtons target={ref} name={testId} />
      </h2>
      <div
        ref={ref}
        className="chart-body"
        data-testid={testId}
        data-series={series.filter((s) => s.data.length > 0).length}
        data-points={points}
      >
        <ResponsiveContainer width="100%" height={220}>
          <LineChart>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="x"
              type="number"
              domain={['dataMin', 'dataMax']}
              allowDuplicatedCategory={false}
            />
            <YAxis
              domain={['auto', 'auto']}
              label={yLabel ? { value: yLabel, angle: -90, position: 'insideLeft' } : undefined}
              tickFormatter={(v: number) => v.toPrecision(2)}
            />
            <Tooltip formatter={(v) => (typeof v === 'number' ? v.toPrecision(4) : String(v))} />
            <Legend />
            {series.map((s, i) => (
              <Line
                key={s.label}
                data={s.data}
                dataKey="y"
                name={s.label}
                stroke={variantColor(i)}
                dot={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </section>
  );
}

/** Small multiples: each variant's per-dimension variance after its normalization, one teacher. */
function SmallMultiples({ runs }: { readonly runs: readonly RunState[] }) {
  const labels = [...new Set(runs.map((r) => r.label))];
  const first = labels
    .map((l) => runs.find((r) => r.label === l))
    .filter((r): r is RunState => r !== undefined);
  const teacherIds = first[0]?.teacherStats.map((t) => t.id) ?? [];
  return (
    <section className="chart-card wide" aria-label="Normalized variance profiles">
      <h2>Per-dimension variance after each normalization</h2>
      <div
        className="multiples"
        data-testid="small-multiples"
        data-points={first.reduce((s, r) => s + r.teacherStats.length, 0)}
      >
        {teacherIds.map((tid) => (
          <div key={tid} className="multiples-row">
            <span className="multiples-teacher">{tid}</span>
            {first.map((r, i) => {
              const v = r.teacherStats.find((t) => t.id === tid)?.normalized.perDimVariance ?? [];
              return (
                <figure key={r.id}>
                  <figcaption style={{ color: variantColor(i) }}>{r.label}</figcaption>
                  <ResponsiveContainer width="100%" height={70}>
                    <BarChart data={v.map((value, dim) => ({ dim, value }))}>
                      <XAxis dataKey="dim" hide />
                      <YAxis hide domain={[0, 'auto']} />
                      <Bar dataKey="value" fill={variantColor(i)} isAnimationActive={false} />
                    </BarChart>
                  </ResponsiveContainer>
                </figure>
              );
            })}
          </div>
        ))}
      </div>
    </section>
  );
}

function exportJson(rows: readonly CompareRow[], runs: readonly RunState[]): void {
  downloadBlob(
    new Blob([JSON.stringify(compareFile(rows, runs), null, 2)], { type: 'application/json' }),
    'distill-lab-comparison.json',
  );
}

type Imported = ReturnType<typeof useImported>;

/** The results table with its exports (live runs, or an imported comparison). */
function ResultsSection({
  runs,
  imported,
  rows,
}: {
  readonly runs: readonly RunState[];
  readonly imported: Imported;
  readonly rows: readonly CompareRow[];
}) {
  const { clearImport } = useLabActions();
  return (
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
        <ResultsTable rows={rows} />
      )}
    </section>
  );
}

/** The live runs overlaid: loss, balance, kNN accuracy, worst-teacher FVU. */
function Overlays({ runs }: { readonly runs: readonly RunState[] }) {
  return (
    <>
      <Overlay
        runs={runs}
        title="Total loss"
        testId="compare-loss"
        value={(r) =>
          r.points.filter((p) => p.step % 2 === 0).map((p) => ({ x: p.step, y: p.total }))
        }
      />
      <Overlay
        runs={runs}
        title="Balance index (max / min share, 50-step window)"
        testId="compare-balance"
        value={runBalanceSeries}
      />
      <Overlay
        runs={runs}
        title="kNN accuracy of student features"
        testId="compare-knn"
        value={(r) =>
          r.evals.flatMap((e) => (e.knnAccuracy === null ? [] : [{ x: e.step, y: e.knnAccuracy }]))
        }
      />
      <Overlay
        runs={runs}
        title="Worst-teacher FVU (fraction of variance unexplained)"
        testId="compare-error"
        value={(r) =>
          r.evals.map((e) => ({ x: e.step, y: Math.max(...e.perTeacher.map((p) => p.fvu)) }))
        }
      />
    </>
  );
}

/** Compare mode: overlaid charts, small multiples and the results table with exports. */
export function CompareView() {
  const runs = useRuns();
  const imported = useImported();
  const rows = imported ? imported.rows : compareRows(runs);
  return (
    <>
      <ResultsSection runs={runs} imported={imported} rows={rows} />
      {!imported && (
        <>
          <Overlays runs={runs} />
          <SmallMultiples runs={runs} />
        </>
      )}
    </>
  );
}
