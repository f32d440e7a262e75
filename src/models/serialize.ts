import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import type { ModelSpec } from './modelSpec';
import { modelSpecSchema } from './modelSpecSchema';
import { createNetwork, type Network } from './network';

const weightEntrySchema = z.object({
  name: z.string(),
  shape: z.array(z.number().int().nonnegative()),
  dtype: z.literal('float32'),
});

export const networkFileSchema = z.object({
  format: z.literal('distill-lab-network'),
  version: z.literal(1),
  spec: modelSpecSchema,
  weightsManifest: z
    .array(z.object({ paths: z.array(z.string()).min(1), weights: z.array(weightEntrySchema) }))
    .length(1),
});
export type NetworkFile = z.infer<typeof networkFileSchema>;

/** Encodes a network's weights (float32, tf.js weights format) and its model.json. */
export async function serializeNetwork(
  net: Network,
  weightsFile = 'weights.bin',
): Promise<{ modelJson: NetworkFile; weights: ArrayBuffer }> {
  const named: tf.NamedTensorMap = {};
  for (const e of net.params.entries) named[e.name] = e.variable;
  const { data, specs } = await tf.io.encodeWeights(named);
  const modelJson: NetworkFile = {
    format: 'distill-lab-network',
    version: 1,
    spec: { ...net.spec, inputShape: [...net.spec.inputShape] },
    weightsManifest: [
      {
        paths: [weightsFile],
        weights: specs.map((s) => ({ name: s.name, shape: s.shape, dtype: 'float32' as const })),
      },
    ],
  };
  return { modelJson, weights: data };
}

/**
 * Rebuilds a network from its model.json and weights. Every parameter must be present with the
 * right shape; the message names the first one that is not.
 */
export function deserializeNetwork(
  modelJson: unknown,
  weights: ArrayBuffer,
  trainable = false,
): Network {
  const parsed = networkFileSchema.safeParse(modelJson);
  if (!parsed.success)
    throw new Error(
      `model.json is not a Distill Lab network: ${parsed.error.issues[0]?.message ?? 'invalid'} at ${parsed.error.issues[0]?.path.join('.') ?? '?'}`,
    );
  const file = parsed.data;
  const specs = file.weightsManifest[0]?.weights ?? [];
  const expectedBytes = specs.reduce((s, w) => s + 4 * w.shape.reduce((a, b) => a * b, 1), 0);
  if (weights.byteLength !== expectedBytes) {
    throw new Error(
      `weights file has ${weights.byteLength} bytes but model.json describes ${expectedBytes} (truncated or mismatched file)`,
    );
  }
  const spec: ModelSpec = file.spec;
  const net = createNetwork(spec, 0, trainable);
  const tensors = tf.io.decodeWeights(weights, specs);
  try {
    for (const e of net.params.entries) {
      const t = tensors[e.name];
      if (t === undefined) throw new Error(`weights are missing parameter "${e.name}"`);
      if (t.shape.join('x') !== e.variable.shape.join('x')) {
        throw new Error(
          `parameter "${e.name}" has shape [${t.shape.join(', ')}], expected [${e.variable.shape.join(', ')}]`,
        );
      }
      e.variable.assign(t);
    }
  } catch (err) {
    net.dispose();
    throw err;
  } finally {
    tf.dispose(Object.values(tensors));
  }
  return net;
}
