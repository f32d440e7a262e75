import { gpuDevice } from './deviceWatch';
import type { TestToWorker } from './protocol';
import { post } from './workerJob';

/**
 * The worker's answers to test-only messages. Imported behind `import.meta.env.MODE === 'e2e'`,
 * so production builds leave this module out.
 */
export function handleTestMessage(msg: unknown): boolean {
  if ((msg as Partial<TestToWorker> | null)?.type !== 'simulateDeviceLoss') return false;
  const device = gpuDevice();
  if (device) device.destroy();
  else post({ type: 'error', jobId: null, message: 'simulateDeviceLoss: not running on WebGPU' });
  return true;
}
