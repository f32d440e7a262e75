import * as tf from '@tensorflow/tfjs';
import type { UploadedFile } from '../models/uploadParse';

/** Saves a Keras-style tf.layers model to in-memory model.json + one .bin shard (test fixture). */
export async function layersModelFiles(
  layers: tf.layers.Layer[],
  shard = 'group1-shard1of1.bin',
): Promise<UploadedFile[]> {
  const model = tf.sequential({ layers });
  let files: UploadedFile[] = [];
  await model.save(
    tf.io.withSaveHandler((a) => {
      const json = {
        format: 'layers-model',
        modelTopology: a.modelTopology,
        weightsManifest: [{ paths: [shard], weights: a.weightSpecs }],
      };
      files = [
        { name: 'model.json', bytes: new TextEncoder().encode(JSON.stringify(json)) },
        { name: shard, bytes: new Uint8Array(a.weightData as ArrayBuffer) },
      ];
      return Promise.resolve({
        modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' },
      });
    }),
  );
  model.dispose();
  return files;
}
