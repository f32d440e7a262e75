import * as tf from '@tensorflow/tfjs';
import type { BackendName } from './backendKinds';
import { registerWasmConvGradients } from './wasmConvGradients';
import { registerWasmFastKernels } from './wasmFastKernels';

/** Backend start-up can hang forever (e.g. threaded WASM in a broken build): never wait unbounded. */
export const BACKEND_START_TIMEOUT_MS = 20_000;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${what} did not start within ${ms / 1000} s`));
    }, ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/**
 * Makes `name` the active tf.js backend, or throws saying why. tf.js' `setBackend` returns
 * false (and silently falls back to another backend) when initialisation fails, so both its
 * result and `tf.getBackend()` are checked.
 */
export async function activateBackend(name: BackendName): Promise<void> {
  if (name === 'wasm') {
    registerWasmConvGradients();
    registerWasmFastKernels();
  }
  const ok = await withTimeout(
    tf.setBackend(name),
    BACKEND_START_TIMEOUT_MS,
    `The ${name} backend`,
  );
  await tf.ready();
  if (!ok || tf.getBackend() !== name) {
    throw new Error(`The ${name} backend failed to initialise (tf.js is on ${tf.getBackend()})`);
  }
}
