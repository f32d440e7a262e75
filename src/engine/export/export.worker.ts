/// <reference lib="webworker" />
import { selectBrowserBackend } from '../backend/browserBackend';
import { buildTorchRecipe } from './buildRecipe';
import type { ExportReply, ExportRequest } from './exportProtocol';
import { zipRecipe } from './zipRecipe';

/**
 * A short-lived worker that builds the PyTorch recipe zip (issue 17) off the main thread and apart
 * from the training worker: it caches the teachers on WASM, exports, zips and exits.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

// the recipe's Python sources, bundled as text and loaded only when an export runs
const pythonFiles = import.meta.glob<string>('../../../torch/distill_lab_torch/*.py', {
  query: '?raw',
  import: 'default',
});
const recipeFiles = import.meta.glob<string>(
  ['../../../torch/train.py', '../../../torch/RECIPE.md'],
  { query: '?raw', import: 'default' },
);

async function sources(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const [path, load] of Object.entries(pythonFiles))
    out.set(`distill_lab_torch/${path.split('/').pop() ?? ''}`, await load());
  for (const [path, load] of Object.entries(recipeFiles))
    out.set(path.endsWith('RECIPE.md') ? 'README.md' : 'train.py', await load());
  return out;
}

scope.onmessage = (ev: MessageEvent<ExportRequest>) => {
  const { config, baseUrl } = ev.data;
  const post = (m: ExportReply, transfer: Transferable[] = []): void => {
    scope.postMessage(m, transfer);
  };
  const read = async (relativePath: string): Promise<Uint8Array> => {
    const res = await fetch(new URL(relativePath, baseUrl));
    if (!res.ok) throw new Error(`Could not load ${relativePath} (HTTP ${res.status})`);
    return new Uint8Array(await res.arrayBuffer());
  };
  (async () => {
    await selectBrowserBackend('wasm');
    const files = await buildTorchRecipe(config, {
      read,
      sources: await sources(),
      onStatus: (message) => post({ type: 'status', message }),
    });
    post({ type: 'status', message: 'zipping' });
    const zip = zipRecipe(files);
    post({ type: 'done', zip, files: files.size }, [zip.buffer]);
  })().catch((e: unknown) => {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  });
};
