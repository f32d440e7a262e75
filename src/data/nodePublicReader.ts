import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PublicFileReader } from './loadDataset';

/** Reads the app's `public/` files from disk (Node: CLI, tests, scripts). */
export function nodePublicReader(
  root = path.resolve(import.meta.dirname, '..', '..', 'public'),
): PublicFileReader {
  return async (relativePath) => {
    const full = path.resolve(root, relativePath);
    if (!full.startsWith(root))
      throw new Error(`refusing to read outside public/: ${relativePath}`);
    return new Uint8Array(await readFile(full));
  };
}
