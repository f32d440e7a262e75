import * as tf from '@tensorflow/tfjs';

/**
 * A small tf.js LayersModel for 28×28×1 inputs (flatten → dense "feature" 32 → dense "logits" 10),
 * serialized as the files a user uploads: model.json and one weight shard.
 */
export async function mnistLayersModel(): Promise<
  { name: string; mimeType: string; buffer: Buffer }[]
> {
  await tf.setBackend('cpu');
  const model = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [28, 28, 1], name: 'flat' }),
      tf.layers.dense({
        units: 32,
        activation: 'relu',
        name: 'feature',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
      }),
      tf.layers.dense({
        units: 10,
        name: 'logits',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
      }),
    ],
  });
  let files: { name: string; mimeType: string; buffer: Buffer }[] = [];
  await model.save(
    tf.io.withSaveHandler((a) => {
      const json = {
        format: 'layers-model',
        generatedBy: 'distill-lab e2e',
        convertedBy: null,
        modelTopology: a.modelTopology,
        weightsManifest: [{ paths: ['w.bin'], weights: a.weightSpecs ?? [] }],
      };
      const data = a.weightData instanceof ArrayBuffer ? a.weightData : new ArrayBuffer(0);
      files = [
        {
          name: 'model.json',
          mimeType: 'application/json',
          buffer: Buffer.from(JSON.stringify(json)),
        },
        { name: 'w.bin', mimeType: 'application/octet-stream', buffer: Buffer.from(data) },
      ];
      return Promise.resolve({
        modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' },
      });
    }),
  );
  model.dispose();
  return files;
}
