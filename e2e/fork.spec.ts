import { expect, test } from '@playwright/test';
import { ARTIFACTS, openStory, setNumber, watchErrors } from './storyHelpers';

interface RunRow {
  id: string;
  label: string;
  firstStep: number;
  lastStep: number;
  finished: boolean;
  parent: { runId: string; step: number } | null;
}
const runsOf = (page: import('@playwright/test').Page): Promise<RunRow[]> =>
  page.evaluate(() =>
    (window as unknown as { __distillLab: { runs: () => RunRow[] } }).__distillLab.runs(),
  );

test('fork from here: a paused run forked with a new normalizer continues from its step as a new run beside it', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  await openStory(page, 'phi-s-balance');
  // a long run, so the pause lands in it even on a loaded machine; the fork then runs to step 120
  await setNumber(page, 'Steps', 400);
  await setNumber(page, 'Training samples (0 = all)', 1000);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const status = page.getByTestId('run-status');
  await expect(status).toHaveAttribute('data-status', 'running', { timeout: 120_000 });
  await expect
    .poll(async () => (await runsOf(page))[0]?.lastStep ?? -1, { timeout: 60_000 })
    .toBeGreaterThan(20);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(status).toHaveAttribute('data-status', 'paused');
  const [parent] = await runsOf(page);
  if (!parent) throw new Error('no run');
  const forkStep = parent.lastStep + 1;

  // a restart-needing knob: the notice says so and offers the fork
  await page.getByLabel('Teacher normalization').selectOption('global');
  await setNumber(page, 'Steps', 120);
  const notice = page.getByTestId('restart-notice');
  await expect(notice).toContainText('feature distillation');
  await notice.getByRole('button', { name: 'Fork from here' }).click();

  await expect.poll(async () => (await runsOf(page)).length).toBe(2);
  await expect
    .poll(async () => (await runsOf(page))[1]?.lastStep ?? -1, { timeout: 120_000 })
    .toBeGreaterThan(forkStep + 10);
  const [stopped, child] = await runsOf(page);
  expect(child?.parent).toEqual({ runId: parent.id, step: forkStep });
  expect(child?.firstStep).toBe(forkStep);
  expect(child?.label).toMatch(/global.*\(fork\)/);
  // the parent stopped where it was forked and kept its closing evaluation
  expect(stopped?.lastStep).toBe(forkStep - 1);
  expect(stopped?.finished).toBe(true);
  // charted beside the parent: the overlay has both lines, the fork's axis continues from the fork step
  await expect(page.getByTestId('compare-loss')).toHaveAttribute('data-series', '2');
  await expect(status).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  expect((await runsOf(page))[1]?.lastStep).toBe(119);
  const entry = page.getByTestId(`fork-of-${child?.id ?? ''}`);
  await expect(entry).toContainText(`forked at step ${String(forkStep)}`);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: `${ARTIFACTS}/fork-1440.png`, fullPage: true });
  expect(errors).toEqual([]);
});
