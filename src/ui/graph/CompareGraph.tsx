import { useState } from 'react';
import { useRuns } from '../../store/hooks';
import { variantColor } from '../charts/colors';
import { DistillGraph } from './DistillGraph';

/** In compare mode: the distillation graph of one variant at a time, picked by its label. */
export function CompareGraph() {
  const runs = useRuns();
  const labels = [...new Set(runs.map((r) => r.label))];
  const [picked, setPicked] = useState<string | null>(null);
  const label = picked !== null && labels.includes(picked) ? picked : (labels.at(-1) ?? null);
  const run = runs.find((r) => r.label === label);
  if (run === undefined) return null;
  return (
    <div className="compare-graph wide">
      <div className="variant-picker" role="group" aria-label="Show the graph of">
        {labels.map((l, i) => (
          <button
            key={l}
            type="button"
            aria-pressed={l === label}
            style={{ borderColor: variantColor(i) }}
            onClick={() => setPicked(l)}
          >
            {l}
          </button>
        ))}
      </div>
      <DistillGraph run={run} title={`The distillation — ${run.label}`} />
    </div>
  );
}
