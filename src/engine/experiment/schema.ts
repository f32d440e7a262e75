import { z } from 'zod';
import { AVATAR_PERTURBATIONS } from '../../methods/avatarKinds';
import { FEATURE_LOSS_KINDS } from '../../methods/featureLossKinds';
import { NORMALIZER_KINDS } from '../../methods/normalizerKinds';
import { DATASET_IDS } from '../../data/datasetInfo';
import { ARCH_KINDS } from '../../models/modelSpec';
import { BACKEND_CHOICES } from '../backend/backendKinds';
import { OFA_BRANCH_KINDS, OPTIMIZER_KINDS, STATISTICS_MODES } from './vocabulary';
import { LOGIT_METHODS, OFA_VARIANTS } from '../../methods/logitKinds';
import { SNAPSHOT_RULES } from '../../methods/dflKinds';

/**
 * The experiment schema (DESIGN §5): every field has a default, so `{}` is a valid experiment
 * (the default: three heterogeneous MNIST teachers, PHI-S, label-free). Invalid input fails with
 * the field path and what was expected.
 */
const positiveInt = z.number().int().positive();

export const teacherRefSchema = z.object({
  /** Zoo id within the dataset's manifest (`cnn`, `vit`, …). */
  id: z.string().min(1),
  /** w_t in Σ_t w_t·L_t */
  weight: z.number().min(0).default(1),
  /** Multiplies the teacher's features: ×10 makes a teacher "loud" (the PHI-S story). */
  featureScale: z.number().positive().max(1e4).default(1),
  /** Multiplies the teacher's logits (×0.25 … ×4): a logit-scale mismatch breaks KD, not LS-KD. */
  logitScale: z.number().min(0.25).max(4).default(1),
});

export const studentSchema = z.object({
  arch: z.enum(ARCH_KINDS).default('mlp'),
  width: positiveInt.max(1024).default(128),
  depth: positiveInt.max(12).default(2),
  featureDim: positiveInt.max(1024).default(64),
  patch: positiveInt.optional(),
  heads: positiveInt.optional(),
});

export const featureObjectiveSchema = z.object({
  enabled: z.boolean().default(true),
  normalizer: z.enum(NORMALIZER_KINDS).default('phi-s'),
  loss: z.enum(FEATURE_LOSS_KINDS).default('mse'),
  beta: z.number().positive().default(2),
  /** exact: statistics over the whole teacher cache; streaming: TAO-style running estimate. */
  statistics: z.enum(STATISTICS_MODES).default('exact'),
  /** Streaming statistics stop accumulating after this many steps (TAO: 3,000); at most the run's length. */
  streamFreezeSteps: positiveInt.max(1_000_000).default(3000),
});

export const logitObjectiveSchema = z.object({
  method: z.enum(LOGIT_METHODS).default('none'),
  weight: z.number().min(0).default(1),
  temperature: z.number().positive().max(100).default(4),
  /** Teacher whose logits are distilled: a zoo id, or `mean` (average of all teachers' logits). */
  teacher: z.string().default('mean'),
  ofa: z
    .object({
      eps: z.number().positive().max(10).default(1),
      variant: z.enum(OFA_VARIANTS).default('code'),
      /** Attach branch heads after the student's stages. */
      branches: z.boolean().default(true),
      /** deep: Hao840/OFAKD projectors (shallower stages get more blocks of the student's kind); light: one layer. */
      branchKind: z.enum(OFA_BRANCH_KINDS).default('deep'),
      /** ε per branch stage, shallow to deep (the paper's ablation); the final logits use `eps`. */
      epsPerStage: z.array(z.number().positive().max(10)).max(4).optional(),
    })
    .prefault({}),
});

export const avatarSchema = z.object({
  enabled: z.boolean().default(false),
  count: positiveInt.max(8).default(4),
  perturbation: z.enum(AVATAR_PERTURBATIONS).default('dropout'),
  rate: z.number().min(0).lt(1).default(0.1),
  noiseStd: z.number().min(0).default(0.1),
  /** paper: K avatars + uncertainty factor; code: one avatar, non-affine batch standardization. */
  variant: z.enum(['paper', 'code']).default('paper'),
});

export const dflSchema = z.object({
  enabled: z.boolean().default(false),
  poolSize: positiveInt.max(8).default(3),
  rule: z.enum(SNAPSHOT_RULES).default('best-val'),
  snapshotEvery: positiveInt.default(100),
  resetPeriod: z.number().int().min(0).default(300),
  resetDepth: z.number().int().min(0).default(1),
  weight: z.number().min(0).default(1),
  temperature: z.number().positive().default(4),
});

