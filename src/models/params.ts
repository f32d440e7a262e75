import * as tf from '@tensorflow/tfjs';

let instanceCounter = 0;

export interface ParamEntry {
  /** Logical name, stable across instances: used to save and load weights. */
  readonly name: string;
  /** The layer (group) the parameter belongs to, in forward order: used by DFL resets. */
  readonly layer: string;
  readonly variable: tf.Variable;
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

  private add(name: string, layer: string, init: tf.Tensor): tf.Variable {
    if (this.entries.some((e) => e.name === name)) throw new Error(`ParamStore: duplicate parameter ${name}`);
    const variable = tf.variable(init, this.trainable, `${this.prefix}/${name}`);
    init.dispose();
    this.entries.push({ name, layer, variable });
    return variable;
  }

  /** Glorot/Xavier-uniform: U(±sqrt(6/(fanIn + fanOut))). */
  glorot(name: string, layer: string, shape: number[], fanIn: number, fanOut: number): tf.Variable {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    return this.add(name, layer, tf.randomUniform(shape, -limit, limit, 'float32', this.nextSeed()));
  }

  /** He/Kaiming-normal for ReLU layers: N(0, 2/fanIn), truncated by seed only. */
  he(name: string, layer: string, shape: number[], fanIn: number): tf.Variable {
    return this.add(name, layer, tf.randomNormal(shape, 0, Math.sqrt(2 / fanIn), 'float32', this.nextSeed()));
  }

  normal(name: string, layer: string, shape: number[], std: number): tf.Variable {
    return this.add(name, layer, tf.randomNormal(shape, 0, std, 'float32', this.nextSeed()));
  }

  zeros(name: string, layer: string, shape: number[]): tf.Variable {
    return this.add(name, layer, tf.zeros(shape));
  }

  ones(name: string, layer: string, shape: number[]): tf.Variable {
    return this.add(name, layer, tf.ones(shape));
  }

  get variables(): tf.Variable[] {
    return this.entries.map((e) => e.variable);
  }

  dispose(): void {
    for (const e of this.entries) e.variable.dispose();
    this.entries.length = 0;
  }
}
