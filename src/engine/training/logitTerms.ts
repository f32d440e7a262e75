import * as tf from '@tensorflow/tfjs';
import { kdLoss, ofaLoss } from '../../methods/logitLoss';
import type { Fn } from '../../models/layers';
import type { NetworkOutput } from '../../models/network';
import type { ExperimentConfig } from '../experiment/schema';

/** The ε of each OFA branch (shallow to deep) and of the final logits. */
function ofaEps(cfg: ExperimentConfig, stage: number | null): number {
  if (stage === null) return cfg.logits.ofa.eps;
  return cfg.logits.ofa.epsPerStage?.[stage] ?? cfg.logits.ofa.eps;
}

/** The logit terms: KD / LS-KD on the final logits, or OFA on the final logits and every branch. */
export function logitTerms(
  cfg: ExperimentConfig,
  branches: readonly Fn[],
  out: NetworkOutput,
  tLogits: tf.Tensor2D,
  labels: tf.Tensor1D,
): tf.Scalar[] {
  const lw = cfg.logits.weight;
  const T = cfg.logits.temperature;
  if (cfg.logits.method !== 'ofa')
    return [
      tf.mul<tf.Scalar>(
        kdLoss(out.logits, tLogits, { temperature: T, standardize: cfg.logits.method === 'ls-kd' }),
        lw,
      ),
    ];
  const opts = (
    stage: number | null,
  ): {
    eps: number;
    temperature: number;
    variant: ExperimentConfig['logits']['ofa']['variant'];
  } => ({ eps: ofaEps(cfg, stage), temperature: T, variant: cfg.logits.ofa.variant });
  const terms = [tf.mul<tf.Scalar>(ofaLoss(out.logits, tLogits, labels, opts(null)), lw)];
  branches.forEach((b, i) => {
    const stage = out.stages[i];
    if (stage)
      terms.push(tf.mul<tf.Scalar>(ofaLoss(b(stage) as tf.Tensor2D, tLogits, labels, opts(i)), lw));
  });
  return terms;
}
