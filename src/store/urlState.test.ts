import { compressToEncodedURIComponent } from 'lz-string';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseExperiment } from '../engine/experiment/schema';
import { PRESET_IDS, presetConfig } from '../engine/experiment/presets';
import { decodeSetup, encodeSetup, setupFromHash } from './urlState';

/** Thousands of random and mutated inputs: each gives a valid config or a validation error. */
describe('config and URL parsers under hostile input', () => {
  it('parseExperiment returns a config or throws ConfigError, never anything else', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        try {
          const c = parseExperiment(input);
          expect(c.steps).toBeGreaterThan(0);
        } catch (e) {
          expect(e).toBeInstanceOf(ConfigError);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('mutated presets parse or fail with field paths', () => {
    const keys = [
      'steps',
      'batchSize',
      'seed',
      'dataset',
      'labelWeight',
      'feature',
      'teachers',
      'student',
      'logits',
      'avatars',
      'dfl',
      'optimizer',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...PRESET_IDS),
        fc.constantFrom(...keys),
        fc.anything(),
        (id, key, value) => {
          const mutated: Record<string, unknown> = { ...presetConfig(id), [key]: value };
          try {
            parseExperiment(mutated);
          } catch (e) {
            expect(e).toBeInstanceOf(ConfigError);
            expect((e as ConfigError).issues.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('decodeSetup never throws: random strings, corrupted links and random JSON', () => {
    const good = encodeSetup(presetConfig('phi-s-balance'));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.nat(good.length).map((k) => good.slice(0, k) + good.slice(k + 1)),
          fc.json().map((j) => compressToEncodedURIComponent(j)),
        ),
        (s) => {
          const r = decodeSetup(s);
          if ('config' in r) expect(r.config.steps).toBeGreaterThan(0);
          else expect(r.error).toMatch(/corrupt|invalid/);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('round-trips every preset through the URL', () => {
    for (const id of PRESET_IDS) {
      const c = presetConfig(id);
      expect(setupFromHash(`#x=${encodeSetup(c)}`)).toEqual({ config: c });
    }
    expect(setupFromHash('#nothing')).toBeNull();
  });
});
