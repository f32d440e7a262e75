import { useLabStore } from './labStore';

/** A read-only window hook for tests and the curious: `__distillLab.losses()` in the console. */
export interface LabInspector {
  readonly losses: () => number[];
  readonly state: () => unknown;
}

export function installInspector(target: Record<string, unknown>): void {
  const inspector: LabInspector = {
    losses: () => useLabStore.getState().lossSeries.map((p) => p.loss),
    state: () => structuredClone(useLabStore.getState().lossSeries),
  };
  target.__distillLab = inspector;
}
