import { z } from 'zod';
import type { RunEvent, RunSummary, TeacherInfo } from '../engine/events';
import { parseExperiment } from '../engine/experiment/schema';
import { applyRunEvent, emptyRun, type RunState } from './runState';

/**
 * A run log in JSON lines: one of the lab's run events per line, the first a "started" event
 * (what the exported PyTorch recipe writes, torch/distill_lab_torch/runlog.py). Events the lab does
 * not chart (engine, refit, …) are skipped; JSON has no NaN/∞, so null numbers become NaN (∞ for
 * the balance index).
 */
const num = z.number().nullable().transform((v) => v ?? Number.NaN);
const point = z.object({ step: z.number().int().min(0), terms: z.array(num), total: num, samplesPerSecond: num });
const perTeacher = z.looseObject({ id: z.string(), errorNormalized: num, errorTeacherSpace: num, errorPhiS: num, cosine: num, errorPerDim: z.array(num) });
const started = z.object({ type: z.literal('started'), config: z.unknown(), teachers: z.array(z.looseObject({ id: z.string() })), termIds: z.array(z.string()), cacheMs: num.optional() });
const summaryTeacher = z.looseObject({ id: z.string(), lossShare: num, initialShare: num, errorNormalized: num, errorTeacherSpace: num, errorPhiS: num, cosine: num });
const summary = z.looseObject({
  steps: z.number(),
  perTeacher: z.array(summaryTeacher),
  balanceIndex: z.number().nullable().transform((v) => v ?? Number.POSITIVE_INFINITY),
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
  z.object({ type: z.literal('eval'), step: z.number(), testAccuracy: z.number().nullable(), knnAccuracy: z.number().nullable(), perTeacher: z.array(perTeacher) }),
  z.object({ type: z.literal('avatar'), step: z.number(), teacher: z.string(), weight: num, uncertainty: num, distances: z.array(num).default([]) }),
  z.object({ type: z.literal('ofa'), step: z.number(), branchLosses: z.array(num) }),
  z.object({ type: z.literal('dfl'), step: z.number(), kind: z.enum(['snapshot', 'reset']), detail: z.string() }),
  z.object({ type: z.literal('diverged'), step: z.number(), term: z.string() }),
  z.object({ type: z.literal('done'), summary }),
]);
const KNOWN = new Set(['started', 'steps', 'eval', 'avatar', 'ofa', 'dfl', 'diverged', 'done']);

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
      return { type: 'started', runId, config: parseExperiment(e.config), teachers: e.teachers as unknown as TeacherInfo[], termIds: e.termIds, backend: null, cacheMs: e.cacheMs ?? 0 };
    case 'eval':
      return { ...e, runId };
    case 'done':
      return { type: 'done', runId, summary: e.summary as unknown as RunSummary };
    default:
      return { ...e, runId };
  }
}

/** Folds a JSON-lines run log into a run; throws naming the first bad line. */
export function parseRunLog(text: string, runId = 'imported-run', label = 'PyTorch'): RunState {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  let run: RunState | null = null;
  for (const [i, line] of lines.entries()) {
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw new Error(`line ${i + 1} is not JSON`);
    }
    const type = (raw as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !KNOWN.has(type)) continue;
    const r = event.safeParse(raw);
    if (!r.success) throw new Error(`line ${i + 1} (${type}): ${r.error.issues[0]?.message ?? 'invalid'} at ${r.error.issues[0]?.path.join('.') ?? ''}`);
    if (r.data.type === 'started') run = emptyRun(runId, label, parseExperiment(r.data.config));
    if (run === null) throw new Error('the log does not start with a "started" event');
    run = applyRunEvent(run, toEvent(runId, r.data));
  }
  if (run === null) throw new Error('the log has no "started" event');
  return run;
}
