import type { PublicFileReader } from '../data/loadDataset';
import type { Network } from './network';
import type { ModelSpec } from './modelSpec';
import { deserializeNetwork, networkFileSchema } from './serialize';
import { parseZooManifest, type ZooEntry, type ZooManifest } from './zoo';

export async function loadZooManifest(
  dataset: string,
  read: PublicFileReader,
): Promise<ZooManifest> {
  const where = `models/${dataset}/manifest.json`;
  const raw = JSON.parse(new TextDecoder().decode(await read(where))) as unknown;
  return parseZooManifest(raw, where);
}

/** A zoo teacher's files as shipped: model.json (parsed) and the weights, not yet built. */
export interface ZooTeacherFiles {
  readonly modelJsonBytes: Uint8Array;
  readonly weightsBytes: Uint8Array;
  /** The spec in model.json (what `build` will construct). */
  readonly spec: ModelSpec;
  readonly build: () => Network;
}

export async function readZooTeacher(
  dataset: string,
  entry: ZooEntry,
  read: PublicFileReader,
): Promise<ZooTeacherFiles> {
  const base = `models/${dataset}/${entry.path}`;
  const dir = base.slice(0, base.lastIndexOf('/') + 1);
  const modelJsonBytes = await read(base);
  const modelJson = JSON.parse(new TextDecoder().decode(modelJsonBytes)) as {
    weightsManifest?: { paths?: string[] }[];
  };
  const weightsPath = modelJson.weightsManifest?.[0]?.paths?.[0] ?? 'weights.bin';
  const weightsBytes = await read(dir + weightsPath);
  const build = (): Network => {
    const buffer = weightsBytes.buffer.slice(
      weightsBytes.byteOffset,
      weightsBytes.byteOffset + weightsBytes.byteLength,
    ) as ArrayBuffer;
    return deserializeNetwork(modelJson, buffer, false);
  };
  const parsed = networkFileSchema.safeParse(modelJson);
  // an invalid file fails here with the message deserialization gives
  const spec = parsed.success ? parsed.data.spec : build().spec;
  if (sortedJson(spec) !== sortedJson(entry.spec))
    throw new Error(
      `zoo teacher '${entry.id}': ${base} holds a ${spec.arch} that does not match its manifest entry (${entry.spec.arch})`,
    );
  return { modelJsonBytes, weightsBytes, spec, build };
}

/** JSON with object keys sorted, so two specs compare by content, not key order. */
function sortedJson(v: unknown): string {
  return JSON.stringify(v, (_, x: unknown) =>
    x !== null && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );
}

/** Loads one zoo teacher (frozen: not trainable). */
export async function loadZooTeacher(
  dataset: string,
  entry: ZooEntry,
  read: PublicFileReader,
): Promise<Network> {
  return (await readZooTeacher(dataset, entry, read)).build();
}
