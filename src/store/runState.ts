import type { TeacherStats } from '../engine/activationStats';
import type {
  LogitHistograms,
  PerTeacherEval,
  RunEvent,
  RunSummary,
  StepPoint,
  TeacherInfo,
} from '../engine/events';
import type { LossTerm } from '../engine/lossTerms';
import type { ExperimentConfig } from '../engine/experiment/schema';

/** Everything the UI shows about one run: plain, serializable data. */
export interface RunState {
  readonly id: string;
  readonly label: string;
  readonly config: ExperimentConfig;
  readonly teachers: readonly TeacherInfo[];
  /** The run's loss terms, in the order of each point's `terms`. */
  readonly terms: readonly LossTerm[];
  readonly points: readonly StepPoint[];
  readonly evals: readonly {
    step: number;
    testAccuracy: number | null;
    knnAccuracy: number | null;
    perTeacher: PerTeacherEval[];
    logits?: LogitHistograms | null;
  }[];
  readonly teacherStats: readonly TeacherStats[];
  readonly avatar: readonly {
    step: number;
    teacher: string;
    meanWeight: number;
    spread: number;
    uncertainty: number;
  }[];
  /** Steps at which streaming statistics refitted a normalizer. */
  readonly refits: readonly number[];
  readonly ofa: readonly { step: number; branchLosses: number[] }[];
  readonly dfl: readonly { step: number; kind: 'snapshot' | 'reset'; detail: string }[];
  readonly summary: RunSummary | null;
  readonly diverged: { step: number; term: string } | null;
  readonly cacheMs: number;
  /** The config with the live knobs sent so far (null until a knob moves). */
  readonly liveConfig: ExperimentConfig | null;
  /** Knob changes sent to the worker, not yet applied (words for the chart mark). */
  readonly pendingKnobs: readonly string[];
  /** Live knob changes: the first step trained with them, drawn as vertical lines on the charts. */
  readonly knobMarks: readonly { readonly step: number; readonly label: string }[];
  /** A fork: the run it continues from and the step it started at (its first step). */
  readonly parent?: { readonly runId: string; readonly step: number };
}

/** Series longer than this are halved (every other point kept) so charts stay smooth. */
export const MAX_POINTS = 500;
/** Evaluations kept per run (feasibility allows at most this many, so none is dropped). */
export const MAX_EVALS = 1000;

export function downsample<T>(list: readonly T[], max = MAX_POINTS): T[] {
  if (list.length <= max) return [...list];
  const out: T[] = [];
  for (let i = 0; i < list.length; i += 2) {
    const v = list[i];
    if (v !== undefined) out.push(v);
  }
  const last = list.at(-1);
  if (last !== undefined && out.at(-1) !== last) out.push(last);
  return out;
}

export function emptyRun(id: string, label: string, config: ExperimentConfig): RunState {
  return {
    id,
    label,
    config,
    teachers: [],
    terms: [],
    refits: [],
    points: [],
    evals: [],
    teacherStats: [],
    avatar: [],
    ofa: [],
    dfl: [],
    summary: null,
    diverged: null,
    cacheMs: 0,
    liveConfig: null,
    pendingKnobs: [],
    knobMarks: [],
  };
}

/** Folds one engine event into a run (pure). */
export function applyRunEvent(run: RunState, e: RunEvent): RunState {
  switch (e.type) {
    case 'started':
      return { ...run, teachers: e.teachers, terms: e.terms, cacheMs: e.cacheMs };
    case 'teacherStats':
      return { ...run, teacherStats: e.stats };
    case 'steps':
      return { ...run, points: downsample([...run.points, ...e.points]) };
    case 'eval':
      return {
        ...run,
        evals: downsample(
          [
            ...run.evals,
            {
              step: e.step,
              testAccuracy: e.testAccuracy,
              knnAccuracy: e.knnAccuracy,
              perTeacher: e.perTeacher,
              logits: e.logits,
            },
          ],
          MAX_EVALS,
        ),
      };
    case 'avatar':
      return {
        ...run,
        avatar: downsample([
          ...run.avatar,
          {
            step: e.step,
            teacher: e.teacher,
            meanWeight: e.meanWeight,
            spread: e.spread,
            uncertainty: e.uncertainty,
          },
        ]),
      };
    case 'refit':
      return { ...run, refits: [...run.refits, e.step] };
    case 'ofa':
      return {
        ...run,
        ofa: downsample([...run.ofa, { step: e.step, branchLosses: e.branchLosses }]),
      };
    case 'dfl':
      return {
        ...run,
        dfl: downsample([...run.dfl, { step: e.step, kind: e.kind, detail: e.detail }]),
      };
    case 'diverged':
      return { ...run, diverged: { step: e.step, term: e.term } };
    case 'done':
      return { ...run, summary: e.summary };
  }
}
