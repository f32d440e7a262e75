import type { ExperimentConfig } from './schema';

/**
 * Checks that make a parsed experiment runnable, so a link or file fails when it opens rather
 * than at Run: teachers exist in the dataset's zoo (or are uploads), ViT/Mixer patches divide
 * the image, attention heads divide the width, and evaluations are not so frequent that a long
 * run drowns the page in them.
 */

/** Teacher ids of the shipped zoos (public/models/<dataset>/manifest.json; a test keeps them equal). */
export const ZOO_IDS: Readonly<Partial<Record<ExperimentConfig['dataset'], readonly string[]>>> = {
  mnist: ['cnn', 'resnet', 'mlp', 'vit', 'mixer'],
  'fashion-mnist': ['cnn', 'resnet', 'mlp', 'vit', 'mixer'],
};

/** Uploaded teachers are referred to as `upload-<slug>` (the store's naming). */
export const UPLOAD_PREFIX = 'upload-';
const UPLOAD_ID = /^upload-[a-z0-9-]+$/;

/** Image side of each dataset (points datasets are 1×1×2). */
const IMAGE_SIDE: Readonly<Record<ExperimentConfig['dataset'], number>> = {
  mnist: 28,
  'fashion-mnist': 28,
  digits: 8,
  blobs: 1,
  spirals: 1,
};

/** At most this many evaluations per run: evalEvery ≥ ceil(steps / MAX_EVALUATIONS). */
export const MAX_EVALUATIONS = 1000;

export function minEvalEvery(steps: number): number {
  return Math.max(1, Math.ceil(steps / MAX_EVALUATIONS));
}

export interface FeasibilityIssue {
  readonly path: string;
  readonly message: string;
}

function teacherIssues(cfg: ExperimentConfig): FeasibilityIssue[] {
  const zoo = ZOO_IDS[cfg.dataset];
  const out: FeasibilityIssue[] = [];
  cfg.teachers.forEach((t, i) => {
    if (UPLOAD_ID.test(t.id)) return;
    if (zoo === undefined)
      out.push({
        path: `teachers.${i}.id`,
        message: `${cfg.dataset} has no teacher zoo: "${t.id}" cannot be used (upload a teacher, or use mnist or fashion-mnist)`,
      });
    else if (!zoo.includes(t.id))
      out.push({
        path: `teachers.${i}.id`,
        message: `"${t.id}" is not in the ${cfg.dataset} zoo (${zoo.join(', ')})`,
      });
  });
  return out;
}

function studentIssues(cfg: ExperimentConfig): FeasibilityIssue[] {
  const s = cfg.student;
  if (s.arch !== 'vit' && s.arch !== 'mixer') return [];
  const side = IMAGE_SIDE[cfg.dataset];
  const out: FeasibilityIssue[] = [];
  if (s.patch !== undefined && side % s.patch !== 0)
    out.push({
      path: 'student.patch',
      message: `patch ${s.patch} does not divide the ${side}×${side} image (use a divisor of ${side})`,
    });
  if (s.arch === 'vit' && s.heads !== undefined && s.width % s.heads !== 0)
    out.push({
      path: 'student.heads',
      message: `${s.heads} heads do not divide the width ${s.width}`,
    });
  return out;
}

/** Every reason the experiment cannot run as written (empty when it can). */
export function feasibilityIssues(cfg: ExperimentConfig): FeasibilityIssue[] {
  const out = [...teacherIssues(cfg), ...studentIssues(cfg)];
  const min = minEvalEvery(cfg.steps);
  if (cfg.evalEvery < min)
    out.push({
      path: 'evalEvery',
      message: `evaluating every ${cfg.evalEvery} steps is too often for ${cfg.steps} steps: at least every ${min} (at most ${MAX_EVALUATIONS} evaluations a run)`,
    });
  return out;
}
