import * as tf from '@tensorflow/tfjs';
import { gatherInputs, gatherLabels } from '../../data/dataset';
import { dflResetDue, resetLayers } from '../../methods/dfl';
import type { AvatarSummary, RunSummary, StepPoint } from '../events';
import { featureShares } from '../lossTerms';
import { clearOptimizerState } from './checkpoint';
import { evaluateStudent } from './evaluateStudent';
import { accuracyTensor } from './evaluation';
import { firstNonFinite, type ReadStep } from './readback';
import type { RunContext } from './runContext';
import { runSummary } from './summary';
import { observeStreaming } from './teacherSlots';
import { trainStep } from './trainStep';

/** Method charts (avatars, OFA branches) get a point every 10 steps. */
const METHOD_CHART_EVERY = 10;

/**
 * One training step of a run (TF Playground's `nn.ts` in spirit: a short function over explicit
 * state): next batch → streaming statistics → optimizer step → DFL hooks → batched readback.
 */
export async function runStep(run: RunContext): Promise<void> {
  const p = run.progress;
  if (p.diverged) return;
  const idx = run.batches.next();
  const refitted = observeStreaming(run.slots, run.cfg, idx);
  if (refitted.length > 0) {
    p.refitSteps.push(p.step);
    run.emit({ type: 'refit', runId: run.runId, step: p.step, teachers: refitted });
  }
  run.readbackQueue.push(trainStep(run, idx, p.step));
  p.step += 1;
  if (run.dfl) await dflAfterStep(run, p.step);
  if (run.readbackQueue.size >= run.cfg.readbackEvery) await runReadback(run);
}

/** DFL after step `done`: offer a snapshot every `snapshotEvery` steps, reset every R steps. */
async function dflAfterStep(run: RunContext, done: number): Promise<void> {
  const { dfl, cfg } = run;
  if (!dfl) return;
  if (done % cfg.dfl.snapshotEvery === 0) {
    const acc = await holdoutAccuracy(run);
    const r = dfl.offer(done, acc, run.student);
    const val = `val ${(acc * 100).toFixed(1)} %`;
    const detail = r.accepted
      ? `kept (${val})${r.evictedStep === null ? '' : `, dropped step ${r.evictedStep}`}`
      : `not kept (${val})`;
    run.emit({ type: 'dfl', runId: run.runId, step: done, kind: 'snapshot', detail });
  }
  if (dflResetDue(done, cfg.dfl.resetPeriod)) {
    const reset = resetLayers(run.student.layers, cfg.dfl.resetDepth, cfg.seed + done - 1);
    const cleared = await clearOptimizerState(run.optimizer, run.trainVars, reset.variables);
    const detail = `re-initialized ${reset.names.join(', ') || 'nothing'}${cleared > 0 ? ' (optimizer state cleared)' : ''}`;
    run.emit({ type: 'dfl', runId: run.runId, step: done, kind: 'reset', detail });
  }
}

async function holdoutAccuracy(run: RunContext): Promise<number> {
  const { cache, student } = run;
  const idx = Int32Array.from({ length: run.holdout }, (_, i) => run.trainable + i);
  const [h, w, c] = student.spec.inputShape;
  const acc = tf.tidy(() => {
    const x = tf.tensor4d(gatherInputs(cache.dataset, cache.trainSplit, idx), [
      idx.length,
      h,
      w,
      c,
    ]);
    return accuracyTensor(
      student.forward(x).logits,
      tf.tensor1d(gatherLabels(cache.trainSplit, idx), 'int32'),
    );
  });
  const v = (await acc.data())[0] ?? 0;
  acc.dispose();
  return v;
}

