import { createRequire } from 'node:module';
import path from 'node:path';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { activateBackend } from './activateBackend';
import type { BackendInfo } from './backendKinds';

/** Node runs the same engine on WASM (tfjs-node cannot install here) or the plain CPU backend. */
export type NodeBackendName = 'wasm' | 'cpu';

let pathsSet = false;

export async function selectNodeBackend(name: NodeBackendName): Promise<BackendInfo> {
  if (name === 'wasm' && !pathsSet) {
    const require = createRequire(import.meta.url);
    const dist = path.dirname(
      require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'),
    );
    setWasmPaths(dist + path.sep);
    pathsSet = true;
  }
  await activateBackend(name);
  return { name, requested: name, reason: `Node: ${name} chosen` };
}
