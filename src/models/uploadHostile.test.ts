import { describe, expect, it } from 'vitest';
import { unsupportedOps } from './graphOps';
import { MAX_UPLOAD_WEIGHT_BYTES, parseUploadedModel, type UploadedFile } from './uploadParse';

const enc = (o: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(o));
const topology = {
  class_name: 'Sequential',
  config: {
    layers: [{ class_name: 'Dense', config: { name: 'features', batch_input_shape: [null, 784] } }],
  },
};
const model = (weights: unknown[], paths: unknown[] = ['w.bin']): UploadedFile => ({
  name: 'model.json',
  bytes: enc({
    format: 'layers-model',
    modelTopology: topology,
    weightsManifest: [{ paths, weights }],
  }),
});
const shard = (n: number, name = 'w.bin'): UploadedFile => ({ name, bytes: new Uint8Array(n) });

describe('uploaded model files are checked before anything is allocated', () => {
  it('a string shape is a named field error, not "reduce is not a function"', () => {
    expect(() =>
      parseUploadedModel([model([{ name: 'k', shape: '784,10', dtype: 'float32' }]), shard(4)]),
    ).toThrow(/weightsManifest\.0\.weights\.0\.shape/);
  });

  it('declared sizes over the cap are refused with the cap, before the shards are read', () => {
    expect(() =>
      parseUploadedModel([
        model([{ name: 'k', shape: [100000, 1000], dtype: 'float32' }]),
        shard(4),
      ]),
    ).toThrow(new RegExp(`up to ${MAX_UPLOAD_WEIGHT_BYTES / 1024 / 1024} MB`));
  });

  it('unsupported dtypes and quantizations are refused by name', () => {
    expect(() =>
      parseUploadedModel([model([{ name: 'k', shape: [2], dtype: 'complex64' }]), shard(16)]),
    ).toThrow(/weight "k" has dtype complex64/);
    expect(() =>
      parseUploadedModel([
        model([{ name: 'k', shape: [2], dtype: 'float32', quantization: { dtype: 'int4' } }]),
        shard(1),
      ]),
    ).toThrow(/quantized as int4/);
  });

  it('shard paths are plain names of the chosen files (no folders, URLs or parent links)', () => {
    for (const p of [
      '../secret.bin',
      '/etc/passwd',
      'https://example.org/w.bin',
      'a\\b.bin',
      '..',
    ]) {
      expect(() =>
        parseUploadedModel([model([{ name: 'k', shape: [1], dtype: 'float32' }], [p]), shard(4)]),
      ).toThrow(/plain file name/);
    }
    expect(
      parseUploadedModel([model([{ name: 'k', shape: [1], dtype: 'float32' }]), shard(4)])
        .inputShape,
    ).toEqual([784]);
  });

  it('malformed topologies name the path', () => {
    const bad: UploadedFile = {
      name: 'model.json',
      bytes: enc({ modelTopology: { config: { layers: 'x' } }, weightsManifest: [] }),
    };
    expect(() => parseUploadedModel([bad])).toThrow(
      /LayersModel topology is malformed at config\.layers/,
    );
    const shapeless: UploadedFile = {
      name: 'model.json',
      bytes: enc({
        modelTopology: {
          config: { layers: [{ config: { name: 'a', batch_input_shape: 'big' } }] },
        },
        weightsManifest: [],
      }),
    };
    expect(() => parseUploadedModel([shapeless])).toThrow(/malformed/);
  });

  it('graph ops tf.js cannot run are listed by name', () => {
    expect(unsupportedOps(['MatMul', 'Relu', 'Placeholder', 'PyFunc', 'EagerPyFunc'])).toEqual([
      'PyFunc',
      'EagerPyFunc',
    ]);
  });
});
