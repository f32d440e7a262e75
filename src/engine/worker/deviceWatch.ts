import * as tf from '@tensorflow/tfjs';
import { workerState } from './workerState';
import { post } from './workerJob';

/** The WebGPU device of the current backend (null on the other backends). */
export function gpuDevice(): GPUDevice | null {
  const b = tf.backend() as unknown as { device?: GPUDevice };
  return b.device ?? null;
}

/** A lost WebGPU device cannot come back in this worker: say so; the page moves the run on. */
export function watchDevice(): void {
  gpuDevice()?.lost.then(
    (info) => {
      workerState.current?.abort.abort();
      post({
        type: 'deviceLost',
        message: `The GPU device was lost (${info.reason}${info.message ? `: ${info.message}` : ''})`,
      });
    },
    () => undefined,
  );
}
