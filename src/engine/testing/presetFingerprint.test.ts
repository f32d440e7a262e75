import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRESET_IDS } from '../experiment/presets';
import { fingerprintAll, type PresetFingerprint } from './fingerprint';

/**
 * Behaviour lock: every preset (small variants, CPU backend, fixed seed) gives the numbers
 * recorded in presetFingerprints.json — per-step loss terms, every evaluation, the summary.
 * A refactor must not change them; a deliberate change of a method regenerates the file
 * (`npx tsx scripts/fingerprint/presetFingerprint.ts --write`) and says why in its commit.
 */
describe('preset fingerprints (CPU backend)', () => {
  it('every preset reproduces its recorded losses, evaluations and summary', async () => {
    const recorded = JSON.parse(
      readFileSync(new URL('./presetFingerprints.json', import.meta.url), 'utf8'),
    ) as PresetFingerprint[];
    expect(recorded.map((r) => r.preset)).toEqual([...PRESET_IDS]);
    const now = await fingerprintAll();
    now.forEach((f, i) => {
      expect(f, f.preset).toEqual(recorded[i]);
    });
  }, 900_000);
});
