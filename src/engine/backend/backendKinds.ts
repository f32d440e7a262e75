/** Backends the lab can run on; `auto` picks the fastest one that really works here. */
export const BACKEND_NAMES = ['webgpu', 'wasm', 'webgl', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];
export type BackendChoice = 'auto' | BackendName;
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', ...BACKEND_NAMES];

/** What was chosen and why — always shown to the user. */
export interface BackendInfo {
  readonly name: BackendName;
  readonly requested: BackendChoice;
  readonly reason: string;
  /** WebGPU adapter description, when WebGPU was probed. */
  readonly adapter?: string;
  /** WASM only: SIMD and threads as the backend reports them. */
  readonly wasmSimd?: boolean;
  readonly wasmThreads?: boolean;
}

export function isBackendChoice(v: unknown): v is BackendChoice {
  return typeof v === 'string' && (BACKEND_CHOICES as readonly string[]).includes(v);
}
