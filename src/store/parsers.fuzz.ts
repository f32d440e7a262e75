import fc from 'fast-check';
import { compressToEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseExperiment } from '../engine/experiment/schema';
import { PRESET_IDS, presetConfig } from '../engine/experiment/presets';
import { parseUploadedModel } from '../models/uploadParse';
import { parseCompareFile } from './compareResults';
import { parseSavedRun } from './runFile';
import { decodeSetup, setupFromHash } from './urlState';
import { compareFile, config, modelJson, runFile } from './fuzzFixtures';

/**
 * 10,000 runs per parser: every hostile input gives a value or an Error with a message of ours,
 * never a raw TypeError/RangeError from deep inside (those read as "x.reduce is not a function").
 * A failure prints its seed and path; pin them in REGRESSIONS so they run every time.
 */
const RUNS = 10_000;
/** Seeds of failures found by this fuzzer (none has been found since the schemas went in). */
const REGRESSIONS: readonly {
  readonly name: string;
  readonly seed: number;
  readonly path: string;
}[] = [];

const ours = (e: unknown): void => {
  expect(e).toBeInstanceOf(Error);
  expect(e).not.toBeInstanceOf(TypeError);
  expect(e).not.toBeInstanceOf(RangeError);
  expect((e as Error).message.length).toBeGreaterThan(0);
};

function params(name: string): fc.Parameters<unknown> {
  const r = REGRESSIONS.find((x) => x.name === name);
  return r ? { numRuns: RUNS, seed: r.seed, path: r.path } : { numRuns: RUNS };
}

/** JSON text of anything (undefined, at the root, has none: 'null'). */
function jsonText(v: unknown): string {
  return v === undefined ? 'null' : JSON.stringify(v);
}

/** A JSON value with the shape of `base`, one field somewhere replaced by anything. */
function mutate(base: unknown): fc.Arbitrary<unknown> {
  const paths: string[][] = [];
  const walk = (v: unknown, p: string[]): void => {
    paths.push(p);
    if (p.length > 5 || typeof v !== 'object' || v === null) return;
    for (const [k, c] of Object.entries(v).slice(0, 12)) walk(c, [...p, k]);
  };
  walk(base, []);
  return fc
    .tuple(
      fc.constantFrom(...paths),
      fc.oneof(
        fc.jsonValue(),
        fc.anything(),
        fc.constantFrom(
          '__proto__',
          'constructor',
          -1,
          1e308,
          Number.NaN,
          null,
          [],
          {},
          '<img src=x onerror=alert(1)>',
        ),
      ),
    )
    .map(([path, value]) => {
      const copy: unknown = structuredClone(base);
      if (path.length === 0) return value;
      let o = copy as Record<string, unknown>;
      for (const k of path.slice(0, -1)) o = o[k] as Record<string, unknown>;
      o[path.at(-1) ?? ''] = value;
      return copy;
    });
}

describe(`parsers under ${RUNS.toLocaleString('en')} hostile inputs each`, () => {
  it('experiment config (anything, and mutated presets)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.constantFrom(...PRESET_IDS).chain((id) => mutate(presetConfig(id))),
        ),
        (input) => {
          try {
            parseExperiment(input);
          } catch (e) {
            expect(e).toBeInstanceOf(ConfigError);
          }
        },
      ),
      params('config'),
    );
  });

  it('share links (random strings and links to mutated configs)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          mutate(config).map((c) => compressToEncodedURIComponent(JSON.stringify(c))),
        ),
        (s) => {
          const d = decodeSetup(s);
          expect('config' in d || typeof d.error === 'string').toBe(true);
          expect(() => setupFromHash(`#x=${s}`)).not.toThrow();
        },
      ),
      params('url'),
    );
  });

  it('experiment files (JSON text)', () => {
    fc.assert(
      fc.property(mutate(config), (c) => {
        try {
          parseExperiment(JSON.parse(JSON.stringify(c ?? null)));
        } catch (e) {
          expect(e).toBeInstanceOf(ConfigError);
        }
      }),
      params('experiment'),
    );
  });

  it('run files', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          mutate(runFile).map((r) => jsonText(r)),
          fc.string(),
        ),
        (text) => {
          try {
            parseSavedRun(text);
          } catch (e) {
            ours(e);
          }
        },
      ),
      params('run'),
    );
  });

  it('comparison files', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          mutate(compareFile).map((r) => jsonText(r)),
          fc.string(),
        ),
        (text) => {
          try {
            parseCompareFile(text);
          } catch (e) {
            ours(e);
          }
        },
      ),
      params('comparison'),
    );
  });

  it('uploaded model.json', () => {
    fc.assert(
      fc.property(mutate(modelJson), (m) => {
        const files = [
          { name: 'model.json', bytes: new TextEncoder().encode(jsonText(m)) },
          { name: 'w.bin', bytes: new Uint8Array(32) },
        ];
        try {
          parseUploadedModel(files);
        } catch (e) {
          ours(e);
        }
      }),
      params('model.json'),
    );
  });
});
