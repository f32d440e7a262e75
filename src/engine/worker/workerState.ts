import type { BackendInfo } from '../backend/backendKinds';
import type { RegisteredTeacher } from '../uploadedSource';
import type { Job } from './workerJob';

/** Everything the training worker keeps between messages (one worker, one of these). */
export const workerState: {
  /** The page's base URL: data and models are read relative to it. */
  baseUrl: string;
  backend: Promise<BackendInfo> | null;
  /** The job that takes pause/step/stop/knob messages. */
  current: Job | null;
  /** The job still winding down (a stopped job finishes its current chunk first). */
  running: Promise<void>;
  /** Uploaded teachers, by the id experiments name them with. */
  readonly uploads: Map<string, RegisteredTeacher>;
} = {
  baseUrl: '',
  backend: null,
  current: null,
  running: Promise.resolve(),
  uploads: new Map(),
};
