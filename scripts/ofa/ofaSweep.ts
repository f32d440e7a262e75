/**
 * Measures the OFA story's claim (labels only vs KD vs OFA) over seeds on the WASM backend:
 *   npx tsx scripts/ofa/ofaSweep.ts '<json overrides>' [seeds]
 * The overrides are merged into the ofa-heterogeneous preset; prints test accuracy per method and seed.
 */
import { nodePublicReader } from '../../src/data/nodePublicReader';
import { selectNodeBackend } from '../../src/engine/backend/nodeBackend';
import { presetConfig } from '../../src/engine/experiment/presets';
import { parseExperiment } from '../../src/engine/experiment/schema';
import { runLockstep } from '../../src/engine/runExperiment';

const overrides = JSON.parse(process.argv[2] ?? '{}') as Record<string, unknown>;
const seeds = Number(process.argv[3] ?? '3');
const methods = ['none', 'kd', 'ofa'] as const;

async function main(): Promise<void> {
  const backend = await selectNodeBackend('wasm');
  const base = presetConfig('ofa-heterogeneous');
  const configs = [];
  for (let s = 0; s < seeds; s++)
    for (const m of methods) {
      const c = parseExperiment({ ...base, ...overrides, seed: base.seed + s });
      configs.push(parseExperiment({ ...c, logits: { ...c.logits, method: m } }));
    }
  const t0 = performance.now();
  const out = await runLockstep(configs, {
    read: nodePublicReader(),
    emit: () => undefined,
    backend,
  });
  const secs = (performance.now() - t0) / 1000;
  const acc: Record<string, number[]> = { none: [], kd: [], ofa: [] };
  out.forEach((s, i) => acc[methods[i % 3] ?? 'none']?.push(s.testAccuracy ?? Number.NaN));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(JSON.stringify({ overrides, seeds, secs: Math.round(secs) }));
  for (const m of methods)
    console.log(
      `${m.padEnd(5)} mean ${mean(acc[m] ?? []).toFixed(4)}  per seed ${(acc[m] ?? []).map((a) => a.toFixed(4)).join(' ')}`,
    );
}
main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
