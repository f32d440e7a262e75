import type { BackendChoice, BackendInfo } from '../backend/backendKinds';
import type { TinyJob } from '../tinyJob';

/**
 * The worker protocol: one typed union per direction (DESIGN §5). Metric messages carry deltas
 * (new points only), never the whole history, at most 10 per second.
 */
export type ToWorker =
  | { readonly type: 'init'; readonly backend: BackendChoice }
  | { readonly type: 'start'; readonly runId: string; readonly job: TinyJob }
  | { readonly type: 'pause'; readonly runId: string }
  | { readonly type: 'resume'; readonly runId: string }
  | { readonly type: 'stop'; readonly runId: string };

export type RunStatus = 'running' | 'paused' | 'done' | 'stopped' | 'failed';

export interface MetricDelta {
  readonly step: Float64Array;
  readonly loss: Float64Array;
}

export type FromWorker =
  | { readonly type: 'backend'; readonly info: BackendInfo }
  | { readonly type: 'metrics'; readonly runId: string; readonly delta: MetricDelta }
  | { readonly type: 'status'; readonly runId: string; readonly status: RunStatus; readonly step: number }
  | { readonly type: 'error'; readonly runId: string | null; readonly message: string };

export function assertNever(x: never): never {
  throw new Error(`Unexpected message: ${JSON.stringify(x)}`);
}
