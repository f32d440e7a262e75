import { z } from 'zod';
import { parseExperiment } from '../engine/experiment/schema';
import {
  avatarTerm,
  ceTerm,
  dflTerm,
  featureShares,
  featureTerm,
  logitTerm,
  ofaBranchTerm,
  type LossTerm,
} from '../engine/lossTerms';
import { parseJsonText } from './parseJsonFile';
import { MAX_POINTS } from './runState';

/**
 * The run file (an exported or saved run) and its limits. Files are size-capped before parsing,
 * long series are thinned before validation (so validation and drawing cost stay bounded), and
 * every field the panels read is checked, so a wrong-shaped file is refused with its path.
 */

/** Largest run file imported (bytes; read as a stream off the main thread): a 1,000,000-step export is about 100 MB. */
export const MAX_RUN_FILE_BYTES = 128 * 1024 * 1024;
/** Largest run file parsed whole, in memory (`parseSavedRun`); a 100,000-step export is about 10 MB. */
export const MAX_RUN_TEXT_BYTES = 20 * 1024 * 1024;
/** Largest experiment (setup) file accepted. */
export const MAX_EXPERIMENT_FILE_BYTES = 1024 * 1024;
/** Most points / evaluations / events a run file may draw: longer series are thinned on import. */
export const MAX_IMPORTED_POINTS = MAX_POINTS;
export const MAX_IMPORTED_EVALS = 250;

/**
 * Any number, NaN and ±∞ included: records in IndexedDB keep them (an uploaded teacher has no
 * test accuracy); JSON has no NaN, so a NaN metric is exported as null and read back as NaN.
 */
const anyNumber = z.custom<number>((v) => typeof v === 'number', 'expected a number');
const metric = anyNumber.nullable().transform((v) => v ?? Number.NaN);
const nullableMetric = anyNumber.nullable();
const id = z.string().max(200);

export const teacherInfoSchema = z.looseObject({
  id,
  name: z.string().max(500),
  arch: z.string().max(100),
  featureDim: z.number(),
  parameters: z.number(),
  testAccuracy: metric,
  featureScale: z.number(),
  weight: z.number(),
});

export const lossTermSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('feature'), teacher: id, key: id, label: id }),
  z.object({ kind: z.literal('avatar'), teacher: id, key: id, label: id }),
  z.object({
    kind: z.literal('logit'),
    method: z.enum(['kd', 'ls-kd', 'ofa']),
    key: id,
    label: id,
  }),
  z.object({ kind: z.literal('ofa-branch'), stage: z.number(), key: id, label: id }),
  z.object({ kind: z.literal('ce'), key: id, label: id }),
  z.object({ kind: z.literal('dfl'), key: id, label: id }),
]);

const histogramSchema = z.object({
  edges: z.array(z.number()).max(1000),
  counts: z.array(z.number()).max(1000),
});
export const perTeacherEvalSchema = z.looseObject({
  id,
  errorNormalized: metric,
  fvu: metric,
  whitenedError: metric,
  cka: metric,
  cosineCentered: metric,
  errorPerDim: z.array(metric).max(4096),
});
export const evalSchema = z.looseObject({
  step: z.number(),
  testAccuracy: nullableMetric,
  knnAccuracy: nullableMetric,
  perTeacher: z.array(perTeacherEvalSchema).max(16),
  logits: z
    .object({
      teacher: histogramSchema,
      student: histogramSchema,
      teacherZ: histogramSchema,
      studentZ: histogramSchema,
    })
    .nullable()
    .default(null),
});

export const summarySchema = z.looseObject({
  steps: z.number(),
  perTeacher: z
    .array(
      z.looseObject({
        id,
        lossShare: metric,
        initialShare: metric,
        errorNormalized: metric,
        fvu: metric,
        whitenedError: metric,
        cka: metric,
        cosineCentered: metric,
      }),
    )
    .max(16),
  balanceIndex: metric,
  worstFvu: metric,
  meanFvu: metric,
  fvuSpread: metric,
  worstWhitenedError: metric,
  meanCka: metric,
  avatars: z.array(z.looseObject({ teacher: id, meanWeight: metric, spread: metric })).max(16),
  refitSteps: z.array(z.number()).max(100_000),
  testAccuracy: nullableMetric,
  knnAccuracy: nullableMetric,
  samplesPerSecond: metric,
  wallSeconds: metric,
  finalLoss: metric,
  diverged: z.object({ step: z.number(), term: z.string().max(200) }).nullable(),
});

export const stepPointSchema = z.object({
  step: z.number(),
  terms: z.array(metric).max(64),
  total: metric,
  shares: z.array(metric).max(64),
  samplesPerSecond: metric,
});
export const dflEventSchema = z.object({
  step: z.number(),
  kind: z.enum(['snapshot', 'reset']),
  detail: z.string().max(1000),
});

