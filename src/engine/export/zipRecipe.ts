import { zipSync, type Zippable } from 'fflate';

/** One zip of the recipe under a top folder; .npz/.npy are stored (already compressed or small). */
export function zipRecipe(
  files: ReadonlyMap<string, Uint8Array>,
  folder = 'distill-lab-torch',
): Uint8Array {
  const tree: Zippable = {};
  for (const [path, data] of files)
    tree[`${folder}/${path}`] = [data, { level: /\.(npz|npy)$/.test(path) ? 0 : 6 }];
  return zipSync(tree);
}
