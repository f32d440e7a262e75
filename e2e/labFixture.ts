import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import type { TestInspector } from '../src/store/inspect';

/**
 * The one e2e fixture: where specs write artifacts, the console/page-error watcher, opening the
 * lab on a backend, and the `window.__distillLab` handle (the only place that names it).
 */
export const ARTIFACTS = 'e2e-artifacts';
mkdirSync(ARTIFACTS, { recursive: true });

/** Collects console errors and uncaught page errors; a spec asserts the list is empty. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/**
 * Opens the lab at `query` (e.g. `preset=smoke`, or `#x=…` for a share link) on a backend and
 * waits until that backend is up.
 */
export async function openLab(
  page: Page,
  query = '',
  backend: 'wasm' | 'webgpu' | 'webgl' | 'cpu' = 'wasm',
): Promise<void> {
  const [search, hash] = query.startsWith('#') ? ['', query] : [query, ''];
  await page.goto(`/?backend=${backend}${search === '' ? '' : `&${search}`}${hash}`);
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', backend, {
    timeout: backend === 'wasm' ? 60_000 : 90_000,
  });
}

type Inspector = Pick<
  TestInspector,
  'losses' | 'steps' | 'runId' | 'shares' | 'knobMarks' | 'crashWorker' | 'loseDevice'
>;

/** The page's `window.__distillLab` inspector, one call per method. */
export function lab(page: Page): {
  readonly losses: () => Promise<number[]>;
  readonly steps: () => Promise<number[]>;
  readonly runId: () => Promise<string>;
  readonly shares: () => Promise<number[][]>;
  readonly knobMarks: () => Promise<{ step: number; label: string }[]>;
  readonly crashWorker: () => Promise<void>;
  readonly loseDevice: () => Promise<void>;
} {
  const call = <K extends keyof Inspector>(name: K): Promise<ReturnType<Inspector[K]>> =>
    page.evaluate(
      (n) =>
        (window as unknown as { __distillLab: Record<string, () => unknown> }).__distillLab[n]?.(),
      name,
    ) as Promise<ReturnType<Inspector[K]>>;
  return {
    losses: () => call('losses'),
    steps: () => call('steps'),
    runId: () => call('runId'),
    shares: () => call('shares'),
    knobMarks: () => call('knobMarks'),
    crashWorker: () => call('crashWorker'),
    loseDevice: () => call('loseDevice'),
  };
}

/** Clicks Run and waits for the job to end; the status must read "done". */
export async function runToEnd(page: Page, timeout = 120_000): Promise<void> {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute(
    'data-status',
    /^(done|failed|stopped)$/,
    { timeout },
  );
  expect(await page.getByTestId('run-status').textContent()).toMatch(/^done/);
}

/**
 * Lets a started run reach `atLeast` plotted steps, then pauses it and waits until it is held,
 * so what a spec does next (reload, device loss) meets a run that cannot finish meanwhile.
 */
export async function pauseAfter(page: Page, atLeast: number, timeout = 150_000): Promise<number> {
  await expect
    .poll(async () => (await lab(page).steps()).length, { timeout })
    .toBeGreaterThanOrEqual(atLeast);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'paused');
  return (await lab(page).steps()).length;
}
