import type * as tf from '@tensorflow/tfjs';
import { buildCnn } from './architectures/cnn';
import { buildMixer } from './architectures/mixer';
import { buildMlp } from './architectures/mlp';
import type { ForwardFn } from './architectures/output';
import { buildResnet } from './architectures/resnet';
import { buildVit } from './architectures/vit';
import type { ModelSpec } from './modelSpec';
import { ParamStore, type ParamInit } from './params';

export type { NetworkOutput } from './architectures/output';

/** A built network: its parameters, grouped by layer, and a pure forward function. */
export interface Network {
  readonly spec: ModelSpec;
  readonly params: ParamStore;
  readonly forward: ForwardFn;
  /** Trainable variables in creation (forward) order. */
  readonly variables: tf.Variable[];
  /** Layers in forward order with their parameters and initializers (DFL resets the last few). */
  readonly layers: { name: string; params: { variable: tf.Variable; init: ParamInit }[] }[];
  readonly parameterCount: number;
  readonly dispose: () => void;
}

function validate(spec: ModelSpec): void {
  const [h, w, c] = spec.inputShape;
  const positive = {
    height: h,
    width: w,
    channels: c,
    classes: spec.numClasses,
    'model width': spec.width,
    depth: spec.depth,
    featureDim: spec.featureDim,
  };
  for (const [k, v] of Object.entries(positive))
    if (!Number.isInteger(v) || v < 1)
      throw new Error(`model ${spec.arch}: ${k} must be a positive integer, got ${v}`);
  if (
    (spec.arch === 'vit' || spec.arch === 'mixer') &&
    (h % (spec.patch ?? 7) !== 0 || w % (spec.patch ?? 7) !== 0)
  ) {
    throw new Error(`model ${spec.arch}: patch ${spec.patch ?? 7} must divide the ${h}×${w} input`);
  }
  if (
    (spec.arch === 'cnn' ||
      spec.arch === 'resnet' ||
      spec.arch === 'vit' ||
      spec.arch === 'mixer') &&
    h * w === 1
  ) {
    throw new Error(`model ${spec.arch}: needs image input; use an MLP for 2-D points`);
  }
}

/** Builds a network with seeded initial weights. */
export function createNetwork(spec: ModelSpec, seed: number, trainable = true): Network {
  validate(spec);
  const params = new ParamStore(seed, trainable);
  let forward: ForwardFn;
  try {
    switch (spec.arch) {
      case 'mlp':
        forward = buildMlp(spec, params);
        break;
      case 'cnn':
        forward = buildCnn(spec, params);
        break;
      case 'resnet':
        forward = buildResnet(spec, params);
        break;
      case 'vit':
        forward = buildVit(spec, params);
        break;
      case 'mixer':
        forward = buildMixer(spec, params);
        break;
    }
  } catch (e) {
    params.dispose();
    throw e;
  }
  const layers: Network['layers'] = [];
  for (const e of params.entries) {
    const last = layers.at(-1);
    const param = { variable: e.variable, init: e.init };
    if (last?.name === e.layer) last.params.push(param);
    else layers.push({ name: e.layer, params: [param] });
  }
  const variables = params.variables;
  return {
    spec,
    params,
    forward,
    variables,
    layers,
    parameterCount: variables.reduce((s, v) => s + v.size, 0),
    dispose: () => {
      params.dispose();
    },
  };
}
