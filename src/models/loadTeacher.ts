import type { PublicFileReader } from '../data/loadDataset';
import type { Network } from './network';
import { deserializeNetwork } from './serialize';
import { parseZooManifest, type ZooEntry, type ZooManifest } from './zoo';

export async function loadZooManifest(dataset: string, read: PublicFileReader): Promise<ZooManifest> {
  const where = `models/${dataset}/manifest.json`;
  const raw = JSON.parse(new TextDecoder().decode(await read(where))) as unknown;
  return parseZooManifest(raw, where);
}

/** Loads one zoo teacher (frozen: not trainable). */
export async function loadZooTeacher(dataset: string, entry: ZooEntry, read: PublicFileReader): Promise<Network> {
  const base = `models/${dataset}/${entry.path}`;
  const dir = base.slice(0, base.lastIndexOf('/') + 1);
  const modelJson = JSON.parse(new TextDecoder().decode(await read(base))) as { weightsManifest?: { paths?: string[] }[] };
  const weightsPath = modelJson.weightsManifest?.[0]?.paths?.[0] ?? 'weights.bin';
  const bytes = await read(dir + weightsPath);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return deserializeNetwork(modelJson, buffer, false);
}
