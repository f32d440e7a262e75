/** npx tsx bench/kernels.ts — kernels of one default-preset step by name (tf.profile), Node WASM. */
import { selectNodeBackend } from '../src/engine/backend/nodeBackend';
import { presetConfig } from '../src/engine/experiment/presets';
import { parseExperiment } from '../src/engine/experiment/schema';
import { kernelsOfStep } from './peerBench';

await selectNodeBackend('wasm');
const base = parseExperiment({
  ...presetConfig('phi-s-balance'),
  trainSubset: 2000,
  evalSubset: 200,
});
const plain = parseExperiment({
  ...base,
  teachers: [],
  feature: { enabled: false },
  labelWeight: 1,
});
for (const [label, cfg] of [
  ['plain', plain],
  ['distill', base],
] as const) {
  const names = await kernelsOfStep(cfg);
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  console.log(`${label}: ${names.length} kernels`);
  console.log(
    [...counts]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
  );
}
