import * as tf from '@tensorflow/tfjs';
import { avatarWeights, batchStandardize, makeAvatars } from '../../methods/avatars';
import {
  featureLoss,
  featureLossElements,
  isElementwise,
  weightedFeatureLoss,
} from '../../methods/featureLoss';
import { crossEntropy, kdLoss } from '../../methods/logitLoss';
import { logitTerms } from './logitTerms';
import type { Fn } from '../../models/layers';
import type { NetworkOutput } from '../../models/network';
import type { ExperimentConfig } from '../experiment/schema';
import { segmentMeans, type FusedHeads } from '../fusedHeads';
import {
  avatarTerm,
  ceTerm,
  dflTerm,
  featureTerm,
  logitTerm,
  ofaBranchTerm,
  type LossTerm,
} from '../lossTerms';
import { normalizedTargets, rawTargets, type TeacherSlot } from './teacherSlots';

/**
 * The step's loss terms (DESIGN §3): total = Σ_t w_t·L_t over per-teacher feature terms, avatar
 * terms, logit KD / LS-KD / OFA (final logits and branches), label cross-entropy and DFL.
 * `lossTermList` says which terms a run has, in order; `stepTargets` computes everything that does
 * not depend on the student (outside the gradient tape); `stepLosses` the terms themselves.
 */
export interface ObjectiveParts {
  readonly cfg: ExperimentConfig;
  readonly slots: readonly TeacherSlot[];
  /** The adaptor heads, one per teacher (slot order), fused: student features → each teacher's normalized space. */
  readonly heads: FusedHeads;
  /** Exact statistics: every teacher's normalized train targets side by side [N, ΣC_t] (else null). */
  readonly trainTargets: tf.Tensor2D | null;
  readonly branches: readonly Fn[];
}

const avatarsOn = (cfg: ExperimentConfig): boolean => cfg.feature.enabled && cfg.avatars.enabled;
/** Per-teacher blocks are needed for avatars and for losses that are not element-wise (cosine, balanced). */
const needsSplit = (cfg: ExperimentConfig): boolean =>
  avatarsOn(cfg) || !isElementwise(cfg.feature.loss);
/** The "code" variant of Avatar KD distills from the avatar only: no vanilla feature term. */
const vanillaFeatureTerms = (cfg: ExperimentConfig): boolean =>
  cfg.feature.enabled && !(avatarsOn(cfg) && cfg.avatars.variant === 'code');

export function lossTermList(
  cfg: ExperimentConfig,
  branchCount: number,
  teacherName: (id: string) => string = (id) => id,
): LossTerm[] {
  const terms: LossTerm[] = [];
  if (vanillaFeatureTerms(cfg))
    for (const t of cfg.teachers) terms.push(featureTerm(t.id, teacherName(t.id)));
  if (avatarsOn(cfg)) for (const t of cfg.teachers) terms.push(avatarTerm(t.id, teacherName(t.id)));
  if (cfg.logits.method !== 'none') terms.push(logitTerm(cfg.logits.method));
  for (let i = 0; i < branchCount; i++) terms.push(ofaBranchTerm(i + 1));
  if (cfg.labelWeight > 0) terms.push(ceTerm());
  if (cfg.dfl.enabled) terms.push(dflTerm());
  return terms;
}

export interface StepTargets {
  /** Normalized targets of every teacher side by side [B, ΣC_t] (null without feature terms). */
  readonly featuresAll: tf.Tensor2D | null;
  /** Normalized targets per teacher [B, C_t] (empty when the fused loss needs no split). */
  readonly features: readonly tf.Tensor2D[];
  /** Per teacher: normalized avatars and their λ (null in the "code" variant). */
  readonly avatars: readonly {
    readonly avatars: readonly tf.Tensor2D[];
    readonly weight: tf.Tensor2D | null;
  }[];
  /** Per teacher [mean λ, std λ, mean u_rel, distance_1..K] for the charts (one small tensor). */
  readonly avatarStats: tf.Tensor1D | null;
  readonly teacherLogits: tf.Tensor2D | null;
  readonly dflLogits: tf.Tensor2D | null;
}

