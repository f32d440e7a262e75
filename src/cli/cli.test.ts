import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const lab = (...args: string[]) => spawnSync('npx', ['tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8' });

describe('npm run lab', () => {
  it('runs a preset headless and writes runs[].summary as documented', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'lab-')), 'r.json');
    const r = lab('run', 'smoke', '--steps', '20', '--seed', '3', '--out', out);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/kNN acc/);
    const file = JSON.parse(readFileSync(out, 'utf8')) as { runs: { config: { steps: number; seed: number }; summary: Record<string, unknown> & { perTeacher: Record<string, unknown>[] } }[] };
    const run = file.runs[0];
    expect(run?.config.steps).toBe(20);
    expect(run?.config.seed).toBe(3);
    for (const k of ['perTeacher', 'balanceIndex', 'testAccuracy', 'knnAccuracy', 'samplesPerSecond']) expect(run?.summary).toHaveProperty(k);
    for (const k of ['id', 'lossShare', 'initialShare', 'errorNormalized', 'errorTeacherSpace', 'cosine']) expect(run?.summary.perTeacher[0]).toHaveProperty(k);
  });

  it('compares normalizers in one table', () => {
    const r = lab('compare', 'smoke', '--normalizers', 'none,phi-s', '--steps', '10');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^none\s/m);
    expect(r.stdout).toMatch(/^phi-s\s/m);
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
