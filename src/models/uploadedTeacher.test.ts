import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { layersModelFiles } from '../testing/layersModelFiles';
import { useCpuBackend } from '../testing/tfTestUtils';
import {
  checkInputShape,
  loadUploadedTeacher,
  parseUploadedModel,
  type UploadedFile,
} from './uploadedTeacher';

beforeAll(useCpuBackend);

function layersModelFilesFor(inputShape: number[]): Promise<UploadedFile[]> {
  return layersModelFiles([
    tf.layers.flatten({ inputShape, name: 'flat' }),
    tf.layers.dense({ units: 12, activation: 'relu', name: 'features' }),
    tf.layers.dense({ units: 10, name: 'logits' }),
  ]);
}

describe('uploaded teachers', () => {
  it('parse, check the input shape, and predict the chosen feature output', async () => {
    const files = await layersModelFilesFor([28, 28, 1]);
    const info = parseUploadedModel(files);
    expect(info.format).toBe('layers-model');
    expect(info.inputShape).toEqual([28, 28, 1]);
    expect(info.candidateOutputs).toContain('features');
    expect(() => {
      checkInputShape(info, [28, 28, 1]);
    }).not.toThrow();
    const before = tf.memory().numTensors;
    const teacher = await loadUploadedTeacher(info, 'features');
    const x = tf.zeros<tf.Rank.R4>([3, 28, 28, 1]);
    const out = teacher.predict(x);
    expect(out.features.shape).toEqual([3, 12]);
    expect(out.logits?.shape).toEqual([3, 10]);
    tf.dispose([x, out.features, ...(out.logits ? [out.logits] : [])]);
    teacher.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names what is wrong with malformed, truncated or mismatched files', async () => {
    const files = await layersModelFilesFor([28, 28, 1]);
    const [json, shard] = files as [UploadedFile, UploadedFile];
    expect(() => parseUploadedModel([shard])).toThrow(/No model.json/);
    expect(() =>
      parseUploadedModel([
        { name: 'model.json', bytes: new TextEncoder().encode('{"modelTopology": ') },
        shard,
      ]),
    ).toThrow(/not valid JSON/);
    expect(() =>
      parseUploadedModel([{ name: 'model.json', bytes: new TextEncoder().encode('{"hello": 1}') }]),
    ).toThrow(/no modelTopology/);
    expect(() => parseUploadedModel([json])).toThrow(/Missing weight shard "group1-shard1of1.bin"/);
    expect(() =>
      parseUploadedModel([json, { name: shard.name, bytes: shard.bytes.slice(0, 100) }]),
    ).toThrow(/truncated/);
    const other = parseUploadedModel(await layersModelFilesFor([8, 8, 1]));
    expect(() => {
      checkInputShape(other, [28, 28, 1]);
    }).toThrow(/expects input \[8, 8, 1\] but the dataset gives \[28, 28, 1\]/);
    await expect(loadUploadedTeacher(parseUploadedModel(files), 'nope')).rejects.toThrow(
      /"nope" is not an output/,
    );
  });
});