/** Teacher logits for a batch (× each teacher's logit scale), one teacher or the mean of all. */
function teacherLogits(
  cfg: ExperimentConfig,
  slots: readonly TeacherSlot[],
  idxT: tf.Tensor1D,
): tf.Tensor2D {
  return tf.tidy(() => {
    const of = (s: TeacherSlot): tf.Tensor2D | null =>
      s.cached.trainLogits
        ? tf.mul<tf.Tensor2D>(tf.gather(s.cached.trainLogits, idxT), s.logitScale)
        : null;
    if (cfg.logits.teacher === 'mean') {
      const all = slots.flatMap((s) => of(s) ?? []);
      return tf.div<tf.Tensor2D>(tf.addN(all), all.length);
    }
    const s = slots.find((t) => t.id === cfg.logits.teacher);
    const z = s ? of(s) : null;
    if (!z) throw new Error(`teacher ${cfg.logits.teacher} has no class logits`);
    return z;
  });
}

/**
 * Avatars of one teacher (Avatar KD): perturbed in the teacher's own (scaled) space — dropout or
 * masking then act on the teacher's channels, as in the reference code — then normalized like the
 * vanilla target; λ from their spread about it (see `avatarWeights`).
 */
export function teacherAvatars(
  cfg: ExperimentConfig,
  slot: TeacherSlot,
  idxT: tf.Tensor1D,
  vanilla: tf.Tensor2D,
  step: number,
): { avatars: tf.Tensor2D[]; weight: tf.Tensor2D; stats: tf.Tensor1D } {
  const a = cfg.avatars;
  const count = a.variant === 'code' ? 1 : a.count;
  const out = tf.tidy(() => {
    const raw = rawTargets(slot, idxT);
    const avatars = makeAvatars(
      raw,
      {
        count,
        perturbation: a.perturbation,
        rate: a.rate,
        noiseStd: a.noiseStd,
        seed: cfg.seed,
        stream: slot.index,
      },
      step,
    ).map((r) => slot.normalizer.forward(r));
    const w = avatarWeights(vanilla, avatars, slot.normalizedVariance);
    const { mean, variance } = tf.moments(w.weight);
    const stats = tf.concat([
      tf.stack([mean, tf.sqrt(variance), tf.mean(w.uncertainty)]),
      w.distances,
    ]) as tf.Tensor1D;
    return [w.weight, stats, ...avatars];
  });
  const [weight, stats, ...avatars] = out as [tf.Tensor2D, tf.Tensor1D, ...tf.Tensor2D[]];
  return { avatars, weight, stats };
}

/** Everything the step needs that does not depend on the student. Call inside `tf.tidy`. */
export function stepTargets(
  parts: ObjectiveParts,
  idxT: tf.Tensor1D,
  step: number,
  dflTarget: () => tf.Tensor2D | null,
): StepTargets {
  const { cfg, slots } = parts;
  const featuresAll =
    !cfg.feature.enabled || slots.length === 0
      ? null
      : parts.trainTargets
        ? tf.gather(parts.trainTargets, idxT)
        : tf.concat(
            slots.map((s) => normalizedTargets(s, idxT)),
            1,
          );
  const features = featuresAll && needsSplit(cfg) ? parts.heads.split(featuresAll) : [];
  const statParts: tf.Tensor1D[] = [];
  const avatars = avatarsOn(cfg)
    ? slots.map((s, i) => {
        const r = teacherAvatars(cfg, s, idxT, features[i] ?? normalizedTargets(s, idxT), step);
        statParts.push(r.stats);
        return { avatars: r.avatars, weight: cfg.avatars.variant === 'code' ? null : r.weight };
      })
    : [];
  return {
    featuresAll,
    features,
    avatars,
    avatarStats: statParts.length > 0 ? tf.concat<tf.Tensor1D>(statParts) : null,
    teacherLogits: cfg.logits.method !== 'none' ? teacherLogits(cfg, slots, idxT) : null,
    dflLogits: cfg.dfl.enabled ? dflTarget() : null,
  };
}

