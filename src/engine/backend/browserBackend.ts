import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { activateBackend } from './activateBackend';
import type { BackendChoice, BackendInfo, BackendName } from './backendKinds';

/** Our own build serves the WASM binaries: no CDN, nothing fetched from another origin. */
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlainUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
});
/*
 * tf.js' pthread workers rebuild their code from `factory.toString()`, which a minified build
 * breaks (setBackend('wasm') then hangs). Threads also gave no speed-up on 2 cores, so they stay
 * off; the header reports whether the page is cross-origin isolated, i.e. could use them.
 */
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

interface AdapterProbe {
  readonly available: boolean;
  readonly fallback: boolean;
  readonly description: string;
}

async function probeWebGpu(): Promise<AdapterProbe> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (gpu === undefined)
    return { available: false, fallback: false, description: 'navigator.gpu is missing' };
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (adapter === null)
    return { available: false, fallback: false, description: 'no WebGPU adapter' };
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const legacy = adapter as GPUAdapter & { isFallbackAdapter?: boolean };
  const fallback = info.isFallbackAdapter || legacy.isFallbackAdapter;
  const name = [info.vendor, info.architecture, info.description].filter((s) => s !== '').join(' ');
  return { available: true, fallback, description: name === '' ? 'unnamed adapter' : name };
}

function wasmDetails(): Pick<BackendInfo, 'wasmSimd' | 'wasmThreads'> {
  return {
    wasmSimd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'),
    wasmThreads: tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT'),
  };
}

async function tryOrder(
  requested: BackendChoice,
  order: readonly { name: BackendName; reason: string }[],
  adapter?: string,
): Promise<BackendInfo> {
  const failures: string[] = [];
  for (const { name, reason } of order) {
    try {
      await activateBackend(name);
      const why = failures.length === 0 ? reason : `${reason} (${failures.join('; ')})`;
      return {
        name,
        requested,
        reason: why,
        ...(adapter === undefined ? {} : { adapter }),
        ...(name === 'wasm' ? wasmDetails() : {}),
      };
    } catch (e) {
      failures.push(e instanceof Error ? e.message : String(e));
    }
  }
  throw new Error(`No tf.js backend could start: ${failures.join('; ')}`);
}

/**
 * Picks and activates a backend in the browser (page or worker).
 * `auto` prefers WebGPU on a real adapter; a software/fallback adapter (SwiftShader) is slower
 * than WASM-SIMD by 20–40× (DESIGN §8), so `auto` then takes WASM; WebGL and CPU are last resorts.
 * An explicit choice is honoured when it can start; otherwise the next backend runs and the
 * reason says what failed.
 */
export async function selectBrowserBackend(requested: BackendChoice): Promise<BackendInfo> {
  const probe = await probeWebGpu().catch((e: unknown): AdapterProbe => ({
    available: false,
    fallback: false,
    description: String(e),
  }));
  const isolation = globalThis.crossOriginIsolated
    ? 'cross-origin isolated'
    : 'not cross-origin isolated';
  const wasmWhy = (lead: string): string => `${lead}; WASM threads off (page is ${isolation})`;
  if (requested === 'auto') {
    if (probe.available && !probe.fallback) {
      return tryOrder(
        requested,
        [
          { name: 'webgpu', reason: `auto: real WebGPU adapter (${probe.description})` },
          { name: 'wasm', reason: wasmWhy('auto: WebGPU failed to start') },
          { name: 'webgl', reason: 'auto: WebGPU and WASM failed' },
          { name: 'cpu', reason: 'auto: last resort' },
        ],
        probe.description,
      );
    }
    const why = probe.available
      ? `WebGPU adapter is a software fallback (${probe.description}), slower than WASM`
      : `WebGPU unavailable (${probe.description})`;
    return tryOrder(
      requested,
      [
        { name: 'wasm', reason: wasmWhy(`auto: ${why}`) },
        { name: 'webgl', reason: `auto: ${why}; WASM failed` },
        { name: 'cpu', reason: 'auto: last resort' },
      ],
      probe.description,
    );
  }
  const chosen: { name: BackendName; reason: string } = {
    name: requested,
    reason:
      requested === 'webgpu'
        ? `chosen by you (adapter: ${probe.description}${probe.fallback ? ', software fallback — slow' : ''})`
        : requested === 'wasm'
          ? wasmWhy('chosen by you')
          : 'chosen by you',
  };
  const rest = (['wasm', 'webgl', 'cpu'] as const)
    .filter((n) => n !== requested)
    .map((n) => ({ name: n, reason: `${requested} failed to start; fell back to ${n}` }));
  return tryOrder(requested, [chosen, ...rest], probe.description);
}
