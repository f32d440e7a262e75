import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';

const ARTIFACTS = 'e2e-artifacts';
mkdirSync(ARTIFACTS, { recursive: true });

test('runs are saved, survive a reload, and can be reopened, renamed, exported and deleted', async ({ page }) => {
  await page.goto('/?backend=wasm&preset=smoke');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  const saved = page.getByRole('list', { name: 'Saved runs' });
  await expect(saved.getByRole('listitem')).toHaveCount(1);
  await page.goto('/?backend=wasm');
  await expect(saved.getByRole('listitem')).toHaveCount(1);
  await expect(page.getByTestId('loss-chart')).toHaveAttribute('data-points', '0');
  await saved.getByRole('button', { name: /^Open / }).click();
  await expect(page.getByTestId('loss-chart')).toHaveAttribute('data-points', '40');
  await saved.getByRole('button', { name: /^Rename / }).click();
  await saved.getByRole('textbox').fill('my smoke run');
  await saved.getByRole('button', { name: 'Save' }).click();
  await expect(saved).toContainText('my smoke run');
  const download = page.waitForEvent('download');
  await saved.getByRole('button', { name: 'Export my smoke run' }).click();
  const file = `${ARTIFACTS}/saved-run.json`;
  await (await download).saveAs(file);
  await saved.getByRole('button', { name: 'Delete my smoke run' }).click();
  await expect(saved.getByRole('listitem')).toHaveCount(0);
  await page.getByLabel('Import a run').setInputFiles(file);
  await expect(page.getByTestId('loss-chart')).toHaveAttribute('data-points', '40');
  await page.getByLabel('Import a run').setInputFiles({ name: 'corrupt.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"distill-lab-run","version":1}') });
  await expect(page.getByRole('alert').filter({ hasText: 'Not a Distill Lab run' })).toBeVisible();
  await expect(page.getByTestId('loss-chart')).toHaveAttribute('data-points', '40');
});

test('a crashed worker restarts, the history stays, and the next run works', async ({ page }) => {
  await page.goto('/?backend=wasm&preset=smoke');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await page.evaluate(() => {
    (window as unknown as { __distillLab: { crashWorker: () => void } }).__distillLab.crashWorker();
  });
  await expect(page.getByRole('alert').filter({ hasText: 'worker crashed' })).toBeVisible();
  await expect(page.getByTestId('loss-chart')).toHaveAttribute('data-points', '40');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await page.screenshot({ path: `${ARTIFACTS}/reliability-crash.png`, fullPage: true });
});

test('a corrupt share link gives a message and the lab keeps its default setup', async ({ page }) => {
  await page.goto('/?backend=wasm#x=this-is-not-a-setup');
  await expect(page.getByRole('alert').filter({ hasText: /link’s experiment is (corrupt|invalid)/ })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Teacher normalization' })).toHaveValue('phi-s');
});

test('a reload in the middle of a run loses nothing: resume finishes it with every step', async ({ page }) => {
  await page.goto('/?backend=wasm&preset=phi-s-balance');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const saved = page.getByRole('list', { name: 'Saved runs' });
  // saved at the first evaluation (step 100), checkpointed every 50 steps
  await expect(saved.getByRole('listitem')).toHaveCount(1, { timeout: 120_000 });
  await expect.poll(async () => (await page.evaluate(() => (window as unknown as { __distillLab: { steps: () => number[] } }).__distillLab.steps())).length, { timeout: 120_000 }).toBeGreaterThan(160);
  await page.reload();
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', { timeout: 60_000 });
  await saved.getByRole('button', { name: /^Resume / }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', /^(done|failed)$/, { timeout: 180_000 });
  expect(await page.getByTestId('run-status').textContent()).toMatch(/^done/);
  const steps = await page.evaluate(() => (window as unknown as { __distillLab: { steps: () => number[] } }).__distillLab.steps());
  expect(steps).toEqual(Array.from({ length: 400 }, (_, i) => i));
  await expect(saved.getByRole('button', { name: /^Resume / })).toHaveCount(0);
});
