import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodePublicReader } from '../data/nodePublicReader';
import type { UploadedFile } from '../models/uploadParse';
import { selectNodeBackend } from './backend/nodeBackend';
import { presetConfig } from './experiment/presets';
import { runExperiment } from './runExperiment';
import { registerUploadedTeacher } from './uploadedSource';
import { layersModelFiles } from '../testing/layersModelFiles';

beforeAll(async () => {
  await selectNodeBackend('wasm');
});

function kerasFiles(): Promise<UploadedFile[]> {
  return layersModelFiles(
    [
      tf.layers.conv2d({
        inputShape: [28, 28, 1],
        filters: 4,
        kernelSize: 3,
        activation: 'relu',
        name: 'conv',
      }),
      tf.layers.globalAveragePooling2d({ name: 'pool' }),
      tf.layers.dense({ units: 10, name: 'logits' }),
    ],
    'w.bin',
  );
}

describe('uploaded teachers in experiments', () => {
  it('a dropped-in Keras-style model distills next to a zoo teacher, with its chosen output as features', async () => {
    const teacher = await registerUploadedTeacher(
      'tiny-keras',
      await kerasFiles(),
      'pool',
      [28, 28, 1],
    );
    expect(teacher.featureDim).toBe(4);
    expect(teacher.numClasses).toBe(10);
    const before = tf.memory().numTensors;
    const cfg = {
      ...presetConfig('smoke'),
      teachers: [{ id: 'mlp' }, { id: 'upload-tiny' }],
      logits: { method: 'kd' as const, teacher: 'upload-tiny' },
      steps: 20,
    };
    const summary = await runExperiment(cfg, {
      read: nodePublicReader(),
      emit: () => undefined,
      extraTeachers: new Map([['upload-tiny', teacher]]),
    });
    expect(summary.perTeacher.map((p) => p.id)).toEqual(['mlp', 'upload-tiny']);
    expect(summary.diverged).toBeNull();
    expect(tf.memory().numTensors).toBe(before);
    teacher.dispose();
  });
});
