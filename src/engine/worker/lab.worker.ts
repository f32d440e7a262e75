/// <reference lib="webworker" />
import { selectBrowserBackend } from '../backend/browserBackend';
import { registerUploadedTeacher } from '../uploadedSource';
import { watchDevice } from './deviceWatch';
import { assertNever, type ToWorker } from './protocol';
import { startJob } from './startJob';
import { handleTestMessage } from './testMessages';
import { flush, post, status, wake, type Job } from './workerJob';
import { workerState } from './workerState';

/**
 * The training worker: owns tf.js and the backend, runs experiments with the same engine as the
 * CLI and tests, and posts events. Step metrics are buffered and flushed at most every 100 ms
 * (workerJob.ts); a job's life is in startJob.ts. This file only routes messages.
 */
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function init(msg: Extract<ToWorker, { type: 'init' }>): void {
  workerState.baseUrl = msg.baseUrl;
  const backend = selectBrowserBackend(msg.backend);
  workerState.backend = backend;
  backend.then(
    (info) => {
      post({ type: 'backend', info });
      if (info.name === 'webgpu') watchDevice();
    },
    (e: unknown) => {
      post({ type: 'error', jobId: null, message: message(e) });
    },
  );
}

function registerTeacher(msg: Extract<ToWorker, { type: 'registerTeacher' }>): void {
  (
    workerState.backend ??
    Promise.reject(new Error('The worker received registerTeacher before init'))
  )
    .then(() => registerUploadedTeacher(msg.name, msg.files, msg.featureOutput, msg.inputShape))
    .then(
      (t) => {
        workerState.uploads.get(msg.id)?.dispose();
        workerState.uploads.set(msg.id, t);
        post({
          type: 'teacherRegistered',
          id: msg.id,
          featureDim: t.featureDim,
          hasLogits: t.numClasses !== null,
        });
      },
      (e: unknown) => {
        post({ type: 'teacherFailed', id: msg.id, message: message(e) });
      },
    );
}

function withJob(jobId: string, f: (job: Job) => void): void {
  const job = workerState.current;
  if (job?.id === jobId) f(job);
}

/** Pause, resume, step, stop and knobs act on the current job only. */
function control(msg: Extract<ToWorker, { jobId: string }>): void {
  withJob(msg.jobId, (job) => {
    switch (msg.type) {
      case 'start':
        return;
      case 'pause':
        job.paused = true;
        flush(job);
        status(job, 'paused');
        return;
      case 'resume':
        job.paused = false;
        job.budget = null;
        status(job, 'running');
        wake(job);
        return;
      case 'step':
        job.budget = Math.max(1, Math.floor(msg.steps));
        job.paused = false;
        status(job, 'running');
        wake(job);
        return;
      case 'stop':
        job.abort.abort();
        job.paused = false;
        wake(job);
        return;
      case 'knobs': {
        const key = msg.runId ?? '*';
        job.knobs.set(key, [...(job.knobs.get(key) ?? []), msg.knobs]);
        return;
      }
      default:
        assertNever(msg);
    }
  });
}

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  const msg = ev.data;
  if (import.meta.env.MODE === 'e2e' && handleTestMessage(msg)) return;
  switch (msg.type) {
    case 'init':
      init(msg);
      return;
    case 'start':
      startJob({
        jobId: msg.jobId,
        runIds: msg.runIds,
        configs: msg.configs,
        resume: msg.resume === true,
        ...(msg.resumeBefore ? { resumeBefore: msg.resumeBefore } : {}),
        forkFrom: msg.forkFrom ?? [],
      }).catch((e: unknown) => {
        post({ type: 'error', jobId: msg.jobId, message: message(e) });
        post({ type: 'status', jobId: msg.jobId, status: 'failed', message: message(e) });
      });
      return;
    case 'registerTeacher':
      registerTeacher(msg);
      return;
    case 'pause':
    case 'resume':
    case 'step':
    case 'stop':
    case 'knobs':
      control(msg);
      return;
    default:
      assertNever(msg);
  }
};
