import type { io } from '@tensorflow/tfjs';

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
  readonly artifacts: ModelArtifacts;
}

interface WeightGroup {
  readonly paths: string[];
  readonly weights: WeightsManifestEntry[];
}

function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, float16: 2 };

/** Parses the dropped files into tf.js model artifacts and describes the model. */
export function parseUploadedModel(files: readonly UploadedFile[]): UploadedModelInfo {
  const jsonFile = files.find((f) => f.name.endsWith('.json'));
  if (!jsonFile) throw new Error('No model.json among the files: drop the model.json together with its .bin weight shards');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(jsonFile.bytes));
  } catch (e) {
    throw new Error(`${jsonFile.name} is not valid JSON (${e instanceof Error ? e.message : String(e)})`, { cause: e });
  }
  if (typeof json !== 'object' || json === null) throw new Error(`${jsonFile.name} is not a tf.js model.json (not an object)`);
  const m = json as { format?: unknown; modelTopology?: unknown; weightsManifest?: unknown; signature?: unknown };
  if (typeof m.modelTopology !== 'object' || m.modelTopology === null) throw new Error(`${jsonFile.name} has no modelTopology: is it a tf.js model?`);
  if (!Array.isArray(m.weightsManifest)) throw new Error(`${jsonFile.name} has no weightsManifest`);
  const groups = m.weightsManifest as WeightGroup[];
  const specs: WeightsManifestEntry[] = [];
  const chunks: Uint8Array[] = [];
  for (const group of groups) {
    if (!Array.isArray(group.paths) || !Array.isArray(group.weights)) throw new Error(`${jsonFile.name}: a weightsManifest group lacks paths or weights`);
    for (const p of group.paths) {
      const shard = files.find((f) => baseName(f.name) === baseName(p));
      if (!shard) throw new Error(`Missing weight shard "${baseName(p)}" named in ${jsonFile.name}`);
      chunks.push(shard.bytes);
    }
    specs.push(...group.weights);
  }
  const total = chunks.reduce((s, c) => s + c.length, 0);
  const expected = specs.reduce((s, w) => {
    const per = BYTES[w.quantization?.dtype ?? w.dtype] ?? 4;
    return s + per * w.shape.reduce((a, b) => a * b, 1);
  }, 0);
  if (total !== expected) throw new Error(`Weight shards hold ${total} bytes but ${jsonFile.name} describes ${expected}: a shard is truncated or from another model`);
  const weightData = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    weightData.set(c, offset);
    offset += c.length;
  }
  const isGraph = m.format === 'graph-model' || (typeof m.modelTopology === 'object' && 'node' in m.modelTopology);
  const artifacts: ModelArtifacts = {
    modelTopology: m.modelTopology,
    weightSpecs: specs,
    weightData: weightData.buffer,
    format: typeof m.format === 'string' ? m.format : undefined,
  };
  if (isGraph) return { format: 'graph-model', ...describeGraph(m.modelTopology), artifacts };
  return { format: 'layers-model', ...describeLayers(m.modelTopology), artifacts };
}

interface LayerConfig {
  class_name?: string;
  config?: { name?: string; batch_input_shape?: (number | null)[]; batchInputShape?: (number | null)[] };
}

function describeLayers(topology: object): { inputShape: (number | null)[]; candidateOutputs: string[] } {
  const t = topology as { model_config?: { config?: { layers?: LayerConfig[] } }; config?: { layers?: LayerConfig[] } };
  const layers = t.model_config?.config?.layers ?? t.config?.layers ?? [];
  if (layers.length === 0) throw new Error('The LayersModel topology lists no layers');
  const withShape = layers.find((l) => l.config?.batch_input_shape ?? l.config?.batchInputShape);
  const shape = withShape?.config?.batch_input_shape ?? withShape?.config?.batchInputShape;
  if (!shape) throw new Error('The model does not declare its input shape (batch_input_shape)');
  return { inputShape: shape.slice(1), candidateOutputs: layers.map((l) => l.config?.name ?? '').filter((n) => n !== '' && !n.startsWith('input')) };
}

function describeGraph(topology: { node?: { name: string; op: string; attr?: Record<string, unknown> }[] }): { inputShape: (number | null)[]; candidateOutputs: string[] } {
  const nodes = topology.node ?? [];
  const input = nodes.find((n) => n.op === 'Placeholder');
  if (!input) throw new Error('The GraphModel has no input placeholder');
  const dims = (input.attr?.shape as { shape?: { dim?: { size?: string }[] } } | undefined)?.shape?.dim ?? [];
  const shape = dims.slice(1).map((d) => {
    const v = Number(d.size ?? -1);
    return v < 0 ? null : v;
  });
  return { inputShape: shape, candidateOutputs: nodes.filter((n) => n.op !== 'Const' && n.op !== 'Placeholder').map((n) => n.name) };
}

/** Checks the declared input shape against the dataset's [h, w, c] (or the flat h·w·c vector). */
export function checkInputShape(info: UploadedModelInfo, datasetShape: readonly [number, number, number]): void {
  const want = datasetShape;
  const got = info.inputShape;
  const flat = want[0] * want[1] * want[2];
  const matches = (a: readonly (number | null)[], b: readonly number[]): boolean => a.length === b.length && a.every((v, i) => v === null || v === b[i]);
  if (matches(got, want) || matches(got, [flat])) return;
  throw new Error(`The model expects input [${got.map((v) => v ?? '?').join(', ')}] but the dataset gives [${want.join(', ')}] (or [${flat}] flattened)`);
}

