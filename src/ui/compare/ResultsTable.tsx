import { useState } from 'react';
import {
  formatStat,
  type CompareRow,
  type RunStatKey,
  type Stat,
} from '../../store/compareResults';
import { variantColor } from '../charts/colors';

type SortKey = 'label' | RunStatKey;
type Sort = { key: SortKey; dir: 1 | -1 };

/** The columns, with how to read them; every one is comparable across runs. */
const COLUMNS: {
  key: RunStatKey;
  title: string;
  tip: string;
  digits?: number;
  percent?: boolean;
}[] = [
  {
    key: 'worstFvu',
    title: 'worst FVU',
    tip: 'Fraction of variance unexplained of the worst-served teacher (lower is better; the default order).',
  },
  {
    key: 'meanFvu',
    title: 'mean FVU',
    tip: 'Mean over teachers of the fraction of variance unexplained.',
  },
  {
    key: 'worstWhitenedError',
    title: 'worst whitened',
    tip: 'Largest per-teacher MSE in the teacher’s ZCA-whitened space: do low-variance directions get learned?',
  },
  {
    key: 'meanCka',
    title: 'mean CKA',
    tip: 'Mean linear CKA between student and teacher features (higher is better).',
  },
  {
    key: 'knnAccuracy',
    title: 'kNN acc.',
    tip: 'k-nearest-neighbour accuracy of the student’s features on the test split.',
    percent: true,
  },
  {
    key: 'balanceIndex',
    title: 'balance index',
    tip: 'Max/min loss share over the last 100 steps. 1 is balanced — but a run that learns nothing is balanced too: read it with the FVU columns.',
    digits: 2,
  },
  {
    key: 'fvuSpread',
    title: 'FVU max/min',
    tip: 'How unequally the teachers are served (1 = equally).',
    digits: 2,
  },
  {
    key: 'testAccuracy',
    title: 'test acc.',
    tip: 'Accuracy of the student’s classifier head (runs with labels or logit KD).',
    percent: true,
  },
  { key: 'samplesPerSecond', title: 'samples/s', tip: 'Training throughput.', digits: 0 },
  { key: 'wallSeconds', title: 'wall s', tip: 'Training time.', digits: 1 },
];

function keyValue(r: CompareRow, k: SortKey): number | string {
  if (k === 'label') return r.label;
  const s: Stat = r[k];
  return s.mean ?? Infinity;
}

function SortHeader(props: {
  readonly k: SortKey;
  readonly sort: Sort;
  readonly onSort: (s: Sort) => void;
  readonly children: string;
  readonly tip?: string;
}) {
  const { k, sort } = props;
  return (
    <th
      aria-sort={sort.key === k ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}
      title={props.tip}
    >
      <button
        type="button"
        onClick={() =>
          props.onSort({ key: k, dir: sort.key === k ? (sort.dir === 1 ? -1 : 1) : 1 })
        }
      >
        {props.children}
      </button>
    </th>
  );
}

const none: Stat = { mean: null, std: null, n: 0 };
/** Columns that only mean something when the student distills teacher features. */
const FEATURE_ONLY = new Set<RunStatKey>([
  'worstFvu',
  'meanFvu',
  'worstWhitenedError',
  'balanceIndex',
  'fvuSpread',
]);

/**
 * Sortable results, by default by worst-teacher FVU ascending (the PHI-S paper's argument: the
 * worst-served teacher). Per teacher: FVU and CKA. Numbers measured in each run's own normalized
 * space are in the exports only: they cannot be compared across normalizations.
 */
export function ResultsTable({
  rows,
  features = true,
}: {
  readonly rows: readonly CompareRow[];
  /** Whether any variant distills features: without, the fidelity columns would read 1.0 everywhere. */
  readonly features?: boolean;
}) {
  const [sort, setSort] = useState<Sort>(
    features ? { key: 'worstFvu', dir: 1 } : { key: 'testAccuracy', dir: -1 },
  );
  // label-free runs have no trained classifier: no test-accuracy column full of dashes
  const accuracy = rows.some((r) => r.testAccuracy.n > 0);
  const columns = COLUMNS.filter(
    (c) => (features || !FEATURE_ONLY.has(c.key)) && (accuracy || c.key !== 'testAccuracy'),
  );
  const ids = features ? (rows[0]?.perTeacher.map((p) => p.id) ?? []) : [];
  const sorted = [...rows].sort((a, b) => {
    const x = keyValue(a, sort.key);
    const y = keyValue(b, sort.key);
    return (
      (typeof x === 'string' && typeof y === 'string'
        ? x.localeCompare(y)
        : Number(x) - Number(y)) * sort.dir
    );
  });
  const order = rows.map((r) => r.label);
  return (
    <table className="results" aria-label="Comparison results">
      <thead>
        <tr>
          <SortHeader sort={sort} onSort={setSort} k="label">
            variant
          </SortHeader>
          {columns.map((c) => (
            <SortHeader key={c.key} sort={sort} onSort={setSort} k={c.key} tip={c.tip}>
              {c.title}
            </SortHeader>
          ))}
          {ids.map((id) => (
            <th key={`f-${id}`} title={`FVU of ${id}`}>{`FVU ${id}`}</th>
          ))}
          {ids.map((id) => (
            <th key={`c-${id}`} title={`linear CKA with ${id}`}>{`CKA ${id}`}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sorted.map((r) => (
          <tr key={r.label} data-variant={r.label}>
            <th
              scope="row"
              style={{ borderLeft: `5px solid ${variantColor(order.indexOf(r.label))}` }}
            >
              {r.label}
              {r.worstFvu.n > 1 ? ` (${r.worstFvu.n} seeds)` : ''}
            </th>
            {columns.map((c) => (
              <td key={c.key}>{formatStat(r[c.key], c.digits ?? 3, c.percent === true)}</td>
            ))}
            {ids.map((id) => (
              <td key={`f-${id}`}>
                {formatStat(r.perTeacher.find((p) => p.id === id)?.fvu ?? none)}
              </td>
            ))}
            {ids.map((id) => (
              <td key={`c-${id}`}>
                {formatStat(r.perTeacher.find((p) => p.id === id)?.cka ?? none)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
