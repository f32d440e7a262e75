import { beforeAll } from 'vitest';
import type { PublicFileReader } from '../../data/loadDataset';
import { nodePublicReader } from '../../data/nodePublicReader';
import { selectNodeBackend, type NodeBackendName } from '../backend/nodeBackend';
import type { RunEvent, StepPoint } from '../events';

/**
 * The one fixture of engine tests that run experiments: the app's public files read from disk,
 * a node backend chosen once per file, and an event collector with the views tests ask for.
 *
 *   const { read } = useEngine('wasm');
 *   const c = collectEvents();
 *   await runExperiment(cfg, { read, emit: c.emit });
 */
export function useEngine(backend: NodeBackendName): { readonly read: PublicFileReader } {
  beforeAll(async () => {
    await selectNodeBackend(backend);
  });
  return { read: nodePublicReader() };
}

export interface EventCollector {
  readonly events: RunEvent[];
  readonly emit: (e: RunEvent) => void;
  /** Every plotted step point, in order (all runs). */
  readonly points: (runId?: string) => StepPoint[];
  /** The total loss of every plotted point, in order. */
  readonly totals: (runId?: string) => number[];
  /** Events of one type. */
  readonly ofType: <T extends RunEvent['type']>(type: T) => Extract<RunEvent, { type: T }>[];
}

export function collectEvents(): EventCollector {
  const events: RunEvent[] = [];
  const ofType = <T extends RunEvent['type']>(type: T): Extract<RunEvent, { type: T }>[] =>
    events.filter((e): e is Extract<RunEvent, { type: T }> => e.type === type);
  const points = (runId?: string): StepPoint[] =>
    ofType('steps').flatMap((e) => (runId === undefined || e.runId === runId ? e.points : []));
  return {
    events,
    emit: (e) => events.push(e),
    points,
    totals: (runId) => points(runId).map((p) => p.total),
    ofType,
  };
}
