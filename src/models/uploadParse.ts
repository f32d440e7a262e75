import type { io } from '@tensorflow/tfjs';
import { z } from 'zod';

type ModelArtifacts = io.ModelArtifacts;
type WeightsManifestEntry = io.WeightsManifestEntry;

/**
 * "Bring your own teacher": a tf.js LayersModel or GraphModel given as model.json + .bin shards
 * (drag and drop or file picker). Parsing runs on the main thread without tf.js: files are
 * parsed, never executed as code, and every failure names the problem.
 */
export interface UploadedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export type UploadedFormat = 'layers-model' | 'graph-model';

export interface UploadedModelInfo {
  readonly format: UploadedFormat;
  /** Input shape without the batch dimension, as the model declares it (null = unknown dims). */
  readonly inputShape: readonly (number | null)[];
  /** Outputs the user can choose as the feature vector: layer names (LayersModel) or node names. */
  readonly candidateOutputs: readonly string[];
  /** GraphModel only: the TensorFlow ops its nodes use (checked in the worker against tf.js's list). */
  readonly ops?: readonly string[];
  readonly artifacts: ModelArtifacts;
}

/** Uploaded weights are capped (the worker holds them twice while loading). */
export const MAX_UPLOAD_WEIGHT_BYTES = 100 * 1024 * 1024;
const MAX_DIMS = 8;

const SUPPORTED_DTYPES = ['float32', 'int32', 'bool'] as const;
const QUANT_BYTES = { uint8: 1, uint16: 2, float16: 2 } as const;
const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, ...QUANT_BYTES };

const dimSchema = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1);
const weightEntrySchema = z
  .object({
    name: z.string().min(1).max(500),
    shape: z.array(dimSchema).max(MAX_DIMS),
    dtype: z.string().max(40),
    quantization: z
      .object({
        dtype: z.string().max(40),
        scale: z.number().optional(),
        min: z.number().optional(),
        original_dtype: z.string().max(40).optional(),
      })
      .loose()
      .optional(),
  })
  .loose();
/** Shard paths are plain file names next to model.json: no folders, schemes or parent links. */
const shardPathSchema = z
  .string()
  .min(1)
  .max(255)
  .refine((p) => !/[\\/:]/.test(p) && p !== '..' && p !== '.', {
    message: 'a shard path must be a plain file name next to model.json',
  });
const manifestSchema = z
  .array(
    z.object({
      paths: z.array(shardPathSchema).max(1000),
      weights: z.array(weightEntrySchema).max(10000),
    }),
  )
  .max(1000);

function checkDtypes(weights: readonly z.infer<typeof weightEntrySchema>[]): void {
  for (const w of weights) {
    if (!(SUPPORTED_DTYPES as readonly string[]).includes(w.dtype))
      throw new Error(
        `weight "${w.name}" has dtype ${w.dtype}; the lab reads ${SUPPORTED_DTYPES.join(', ')} weights`,
      );
    const q = w.quantization?.dtype;
    if (q !== undefined && !(q in QUANT_BYTES))
      throw new Error(
        `weight "${w.name}" is quantized as ${q}; the lab reads ${Object.keys(QUANT_BYTES).join(', ')} quantization`,
      );
  }
}

/** Parses the dropped files into tf.js model artifacts and describes the model. */
export function parseUploadedModel(files: readonly UploadedFile[]): UploadedModelInfo {
  const jsonFile = files.find((f) => f.name.endsWith('.json'));
  if (!jsonFile)
    throw new Error(
      'No model.json among the files: drop the model.json together with its .bin weight shards',
    );
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(jsonFile.bytes));
  } catch (e) {
    throw new Error(
      `${jsonFile.name} is not valid JSON (${e instanceof Error ? e.message : String(e)})`,
      { cause: e },
    );
  }
  if (typeof json !== 'object' || json === null)
    throw new Error(`${jsonFile.name} is not a tf.js model.json (not an object)`);
  const m = json as {
    format?: unknown;
    modelTopology?: unknown;
    weightsManifest?: unknown;
    signature?: unknown;
  };
  if (typeof m.modelTopology !== 'object' || m.modelTopology === null)
    throw new Error(`${jsonFile.name} has no modelTopology: is it a tf.js model?`);
  if (!Array.isArray(m.weightsManifest)) throw new Error(`${jsonFile.name} has no weightsManifest`);
  const parsed = manifestSchema.safeParse(m.weightsManifest);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new Error(
      `${jsonFile.name}: weightsManifest.${i?.path.join('.') ?? ''}: ${i?.message ?? 'invalid'}`,
    );
  }
  const groups = parsed.data;
  const specs = groups.flatMap((g) => g.weights);
  checkDtypes(specs);
  // declared sizes first: nothing is allocated for a model that lies about its shapes
  const expected = specs.reduce(
    (s, w) =>
      s + (BYTES[w.quantization?.dtype ?? w.dtype] ?? 4) * w.shape.reduce((a, b) => a * b, 1),
    0,
  );
  if (expected > MAX_UPLOAD_WEIGHT_BYTES)
    throw new Error(
      `${jsonFile.name} declares ${(expected / 1024 / 1024).toFixed(0)} MB of weights; the lab loads uploaded models up to ${MAX_UPLOAD_WEIGHT_BYTES / 1024 / 1024} MB`,
    );
  const chunks: Uint8Array[] = [];
  for (const group of groups) {
    for (const p of group.paths) {
      const shard = files.find((f) => f.name === p);
      if (!shard) throw new Error(`Missing weight shard "${p}" named in ${jsonFile.name}`);
      chunks.push(shard.bytes);
    }
  }
  const total = chunks.reduce((s, c) => s + c.length, 0);
  if (total !== expected)
    throw new Error(
      `Weight shards hold ${total} bytes but ${jsonFile.name} describes ${expected}: a shard is truncated or from another model`,
    );
  const weightData = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    weightData.set(c, offset);
    offset += c.length;
  }
  const isGraph =
    m.format === 'graph-model' ||
    (typeof m.modelTopology === 'object' && 'node' in m.modelTopology);
  const artifacts: ModelArtifacts = {
    modelTopology: m.modelTopology,
    weightSpecs: specs as WeightsManifestEntry[],
    weightData: weightData.buffer,
    format: typeof m.format === 'string' ? m.format : undefined,
  };
  if (isGraph) return { format: 'graph-model', ...describeGraph(m.modelTopology), artifacts };
  return { format: 'layers-model', ...describeLayers(m.modelTopology), artifacts };
}

