import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../models/modelSpec';
import { createNetwork } from '../../models/network';
import { ParamStore } from '../../models/params';
import { expectNoLeak, useCpuBackend } from '../../testing/tfTestUtils';
import { ofaBranches } from './ofaBranches';

beforeAll(useCpuBackend);

const specs: ModelSpec[] = [
  { arch: 'cnn', inputShape: [28, 28, 1], numClasses: 10, width: 8, depth: 4, featureDim: 32 },
  {
    arch: 'vit',
    inputShape: [28, 28, 1],
    numClasses: 10,
    width: 16,
    depth: 3,
    featureDim: 16,
    patch: 7,
    heads: 2,
  },
  {
    arch: 'mixer',
    inputShape: [28, 28, 1],
    numClasses: 10,
    width: 16,
    depth: 2,
    featureDim: 16,
    patch: 7,
  },
  { arch: 'mlp', inputShape: [28, 28, 1], numClasses: 10, width: 32, depth: 3, featureDim: 24 },
];

describe('OFA branches (Hao840/OFAKD layout)', () => {
  it.each(specs)(
    '$arch: a branch on every stage, the last included, shallower stages with more blocks, each → [N, classes]',
    async (spec) => {
      await expectNoLeak(() => {
        const net = createNetwork(spec, 1);
        const x = tf.zeros<tf.Rank.R4>([2, ...spec.inputShape]);
        const stages = tf.tidy(() => net.forward(x).stages.map((s) => s.shape));
        const p = new ParamStore(2);
        const branches = ofaBranches(p, spec, stages, 'deep');
        expect(branches).toHaveLength(stages.length);
        const blocks = (i: number): number =>
          new Set(
            p.entries
              .filter((e) => e.name.startsWith(`ofa/branch${i + 1}/block`))
              .map((e) => e.layer.split('/').slice(0, 3).join('/')),
          ).size;
        stages.forEach((_, i) => expect(blocks(i), `branch ${i + 1}`).toBe(stages.length - 1 - i));
        const shapes = tf.tidy(() => {
          const o = net.forward(x);
          return o.stages.map((s, i) => (branches[i] as (t: tf.Tensor) => tf.Tensor)(s).shape);
        });
        for (const s of shapes) expect(s).toEqual([2, 10]);
        const light = new ParamStore(3);
        expect(ofaBranches(light, spec, stages, 'light')).toHaveLength(stages.length);
        expect(light.entries.some((e) => e.name.includes('/block'))).toBe(false);
        tf.dispose(x);
        net.dispose();
        p.dispose();
        light.dispose();
      });
    },
  );
});