export const historyEntrySchema = z.object({
  id,
  name: z.string().max(500),
  createdAt: z.string().max(100),
  label: z.string().max(500),
  steps: z.number(),
  finished: z.boolean(),
  /** A fork: the run it continued from and the step it started at. */
  parent: z.object({ runId: id, step: z.number().int().min(0) }).optional(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const runBodySchema = z.object({
  id,
  label: z.string().max(500),
  config: z.unknown(),
  teachers: z.array(teacherInfoSchema).max(16),
  terms: z.array(lossTermSchema).max(64),
  points: z.array(stepPointSchema),
  evals: z.array(evalSchema),
  dfl: z.array(dflEventSchema),
  summary: summarySchema.nullable(),
});

/** Version 1 files (loss terms named "feature:cnn", older metric names): checked for shape, then migrated. */
function termFromKey(key: string): LossTerm {
  const [kind = '', rest = ''] = key.split(/:(.*)/s);
  if (kind === 'feature') return featureTerm(rest);
  if (kind === 'avatar') return avatarTerm(rest);
  if (kind === 'logit' && (rest === 'kd' || rest === 'ls-kd' || rest === 'ofa'))
    return logitTerm(rest);
  if (kind === 'ofa') return ofaBranchTerm(Number(rest.replace('branch', '')) || 0);
  if (kind === 'dfl') return dflTerm();
  return ceTerm();
}
const v1Body = z.object({
  id,
  label: z.string().max(500),
  config: z.unknown(),
  teachers: z.array(teacherInfoSchema).max(16),
  termIds: z.array(id).max(64),
  points: z.array(
    z.object({
      step: z.number(),
      terms: z.array(metric).max(64),
      total: metric,
      samplesPerSecond: metric,
    }),
  ),
  evals: z.array(
    z.looseObject({ step: z.number(), perTeacher: z.array(z.looseObject({ id })).max(16) }),
  ),
  dfl: z.array(dflEventSchema),
  summary: z
    .looseObject({ steps: z.number(), perTeacher: z.array(z.looseObject({ id })).max(16) })
    .nullable(),
});

export const runFileV2Schema = z.object({
  format: z.literal('distill-lab-run'),
  version: z.literal(2),
  entry: historyEntrySchema,
  run: runBodySchema,
});
export const savedRunSchema = z.union([
  runFileV2Schema,
  z
    .object({
      format: z.literal('distill-lab-run'),
      version: z.literal(1),
      entry: historyEntrySchema,
      run: v1Body,
    })
    .transform(({ entry, run: { termIds, points, ...rest } }) => {
      const terms = termIds.map(termFromKey);
      return {
        format: 'distill-lab-run' as const,
        version: 2 as const,
        entry,
        run: {
          ...rest,
          terms,
          points: points.map((p) => ({ ...p, shares: featureShares(terms, p.terms) })),
        },
      };
    }),
]);
export type SavedRun = z.infer<typeof runFileV2Schema>;

/** Keeps at most `max` items, evenly spaced, always the first and the last (order kept). */
export function thin<T>(list: readonly T[], max: number): T[] {
  if (list.length <= max) return [...list];
  if (max <= 1) return list.slice(-1);
  const out: T[] = [];
  const stride = (list.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) {
    const v = list[Math.round(i * stride)];
    if (v !== undefined) out.push(v);
  }
  return out;
}

/** Thins a raw (unvalidated) run's series in place of validation cost: arrays only, nothing else touched. */
function thinRaw(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || !('run' in raw)) return raw;
  const run: unknown = raw.run;
  if (typeof run !== 'object' || run === null) return raw;
  const r = run as Record<string, unknown>;
  const cap = (v: unknown, max: number): unknown => (Array.isArray(v) ? thin(v, max) : v);
  return {
    ...raw,
    run: {
      ...r,
      points: cap(r.points, MAX_IMPORTED_POINTS),
      evals: cap(r.evals, MAX_IMPORTED_EVALS),
      dfl: cap(r.dfl, MAX_IMPORTED_EVALS),
    },
  };
}

/** The most specific issue: inside a union, the branch of the file's own version. */
function firstIssue(e: z.ZodError): string {
  let i = e.issues[0];
  while (i?.code === 'invalid_union') {
    const branches = i.errors.filter((b) => !b.some((x) => x.path[0] === 'version'));
    const inner = branches[0]?.[0] ?? i.errors[0]?.[0];
    if (!inner) break;
    i = { ...inner, path: [...i.path, ...inner.path] };
  }
  return `${i?.message ?? 'invalid'} at ${i?.path.join('.') || '(root)'}`;
}

/** Parses an exported run file; throws naming what is wrong (size, JSON, field path, config). */
export function parseSavedRun(text: string): SavedRun {
  return validateSavedRun(thinRaw(parseJsonText(text, MAX_RUN_TEXT_BYTES, 'run')));
}

/** Validates a parsed run file whose series are already thinned; throws naming the field path. */
export function validateSavedRun(raw: unknown): SavedRun {
  const r = savedRunSchema.safeParse(raw);
  if (!r.success) throw new Error(`Not a Distill Lab run: ${firstIssue(r.error)}`);
  parseExperiment(r.data.run.config);
  return r.data as SavedRun;
}
