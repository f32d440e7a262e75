import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hadamard } from '../math/hadamard';

/**
 * The exported Python package (torch/distill_lab_torch) against the lab: its unit tests on the
 * golden values (torch/tests), and its Hadamard matrices equal to the lab's, entry for entry.
 */
const PYTHON = '/usr/bin/python3';
const hasTorch = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0;
if (!hasTorch)
  console.warn(
    `SKIPPED the PyTorch package tests: "${PYTHON} -c 'import torch'" failed — install Debian's python3-torch (.ci/run does).`,
  );

describe.skipIf(!hasTorch)('distill_lab_torch (PyTorch) package', () => {
  it('passes its tests against the golden values (methods-golden.json, the lab’s tolerances)', () => {
    const r = spawnSync(PYTHON, ['-m', 'unittest', 'discover', '-s', 'torch/tests'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.stderr).toMatch(/\nOK\s*$/);
    expect(r.status).toBe(0);
  });

  it('builds the same Hadamard matrices as the lab (Sylvester, Paley I/II, random stand-in)', () => {
    const orders = [12, 20, 28, 36, 48, 64, 10, 52];
    const code = `import json,sys; sys.path.insert(0,'torch'); from distill_lab_torch.hadamard import hadamard; print(json.dumps([hadamard(n, 7)[0].tolist() for n in ${JSON.stringify(orders)}]))`;
    const r = spawnSync(PYTHON, ['-c', code], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    const py = JSON.parse(r.stdout) as number[][][];
    orders.forEach((n, i) => {
      const lab = hadamard(n, 7).matrix.data;
      const rows = py[i] ?? [];
      let worst = 0;
      rows.forEach((row, a) => {
        row.forEach(
          (v, b) => (worst = Math.max(worst, Math.abs(v - (lab[a * n + b] ?? Number.NaN)))),
        );
      });
      expect(rows.length, `order ${n}`).toBe(n);
      expect(worst, `order ${n}`).toBeLessThan(1e-12);
    });
  });
});
