import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { featureLoss, type FeatureLossKind } from '../methods/featureLoss';
import { ParamStore } from '../models/params';
import { relError, useCpuBackend } from '../testing/tfTestUtils';
import { parseExperiment } from './experiment/schema';
import { fusedHeads, type FusedHeads } from './fusedHeads';
import { exportWeights, restoreWeights, type NamedVariable } from './training/checkpoint';
import { stepLosses, type ObjectiveParts } from './training/objective';
import type { TeacherSlot } from './training/teacherSlots';

beforeAll(useCpuBackend);

let sepCounter = 0;
const B = 12;
const D = 6;
const TEACHERS = [
  { id: 'cnn', dim: 5, weight: 0.5 },
  { id: 'vit', dim: 3, weight: 2 },
  { id: 'mlp', dim: 4, weight: 1 },
];
const seeded = (shape: number[], seed: number): tf.Tensor =>
  tf.randomNormal(shape, 0, 1, 'float32', seed);

/** Fused heads with random values, and the same heads as separate variables (the pre-fusion layout). */
function bothLayouts(): {
  fused: FusedHeads;
  store: ParamStore;
  separate: { kernel: tf.Variable; bias: tf.Variable }[];
} {
  const store = new ParamStore(1);
  const fused = fusedHeads(store, TEACHERS, D);
  if (!fused.kernel || !fused.bias) throw new Error('no heads');
  const k = fused.kernel;
  const b = fused.bias;
  tf.tidy(() => {
    k.assign(seeded([D, fused.width], 3));
    b.assign(seeded([fused.width], 4));
  });
  const separate = fused.blocks.map((blk) =>
    tf.tidy(() => ({
      kernel: tf.variable(
        tf.slice(k, [0, blk.offset], [-1, blk.dim]),
        true,
        `sep${String(++sepCounter)}/kernel`,
      ),
      bias: tf.variable(
        tf.slice(b, [blk.offset], [blk.dim]),
        true,
        `sep${String(sepCounter)}/bias`,
      ),
    })),
  );
  return { fused, store, separate };
}

function partsFor(kind: FeatureLossKind, heads: FusedHeads): ObjectiveParts {
  const cfg = parseExperiment({
    teachers: TEACHERS.map((t) => ({ id: t.id, weight: t.weight })),
    feature: { loss: kind },
    labelWeight: 0,
  });
  const slots = TEACHERS.map((t) => ({ id: t.id, weight: t.weight }) as unknown as TeacherSlot);
  return { cfg, slots, heads, trainTargets: null, branches: [] };
}

/** Restores separate-heads checkpoint `ckS` (optimizer slots named the pre-fusion way) into new fused heads. */
async function restoreLegacy(
  ckS: Awaited<ReturnType<typeof exportWeights>>,
  renamed: ReadonlyMap<string, string>,
): Promise<{ fused2: ReturnType<typeof fusedHeads>; store2: ParamStore; opt2: tf.AdamOptimizer }> {
  const legacy = {
    step: 1,
    ...ckS,
    optimizer: ckS.optimizer.map((w) => {
      const [varName, suffix] = [
        w.name.split('/').slice(0, -1).join('/'),
        w.name.split('/').at(-1),
      ];
      return { ...w, name: `${renamed.get(varName) ?? varName}/${suffix ?? ''}` };
    }),
  };
  const store2 = new ParamStore(2);
  const fused2 = fusedHeads(store2, TEACHERS, D);
  const opt2 = tf.train.adam(1e-2);
  const named2: NamedVariable[] = fused2.views.map((v) => ({
    name: `heads/${v.name}`,
    variable: v.variable,
    columns: v.columns,
  }));
  await restoreWeights(legacy, named2, opt2);
  return { fused2, store2, opt2 };
}

