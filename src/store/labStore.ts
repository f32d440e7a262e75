import { LabWorkerClient } from '../engine/worker/workerClient';
import { WorkerSession } from '../engine/worker/workerSession';
import { createLabStore } from './createLabStore';

export { BACKEND_CHOICES, type BackendChoice } from '../engine/backend/backendKinds';
export type { LabStore, UploadState } from './labTypes';

/** The page's worker session: its worker messages go to the store's `receive`. */
export const labSession = new WorkerSession(
  (onMessage, backend) => new LabWorkerClient(onMessage, backend),
  (m) => {
    useLabStore.getState().receive(m);
  },
);

export const useLabStore = createLabStore(labSession, globalThis.location);
