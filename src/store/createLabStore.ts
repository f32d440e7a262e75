import { create } from 'zustand';
import type { WorkerSession } from '../engine/worker/workerSession';
import { displaySlice } from './displaySlice';
import { historySlice } from './historySlice';
import { initialFromUrl } from './initialFromUrl';
import type { LabStore, SliceContext } from './labTypes';
import { runsSlice } from './runsSlice';
import { setupSlice } from './setupSlice';
import { uploadsSlice } from './uploadsSlice';

/**
 * The lab's one store, made of slices (each file builds one): setup (experiment, story, zoo),
 * display (projector, hidden parts, messages), runs (backend, job, runs; worker messages in
 * workerEvents.ts), history (saved and imported runs) and uploads. The worker and everything
 * about it (job ids, recovery) live in the WorkerSession the store is made with.
 */
export function createLabStore(
  session: WorkerSession,
  location: { readonly search: string; readonly hash: string },
) {
  return create<LabStore>()((set, get) => {
    const ctx: SliceContext = { set, get, session };
    return {
      ...initialFromUrl(location),
      ...setupSlice(ctx),
      ...displaySlice(ctx),
      ...runsSlice(ctx),
      ...historySlice(ctx),
      ...uploadsSlice(ctx),
    };
  });
}
