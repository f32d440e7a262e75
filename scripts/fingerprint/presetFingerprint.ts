/**
 * Fingerprint of every preset on the CPU backend for a fixed seed: the per-step loss terms, each
 * evaluation and the summary of a short run. A refactor of the engine must leave it unchanged
 * (`src/engine/presetFingerprint.test.ts` compares against the committed file).
 *
 *   npx tsx scripts/fingerprint/presetFingerprint.ts --write   # regenerate after a deliberate change
 */
import { writeFileSync } from 'node:fs';
import { fingerprintAll } from '../../src/engine/testing/fingerprint';

const out = 'src/engine/testing/presetFingerprints.json';
const result = await fingerprintAll();
if (process.argv.includes('--write')) {
  writeFileSync(out, `${JSON.stringify(result, null, 1)}\n`);
  console.log(`wrote ${out}`);
} else console.log(JSON.stringify(result, null, 1));
