import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const lab = (...args: string[]) =>
  spawnSync('npx', ['tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8' });

describe('npm run lab', () => {
  it('runs a preset headless and writes runs[].summary as documented', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'lab-')), 'r.json');
    const r = lab('run', 'smoke', '--steps', '20', '--seed', '3', '--out', out);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/kNN acc/);
    type Summary = {
      worstFvu: number;
      meanFvu: number;
      meanCka: number;
      balanceIndex: number;
      knnAccuracy: number;
      steps: number;
      perTeacher: {
        id: string;
        lossShare: number;
        fvu: number;
        whitenedError: number;
        cka: number;
      }[];
    };
    const file = JSON.parse(readFileSync(out, 'utf8')) as {
      runs: { config: { steps: number; seed: number }; summary: Summary }[];
    };
    const run = file.runs[0];
    expect(run?.config.steps).toBe(20);
    expect(run?.config.seed).toBe(3);
    const s = run?.summary;
    if (!s) throw new Error('no summary');
    expect(s.steps).toBe(20);
    const fvu = s.perTeacher.map((p) => p.fvu);
    expect(s.worstFvu).toBe(Math.max(...fvu));
    expect(s.meanFvu).toBeCloseTo(fvu.reduce((a, b) => a + b, 0) / fvu.length, 12);
    for (const p of s.perTeacher) {
      expect(p.fvu).toBeGreaterThan(0);
      expect(p.whitenedError).toBeGreaterThan(0);
      expect(p.cka).toBeGreaterThanOrEqual(0);
      expect(p.cka).toBeLessThanOrEqual(1);
    }
    expect(s.perTeacher.reduce((a, p) => a + p.lossShare, 0)).toBeCloseTo(1, 6);
    expect(s.knnAccuracy).toBeGreaterThan(0.1);
  });

  it('compares normalizers in one table, sorted by worst-teacher FVU', () => {
    const r = lab('compare', 'smoke', '--normalizers', 'none,phi-s,global', '--steps', '10');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^run\s+worst FVU\s+mean FVU\s+worst whitened\s+mean CKA\s+kNN acc/);
    const rows = lines.filter((l) => /^(none|phi-s|global)\s/.test(l));
    expect(rows.map((l) => l.split(/\s+/)[0]).sort()).toEqual(['global', 'none', 'phi-s']);
    const worst = rows.map((l) => Number(l.split(/\s+/)[1]));
    expect([...worst].sort((a, b) => a - b)).toEqual(worst);
  });

  it('exits non-zero with a message on bad arguments', () => {
    for (const [args, message] of [
      [['run', 'no-such-preset'], /neither a preset/],
      [['compare', 'smoke', '--normalizers', 'bogus'], /unknown normalizer\(s\) bogus/],
      [['run', 'smoke', '--steps=0'], /--steps must be a positive integer/],
      [['run', 'smoke', '--steps', '-3'], /error: /],
      [['run', 'smoke', '--backend', 'webgpu'], /--backend must be wasm or cpu/],
      [['fly'], /unknown command "fly"/],
    ] as const) {
      const r = lab(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});
