import * as tf from '@tensorflow/tfjs';

let instanceCounter = 0;

/** How a parameter was initialized, so it can be re-initialized the same way (DFL resets). */
export type ParamInit =
  | { readonly kind: 'glorot'; readonly fanIn: number; readonly fanOut: number }
  | { readonly kind: 'he'; readonly fanIn: number }
  | { readonly kind: 'normal'; readonly std: number }
  | { readonly kind: 'zeros' }
  | { readonly kind: 'ones' };

export interface ParamEntry {
  /** Logical name, stable across instances: used to save and load weights. */
  readonly name: string;
  /** The layer (group) the parameter belongs to, in forward order: used by DFL resets. */
  readonly layer: string;
  readonly variable: tf.Variable;
  readonly init: ParamInit;
}

/** A fresh tensor drawn from an initializer (seeded). */
export function initTensor(init: ParamInit, shape: number[], seed: number): tf.Tensor {
  switch (init.kind) {
    case 'glorot': {
      const limit = Math.sqrt(6 / (init.fanIn + init.fanOut));
      return tf.randomUniform(shape, -limit, limit, 'float32', seed);
    }
    case 'he':
      return tf.randomNormal(shape, 0, Math.sqrt(2 / init.fanIn), 'float32', seed);
    case 'normal':
      return tf.randomNormal(shape, 0, init.std, 'float32', seed);
    case 'zeros':
      return tf.zeros(shape);
    case 'ones':
      return tf.ones(shape);
  }
}

/**
 * Creates a network's parameters with seeded initializers. tf.js variable names are global, so
 * every instance gets a unique prefix; logical names stay stable for serialization.
 */
export class ParamStore {
  readonly entries: ParamEntry[] = [];
  private readonly prefix: string;
  private counter = 0;

  constructor(
    private readonly seed: number,
    readonly trainable = true,
  ) {
    instanceCounter += 1;
    this.prefix = `net${instanceCounter}`;
  }

  private nextSeed(): number {
    this.counter += 1;
    return (Math.imul(this.seed + 1, 2654435761) ^ Math.imul(this.counter, 40503)) >>> 0;
  }

  private add(name: string, layer: string, shape: number[], init: ParamInit): tf.Variable {
    if (this.entries.some((e) => e.name === name))
      throw new Error(`ParamStore: duplicate parameter ${name}`);
    const seeded = init.kind === 'zeros' || init.kind === 'ones' ? 0 : this.nextSeed();
    const value = initTensor(init, shape, seeded);
    const variable = tf.variable(value, this.trainable, `${this.prefix}/${name}`);
    value.dispose();
    this.entries.push({ name, layer, variable, init });
    return variable;
  }

  /** Glorot/Xavier-uniform: U(±sqrt(6/(fanIn + fanOut))). */
  glorot(name: string, layer: string, shape: number[], fanIn: number, fanOut: number): tf.Variable {
    return this.add(name, layer, shape, { kind: 'glorot', fanIn, fanOut });
  }

  /** He/Kaiming-normal for ReLU layers: N(0, 2/fanIn). */
  he(name: string, layer: string, shape: number[], fanIn: number): tf.Variable {
    return this.add(name, layer, shape, { kind: 'he', fanIn });
  }

  normal(name: string, layer: string, shape: number[], std: number): tf.Variable {
    return this.add(name, layer, shape, { kind: 'normal', std });
  }

  zeros(name: string, layer: string, shape: number[]): tf.Variable {
    return this.add(name, layer, shape, { kind: 'zeros' });
  }

  ones(name: string, layer: string, shape: number[]): tf.Variable {
    return this.add(name, layer, shape, { kind: 'ones' });
  }

  get variables(): tf.Variable[] {
    return this.entries.map((e) => e.variable);
  }

  dispose(): void {
    for (const e of this.entries) e.variable.dispose();
    this.entries.length = 0;
  }
}
