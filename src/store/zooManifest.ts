import { parseZooManifest, type ZooManifest } from '../models/zoo';

/** Fetches the teacher zoo manifest of a dataset from our own origin (main thread, no tf.js). */
export async function fetchZooManifest(dataset: string): Promise<ZooManifest> {
  const path = `models/${dataset}/manifest.json`;
  const res = await fetch(new URL(path, document.baseURI));
  if (!res.ok) throw new Error(`No teacher zoo for ${dataset} (HTTP ${res.status})`);
  return parseZooManifest(await res.json(), path);
}
