import type { ExperimentConfig } from '../engine/experiment/schema';
import type { ToWorker } from '../engine/worker/protocol';
import type { LabStore as LabState } from './labTypes';
import { liveKnobDiff } from './liveKnobDiff';
import { emptyRun, type RunState } from './runState';
import { runLabel } from './stories/storyPlan';

/** Changes a fork cannot make: the weights belong to this student on this data. */
const NOT_FORKABLE = ['the student', 'the dataset'];

/** The run a setup change during training is for: the one unfinished run of the job (null in a comparison). */
export function liveRun(state: Pick<LabState, 'job' | 'runs' | 'runOrder'>): RunState | null {
  const { job } = state;
  if (job === null || !(job.status === 'running' || job.status === 'paused')) return null;
  const open = state.runOrder.map((id) => state.runs[id]).filter((r) => r?.summary === null);
  return open.length === 1 ? (open[0] ?? null) : null;
}

export type ForkCheck =
  | { readonly ok: true; readonly parent: RunState; readonly config: ExperimentConfig }
  | { readonly ok: false; readonly reason: string };

/** Whether the setup can continue from the live run's weights, and if not, why (pure). */
export function forkCheck(state: Pick<LabState, 'job' | 'runs' | 'runOrder' | 'setup'>): ForkCheck {
  const parent = liveRun(state);
  if (parent === null)
    return { ok: false, reason: 'only a single running or paused run can be forked' };
  const running = parent.liveConfig ?? parent.config;
  const blocked = liveKnobDiff(running, state.setup).restart.filter((f) =>
    NOT_FORKABLE.includes(f),
  );
  if (blocked.length > 0)
    return {
      ok: false,
      reason: `a fork keeps the student's weights; ${blocked.join(' and ')} cannot change`,
    };
  const done = (parent.points.at(-1)?.step ?? -1) + 1;
  if (state.setup.steps <= done)
    return {
      ok: false,
      reason: `the run is at step ${String(done)}: raise the steps to fork here`,
    };
  return { ok: true, parent, config: state.setup };
}

let forks = 0;

/**
 * "Fork from here": the live run stops (the worker checkpoints it at the step it reached) and a
 * new run continues from those weights with the current setup, in the history with a parent link
 * and charted beside its parent (its steps continue from the fork step). Returns an error or null.
 */
export function startFork(
  state: LabState,
  set: (partial: Partial<LabState>) => void,
  send: (m: ToWorker) => void,
  backend: ExperimentConfig['backend'],
): string | null {
  const check = forkCheck(state);
  if (!check.ok) return `Cannot fork: ${check.reason}.`;
  const { parent, config } = check;
  forks += 1;
  const jobId = `${Date.now().toString(36)}-fork-${String(forks)}`;
  const childId = `${jobId}-run-1`;
  const taken = new Set(state.runOrder.map((id) => state.runs[id]?.label));
  let label = `${runLabel(config)} (fork)`;
  for (let k = 2; taken.has(label); k++) label = `${runLabel(config)} (fork ${String(k)})`;
  const step = (parent.points.at(-1)?.step ?? -1) + 1;
  const child: RunState = {
    ...emptyRun(childId, label, config),
    parent: { runId: parent.id, step },
  };
  set({
    job: { id: jobId, status: 'loading', message: `forking from step ${String(step)}` },
    runs: { ...state.runs, [childId]: child },
    runOrder: [...state.runOrder, childId],
    restartNeeded: [],
  });
  send({
    type: 'start',
    jobId,
    runIds: [childId],
    configs: [{ ...config, backend }],
    forkFrom: [parent.id],
  });
  return null;
}

/** Events of a stopped job still land for a fork's parent (its closing evaluation and summary). */
export function isForkParent(state: Pick<LabState, 'runs'>, runId: string): boolean {
  return Object.values(state.runs).some((r) => r.parent?.runId === runId);
}
