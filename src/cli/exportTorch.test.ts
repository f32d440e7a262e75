import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectNodeBackend } from '../engine/backend/nodeBackend';
import type { StepPoint } from '../engine/events';
import { presetConfig } from '../engine/experiment/presets';
import { parseExperiment } from '../engine/experiment/schema';
import { parseRunLog } from '../store/runLog';
import { exportTorch } from './exportTorch';
import { labSteps, zooTeacherCache } from './labReference';

/**
 * Issue 17's done-when: the exported phi-s-balance recipe, run with torchrun on CPU (gloo), gives
 * the lab engine's CPU-backend losses step for step; 2 processes equal 1; the log imports.
 */
const PYTHON = '/usr/bin/python3';
const hasTorch = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0;
if (!hasTorch)
  console.warn(
    `SKIPPED the PyTorch recipe tests: "${PYTHON} -c 'import torch'" failed — install Debian's python3-torch (.ci/run does).`,
  );

/** Debian's torch 1.13 on Python 3.11: torchrun's default `--redirects 0` trips over Python 3.11's IntFlag iteration. */
const TORCHRUN_FIX = ['--redirects', '2', '--tee', '2'];
const STEPS = 20;
const REL = 1e-3;

function torchrunOnce(dir: string, procs: number, log: string): SpawnSyncReturns<string> {
  return spawnSync(
    PYTHON,
    [
      '-m',
      'torch.distributed.run',
      '--standalone',
      `--nproc_per_node=${procs}`,
      ...TORCHRUN_FIX,
      'train.py',
      '--config',
      'experiment.json',
      '--log',
      log,
      '--no-eval',
    ],
    { cwd: dir, encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1' }, timeout: 300_000 },
  );
}

/** Runs the recipe under torchrun; a failed launch is reported and tried once more (busy machines). */
function torchrun(dir: string, procs: number, log: string): string {
  let r = torchrunOnce(dir, procs, log);
  if (r.status !== 0) {
    console.warn(
      `torchrun ×${procs} failed (${r.status}), retrying once:\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`,
    );
    r = torchrunOnce(dir, procs, log);
  }
  if (r.status !== 0)
    throw new Error(
      `torchrun ×${procs} failed (${r.status}):\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`,
    );
  return readFileSync(path.join(dir, log), 'utf8');
}

function maxRel(a: readonly StepPoint[], b: readonly StepPoint[]): number {
  let worst = 0;
  a.forEach((p, i) => {
    const q = b[i];
    if (!q) throw new Error(`step ${i} missing`);
    [p.total, ...p.terms].forEach((v, k) => {
      const ref = k === 0 ? q.total : (q.terms[k - 1] ?? Number.NaN);
      worst = Math.max(worst, Math.abs(v - ref) / Math.abs(ref));
    });
  });
  return worst;
}

describe.skipIf(!hasTorch)('PyTorch DDP recipe (torchrun on CPU)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'distill-torch-'));
  const cfg = parseExperiment({ ...presetConfig('phi-s-balance'), steps: STEPS });
  let lab: { termKeys: string[]; points: StepPoint[] };
  let two: string;
  let one: string;
  let teachers: SpawnSyncReturns<string>;

  beforeAll(async () => {
    const t0 = performance.now();
    // teacher outputs are cached once on WASM (the CPU backend needs minutes for the conv
    // teachers); the lab's reference steps then run on the CPU backend
    await selectNodeBackend('wasm');
    const cache = await zooTeacherCache(cfg);
    try {
      await exportTorch(cfg, dir, { cache });
      await selectNodeBackend('cpu');
      lab = await labSteps(cfg, cache);
    } finally {
      cache.dispose();
    }
    two = torchrun(dir, 2, 'two.jsonl');
    one = torchrun(dir, 1, 'one.jsonl');
    console.warn(
      `recipe test setup: ${((performance.now() - t0) / 1000).toFixed(1)} s (export, lab CPU run, torchrun ×2 and ×1)`,
    );
    teachers = spawnSync(PYTHON, ['-m', 'distill_lab_torch.check', 'lab'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 120_000,
    });
  }, 900_000);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the lab engine’s per-step total and per-teacher losses within 1e-3 for 20 steps (2 processes)', () => {
    const run = parseRunLog(two);
    expect(run.terms.map((t) => t.key)).toEqual(lab.termKeys);
    expect(lab.points).toHaveLength(STEPS);
    expect(run.points).toHaveLength(STEPS);
    const rel = maxRel(run.points, lab.points);
    console.warn(
      `max relative difference torchrun ×2 vs lab CPU over ${STEPS} steps: ${rel.toExponential(2)}`,
    );
    expect(rel).toBeLessThan(REL);
  });

  it('2 processes at global batch B equal 1 process at B', () => {
    const rel = maxRel(parseRunLog(two).points, parseRunLog(one).points);
    console.warn(`max relative difference torchrun ×2 vs ×1: ${rel.toExponential(2)}`);
    expect(rel).toBeLessThan(1e-4);
  });

  it('the zoo teachers converted to PyTorch give the lab’s cached features (eval split)', () => {
    expect(teachers.status, teachers.stderr).toBe(0);
    const err = JSON.parse(teachers.stdout) as Record<string, number>;
    console.warn(`converted teachers, max |Δ| / max |f|: ${JSON.stringify(err)}`);
    expect(Object.keys(err)).toEqual(['cnn', 'vit', 'mlp']);
    for (const v of Object.values(err)) expect(v).toBeLessThan(1e-4);
  });

  it('the JSON-lines log imports into the lab as a run the charts can draw', () => {
    const run = parseRunLog(two);
    expect(run.config.name).toBe(cfg.name);
    expect(run.teachers.map((t) => t.id)).toEqual(['cnn', 'vit', 'mlp']);
    expect(run.summary?.steps).toBe(STEPS);
    for (const p of run.points) {
      expect(p.terms).toHaveLength(3);
      expect(p.total).toBeCloseTo(
        p.terms.reduce((a, b) => a + b, 0),
        6,
      );
      expect(p.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    }
  });
});
