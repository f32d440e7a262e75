import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { loadDataset } from '../data/loadDataset';
import { nodePublicReader } from '../data/nodePublicReader';
import { selectNodeBackend } from './backend/nodeBackend';
import { evaluateAccuracy } from '../models/evaluate';
import { loadZooManifest, loadZooTeacher } from '../models/loadTeacher';

const read = nodePublicReader();

beforeAll(async () => {
  await selectNodeBackend('wasm');
});

describe('teacher zoo', () => {
  for (const dataset of ['mnist', 'fashion-mnist'] as const) {
    it(`${dataset}: every shipped teacher reloads and reproduces its manifest accuracy exactly`, async () => {
      const manifest = await loadZooManifest(dataset, read);
      const ds = await loadDataset(dataset, read);
      expect(manifest.teachers.map((t) => t.spec.arch).sort()).toEqual([
        'cnn',
        'mixer',
        'mlp',
        'resnet',
        'vit',
      ]);
      const before = tf.memory().numTensors;
      for (const entry of manifest.teachers) {
        const net = await loadZooTeacher(dataset, entry, read);
        expect(net.parameterCount).toBe(entry.parameters);
        expect(await evaluateAccuracy(net, ds.test)).toBe(entry.testAccuracy);
        net.dispose();
      }
      expect(tf.memory().numTensors).toBe(before);
      const accs = manifest.teachers.map((t) => t.testAccuracy);
      const [best, floor] = dataset === 'mnist' ? [0.98, 0.9] : [0.88, 0.8];
      expect(Math.max(...accs)).toBeGreaterThanOrEqual(best);
      expect(Math.min(...accs)).toBeGreaterThanOrEqual(floor);
    }, 300_000);
  }

  it('rejects a truncated weights file and a manifest entry that does not match', async () => {
    const manifest = await loadZooManifest('mnist', read);
    const entry = manifest.teachers[0];
    if (!entry) throw new Error('empty zoo');
    const truncated = (p: string): Promise<Uint8Array> =>
      read(p).then((b) => (p.endsWith('.bin') ? b.subarray(0, b.length - 8) : b));
    await expect(loadZooTeacher('mnist', entry, truncated)).rejects.toThrow(
      /truncated or mismatched/,
    );
    const other = manifest.teachers.find((t) => t.spec.arch !== entry.spec.arch);
    if (!other) throw new Error('the zoo has one architecture only');
    const before = tf.memory().numTensors;
    // the entry's own id and spec, pointing at another teacher's files
    const wrong = { ...entry, path: other.path };
    await expect(loadZooTeacher('mnist', wrong, read)).rejects.toThrow(
      new RegExp(
        `zoo teacher '${entry.id}'.*${other.spec.arch}.*does not match its manifest entry`,
      ),
    );
    expect(tf.memory().numTensors).toBe(before);
    // the entry as shipped still loads
    const net = await loadZooTeacher('mnist', entry, read);
    expect(net.spec).toEqual(entry.spec);
    net.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