describe('fused adaptor heads', () => {
  for (const kind of ['mse', 'smooth-l1', 'cosine', 'balanced'] as const)
    it(`${kind}: the same per-teacher losses and gradients as separate heads (float32)`, async () => {
      const { fused, store, separate } = bothLayouts();
      const x = seeded([B, D], 5) as tf.Tensor2D;
      // targets spread wide enough that smooth-L1 uses both of its branches
      const targetsAll = tf.mul<tf.Tensor2D>(seeded([B, fused.width], 6), 3);
      const perTeacher = fused.split(targetsAll);
      const parts = partsFor(kind, fused);
      const before = tf.memory().numTensors;
      const fusedRun = tf.variableGrads(() => {
        const out = { features: x, logits: tf.zeros<tf.Rank.R2>([B, 10]), stages: [] };
        const targets = {
          featuresAll: targetsAll,
          features: kind === 'mse' || kind === 'smooth-l1' ? [] : perTeacher,
          avatars: [],
          avatarStats: null,
          teacherLogits: null,
          dflLogits: null,
        };
        const vec = stepLosses(parts, out, targets, tf.zeros([B], 'int32'));
        return tf.sum(vec);
      }, store.variables);
      const termsFused = tf.tidy(() =>
        stepLosses(
          parts,
          { features: x, logits: tf.zeros([B, 10]), stages: [] },
          {
            featuresAll: targetsAll,
            features: perTeacher,
            avatars: [],
            avatarStats: null,
            teacherLogits: null,
            dflLogits: null,
          },
          tf.zeros([B], 'int32'),
        ),
      );
      const sepVars = separate.flatMap((s) => [s.kernel, s.bias]);
      const separateTerms = (): tf.Tensor1D =>
        tf.stack(
          separate.map((s, i) =>
            tf.mul(
              featureLoss(
                kind,
                tf.add(tf.matMul(x, s.kernel as tf.Tensor2D), s.bias),
                perTeacher[i] as tf.Tensor2D,
              ),
              TEACHERS[i]?.weight ?? 0,
            ),
          ),
        ) as tf.Tensor1D;
      const termsSep = tf.tidy(separateTerms);
      const sepGrads = tf.variableGrads(() => tf.sum(separateTerms()), sepVars);
      expect(relError(await termsFused.data(), await termsSep.data())).toBeLessThan(1e-6);
      expect(Math.abs((await fusedRun.value.data())[0] ?? 0)).toBeGreaterThan(0);
      const kGrad = fusedRun.grads[fused.kernel?.name ?? ''];
      const bGrad = fusedRun.grads[fused.bias?.name ?? ''];
      if (!kGrad || !bGrad) throw new Error('no gradient for the fused heads');
      for (const [i, blk] of fused.blocks.entries()) {
        const s = separate[i];
        if (!s) throw new Error('no separate head');
        const gk = sepGrads.grads[s.kernel.name];
        const gb = sepGrads.grads[s.bias.name];
        if (!gk || !gb) throw new Error('no separate gradient');
        const fk = tf.slice(kGrad, [0, blk.offset], [-1, blk.dim]);
        const fb = tf.slice(bGrad, [blk.offset], [blk.dim]);
        expect(relError(await fk.data(), await gk.data())).toBeLessThan(1e-6);
        expect(relError(await fb.data(), await gb.data())).toBeLessThan(1e-6);
        expect(Math.max(...(await gk.data()).map(Math.abs))).toBeGreaterThan(0);
        tf.dispose([fk, fb]);
      }
      tf.dispose([fusedRun.value, ...Object.values(fusedRun.grads)]);
      tf.dispose([sepGrads.value, ...Object.values(sepGrads.grads), termsFused, termsSep]);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([x, targetsAll, ...perTeacher, ...sepVars]);
      store.dispose();
    });

  it('an optimizer step leaves numTensors unchanged (after the first step makes Adam’s slots)', () => {
    const { fused, store, separate } = bothLayouts();
    const parts = partsFor('mse', fused);
    const x = seeded([B, D], 7) as tf.Tensor2D;
    const targetsAll = seeded([B, fused.width], 8) as tf.Tensor2D;
    const opt = tf.train.adam(1e-2);
    const step = (): void => {
      tf.tidy(() => {
        const loss = opt.minimize(
          () =>
            tf.sum(
              stepLosses(
                parts,
                { features: x, logits: tf.zeros([B, 10]), stages: [] },
                {
                  featuresAll: targetsAll,
                  features: [],
                  avatars: [],
                  avatarStats: null,
                  teacherLogits: null,
                  dflLogits: null,
                },
                tf.zeros([B], 'int32'),
              ),
            ),
          true,
          store.variables,
        );
        loss?.dispose();
      });
    };
    step();
    const n = tf.memory().numTensors;
    step();
    step();
    expect(tf.memory().numTensors).toBe(n);
    opt.dispose();
    store.dispose();
    tf.dispose([x, targetsAll, ...separate.flatMap((s) => [s.kernel, s.bias])]);
  });

  it('checkpoints name per-teacher heads: the fused layout exports what separate heads export, and restores either', async () => {
    const { fused, store, separate } = bothLayouts();
    const x = seeded([B, D], 9) as tf.Tensor2D;
    const y = seeded([B, fused.width], 10) as tf.Tensor2D;
    const ys = fused.split(y);
    const optF = tf.train.adam(1e-2);
    const optS = tf.train.adam(1e-2);
    const lossF = (): tf.Scalar => tf.sum(tf.square(tf.sub(fused.forward(x), y)));
    const lossS = (): tf.Scalar =>
      tf.addN(
        separate.map((s, i) =>
          tf.sum(
            tf.square(
              tf.sub(tf.add(tf.matMul(x, s.kernel as tf.Tensor2D), s.bias), ys[i] as tf.Tensor2D),
            ),
          ),
        ),
      ) as tf.Scalar;
    tf.tidy(() => {
      optF.minimize(lossF, false, store.variables);
      optS.minimize(
        lossS,
        false,
        separate.flatMap((s) => [s.kernel, s.bias]),
      );
    });
    const namedF: NamedVariable[] = fused.views.map((v) => ({
      name: `heads/${v.name}`,
      variable: v.variable,
      columns: v.columns,
    }));
    const namedS: NamedVariable[] = separate.flatMap((s, i) => {
      const id = TEACHERS[i]?.id ?? '';
      return [
        { name: `heads/adaptor/${id}/kernel`, variable: s.kernel },
        { name: `heads/adaptor/${id}/bias`, variable: s.bias },
      ];
    });
    const ckF = await exportWeights(namedF, optF);
    // separate heads named as the pre-fusion trainer named them (netN/adaptor/<id>/…)
    const renamed = new Map(
      namedS.map((n) => [n.variable.name, `net0/${n.name.slice('heads/'.length)}`]),
    );
    const ckS = await exportWeights(namedS, optS);
    expect(Object.keys(ckF.variables)).toEqual(Object.keys(ckS.variables));
    for (const [name, v] of Object.entries(ckS.variables)) {
      expect(ckF.variables[name]?.shape).toEqual(v.shape);
      expect(relError(ckF.variables[name]?.data ?? [], v.data)).toBeLessThan(1e-6);
    }
    expect(ckF.optimizer.map((w) => w.shape)).toEqual(ckS.optimizer.map((w) => w.shape));
    ckF.optimizer.forEach((w, i) => {
      expect(relError(w.data, ckS.optimizer[i]?.data ?? [])).toBeLessThan(1e-6);
    });
    // an older, unfused checkpoint restores into fused heads: same weights, same optimizer state
    const { fused2, store2, opt2 } = await restoreLegacy(ckS, renamed);
    expect(
      relError(
        await (fused2.kernel as tf.Variable).data(),
        await (fused.kernel as tf.Variable).data(),
      ),
    ).toBeLessThan(1e-7);
    const slotsA = await optF.getWeights();
    const slotsB = await opt2.getWeights();
    expect(slotsB.map((w) => w.tensor.shape)).toEqual(slotsA.map((w) => w.tensor.shape));
    for (const [i, w] of slotsB.entries())
      expect(
        relError(await w.tensor.data(), await (slotsA[i]?.tensor ?? w.tensor).data()),
      ).toBeLessThan(1e-6);
    tf.dispose(
      [...slotsA, ...slotsB].map((w) => w.tensor).filter((t) => !(t instanceof tf.Variable)),
    );
    [optF, optS, opt2].forEach((o) => {
      o.dispose();
    });
    store.dispose();
    store2.dispose();
    tf.dispose([x, y, ...ys, ...separate.flatMap((s) => [s.kernel, s.bias])]);
  });
});
