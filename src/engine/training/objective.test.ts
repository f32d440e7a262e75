import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { momentsOfBatch, rngCreate } from '../../math';
import { useCpuBackend } from '../../testing/tfTestUtils';
import { parseExperiment } from '../experiment/schema';
import type { CachedTeacher, TeacherCache } from '../teacherCache';
import { teacherAvatars } from './objective';
import { createTeacherSlots, disposeSlots } from './teacherSlots';

beforeAll(useCpuBackend);

const N = 64;
const C = 8;

function fakeCache(): { cache: TeacherCache; dispose: () => void } {
  const rng = rngCreate(2);
  const host = Float32Array.from({ length: N * C }, (_, i) => rng.normal() * (1 + (i % C)) + 3);
  const cached: CachedTeacher = {
    id: 'cnn',
    featureDim: C,
    trainFeatures: tf.tensor2d(host, [N, C]),
    trainLogits: null,
    evalFeatures: tf.tensor2d(host, [N, C]),
    evalLogits: null,
    trainFeaturesHost: host,
    evalFeaturesHost: host,
    moments: momentsOfBatch(host, C),
  };
  const cache = { teachers: new Map([['cnn', cached]]) } as unknown as TeacherCache;
  return { cache, dispose: () => tf.dispose([cached.trainFeatures, cached.evalFeatures]) };
}

describe('avatars are perturbed in the teacher’s own space, then normalized', () => {
  it('under PHI-S, channel masking zeroes whole raw teacher channels (not rotated PHI-S dimensions)', async () => {
    const { cache, dispose } = fakeCache();
    const cfg = parseExperiment({
      teachers: [{ id: 'cnn', featureScale: 3 }],
      feature: { normalizer: 'phi-s' },
      avatars: { enabled: true, count: 2, perturbation: 'mask', rate: 0.5 },
      batchSize: 16,
    });
    const [slot] = createTeacherSlots(cfg, cache);
    if (!slot) throw new Error('no slot');
    const before = tf.memory().numTensors;
    const idx = tf.tensor1d(
      Int32Array.from({ length: 16 }, (_, i) => i),
      'int32',
    );
    const vanilla = tf.tidy(() =>
      slot.normalizer.forward(tf.mul(tf.gather(slot.cached.trainFeatures, idx), 3)),
    );
    const r = teacherAvatars(cfg, slot, idx, vanilla, 5);
    const raw = r.avatars.map((a) => slot.normalizer.inverse(a));
    const rows = await Promise.all(raw.map((t) => t.array()));
    let maskedChannels = 0;
    for (const a of rows) {
      for (let c = 0; c < C; c++) {
        const col = a.map((row) => row[c] ?? Number.NaN);
        if (col.every((v) => Math.abs(v) < 1e-3)) maskedChannels += 1;
        else
          expect(
            col.some((v) => Math.abs(v) < 1e-3),
            `channel ${c} partly masked`,
          ).toBe(false);
      }
    }
    expect(maskedChannels).toBeGreaterThan(0);
    // in the normalized (rotated) space the same avatars have no all-zero dimension
    const normRows = await Promise.all(r.avatars.map((t) => t.array()));
    for (const a of normRows)
      for (let c = 0; c < C; c++)
        expect(a.every((row) => Math.abs(row[c] ?? 0) < 1e-3)).toBe(false);
    tf.dispose([idx, vanilla, r.weight, r.stats, ...r.avatars, ...raw]);
    expect(tf.memory().numTensors).toBe(before);
    disposeSlots([slot]);
    dispose();
  });
});
