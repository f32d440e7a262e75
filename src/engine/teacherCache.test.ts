import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodePublicReader } from '../data/nodePublicReader';
import { syntheticDataset } from '../data/synthetic';
import { momentsOfBatch } from '../math';
import { useCpuBackend } from '../testing/tfTestUtils';
import { fingerprintOf, MemoryOutputStore } from './outputStore';
import { runExperiment } from './runExperiment';
import { buildTeacherCache, StoppedError, type TeacherSource } from './teacherCache';

beforeAll(async () => {
  await useCpuBackend();
});

/** A frozen "teacher" with known outputs: features (x₀ + x₁, x₀ · x₁, 1), logits (x₀, −x₀); counts its forward passes. */
function fakeTeacher(
  fingerprint: string,
  onForward: () => void = () => undefined,
): TeacherSource & { calls: number } {
  const t = {
    calls: 0,
    featureDim: 3,
    numClasses: 2,
    fingerprint,
    predictAll: (split: { count: number; inputs: Float32Array }) => {
      t.calls += 1;
      onForward();
      const features = new Float32Array(split.count * 3);
      const logits = new Float32Array(split.count * 2);
      for (let i = 0; i < split.count; i++) {
        const a = split.inputs[2 * i] ?? 0;
        const b = split.inputs[2 * i + 1] ?? 0;
        features.set([a + b, a * b, 1], 3 * i);
        logits.set([a, -a], 2 * i);
      }
      return Promise.resolve({ features, logits });
    },
  };
  return t;
}

describe('teacher cache', () => {
  const ds = syntheticDataset('blobs', 3);

  it('computes exact outputs and moments, and a second build reads them from the store without a forward pass', async () => {
    const store = new MemoryOutputStore();
    const first = fakeTeacher('w1');
    const a = await buildTeacherCache(ds, new Map([['t', first]]), 300, 100, {
      store,
      backend: 'cpu',
      chunk: 64,
    });
    expect(first.calls).toBe(Math.ceil(300 / 64) + Math.ceil(100 / 64));
    const ta = a.teachers.get('t');
    if (!ta) throw new Error('missing teacher');
    const x0 = ds.train.inputs[6] ?? 0;
    const x1 = ds.train.inputs[7] ?? 0;
    expect(Array.from(ta.trainFeaturesHost.subarray(9, 12))).toEqual(
      Array.from(new Float32Array([x0 + x1, x0 * x1, 1])),
    );
    expect(ta.moments.mean).toEqual(momentsOfBatch(ta.trainFeaturesHost, 3).mean);
    const before = tf.memory().numTensors;
    const again = fakeTeacher('w1');
    const b = await buildTeacherCache(ds, new Map([['t', again]]), 300, 100, {
      store,
      backend: 'cpu',
    });
    expect(again.calls).toBe(0);
    expect(b.fromStore).toEqual(['t']);
    expect(await b.teachers.get('t')?.trainFeatures.data()).toEqual(await ta.trainFeatures.data());
    expect(await b.teachers.get('t')?.evalLogits?.data()).toEqual(await ta.evalLogits?.data());
    b.dispose();
    expect(tf.memory().numTensors).toBe(before);
    a.dispose();
  });

  it('recomputes when the weights, the subset or the backend differ', async () => {
    const store = new MemoryOutputStore();
    (
      await buildTeacherCache(ds, new Map([['t', fakeTeacher('w1')]]), 200, 50, {
        store,
        backend: 'cpu',
      })
    ).dispose();
    for (const [fp, train, backend] of [
      ['w2', 200, 'cpu'],
      ['w1', 201, 'cpu'],
      ['w1', 200, 'wasm'],
    ] as const) {
      const t = fakeTeacher(fp);
      (await buildTeacherCache(ds, new Map([['t', t]]), train, 50, { store, backend })).dispose();
      expect(t.calls).toBeGreaterThan(0);
    }
  });

  it('stops between chunks when the signal fires, freeing what it had made', async () => {
    const before = tf.memory().numTensors;
    const abort = new AbortController();
    const other = fakeTeacher('a');
    const slow = fakeTeacher('b', () => {
      if (slow.calls === 2) abort.abort();
    });
    const build = buildTeacherCache(
      ds,
      new Map([
        ['a', other],
        ['b', slow],
      ]),
      400,
      100,
      { signal: abort.signal, chunk: 50 },
    );
    await expect(build).rejects.toBeInstanceOf(StoppedError);
    expect(slow.calls).toBe(2);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('fingerprints depend on every byte and on the order of the parts', async () => {
    const a = await fingerprintOf(['zoo', new Uint8Array([1, 2, 3])]);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await fingerprintOf(['zoo', new Uint8Array([1, 2, 4])])).not.toBe(a);
    expect(await fingerprintOf([new Uint8Array([1, 2, 3]), 'zoo'])).not.toBe(a);
    expect(await fingerprintOf(['zo', 'o', new Uint8Array([1, 2, 3])])).not.toBe(a);
  });

  it('a run stopped while caching returns no summaries and leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    const abort = new AbortController();
    const done = runExperimentStopped(abort);
    abort.abort();
    await expect(done).rejects.toThrow(/no summary/);
    expect(tf.memory().numTensors).toBe(before);
  });
});

function runExperimentStopped(abort: AbortController): Promise<unknown> {
  return runExperiment(
    { dataset: 'mnist', teachers: [{ id: 'mlp' }], steps: 5, trainSubset: 200, evalSubset: 50 },
    { read: nodePublicReader(), emit: () => undefined, signal: abort.signal },
  );
}