export const experimentSchema = z.object({
  name: z.string().max(200).default('Untitled experiment'),
  dataset: z.enum(DATASET_IDS).default('mnist'),
  teachers: z
    .array(teacherRefSchema)
    .max(6)
    .default(
      [{ id: 'cnn' }, { id: 'vit' }, { id: 'mlp' }].map((t) => ({
        ...t,
        weight: 1,
        featureScale: 1,
        logitScale: 1,
      })),
    ),
  student: studentSchema.prefault({}),
  feature: featureObjectiveSchema.prefault({}),
  logits: logitObjectiveSchema.prefault({}),
  /** Cross-entropy weight on labels; 0 = label-free. */
  labelWeight: z.number().min(0).default(0),
  avatars: avatarSchema.prefault({}),
  dfl: dflSchema.prefault({}),
  optimizer: z
    .object({
      kind: z
        .preprocess((v) => (v === 'sgd' ? 'momentum' : v), z.enum(OPTIMIZER_KINDS))
        .default('adam'),
      learningRate: z.number().positive().max(10).default(1e-3),
    })
    .prefault({}),
  batchSize: positiveInt.max(1024).default(64),
  steps: positiveInt.max(1_000_000).default(500),
  /** Evaluate every N steps (and at the end). */
  evalEvery: positiveInt.default(100),
  /** Read the loss back every N steps (batched readback). */
  readbackEvery: positiveInt.default(5),
  /** Use only the first N training samples (speed); 0 = all. */
  trainSubset: z.number().int().min(0).default(0),
  /** Test samples used by evaluations; 0 = all. */
  evalSubset: z.number().int().min(0).default(1000),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(0),
  backend: z.enum(BACKEND_CHOICES).default('auto'),
});

export type ExperimentConfig = z.infer<typeof experimentSchema>;
export type ExperimentInput = z.input<typeof experimentSchema>;
export type TeacherRef = z.infer<typeof teacherRefSchema>;

export class ConfigError extends Error {
  constructor(readonly issues: readonly { path: string; message: string }[]) {
    super(
      `Invalid experiment: ${issues.map((i) => `${i.path === '' ? '(root)' : i.path}: ${i.message}`).join('; ')}`,
    );
    this.name = 'ConfigError';
  }
}

/** Parses and checks an experiment; throws ConfigError naming each field path. */
export function parseExperiment(input: unknown): ExperimentConfig {
  const r = experimentSchema.safeParse(input);
  if (!r.success) {
    throw new ConfigError(
      r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    );
  }
  const cfg = r.data;
  const issues: { path: string; message: string }[] = [];
  const needsTeachers = cfg.feature.enabled || cfg.logits.method !== 'none';
  if (needsTeachers && cfg.teachers.length === 0 && !cfg.dfl.enabled)
    issues.push({
      path: 'teachers',
      message: 'at least one teacher is needed for feature or logit distillation',
    });
  const ids = cfg.teachers.map((t) => t.id);
  if (new Set(ids).size !== ids.length)
    issues.push({ path: 'teachers', message: 'each teacher may appear once' });
  if (
    cfg.logits.method !== 'none' &&
    cfg.logits.teacher !== 'mean' &&
    !ids.includes(cfg.logits.teacher)
  ) {
    issues.push({
      path: 'logits.teacher',
      message: `"${cfg.logits.teacher}" is not one of the chosen teachers (${ids.join(', ')})`,
    });
  }
  if (cfg.logits.method === 'ofa' && cfg.labelWeight === 0 && cfg.logits.ofa.variant === 'paper') {
    // fine: OFA uses labels for the target class even when CE weight is 0
  }
  const total = cfg.teachers.reduce((s, t) => s + t.weight, 0);
  if (cfg.feature.enabled && cfg.teachers.length > 0 && total === 0)
    issues.push({ path: 'teachers', message: 'all teacher weights are 0' });
  if (
    !cfg.feature.enabled &&
    cfg.logits.method === 'none' &&
    cfg.labelWeight === 0 &&
    !cfg.dfl.enabled
  ) {
    issues.push({
      path: 'feature.enabled',
      message: 'nothing to learn: enable feature or logit distillation, labels or DFL',
    });
  }
  if ((cfg.dataset === 'blobs' || cfg.dataset === 'spirals') && cfg.student.arch !== 'mlp') {
    issues.push({ path: 'student.arch', message: '2-D point datasets need an MLP student' });
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return cfg;
}
