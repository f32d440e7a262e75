import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodePublicReader } from './nodePublicReader';
import { classCounts } from './dataset';
import { loadDataset, loadHeader } from './loadDataset';
import { stratifiedSplit, stratifiedSubset } from './split';
import { syntheticDataset } from './synthetic';

const read = nodePublicReader();
const ROOT = path.resolve(import.meta.dirname, '..', '..');

describe('splits', () => {
  const labels = Array.from({ length: 1000 }, (_, i) => (i * 7) % 10);

  it('are deterministic for a seed, differ across seeds, and are stratified', () => {
    const a = stratifiedSplit(labels, 0.2, 5);
    const b = stratifiedSplit(labels, 0.2, 5);
    const c = stratifiedSplit(labels, 0.2, 6);
    expect(a.test).toEqual(b.test);
    expect(a.test).not.toEqual(c.test);
    expect(a.test.length).toBe(200);
    expect(new Set([...a.train, ...a.test]).size).toBe(1000);
    const perClass = classCounts(
      Uint8Array.from(a.test, (i) => labels[i] ?? 0),
      10,
    );
    expect(perClass).toEqual(new Array(10).fill(20));
  });

  it('subsets take exactly n per class', () => {
    const s = stratifiedSubset(labels, 30, 1);
    expect(
      classCounts(
        Uint8Array.from(s, (i) => labels[i] ?? 0),
        10,
      ),
    ).toEqual(new Array(10).fill(30));
    expect(() => stratifiedSubset(labels, 101, 1)).toThrow(/has 100 < 101/);
    expect(() => stratifiedSplit(labels, 1, 1)).toThrow(/testFraction/);
  });
});

describe('shipped datasets', () => {
  it('MNIST: 8,000 train + 2,000 test, every class within 1 of 20 % in test', async () => {
    const ds = await loadDataset('mnist', read);
    expect([ds.train.count, ds.test.count]).toEqual([8000, 2000]);
    expect(ds.inputShape).toEqual([28, 28, 1]);
    const train = classCounts(ds.train.labels, 10);
    const test = classCounts(ds.test.labels, 10);
    train.forEach((n, k) => {
      expect(Math.abs((test[k] ?? 0) - 0.25 * n)).toBeLessThanOrEqual(1);
    });
    expect(ds.train.inputs.reduce((m, v) => Math.min(m, v), Infinity)).toBe(0);
    expect(ds.train.inputs.reduce((m, v) => Math.max(m, v), -Infinity)).toBeCloseTo(1, 6);
  });

  it('Fashion-MNIST: 2,000 per class in train, 1,000 per class in test', async () => {
    const ds = await loadDataset('fashion-mnist', read);
    expect(classCounts(ds.train.labels, 10)).toEqual(new Array(10).fill(2000));
    expect(classCounts(ds.test.labels, 10)).toEqual(new Array(10).fill(1000));
  });

  it('Digits 8×8: 1,438 train + 359 test, stratified', async () => {
    const ds = await loadDataset('digits', read);
    expect([ds.train.count, ds.test.count]).toEqual([1438, 359]);
    expect(ds.inputShape).toEqual([8, 8, 1]);
    for (const n of classCounts(ds.test.labels, 10)) expect(n).toBeGreaterThanOrEqual(35);
  });

  it('stores samples in shuffled order: any prefix holds every class', async () => {
    for (const id of ['mnist', 'fashion-mnist', 'digits'] as const) {
      const ds = await loadDataset(id, read);
      for (const n of classCounts(ds.train.labels.subarray(0, 300), 10))
        expect(n, `${id} train prefix`).toBeGreaterThan(0);
      for (const n of classCounts(ds.test.labels.subarray(0, 200), 10))
        expect(n, `${id} test prefix`).toBeGreaterThan(0);
    }
  });

  it('synthetic sets are seeded and balanced', () => {
    const a = syntheticDataset('spirals');
    expect(syntheticDataset('spirals').train.inputs).toEqual(a.train.inputs);
    expect(classCounts(a.train.labels, 3)).toEqual([500, 500, 500]);
    expect(classCounts(syntheticDataset('blobs').test.labels, 4)).toEqual([125, 125, 125, 125]);
  });

  it('rejects a broken header with the file named', async () => {
    const bad = (p: string): Promise<Uint8Array> =>
      Promise.resolve(new TextEncoder().encode(p.endsWith('header.json') ? '{"id":"mnist"}' : ''));
    await expect(loadHeader('mnist', bad)).rejects.toThrow(/data\/mnist\/header.json is invalid/);
  });

  it('the conversion script reproduces the committed files byte for byte', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'distill-data-'));
    const sources: string[] = ['mnist'];
    if (existsSync('/usr/share/datasets/fashion-mnist')) sources.push('fashion-mnist');
    if (existsSync('/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz'))
      sources.push('digits');
    execFileSync('npx', ['tsx', 'scripts/convert-datasets.ts', ...sources], {
      cwd: ROOT,
      env: { ...process.env, DISTILL_DATA_OUT: out },
      stdio: 'pipe',
    });
    const hash = (f: string): string => createHash('sha256').update(readFileSync(f)).digest('hex');
    for (const id of sources) {
      for (const f of ['header.json', 'images.gz.bin', 'labels.u8']) {
        expect(hash(path.join(out, id, f)), `${id}/${f}`).toBe(
          hash(path.join(ROOT, 'public', 'data', id, f)),
        );
      }
    }
  });
});