/**
 * Element-wise losses (MSE, smooth-L1) of every teacher from one subtraction over the fused
 * prediction and targets [B, ΣC_t]: column means times the segment matrix give w_t · L_t [T].
 */
function fusedFeatureTerms(
  parts: ObjectiveParts,
  pred: tf.Tensor2D,
  target: tf.Tensor2D,
): tf.Tensor1D {
  const { cfg, slots, heads } = parts;
  const kind = cfg.feature.loss;
  if (!isElementwise(kind)) throw new Error(`fused loss: ${kind} is not element-wise`);
  const elements = featureLossElements(kind, pred, target, { beta: cfg.feature.beta });
  const seg = segmentMeans(
    heads.blocks,
    slots.map((s) => s.weight),
  );
  return tf.reshape(tf.matMul(tf.mean(elements, 0, true), seg), [slots.length]);
}

/** Per-teacher feature and avatar terms w_t·L_t, in `lossTermList` order (features, then avatars). */
function featureTerms(
  parts: ObjectiveParts,
  features: tf.Tensor2D,
  targets: StepTargets,
): { fused: tf.Tensor1D | null; scalars: tf.Scalar[] } {
  const { cfg, slots } = parts;
  const opts = { beta: cfg.feature.beta };
  const all = parts.heads.forward(features);
  const split = needsSplit(cfg) ? parts.heads.split(all) : [];
  const scalars: tf.Scalar[] = [];
  let fused: tf.Tensor1D | null = null;
  if (vanillaFeatureTerms(cfg)) {
    if (isElementwise(cfg.feature.loss) && targets.featuresAll)
      fused = fusedFeatureTerms(parts, all, targets.featuresAll);
    else
      slots.forEach((s, i) => {
        const pred = split[i];
        const target = targets.features[i];
        if (pred && target)
          scalars.push(
            tf.mul<tf.Scalar>(featureLoss(cfg.feature.loss, pred, target, opts), s.weight),
          );
      });
  }
  slots.forEach((s, i) => {
    const set = targets.avatars[i];
    const pred = split[i];
    if (!set || !pred) return;
    const weight = set.weight;
    const losses = set.avatars.map((a) =>
      weight === null
        ? tf.mean(tf.squaredDifference(batchStandardize(pred), batchStandardize(a)))
        : weightedFeatureLoss(cfg.feature.loss, pred, a, weight, opts),
    );
    scalars.push(tf.mul<tf.Scalar>(tf.mean(tf.stack(losses)), s.weight));
  });
  return { fused, scalars };
}

/**
 * The weighted loss terms w·L of one step as one vector, aligned with `lossTermList`. Call
 * inside the tape.
 */
export function stepLosses(
  parts: ObjectiveParts,
  out: NetworkOutput,
  targets: StepTargets,
  labels: tf.Tensor1D,
): tf.Tensor1D {
  const { cfg } = parts;
  const feature =
    cfg.feature.enabled && parts.slots.length > 0
      ? featureTerms(parts, out.features, targets)
      : { fused: null, scalars: [] };
  const terms: tf.Scalar[] = [...feature.scalars];
  if (targets.teacherLogits)
    terms.push(...logitTerms(cfg, parts.branches, out, targets.teacherLogits, labels));
  if (cfg.labelWeight > 0)
    terms.push(tf.mul<tf.Scalar>(crossEntropy(out.logits, labels), cfg.labelWeight));
  if (cfg.dfl.enabled)
    terms.push(
      targets.dflLogits
        ? tf.mul<tf.Scalar>(
            kdLoss(out.logits, targets.dflLogits, { temperature: cfg.dfl.temperature }),
            cfg.dfl.weight,
          )
        : tf.scalar(0),
    );
  const pieces: tf.Tensor1D[] = [];
  if (feature.fused) pieces.push(feature.fused);
  if (terms.length > 0) pieces.push(tf.stack<tf.Scalar>(terms) as tf.Tensor1D);
  if (pieces.length === 0) throw new Error('no loss terms');
  return pieces.length === 1 && pieces[0] ? pieces[0] : tf.concat(pieces);
}
