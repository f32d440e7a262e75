/** One split: inputs as float32 in [0, 1] (images) or raw coordinates (2-D points), NHWC. */
export interface Split {
  readonly count: number;
  readonly inputs: Float32Array;
  readonly labels: Uint8Array;
}

export interface Dataset {
  readonly id: string;
  readonly name: string;
  /** [height, width, channels] of one input; 2-D points are [1, 1, 2]. */
  readonly inputShape: readonly [number, number, number];
  readonly classNames: readonly string[];
  readonly train: Split;
  readonly test: Split;
}

export function inputSize(ds: Pick<Dataset, 'inputShape'>): number {
  const [h, w, c] = ds.inputShape;
  return h * w * c;
}

/** Copies the inputs of the given samples into one contiguous batch. */
export function gatherInputs(ds: Dataset, split: Split, indices: ArrayLike<number>): Float32Array {
  const size = inputSize(ds);
  const out = new Float32Array(indices.length * size);
  for (let i = 0; i < indices.length; i++) {
    const k = indices[i] ?? 0;
    if (k < 0 || k >= split.count)
      throw new Error(`gatherInputs: sample ${k} is outside 0…${split.count - 1}`);
    out.set(split.inputs.subarray(k * size, (k + 1) * size), i * size);
  }
  return out;
}

export function gatherLabels(split: Split, indices: ArrayLike<number>): Int32Array {
  return Int32Array.from({ length: indices.length }, (_, i) => split.labels[indices[i] ?? 0] ?? 0);
}

/** Samples per class. */
export function classCounts(labels: Uint8Array, numClasses: number): number[] {
  const counts = new Array<number>(numClasses).fill(0);
  for (const l of labels) counts[l] = (counts[l] ?? 0) + 1;
  return counts;
}
