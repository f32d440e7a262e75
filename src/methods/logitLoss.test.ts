import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { GOLDEN } from '../testing/golden';
import { expectNoLeak, flat, relError, useCpuBackend } from '../testing/tfTestUtils';
import { crossEntropy, kdLoss, ofaLoss, standardizeLogits } from './logitLoss';

beforeAll(useCpuBackend);

const { student, teacher, labels } = GOLDEN.logits;
const zs = (): tf.Tensor2D => tf.tensor2d(student);
const zt = (): tf.Tensor2D => tf.tensor2d(teacher);
const ys = (): tf.Tensor1D => tf.tensor1d(labels, 'int32');

type LossOf = (s: tf.Tensor2D, t: tf.Tensor2D, y: tf.Tensor1D) => tf.Scalar;

const cases: Record<string, LossOf> = {
  kd_T4: (s, t) => kdLoss(s, t, { temperature: 4 }),
  kd_T1: (s, t) => kdLoss(s, t, { temperature: 1 }),
  lskd_T2: (s, t) => kdLoss(s, t, { temperature: 2, standardize: true }),
  ofa_code_eps1_T1: (s, t, y) => ofaLoss(s, t, y, { eps: 1, temperature: 1, variant: 'code' }),
  'ofa_code_eps1.5_T1': (s, t, y) =>
    ofaLoss(s, t, y, { eps: 1.5, temperature: 1, variant: 'code' }),
  'ofa_code_eps1.5_T2': (s, t, y) =>
    ofaLoss(s, t, y, { eps: 1.5, temperature: 2, variant: 'code' }),
  'ofa_paper_eps1.5_T1': (s, t, y) =>
    ofaLoss(s, t, y, { eps: 1.5, temperature: 1, variant: 'paper' }),
  ce: (s, _t, y) => crossEntropy(s, y),
};

/** Value and gradient w.r.t. the student logits, checked for leaks. */
async function valueAndGrad(
  loss: LossOf,
  s0: tf.Tensor2D = zs(),
): Promise<{ value: number; grad: Float32Array }> {
  const t = zt();
  const y = ys();
  const result = await expectNoLeak(async () => {
    const g = tf.grad((s: tf.Tensor) => loss(s as tf.Tensor2D, t, y));
    const gs = g(s0);
    const v = loss(s0, t, y);
    const out = {
      value: (await v.data())[0] ?? Number.NaN,
      grad: (await gs.data()) as Float32Array,
    };
    tf.dispose([gs, v]);
    return out;
  });
  tf.dispose([t, y, s0]);
  return result;
}

describe('logit losses: golden values and gradients from PyTorch', () => {
  for (const [name, loss] of Object.entries(cases)) {
    it(`${name}: value and ∂L/∂z_s match`, async () => {
      const gold = GOLDEN.logitLosses[name];
      if (!gold) throw new Error(`no golden ${name}`);
      const { value, grad } = await valueAndGrad(loss);
      expect(Math.abs(value - gold.value) / Math.max(1, Math.abs(gold.value))).toBeLessThan(1e-5);
      expect(relError(grad, flat(gold.grad))).toBeLessThan(1e-5);
    });
  }

  it('standardizeLogits matches torch ((z − mean)/(1e-7 + std, unbiased))', async () => {
    const z = zs();
    const out = await expectNoLeak(async () => {
      const s = standardizeLogits(z);
      const d = await s.data();
      s.dispose();
      return d;
    });
    z.dispose();
    expect(relError(out, flat(GOLDEN.standardized.student))).toBeLessThan(1e-6);
  });
});

