import type { ExportReply, ExportRequest } from './exportProtocol';

/**
 * Builds the PyTorch recipe zip of an experiment in a dedicated worker (training goes on in its
 * own worker meanwhile). Teachers must come from the zoo: an uploaded tf.js model has no PyTorch
 * converter, so its id is refused with a message.
 */
export function exportTorchZip(
  config: unknown,
  baseUrl: string,
  onStatus: (message: string) => void,
): Promise<{ zip: Uint8Array; files: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./export.worker.ts', import.meta.url), {
      type: 'module',
      name: 'distill-lab-export',
    });
    const stop = (): void => {
      worker.terminate();
    };
    worker.onmessage = (ev: MessageEvent<ExportReply>) => {
      const m = ev.data;
      if (m.type === 'status') onStatus(m.message);
      else if (m.type === 'done') {
        stop();
        resolve({ zip: m.zip, files: m.files });
      } else {
        stop();
        reject(new Error(m.message));
      }
    };
    worker.onerror = (ev: ErrorEvent) => {
      ev.preventDefault();
      stop();
      reject(new Error(`the export worker failed (${ev.message || 'unknown error'})`));
    };
    worker.postMessage({ config, baseUrl } satisfies ExportRequest);
  });
}
