import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DATASET_FACTS, ZOO_SHAPES } from '../budget/budget';
import { ZOO_IDS, minEvalEvery } from './feasibility';
import { ConfigError, parseExperiment } from './schema';

const fails = (input: unknown, path: string, text: RegExp): void => {
  try {
    parseExperiment(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    const issue = (e as ConfigError).issues.find((i) => i.path === path);
    expect(issue?.message).toMatch(text);
    return;
  }
  throw new Error(`accepted: ${JSON.stringify(input)}`);
};

describe('links that cannot run fail when they open', () => {
  it('refuses unknown, prototype and zoo-less teacher ids', () => {
    fails({ teachers: [{ id: 'gpt' }] }, 'teachers.0.id', /not in the mnist zoo/);
    fails({ teachers: [{ id: '__proto__' }] }, 'teachers.0.id', /not in the mnist zoo/);
    fails({ teachers: [{ id: 'constructor' }] }, 'teachers.0.id', /not in the mnist zoo/);
    fails(
      { dataset: 'digits', teachers: [{ id: 'cnn' }] },
      'teachers.0.id',
      /digits has no teacher zoo/,
    );
    fails(
      { dataset: 'blobs', teachers: [{ id: 'mlp' }] },
      'teachers.0.id',
      /blobs has no teacher zoo/,
    );
    expect(
      parseExperiment({ dataset: 'digits', teachers: [{ id: 'upload-my-teacher' }] }).teachers[0]
        ?.id,
    ).toBe('upload-my-teacher');
  });

  it('refuses a patch that does not divide the image and heads that do not divide the width', () => {
    fails(
      { student: { arch: 'vit', patch: 5 } },
      'student.patch',
      /patch 5 does not divide the 28×28 image/,
    );
    fails({ student: { arch: 'mixer', patch: 3 } }, 'student.patch', /does not divide/);
    fails(
      { student: { arch: 'vit', width: 100, heads: 7 } },
      'student.heads',
      /7 heads do not divide the width 100/,
    );
    expect(
      parseExperiment({ student: { arch: 'vit', patch: 4, width: 96, heads: 6 } }).student.patch,
    ).toBe(4);
    expect(
      parseExperiment({
        dataset: 'digits',
        teachers: [],
        labelWeight: 1,
        feature: { enabled: false },
        student: { arch: 'vit', patch: 2 },
      }).student.patch,
    ).toBe(2);
  });

  it('bounds the number of evaluations a run makes', () => {
    expect(minEvalEvery(3000)).toBe(3);
    fails({ steps: 3000, evalEvery: 1 }, 'evalEvery', /at least every 3/);
    expect(parseExperiment({ steps: 3000, evalEvery: 3 }).evalEvery).toBe(3);
  });
});

describe('static facts match the shipped files', () => {
  it('zoo ids and teacher shapes equal the manifests', () => {
    for (const [dataset, ids] of Object.entries(ZOO_IDS)) {
      const m = JSON.parse(readFileSync(`public/models/${dataset}/manifest.json`, 'utf8')) as {
        teachers: { id: string; spec: Record<string, unknown> }[];
      };
      expect(m.teachers.map((t) => t.id).sort()).toEqual([...ids].sort());
      for (const t of m.teachers)
        expect(ZOO_SHAPES[t.id]).toEqual({
          arch: t.spec.arch,
          width: t.spec.width,
          depth: t.spec.depth,
          featureDim: t.spec.featureDim,
          ...(t.spec.patch === undefined ? {} : { patch: t.spec.patch }),
          ...(t.spec.heads === undefined ? {} : { heads: t.spec.heads }),
        });
    }
  });

  it('dataset sizes equal the headers', () => {
    for (const id of ['mnist', 'fashion-mnist', 'digits'] as const) {
      const h = JSON.parse(readFileSync(`public/data/${id}/header.json`, 'utf8')) as {
        train: number;
        test: number;
        height: number;
        width: number;
        channels: number;
        classNames: string[];
      };
      expect(DATASET_FACTS[id]).toEqual({
        train: h.train,
        test: h.test,
        input: [h.height, h.width, h.channels],
        classes: h.classNames.length,
      });
    }
  });
});
