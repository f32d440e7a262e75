import type { BackendInfo } from './backend/backendKinds';
import type { TeacherStats } from './activationStats';
import type { ExperimentConfig } from './experiment/schema';
import type { LossTerm } from './lossTerms';

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

/** How well the student reproduces one teacher, on the eval split (see `training/evaluation.ts`). */
export interface PerTeacherEval {
  readonly id: string;
  /** MSE in this run's own normalized target space: comparable within a run only (export, never sort by it). */
  readonly errorNormalized: number;
  /** Fraction of variance unexplained, in the teacher's raw units (= MSE in its PHI-S space). */
  readonly fvu: number;
  /** MSE in the teacher's ZCA-whitened space: every principal direction counts equally. */
  readonly whitenedError: number;
  /** Linear CKA between the student's features and the teacher's (scale- and rotation-invariant). */
  readonly cka: number;
  /** Mean cosine between centered prediction and centered target, teacher space. */
  readonly cosineCentered: number;
  /** Per-dimension MSE in the normalized space (PHI-S's "error balance"). */
  readonly errorPerDim: number[];
}

export interface HistogramView {
  readonly edges: number[];
  readonly counts: number[];
}

/** Logit histograms on the eval split: raw logits share one range, Z-scored logits another. */
export interface LogitHistograms {
  readonly teacher: HistogramView;
  readonly student: HistogramView;
  readonly teacherZ: HistogramView;
  readonly studentZ: HistogramView;
}

export interface StepPoint {
  readonly step: number;
  /** Weighted loss terms w·L, aligned with the run's `terms`. */
  readonly terms: number[];
  readonly total: number;
  /** Each teacher's share of the feature loss (teacher order; empty without feature terms). */
  readonly shares: number[];
  readonly samplesPerSecond: number;
}

/** Avatar KD's factor for one teacher, over the run: mean λ and its spread (std over elements). */
export interface AvatarSummary {
  readonly teacher: string;
  readonly meanWeight: number;
  readonly spread: number;
}

export interface RunSummary {
  readonly steps: number;
  readonly perTeacher: {
    id: string;
    lossShare: number;
    initialShare: number;
    errorNormalized: number;
    fvu: number;
    whitenedError: number;
    cka: number;
    cosineCentered: number;
  }[];
  /** Max/min loss share over the last 100 steps (1 = balanced; also 1 for a run that learns nothing). */
  readonly balanceIndex: number;
  /** The worst-served teacher's FVU: the compare table's default order (PHI-S's argument). */
  readonly worstFvu: number;
  readonly meanFvu: number;
  /** Max/min per-teacher FVU: shown beside the balance index. */
  readonly fvuSpread: number;
  readonly worstWhitenedError: number;
  readonly meanCka: number;
  /** Avatar runs: mean λ over the run per teacher. */
  readonly avatars: AvatarSummary[];
  /** Streaming statistics: the steps at which normalizers were refitted. */
  readonly refitSteps: number[];
  readonly testAccuracy: number | null;
  readonly knnAccuracy: number | null;
  readonly samplesPerSecond: number;
  readonly wallSeconds: number;
  readonly finalLoss: number;
  readonly diverged: { step: number; term: string } | null;
}

export type RunEvent =
  | {
      readonly type: 'started';
      readonly runId: string;
      readonly config: ExperimentConfig;
      readonly teachers: TeacherInfo[];
      readonly terms: LossTerm[];
      readonly backend: BackendInfo | null;
      readonly cacheMs: number;
    }
  | { readonly type: 'teacherStats'; readonly runId: string; readonly stats: TeacherStats[] }
  | { readonly type: 'steps'; readonly runId: string; readonly points: StepPoint[] }
  | {
      readonly type: 'eval';
      readonly runId: string;
      readonly step: number;
      readonly testAccuracy: number | null;
      readonly knnAccuracy: number | null;
      readonly perTeacher: PerTeacherEval[];
      readonly logits: LogitHistograms | null;
    }
  /** λ = 1/(1 + u_rel) per element: its mean and spread (std), the mean u_rel and each avatar's mean relative distance. */
  | {
      readonly type: 'avatar';
      readonly runId: string;
      readonly step: number;
      readonly teacher: string;
      readonly meanWeight: number;
      readonly spread: number;
      readonly uncertainty: number;
      readonly distances: number[];
    }
  /** Streaming statistics refitted these teachers' normalizers before this step. */
  | {
      readonly type: 'refit';
      readonly runId: string;
      readonly step: number;
      readonly teachers: string[];
    }
  | {
      readonly type: 'ofa';
      readonly runId: string;
      readonly step: number;
      readonly branchLosses: number[];
    }
  | {
      readonly type: 'dfl';
      readonly runId: string;
      readonly step: number;
      readonly kind: 'snapshot' | 'reset';
      readonly detail: string;
    }
  | {
      readonly type: 'diverged';
      readonly runId: string;
      readonly step: number;
      readonly term: string;
    }
  | { readonly type: 'done'; readonly runId: string; readonly summary: RunSummary };

export type EmitFn = (event: RunEvent) => void;
