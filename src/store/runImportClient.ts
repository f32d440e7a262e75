import { checkFileSize } from './parseJsonFile';
import { MAX_RUN_FILE_BYTES } from './runFile';
import type { ImportedRun } from './streamRunFile';

/** What the run-import worker posts back. */
export type RunImportReply =
  | { readonly type: 'progress'; readonly bytesRead: number; readonly size: number }
  | { readonly type: 'done'; readonly result: ImportedRun }
  | { readonly type: 'failed'; readonly message: string };

/**
 * Imports a run file in a worker of its own (one per file, ended when it answers), so a
 * 100 MB file never blocks the page; the size cap is checked before anything is read.
 */
export function importRunInWorker(
  file: File,
  onProgress: (fraction: number) => void,
): Promise<ImportedRun> {
  return new Promise<ImportedRun>((resolve, reject) => {
    checkFileSize(file.size, MAX_RUN_FILE_BYTES, 'run');
    const worker = new Worker(new URL('./runImport.worker.ts', import.meta.url), {
      type: 'module',
      name: 'distill-lab-run-import',
    });
    worker.onmessage = (e: MessageEvent<RunImportReply>) => {
      const m = e.data;
      if (m.type === 'progress') {
        onProgress(m.size > 0 ? m.bytesRead / m.size : 0);
        return;
      }
      worker.terminate();
      if (m.type === 'done') resolve(m.result);
      else reject(new Error(m.message));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(`the import worker failed: ${e.message}`));
    };
    worker.postMessage(file);
  });
}