const shapeSchema = z.array(z.number().int().min(0).max(1e6).nullable()).min(1).max(MAX_DIMS);
const layerSchema = z.looseObject({
  class_name: z.string().max(200).optional(),
  config: z
    .looseObject({
      name: z.string().max(500).optional(),
      batch_input_shape: shapeSchema.optional(),
      batchInputShape: shapeSchema.optional(),
    })
    .optional(),
});
const layersTopologySchema = z.looseObject({
  model_config: z
    .looseObject({
      config: z.looseObject({ layers: z.array(layerSchema).max(10000).optional() }).optional(),
    })
    .optional(),
  config: z.looseObject({ layers: z.array(layerSchema).max(10000).optional() }).optional(),
});
const graphTopologySchema = z.looseObject({
  node: z
    .array(
      z.looseObject({
        name: z.string().max(500),
        op: z.string().max(200),
        attr: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .max(100000)
    .optional(),
});
const graphShapeSchema = z
  .object({
    shape: z
      .object({
        dim: z
          .array(z.object({ size: z.union([z.string(), z.number()]).optional() }).loose())
          .max(MAX_DIMS)
          .optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

function topologyError(what: string, e: z.ZodError): Error {
  const i = e.issues[0];
  return new Error(
    `The ${what} topology is malformed at ${i?.path.join('.') ?? ''}: ${i?.message ?? 'invalid'}`,
  );
}

function describeLayers(topology: object): {
  inputShape: (number | null)[];
  candidateOutputs: string[];
} {
  const r = layersTopologySchema.safeParse(topology);
  if (!r.success) throw topologyError('LayersModel', r.error);
  const layers = r.data.model_config?.config?.layers ?? r.data.config?.layers ?? [];
  if (layers.length === 0) throw new Error('The LayersModel topology lists no layers');
  const withShape = layers.find((l) => l.config?.batch_input_shape ?? l.config?.batchInputShape);
  const shape = withShape?.config?.batch_input_shape ?? withShape?.config?.batchInputShape;
  if (!shape) throw new Error('The model does not declare its input shape (batch_input_shape)');
  return {
    inputShape: shape.slice(1),
    candidateOutputs: layers
      .map((l) => l.config?.name ?? '')
      .filter((n) => n !== '' && !n.startsWith('input')),
  };
}

function describeGraph(topology: object): {
  inputShape: (number | null)[];
  candidateOutputs: string[];
  ops: string[];
} {
  const r = graphTopologySchema.safeParse(topology);
  if (!r.success) throw topologyError('GraphModel', r.error);
  const nodes = r.data.node ?? [];
  const input = nodes.find((n) => n.op === 'Placeholder');
  if (!input) throw new Error('The GraphModel has no input placeholder');
  const attr = graphShapeSchema.safeParse(
    input.attr?.shape === undefined ? {} : { shape: input.attr.shape },
  );
  if (!attr.success) throw topologyError('GraphModel input', attr.error);
  const dims = attr.data.shape?.dim ?? [];
  const shape = dims.slice(1).map((d) => {
    const v = Number(d.size ?? -1);
    return Number.isInteger(v) && v >= 0 ? v : null;
  });
  return {
    inputShape: shape,
    candidateOutputs: nodes
      .filter((n) => n.op !== 'Const' && n.op !== 'Placeholder')
      .map((n) => n.name),
    ops: [...new Set(nodes.map((n) => n.op))],
  };
}

/** Checks the declared input shape against the dataset's [h, w, c] (or the flat h·w·c vector). */
export function checkInputShape(
  info: UploadedModelInfo,
  datasetShape: readonly [number, number, number],
): void {
  const want = datasetShape;
  const got = info.inputShape;
  const flat = want[0] * want[1] * want[2];
  const matches = (a: readonly (number | null)[], b: readonly number[]): boolean =>
    a.length === b.length && a.every((v, i) => v === null || v === b[i]);
  if (matches(got, want) || matches(got, [flat])) return;
  throw new Error(
    `The model expects input [${got.map((v) => v ?? '?').join(', ')}] but the dataset gives [${want.join(', ')}] (or [${flat}] flattened)`,
  );
}
