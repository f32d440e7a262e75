import type { BackendInfo } from './backend/backendKinds';
import type { TeacherStats } from './activationStats';
import type { ExperimentConfig } from './experiment/schema';

/** Plain, serializable events a run emits (worker → store, CLI, tests). */
export interface TeacherInfo {
  readonly id: string;
  readonly name: string;
  readonly arch: string;
  readonly featureDim: number;
  readonly parameters: number;
  readonly testAccuracy: number;
  readonly featureScale: number;
  readonly weight: number;
}

export interface PerTeacherEval {
  readonly id: string;
  /** MSE in this run's normalized target space. */
  readonly errorNormalized: number;
  /** Relative MSE in the teacher's own space: E‖ŷ − y‖² / E‖y − μ‖² (fraction of variance unexplained). */
  readonly errorTeacherSpace: number;
  /** MSE in the teacher's PHI-S space: comparable across runs whatever their normalizer. */
  readonly errorPhiS: number;
  /** Mean cosine between centered prediction and centered target, teacher space. */
  readonly cosine: number;
  /** Per-dimension error variance in the normalized space (PHI-S's "error balance"). */
  readonly errorPerDim: number[];
}

export interface StepPoint {
  readonly step: number;
  /** Weighted loss terms w·L, aligned with `termIds`. */
  readonly terms: number[];
  readonly total: number;
  readonly samplesPerSecond: number;
}

export interface RunSummary {
  readonly steps: number;
  readonly perTeacher: {
    id: string;
    lossShare: number;
    initialShare: number;
    errorNormalized: number;
    errorTeacherSpace: number;
    errorPhiS: number;
    cosine: number;
  }[];
  readonly balanceIndex: number;
  readonly testAccuracy: number | null;
  readonly knnAccuracy: number | null;
  readonly samplesPerSecond: number;
  readonly wallSeconds: number;
  readonly finalLoss: number;
  readonly diverged: { step: number; term: string } | null;
}

export type RunEvent =
  | { readonly type: 'started'; readonly runId: string; readonly config: ExperimentConfig; readonly teachers: TeacherInfo[]; readonly termIds: string[]; readonly backend: BackendInfo | null; readonly cacheMs: number }
  | { readonly type: 'teacherStats'; readonly runId: string; readonly stats: TeacherStats[] }
  | { readonly type: 'steps'; readonly runId: string; readonly points: StepPoint[] }
  | { readonly type: 'eval'; readonly runId: string; readonly step: number; readonly testAccuracy: number | null; readonly knnAccuracy: number | null; readonly perTeacher: PerTeacherEval[] }
  | { readonly type: 'avatar'; readonly runId: string; readonly step: number; readonly teacher: string; readonly weight: number; readonly uncertainty: number; readonly distances: number[] }
  | { readonly type: 'ofa'; readonly runId: string; readonly step: number; readonly branchLosses: number[] }
  | { readonly type: 'dfl'; readonly runId: string; readonly step: number; readonly kind: 'snapshot' | 'reset'; readonly detail: string }
  | { readonly type: 'diverged'; readonly runId: string; readonly step: number; readonly term: string }
  | { readonly type: 'done'; readonly runId: string; readonly summary: RunSummary };

export type EmitFn = (event: RunEvent) => void;