/** Avatar λ and OFA branch losses for the method charts (every 10 steps and the last of a readback). */
function emitMethodCharts(run: RunContext, p: ReadStep, last: boolean): void {
  if (p.step % METHOD_CHART_EVERY !== 0 && !last) return;
  const aux = p.aux;
  if (aux) {
    const per = 3 + (run.cfg.avatars.variant === 'code' ? 1 : run.cfg.avatars.count);
    run.slots.forEach((s, k) => {
      const o = k * per;
      const meanWeight = aux[o] ?? Number.NaN;
      const spread = aux[o + 1] ?? Number.NaN;
      const sums = run.progress.avatarSums[k];
      if (sums)
        Object.assign(sums, {
          weight: sums.weight + meanWeight,
          spread: sums.spread + spread,
          n: sums.n + 1,
        });
      run.emit({
        type: 'avatar',
        runId: run.runId,
        step: p.step,
        teacher: s.id,
        meanWeight,
        spread,
        uncertainty: aux[o + 2] ?? Number.NaN,
        distances: Array.from(aux.subarray(o + 3, o + per)),
      });
    });
  }
  const ofa = run.terms.findIndex((t) => t.kind === 'logit' && t.method === 'ofa');
  if (run.branches.length > 0 && ofa >= 0) {
    run.emit({
      type: 'ofa',
      runId: run.runId,
      step: p.step,
      branchLosses: [
        ...p.terms.slice(ofa + 1, ofa + 1 + run.branches.length),
        p.terms[ofa] ?? Number.NaN,
      ],
    });
  }
}

/** Reads back the queued losses, checks them, emits them; false once the run diverged. */
export async function runReadback(run: RunContext): Promise<boolean> {
  const p = run.progress;
  if (run.readbackQueue.size === 0) return p.diverged === null;
  const read = await run.readbackQueue.drain();
  const now = performance.now();
  const sps =
    ((p.step - p.lastReadStep) * run.cfg.batchSize) / Math.max(1e-3, (now - p.lastReadMs) / 1000);
  p.lastReadMs = now;
  p.lastReadStep = p.step;
  const points: StepPoint[] = [];
  for (const [i, r] of read.entries()) {
    const bad = firstNonFinite(r.terms);
    if (bad >= 0) {
      p.diverged = { step: r.step, term: run.terms[bad]?.label ?? `term ${bad}` };
      run.emit({ type: 'diverged', runId: run.runId, ...p.diverged });
      break;
    }
    const point: StepPoint = {
      step: r.step,
      terms: r.terms,
      total: r.terms.reduce((a, b) => a + b, 0),
      shares: featureShares(run.terms, r.terms),
      samplesPerSecond: sps,
    };
    points.push(point);
    p.history.push(point);
    emitMethodCharts(run, r, i === read.length - 1);
  }
  if (points.length > 0) run.emit({ type: 'steps', runId: run.runId, points });
  return p.diverged === null;
}

/** Evaluates the student on the eval split and emits it. */
export async function runEvaluate(run: RunContext): Promise<void> {
  const { cfg, slots } = run;
  const source =
    cfg.logits.method !== 'none'
      ? slots.filter(
          (s) =>
            s.cached.evalLogits && (cfg.logits.teacher === 'mean' || s.id === cfg.logits.teacher),
        )
      : [];
  const teacherLogits =
    source.length > 0
      ? (): tf.Tensor2D =>
          tf.div<tf.Tensor2D>(
            tf.addN(
              source.flatMap((s) =>
                s.cached.evalLogits ? [tf.mul<tf.Tensor2D>(s.cached.evalLogits, s.logitScale)] : [],
              ),
            ),
            source.length,
          )
      : null;
  const r = await evaluateStudent({
    cache: run.cache,
    student: run.student,
    slots,
    adaptors: run.adaptors,
    trainable: run.trainable,
    hasHead: run.hasHead,
    teacherLogits,
  });
  run.progress.lastEval = {
    testAccuracy: r.testAccuracy,
    knnAccuracy: r.knnAccuracy,
    perTeacher: r.perTeacher,
  };
  run.emit({ type: 'eval', runId: run.runId, step: run.progress.step, ...r });
}

/** The run's closing numbers. */
export function runSummaryOf(run: RunContext, wallSeconds: number): RunSummary {
  const p = run.progress;
  const avatarsOn = run.cfg.avatars.enabled && run.cfg.feature.enabled;
  const avatars: AvatarSummary[] = avatarsOn
    ? run.slots.map((s, k) => {
        const sums = p.avatarSums[k] ?? { weight: Number.NaN, spread: Number.NaN, n: 0 };
        return { teacher: s.id, meanWeight: sums.weight / sums.n, spread: sums.spread / sums.n };
      })
    : [];
  return runSummary({
    teacherIds: run.slots.map((s) => s.id),
    history: p.history,
    lastEval: p.lastEval,
    avatars,
    refitSteps: p.refitSteps,
    steps: p.step,
    batchSize: run.cfg.batchSize,
    wallSeconds,
    diverged: p.diverged,
  });
}
