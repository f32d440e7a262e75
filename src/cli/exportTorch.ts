import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodePublicReader } from '../data/nodePublicReader';
import type { ExperimentConfig } from '../engine/experiment/schema';
import { buildTorchRecipe } from '../engine/export/buildRecipe';
import type { TeacherCache } from '../engine/teacherCache';

/** The recipe's own files, from the repo's torch/ folder: the package, train.py and its README. */
export function recipeSources(
  root = fileURLToPath(new URL('../../torch/', import.meta.url)),
): Map<string, string> {
  const out = new Map<string, string>();
  const pkg = path.join(root, 'distill_lab_torch');
  for (const f of readdirSync(pkg)
    .filter((n) => n.endsWith('.py'))
    .sort())
    out.set(`distill_lab_torch/${f}`, readFileSync(path.join(pkg, f), 'utf8'));
  out.set('train.py', readFileSync(path.join(root, 'train.py'), 'utf8'));
  out.set('README.md', readFileSync(path.join(root, 'RECIPE.md'), 'utf8'));
  return out;
}

/** Writes the recipe for `config` into `outDir`; returns the files written and their total size. */
export async function exportTorch(
  config: ExperimentConfig,
  outDir: string,
  options: { onStatus?: (m: string) => void; cache?: TeacherCache } = {},
): Promise<{ files: number; bytes: number }> {
  const files = await buildTorchRecipe(config, {
    read: nodePublicReader(),
    sources: recipeSources(),
    ...options,
  });
  let bytes = 0;
  for (const [rel, data] of files) {
    const target = path.join(outDir, rel);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, data);
    bytes += data.length;
  }
  return { files: files.size, bytes };
}
