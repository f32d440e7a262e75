import { useRuns } from '../../store/hooks';
import { claimTable, type StoryClaim } from '../../store/stories';
import { variantColor } from '../charts/colors';

/** The story's claim in numbers: one row per variant (mean over its seeds), updated live. */
export function StoryClaimTable({ claim }: { readonly claim: StoryClaim }) {
  const runs = useRuns();
  const table = claimTable(runs, claim);
  const done = runs.length > 0 && runs.every((r) => r.summary !== null);
  const verdict = done && claim.verdict ? claim.verdict(table) : '';
  return (
    <div className="story-claim">
      <table
        className="results"
        aria-label="Story claim"
        data-testid="claim-table"
        data-done={done ? 'yes' : 'no'}
      >
        <thead>
          <tr>
            <th scope="col">variant</th>
            {claim.metrics.map((m) => (
              <th scope="col" key={m.label}>
                {m.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...table.entries()].map(([label, values], i) => (
            <tr key={label}>
              <th scope="row">
                <span
                  className="swatch"
                  style={{ background: variantColor(i) }}
                  aria-hidden="true"
                />
                {label}
                {runs.filter((r) => r.label === label).length > 1
                  ? ` (${runs.filter((r) => r.label === label).length} seeds)`
                  : ''}
              </th>
              {values.map((v, k) => (
                <td
                  key={claim.metrics[k]?.label ?? k}
                  data-testid={`claim-${label}-${k}`}
                  data-value={v === null ? '' : String(v)}
                >
                  {v === null ? '—' : v.toFixed(claim.metrics[k]?.digits ?? 3)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{claim.reading}</p>
      {verdict !== '' && (
        <p className="story-verdict" data-testid="story-verdict">
          {verdict}
        </p>
      )}
      {!done && (
        <p className="hint">Numbers fill in as the runs train; the last evaluation counts.</p>
      )}
    </div>
  );
}
