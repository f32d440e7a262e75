import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testHooksIn } from './testHookNames';

const dirs: string[] = [];
const bundle = (files: Record<string, string>): string => {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'assets'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'assets', name), text);
  return dir;
};

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the production bundle check', () => {
  it('finds a test hook in any built script', () => {
    const dir = bundle({
      'index.js': 'const a=1;',
      'lab.worker.js': 'case"simulateDeviceLoss":x()',
    });
    expect(testHooksIn(dir)).toEqual([
      `${join(dir, 'assets', 'lab.worker.js')}: simulateDeviceLoss`,
    ]);
  });

  it('passes a bundle without hooks and ignores non-script files', () => {
    const dir = bundle({
      'index.js': 'window.__distillLab={losses(){}}',
      'notes.txt': 'crashWorker',
    });
    expect(testHooksIn(dir)).toEqual([]);
  });
});
