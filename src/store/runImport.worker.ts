/// <reference lib="webworker" />
import { readRunStream } from './streamRunFile';
import type { RunImportReply } from './runImportClient';

/**
 * Reads one run file off the main thread (streamed, thinned, validated) and posts the result:
 * progress messages while reading, then `done` or `failed` with the reason.
 */
declare const self: DedicatedWorkerGlobalScope;

let lastReport = 0;
self.onmessage = (e: MessageEvent<File>) => {
  const file = e.data;
  const post = (m: RunImportReply): void => {
    self.postMessage(m);
  };
  readRunStream(file.stream(), (bytesRead) => {
    const now = performance.now();
    if (now - lastReport < 100) return;
    lastReport = now;
    post({ type: 'progress', bytesRead, size: file.size });
  }).then(
    (result) => {
      post({ type: 'done', result });
    },
    (err: unknown) => {
      post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
    },
  );
};
