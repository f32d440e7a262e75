import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recipeSources } from './exportTorch';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

describe('npm run lab -- export-torch', () => {
  it('refuses a missing --out or source with a message and exit code 2', () => {
    const r = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'export-torch', 'phi-s-balance'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/export-torch needs --out <dir>/);
  });

  it('ships the whole Python package, train.py and the recipe README', () => {
    const files = [...recipeSources().keys()];
    for (const f of [
      'train.py',
      'README.md',
      'distill_lab_torch/__init__.py',
      'distill_lab_torch/recipe.py',
      'distill_lab_torch/loop.py',
      'distill_lab_torch/normalizers.py',
      'distill_lab_torch/models.py',
    ])
      expect(files).toContain(f);
  });
});
