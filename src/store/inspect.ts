import { useLabStore } from './labStore';
import { testHooks } from './testHooks';

/** A read-only window hook for tests and the curious: `__distillLab.losses()` in the console. */
export interface LabInspector {
  /** Total loss per step of the first run. */
  readonly losses: () => number[];
  /** Step numbers of the first run's loss points. */
  readonly steps: () => number[];
  readonly summary: () => unknown;
  /** Id of the first run (its saved record is `run:<id>`). */
  readonly runId: () => string;
  /** Per-step teacher shares of the first run's feature loss. */
  readonly shares: () => number[][];
  /** Live knob changes of the first run: the first step that used them. */
  readonly knobMarks: () => { step: number; label: string }[];
  /** Every run on screen: its first and last step, whether it finished, the run it was forked from. */
  readonly runs: () => {
    id: string;
    label: string;
    firstStep: number;
    lastStep: number;
    finished: boolean;
    parent: { runId: string; step: number } | null;
  }[];
}

/** The inspector of e2e builds: it can also crash the worker and lose the GPU device. */
export type TestInspector = LabInspector & typeof testHooks;

export function installInspector(target: Record<string, unknown>): void {
  const firstRun = () => {
    const s = useLabStore.getState();
    const id = s.runOrder[0];
    return id === undefined ? undefined : s.runs[id];
  };
  const inspector: LabInspector = {
    losses: () => firstRun()?.points.map((p) => p.total) ?? [],
    steps: () => firstRun()?.points.map((p) => p.step) ?? [],
    summary: () => structuredClone(firstRun()?.summary ?? null),
    runId: () => firstRun()?.id ?? '',
    shares: () => firstRun()?.points.map((p) => [...p.shares]) ?? [],
    knobMarks: () => (firstRun()?.knobMarks ?? []).map((m) => ({ ...m })),
    runs: () => {
      const s = useLabStore.getState();
      return s.runOrder.flatMap((id) => {
        const r = s.runs[id];
        if (!r) return [];
        const [first, last] = [r.points[0]?.step ?? -1, r.points.at(-1)?.step ?? -1];
        const parent = r.parent ? { ...r.parent } : null;
        return [
          {
            id,
            label: r.label,
            firstStep: first,
            lastStep: last,
            finished: r.summary !== null,
            parent,
          },
        ];
      });
    },
  };
  // e2e builds only: a production bundle keeps neither the hooks nor their names
  target.__distillLab = import.meta.env.MODE === 'e2e' ? { ...inspector, ...testHooks } : inspector;
}
