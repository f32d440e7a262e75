import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Names only e2e builds (`vite build --mode e2e`) may contain: the hooks that crash the worker
 * or destroy the GPU device (src/store/testHooks.ts, src/engine/worker/testMessages.ts).
 */
export const TEST_HOOK_NAMES = [
  'crashWorker',
  'loseDevice',
  'simulateDeviceLoss',
  'not-a-message',
  'handleTestMessage',
];

/** Each `file: name` where a built JavaScript file under `dir` names a test hook. */
export function testHooksIn(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const path = join(entry.parentPath, entry.name);
    const text = readFileSync(path, 'utf8');
    for (const name of TEST_HOOK_NAMES) if (text.includes(name)) found.push(`${path}: ${name}`);
  }
  return found;
}
