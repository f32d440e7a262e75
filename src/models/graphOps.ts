import { json as arithmetic } from '@tensorflow/tfjs-converter/dist/operations/op_list/arithmetic';
import { json as basicMath } from '@tensorflow/tfjs-converter/dist/operations/op_list/basic_math';
import { json as control } from '@tensorflow/tfjs-converter/dist/operations/op_list/control';
import { json as convolution } from '@tensorflow/tfjs-converter/dist/operations/op_list/convolution';
import { json as creation } from '@tensorflow/tfjs-converter/dist/operations/op_list/creation';
import { json as dynamic } from '@tensorflow/tfjs-converter/dist/operations/op_list/dynamic';
import { json as evaluation } from '@tensorflow/tfjs-converter/dist/operations/op_list/evaluation';
import { json as graph } from '@tensorflow/tfjs-converter/dist/operations/op_list/graph';
import { json as hashTable } from '@tensorflow/tfjs-converter/dist/operations/op_list/hash_table';
import { json as image } from '@tensorflow/tfjs-converter/dist/operations/op_list/image';
import { json as logical } from '@tensorflow/tfjs-converter/dist/operations/op_list/logical';
import { json as matrices } from '@tensorflow/tfjs-converter/dist/operations/op_list/matrices';
import { json as normalization } from '@tensorflow/tfjs-converter/dist/operations/op_list/normalization';
import { json as ragged } from '@tensorflow/tfjs-converter/dist/operations/op_list/ragged';
import { json as reduction } from '@tensorflow/tfjs-converter/dist/operations/op_list/reduction';
import { json as sliceJoin } from '@tensorflow/tfjs-converter/dist/operations/op_list/slice_join';
import { json as sparse } from '@tensorflow/tfjs-converter/dist/operations/op_list/sparse';
import { json as spectral } from '@tensorflow/tfjs-converter/dist/operations/op_list/spectral';
import { json as string } from '@tensorflow/tfjs-converter/dist/operations/op_list/string';
import { json as transformation } from '@tensorflow/tfjs-converter/dist/operations/op_list/transformation';

/**
 * The TensorFlow ops tf.js's GraphModel executor implements (its own op lists), so an uploaded
 * graph that uses anything else is refused by the op's name before it is loaded.
 */
const SUPPORTED = new Set<string>(
  [
    arithmetic,
    basicMath,
    control,
    convolution,
    creation,
    dynamic,
    evaluation,
    graph,
    hashTable,
    image,
    logical,
    matrices,
    normalization,
    ragged,
    reduction,
    sliceJoin,
    sparse,
    spectral,
    string,
    transformation,
  ].flatMap((list) => list.map((o) => o.tfOpName)),
);

/** Ops of `ops` tf.js cannot run (empty when it can run them all). */
export function unsupportedOps(ops: readonly string[]): string[] {
  return ops.filter((op) => !SUPPORTED.has(op));
}
