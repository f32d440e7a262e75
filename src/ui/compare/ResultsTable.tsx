import { useState } from 'react';
import { formatStat, type CompareRow, type Stat } from '../../store/compareResults';
import { variantColor } from '../charts/colors';

type SortKey = 'label' | 'balanceIndex' | 'testAccuracy' | 'knnAccuracy' | 'samplesPerSecond' | 'wallSeconds' | `err:${string}` | `errT:${string}`;

function keyValue(r: CompareRow, k: SortKey): number | string {
  if (k === 'label') return r.label;
  if (k.startsWith('errT:')) return r.perTeacher.find((p) => p.id === k.slice(5))?.errorTeacherSpace.mean ?? Infinity;
  if (k.startsWith('err:')) return r.perTeacher.find((p) => p.id === k.slice(4))?.errorNormalized.mean ?? Infinity;
  const s: Stat = r[k as 'balanceIndex'];
  return s.mean ?? Infinity;
}

function SortHeader(props: { readonly k: SortKey; readonly sort: { key: SortKey; dir: 1 | -1 }; readonly onSort: (s: { key: SortKey; dir: 1 | -1 }) => void; readonly children: string }) {
  const { k, sort } = props;
  return (
    <th aria-sort={sort.key === k ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}>
      <button type="button" onClick={() => props.onSort({ key: k, dir: sort.key === k ? (sort.dir === 1 ? -1 : 1) : 1 })}>
        {props.children}
      </button>
    </th>
  );
}

/** Sortable results: click a column header to sort (again to reverse). */
export function ResultsTable({ rows }: { readonly rows: readonly CompareRow[] }) {
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'balanceIndex', dir: 1 });
  const ids = rows[0]?.perTeacher.map((p) => p.id) ?? [];
  const sorted = [...rows].sort((a, b) => {
    const x = keyValue(a, sort.key);
    const y = keyValue(b, sort.key);
    return (typeof x === 'string' && typeof y === 'string' ? x.localeCompare(y) : Number(x) - Number(y)) * sort.dir;
  });
  const order = rows.map((r) => r.label);
  return (
    <table className="results" aria-label="Comparison results">
      <thead>
        <tr>
          <SortHeader sort={sort} onSort={setSort} k="label">variant</SortHeader>
          {ids.map((id) => (
            <SortHeader key={`e-${id}`} sort={sort} onSort={setSort} k={`err:${id}`}>{`${id} error (norm.)`}</SortHeader>
          ))}
          {ids.map((id) => (
            <SortHeader key={`t-${id}`} sort={sort} onSort={setSort} k={`errT:${id}`}>{`${id} error (teacher)`}</SortHeader>
          ))}
          <SortHeader sort={sort} onSort={setSort} k="balanceIndex">balance index</SortHeader>
          <SortHeader sort={sort} onSort={setSort} k="testAccuracy">test acc.</SortHeader>
          <SortHeader sort={sort} onSort={setSort} k="knnAccuracy">kNN acc.</SortHeader>
          <SortHeader sort={sort} onSort={setSort} k="samplesPerSecond">samples/s</SortHeader>
          <SortHeader sort={sort} onSort={setSort} k="wallSeconds">wall s</SortHeader>
        </tr>
      </thead>
      <tbody>
        {sorted.map((r) => (
          <tr key={r.label} data-variant={r.label}>
            <th scope="row" style={{ borderLeft: `5px solid ${variantColor(order.indexOf(r.label))}` }}>
              {r.label}
              {r.balanceIndex.n > 1 ? ` (${r.balanceIndex.n} seeds)` : ''}
            </th>
            {ids.map((id) => (
              <td key={`e-${id}`}>{formatStat(r.perTeacher.find((p) => p.id === id)?.errorNormalized ?? { mean: null, std: null, n: 0 })}</td>
            ))}
            {ids.map((id) => (
              <td key={`t-${id}`}>{formatStat(r.perTeacher.find((p) => p.id === id)?.errorTeacherSpace ?? { mean: null, std: null, n: 0 })}</td>
            ))}
            <td>{formatStat(r.balanceIndex, 2)}</td>
            <td>{formatStat(r.testAccuracy, 3, true)}</td>
            <td>{formatStat(r.knnAccuracy, 3, true)}</td>
            <td>{formatStat(r.samplesPerSecond, 0)}</td>
            <td>{formatStat(r.wallSeconds, 1)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
