import type { ToWorker, TestToWorker } from '../engine/worker/protocol';
import { labSession } from './labStore';

/**
 * Hooks only e2e builds have (`vite build --mode e2e`): inspect.ts installs them behind an
 * `import.meta.env.MODE` check, so production bundles drop this module.
 */
export const testHooks = {
  /** Crashes the training worker (it restarts; used to test recovery): a message it cannot read. */
  crashWorker: (): void => {
    labSession.send({ type: 'not-a-message' } as unknown as ToWorker);
  },
  /** Destroys the WebGPU device (the lab falls back to WASM and resumes). */
  loseDevice: (): void => {
    const m: TestToWorker = { type: 'simulateDeviceLoss' };
    labSession.send(m as unknown as ToWorker);
  },
};
