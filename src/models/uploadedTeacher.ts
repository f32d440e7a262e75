import * as tf from '@tensorflow/tfjs';

import { unsupportedOps } from './graphOps';
import type { UploadedModelInfo } from './uploadParse';

export * from './uploadParse';

/** A loaded uploaded teacher: predict features (the chosen output) and, if present, logits. */
export interface UploadedTeacher {
  readonly featureOutput: string;
  readonly predict: (x: tf.Tensor4D) => { features: tf.Tensor2D; logits: tf.Tensor2D | null };
  readonly dispose: () => void;
}

function flatten2d(t: tf.Tensor): tf.Tensor2D {
  return tf.reshape<tf.Rank.R2>(t, [t.shape[0], -1]);
}

/** Loads the parsed model and wires the chosen output as the feature vector. */
export async function loadUploadedTeacher(
  info: UploadedModelInfo,
  featureOutput: string,
): Promise<UploadedTeacher> {
  if (!info.candidateOutputs.includes(featureOutput))
    throw new Error(`"${featureOutput}" is not an output of this model`);
  const flatInput = info.inputShape.length === 1;
  const prepare = (x: tf.Tensor4D): tf.Tensor => (flatInput ? tf.reshape(x, [x.shape[0], -1]) : x);
  if (info.format === 'layers-model') {
    const model = await tf.loadLayersModel(tf.io.fromMemory(info.artifacts));
    const featureLayer = model.getLayer(featureOutput);
    const sub = tf.model({
      inputs: model.inputs,
      outputs: [featureLayer.output as tf.SymbolicTensor, ...model.outputs],
    });
    return {
      featureOutput,
      predict: (x) => {
        const [f, l] = tf.tidy(() => {
          const outs = sub.predict(prepare(x)) as tf.Tensor[];
          const [fo, lo] = outs;
          if (!fo) throw new Error('the model produced no output');
          return lo ? [flatten2d(fo), flatten2d(lo)] : [flatten2d(fo)];
        });
        return { features: f, logits: l ?? null };
      },
      dispose: () => {
        model.dispose();
      },
    };
  }
  const missing = unsupportedOps(info.ops ?? []);
  if (missing.length > 0)
    throw new Error(
      `the graph uses ops tf.js cannot run: ${missing.slice(0, 8).join(', ')}${missing.length > 8 ? ', …' : ''}`,
    );
  const graph = await tf.loadGraphModel(tf.io.fromMemory(info.artifacts));
  return {
    featureOutput,
    predict: (x) => ({
      features: tf.tidy(() => flatten2d(graph.execute(prepare(x), featureOutput) as tf.Tensor)),
      logits: null,
    }),
    dispose: () => {
      graph.dispose();
    },
  };
}
