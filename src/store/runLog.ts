import { z } from 'zod';
import type { RunEvent } from '../engine/events';
import { parseExperiment } from '../engine/experiment/schema';
import { applyRunEvent, emptyRun, type RunState } from './runState';

/**
 * A run log in JSON lines: one of the lab's run events per line, the first a "started" event
 * (what the exported PyTorch recipe writes, torch/distill_lab_torch/runlog.py). Other lines (the
 * recipe's engine line) are skipped; JSON has no NaN/∞, so null numbers become NaN (∞ for
 * the balance index).
 */
const num = z
  .number()
  .nullable()
  .transform((v) => v ?? Number.NaN);
const point = z.object({
  step: z.number().int().min(0),
  terms: z.array(num),
  total: num,
  shares: z.array(num),
  samplesPerSecond: num,
});
const perTeacher = z.object({
  id: z.string(),
  errorNormalized: num,
  fvu: num,
  whitenedError: num,
  cka: num,
  cosineCentered: num,
  errorPerDim: z.array(num),
});
const labelled = { key: z.string(), label: z.string() };
const term = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('feature'), teacher: z.string(), ...labelled }),
  z.object({ kind: z.literal('avatar'), teacher: z.string(), ...labelled }),
  z.object({ kind: z.literal('logit'), method: z.enum(['kd', 'ls-kd', 'ofa']), ...labelled }),
  z.object({ kind: z.literal('ofa-branch'), stage: z.number().int(), ...labelled }),
  z.object({ kind: z.literal('ce'), ...labelled }),
  z.object({ kind: z.literal('dfl'), ...labelled }),
]);
const teacher = z.object({
  id: z.string(),
  name: z.string(),
  arch: z.string(),
  featureDim: z.number(),
  parameters: z.number(),
  testAccuracy: num,
  featureScale: z.number(),
  weight: z.number(),
});
const started = z.object({
  type: z.literal('started'),
  config: z.unknown(),
  teachers: z.array(teacher),
  terms: z.array(term),
  cacheMs: num.optional(),
});
const summary = z.object({
  steps: z.number(),
  perTeacher: z.array(
    z.object({
      id: z.string(),
      lossShare: num,
      initialShare: num,
      errorNormalized: num,
      fvu: num,
      whitenedError: num,
      cka: num,
      cosineCentered: num,
    }),
  ),
  balanceIndex: z
    .number()
    .nullable()
    .transform((v) => v ?? Number.POSITIVE_INFINITY),
  worstFvu: num,
  meanFvu: num,
  fvuSpread: num,
  worstWhitenedError: num,
  meanCka: num,
  avatars: z.array(z.object({ teacher: z.string(), meanWeight: num, spread: num })),
  refitSteps: z.array(z.number()),
  testAccuracy: z.number().nullable(),
  knnAccuracy: z.number().nullable(),
  samplesPerSecond: num,
  wallSeconds: num,
  finalLoss: num,
  diverged: z.object({ step: z.number(), term: z.string() }).nullable(),
});
const event = z.discriminatedUnion('type', [
  started,
  z.object({ type: z.literal('steps'), points: z.array(point) }),
  z.object({
    type: z.literal('eval'),
    step: z.number(),
    testAccuracy: z.number().nullable(),
    knnAccuracy: z.number().nullable(),
    perTeacher: z.array(perTeacher),
  }),
  z.object({
    type: z.literal('avatar'),
    step: z.number(),
    teacher: z.string(),
    meanWeight: num,
    spread: num,
    uncertainty: num,
    distances: z.array(num),
  }),
  z.object({ type: z.literal('refit'), step: z.number(), teachers: z.array(z.string()) }),
  z.object({ type: z.literal('ofa'), step: z.number(), branchLosses: z.array(num) }),
  z.object({
    type: z.literal('dfl'),
    step: z.number(),
    kind: z.enum(['snapshot', 'reset']),
    detail: z.string(),
  }),
  z.object({ type: z.literal('diverged'), step: z.number(), term: z.string() }),
  z.object({ type: z.literal('done'), summary }),
]);
const KNOWN = new Set([
  'started',
  'steps',
  'eval',
  'avatar',
  'refit',
  'ofa',
  'dfl',
  'diverged',
  'done',
]);

/** True when the text looks like a JSON-lines run log (its first line is a "started" event). */
export function isRunLog(text: string): boolean {
  const first = text.trimStart().split('\n', 1)[0] ?? '';
  try {
    const v: unknown = JSON.parse(first);
    return typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'started';
  } catch {
    return false;
  }
}

function toEvent(runId: string, e: z.infer<typeof event>): RunEvent {
  switch (e.type) {
    case 'started':
      return {
        type: 'started',
        runId,
        config: parseExperiment(e.config),
        teachers: e.teachers,
        terms: e.terms,
        backend: null,
        cacheMs: e.cacheMs ?? 0,
      };
    case 'eval':
      return { ...e, runId, logits: null };
    default:
      return { ...e, runId };
  }
}

/** Folds a JSON-lines run log into a run one line at a time (so a file can be read as a stream). */
export class RunLogFolder {
  private run: RunState | null = null;
  private lineNo = 0;

  constructor(
    private readonly runId: string,
    private readonly label: string,
  ) {}

  /** Folds the next line; throws naming the line when it is not JSON or a known event is malformed. */
  feed(line: string): void {
    this.lineNo += 1;
    if (line.trim() === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw new Error(`line ${this.lineNo} is not JSON`);
    }
    const type = (raw as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !KNOWN.has(type)) return;
    const r = event.safeParse(raw);
    if (!r.success)
      throw new Error(
        `line ${this.lineNo} (${type}): ${r.error.issues[0]?.message ?? 'invalid'} at ${r.error.issues[0]?.path.join('.') ?? ''}`,
      );
    if (r.data.type === 'started')
      this.run = emptyRun(this.runId, this.label, parseExperiment(r.data.config));
    if (this.run === null) throw new Error('the log does not start with a "started" event');
    this.run = applyRunEvent(this.run, toEvent(this.runId, r.data));
  }

  result(): RunState {
    if (this.run === null) throw new Error('the log has no "started" event');
    return this.run;
  }
}

/** Folds a JSON-lines run log into a run; throws naming the first bad line. */
export function parseRunLog(text: string, runId = 'imported-run', label = 'PyTorch'): RunState {
  const folder = new RunLogFolder(runId, label);
  for (const line of text.split('\n')) folder.feed(line);
  return folder.result();
}
