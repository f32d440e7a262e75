import { expect, test } from '@playwright/test';
import LZString from 'lz-string';
import { ARTIFACTS, lab, openLab, pauseAfter, runToEnd } from './labFixture';

test('runs are saved, survive a reload, and can be reopened, renamed, exported and deleted', async ({
  page,
}) => {
  await openLab(page, 'preset=smoke');
  await runToEnd(page);
  const saved = page.getByRole('list', { name: 'Saved runs' });
  await expect(saved.getByRole('listitem')).toHaveCount(1);
  await openLab(page);
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
  await page.getByLabel('Import a run').setInputFiles({
    name: 'corrupt.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format":"distill-lab-run","version":1}'),
  });
  await expect(page.getByRole('alert').filter({ hasText: 'Not a Distill Lab run' })).toBeVisible();
  await expect(page.getByTestId('loss-chart')).toHaveAttribute('data-points', '40');
});

test('a crashed worker restarts, the history stays, and the next run works', async ({ page }) => {
  await openLab(page, 'preset=smoke');
  await runToEnd(page);
  await lab(page).crashWorker();
  await expect(page.getByRole('alert').filter({ hasText: 'worker crashed' })).toBeVisible();
  await expect(page.getByTestId('loss-chart')).toHaveAttribute('data-points', '40');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', {
    timeout: 60_000,
  });
  await runToEnd(page);
  await page.screenshot({ path: `${ARTIFACTS}/reliability-crash.png`, fullPage: true });
});

test('a corrupt share link gives a message and the lab keeps its default setup', async ({
  page,
}) => {
  await page.goto('/?backend=wasm#x=this-is-not-a-setup');
  await expect(
    page.getByRole('alert').filter({ hasText: /link’s experiment is (corrupt|invalid)/ }),
  ).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Teacher normalization' })).toHaveValue('phi-s');
});

test('a reload in the middle of a run loses nothing: resume finishes it with every step', async ({
  page,
}) => {
  await openLab(page, 'preset=phi-s-balance');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const saved = page.getByRole('list', { name: 'Saved runs' });
  // saved at the first evaluation (step 100), checkpointed every 50 steps; held (paused) past
  // step 160 so the reload always meets an unfinished run, however fast the machine
  const before = await pauseAfter(page, 160, 240_000);
  expect(before).toBeLessThan(400);
  await expect(saved.getByRole('listitem')).toHaveCount(1);
  await page.reload();
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', {
    timeout: 60_000,
  });
  await saved.getByRole('button', { name: /^Resume / }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', /^(done|failed)$/, {
    timeout: 180_000,
  });
  expect(await page.getByTestId('run-status').textContent()).toMatch(/^done/);
  expect(await lab(page).steps()).toEqual(Array.from({ length: 400 }, (_, i) => i));
  await expect(saved.getByRole('button', { name: /^Resume / })).toHaveCount(0);
});

test('a lost WebGPU device falls back to WASM and resumes from the checkpoint', async ({
  page,
}) => {
  // WebGPU here is a software adapter on two shared cores: 56 steps can take minutes
  test.setTimeout(480_000);
  await openLab(page, 'preset=smoke', 'webgpu');
  const steps = page.getByLabel('Steps', { exact: true });
  await steps.fill('80');
  await steps.blur();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  // past the checkpoint at step 50, then held: the device is lost while the run is unfinished
  expect(await pauseAfter(page, 56, 300_000)).toBeLessThan(80);
  await lab(page).loseDevice();
  await expect(page.getByRole('alert').filter({ hasText: 'GPU device was lost' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', /^(done|failed)$/, {
    timeout: 120_000,
  });
  expect(await page.getByTestId('run-status').textContent()).toMatch(/^done/);
  expect(await lab(page).steps()).toEqual(Array.from({ length: 80 }, (_, i) => i));
});

test('a non-finite loss stops the run with a message naming the step and the term', async ({
  page,
}) => {
  // an experiment built to diverge: a ×10⁴ teacher, raw MSE, SGD at learning rate 10
  const cfg = {
    dataset: 'mnist',
    teachers: [{ id: 'mlp', featureScale: 10000 }],
    feature: { normalizer: 'none' },
    optimizer: { kind: 'sgd', learningRate: 10 },
    steps: 30,
    trainSubset: 256,
    evalSubset: 100,
    labelWeight: 0.5,
  };
  await openLab(page, `#x=${LZString.compressToEncodedURIComponent(JSON.stringify(cfg))}`);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(
    page.getByRole('alert').filter({
      hasText:
        /diverged at step \d+: the (MLP \(2×512 hidden\) features|cross-entropy \(labels\)) loss is not finite/,
    }),
  ).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done');
});

test('experiments export to JSON and import back; an invalid experiment file changes nothing', async ({
  page,
}) => {
  await openLab(page, 'preset=dfl');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export experiment' }).click();
  const file = `${ARTIFACTS}/experiment.json`;
  await (await download).saveAs(file);
  await page.getByRole('combobox', { name: 'Preset' }).selectOption('phi-s-balance');
  await expect(
    page.getByRole('checkbox', { name: 'DFL self-distillation and resets' }),
  ).not.toBeChecked();
  await page.getByLabel('Import an experiment').setInputFiles(file);
  await expect(
    page.getByRole('checkbox', { name: 'DFL self-distillation and resets' }),
  ).toBeChecked();
  await page.getByLabel('Import an experiment').setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"steps": -5}'),
  });
  await expect(page.getByRole('alert').filter({ hasText: 'steps' })).toBeVisible();
  await expect(
    page.getByRole('checkbox', { name: 'DFL self-distillation and resets' }),
  ).toBeChecked();
});
