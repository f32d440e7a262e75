import type { BackendChoice } from '../backend/backendKinds';
import type { FromWorker, ToWorker } from './protocol';

/**
 * The one place that owns the training Worker (main-thread side). A crashed worker is reported
 * as an error message so the UI can say so and restart it.
 */
export class LabWorkerClient {
  private worker: Worker;
  private backend: BackendChoice;

  constructor(
    private readonly onMessage: (m: FromWorker) => void,
    backend: BackendChoice,
  ) {
    this.backend = backend;
    this.worker = this.spawn(backend);
  }

  private spawn(backend: BackendChoice): Worker {
    const worker = new Worker(new URL('./lab.worker.ts', import.meta.url), {
      type: 'module',
      name: 'distill-lab-trainer',
    });
    worker.onmessage = (ev: MessageEvent<FromWorker>) => {
      this.onMessage(ev.data);
    };
    worker.onerror = (ev: ErrorEvent) => {
      ev.preventDefault();
      // Restart at once; the store keeps the history and re-registers uploaded teachers.
      if (this.worker === worker) {
        worker.terminate();
        this.worker = this.spawn(this.backend);
        this.onMessage({
          type: 'crashed',
          message: `The training worker crashed (${ev.message || 'unknown error'}) and was restarted; your history is kept.`,
        });
      }
    };
    worker.postMessage({ type: 'init', backend, baseUrl: document.baseURI } satisfies ToWorker);
    return worker;
  }

  send(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  /** Replaces the worker (backend switch or crash recovery). */
  restart(backend: BackendChoice): void {
    this.backend = backend;
    this.worker.terminate();
    this.worker = this.spawn(backend);
  }

  dispose(): void {
    this.worker.terminate();
  }
}