describe('logit losses: invariants', () => {
  it('KL(p‖p) = 0: KD of identical logits is 0 at any temperature', async () => {
    for (const t of [1, 2, 4]) {
      const v = await expectNoLeak(async () => {
        const a = zt();
        const l = kdLoss(a, a, { temperature: t });
        const d = (await l.data())[0];
        tf.dispose([a, l]);
        return d;
      });
      expect(Math.abs(v ?? 1)).toBeLessThan(1e-6);
    }
  });

  it('softmax KD is shift-invariant; logit standardization is shift- and positive-scale-invariant', async () => {
    const base = await valueAndGrad((s, t) => kdLoss(s, t, { temperature: 2, standardize: true }));
    const moved = await valueAndGrad((s, t) =>
      tf.tidy(() =>
        kdLoss(tf.add(tf.mul(s, 3.7), 11), tf.sub(tf.mul(t, 0.2), 5), {
          temperature: 2,
          standardize: true,
        }),
      ),
    );
    expect(Math.abs(moved.value - base.value)).toBeLessThan(1e-4);
    const plain = await valueAndGrad((s, t) => kdLoss(s, t, { temperature: 2 }));
    const shifted = await valueAndGrad((s, t) =>
      tf.tidy(() => kdLoss(tf.add(s, 9), tf.sub(t, 4), { temperature: 2 })),
    );
    expect(Math.abs(shifted.value - plain.value)).toBeLessThan(1e-4);
    expect(relError(shifted.grad, plain.grad)).toBeLessThan(1e-5);
  });

  it('OFA "code" with ε = 1 equals cross-entropy to p_t = KD(T = 1) + H(p_t), with the same gradient', async () => {
    const ofa = await valueAndGrad((s, t, y) =>
      ofaLoss(s, t, y, { eps: 1, temperature: 1, variant: 'code' }),
    );
    const kd = await valueAndGrad((s, t) => kdLoss(s, t, { temperature: 1 }));
    const entropy = tf.tidy(() => {
      const lp = tf.logSoftmax(zt());
      return tf.neg(tf.mean(tf.sum(tf.mul(tf.exp(lp), lp), 1)));
    });
    const h = (await entropy.data())[0] ?? Number.NaN;
    entropy.dispose();
    expect(ofa.value).toBeCloseTo(kd.value + h, 5);
    expect(relError(ofa.grad, kd.grad)).toBeLessThan(1e-5);
  });

  it('OFA raises the target weight with ε: the target-class gradient pulls harder', async () => {
    // a soft teacher (uniform p_t = 0.2): the target weight (1 + p_t,y)^ε is 1.2 vs 1.44
    const soft =
      (eps: number): LossOf =>
      (s, t, y) =>
        tf.tidy(() => ofaLoss(s, tf.zerosLike(t), y, { eps, variant: 'paper' }));
    const g1 = await valueAndGrad(soft(1));
    const g2 = await valueAndGrad(soft(2));
    const k = student[0]?.length ?? 0;
    labels.forEach((y, n) => {
      expect(g2.grad[n * k + y] ?? 0).toBeLessThan(g1.grad[n * k + y] ?? 0);
    });
  });

  it('gradients match central finite differences', async () => {
    const eps = 1e-2;
    for (const name of ['kd_T4', 'lskd_T2', 'ofa_code_eps1.5_T2', 'ofa_paper_eps1.5_T1', 'ce']) {
      const loss = cases[name];
      if (!loss) throw new Error(name);
      const { grad } = await valueAndGrad(loss);
      const base = flat(student);
      for (const idx of [0, 7, 13, 19]) {
        const at = async (delta: number): Promise<number> => {
          const x = Float64Array.from(base);
          x[idx] = (x[idx] ?? 0) + delta;
          const s = tf.tensor2d(Float32Array.from(x), [student.length, student[0]?.length ?? 0]);
          const t = zt();
          const y = ys();
          const l = loss(s, t, y);
          const v = (await l.data())[0] ?? Number.NaN;
          tf.dispose([s, t, y, l]);
          return v;
        };
        const fd = ((await at(eps)) - (await at(-eps))) / (2 * eps);
        expect(Math.abs(fd - (grad[idx] ?? 0)), `${name}[${idx}]`).toBeLessThan(2e-3);
      }
    }
  });
});

describe('logit losses: bad input', () => {
  it('names the problem', () => {
    const a = tf.zeros<tf.Rank.R2>([2, 3]);
    const b = tf.zeros<tf.Rank.R2>([2, 4]);
    const y = tf.tensor1d([0, 1, 2], 'int32');
    expect(() => kdLoss(a, b)).toThrow(/differ in shape/);
    expect(() => kdLoss(a, a, { temperature: 0 })).toThrow(/temperature must be a positive/);
    expect(() => ofaLoss(a, a, y)).toThrow(/labels \[3\] do not match/);
    expect(() => ofaLoss(a, a, tf.tensor1d([0, 1], 'int32'), { eps: -1 })).toThrow(
      /eps must be a positive/,
    );
    expect(() => standardizeLogits(tf.zeros<tf.Rank.R2>([2, 1]))).toThrow(/at least 2 classes/);
    tf.disposeVariables();
    tf.dispose([a, b, y]);
  });
});
