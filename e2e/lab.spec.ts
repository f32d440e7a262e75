import { expect, test, type Page } from '@playwright/test';
import { ARTIFACTS, openLab, runToEnd as runUntilDone, watchErrors } from './labFixture';

const runToEnd = (page: Page): Promise<void> => runUntilDone(page, 240_000);

async function points(page: Page, testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).getAttribute('data-points'));
}

async function setNumber(page: Page, label: string, value: number): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(String(value));
  await field.blur();
}

test('a new user picks three teachers, runs PHI-S, switches to raw MSE and shares the setup', async ({
  page,
  context,
}) => {
  const errors = watchErrors(page);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openLab(page);
  // pick exactly three heterogeneous teachers
  const zoo = page.getByRole('list', { name: 'Teacher zoo' });
  await expect(zoo.getByRole('checkbox')).toHaveCount(5);
  for (const name of ['CNN', 'ViT', 'MLP-Mixer'])
    await zoo.getByRole('checkbox', { name: new RegExp(`Use teacher ${name}`) }).check();
  for (const name of ['ResNet', 'MLP \\(']) {
    const box = zoo.getByRole('checkbox', { name: new RegExp(`Use teacher ${name}`) });
    if (await box.isChecked()) await box.uncheck();
  }
  await expect(zoo.getByRole('checkbox', { checked: true })).toHaveCount(3);
  await page.getByRole('combobox', { name: 'Teacher normalization' }).selectOption('phi-s');
  await setNumber(page, 'Steps', 200);
  await setNumber(page, 'Evaluate every', 50);
  await page.screenshot({ path: `${ARTIFACTS}/lab-1-setup.png`, fullPage: true });

  await runToEnd(page);
  await expect.poll(() => points(page, 'loss-chart')).toBeGreaterThan(150);
  await expect.poll(() => points(page, 'share-chart')).toBeGreaterThan(150);
  const phiBalance = Number(await page.getByTestId('balance-index').getAttribute('data-value'));
  // PHI-S gives every teacher's dimensions unit variance: no teacher takes most of the loss
  expect(phiBalance).toBeLessThan(2);
  await page.screenshot({ path: `${ARTIFACTS}/lab-2-phi-s.png`, fullPage: true });

  // every chart of a feature-distillation run holds real data
  for (const id of ['fidelity-chart', 'accuracy-chart', 'throughput-chart', 'activation-stats'])
    await expect.poll(() => points(page, id), id).toBeGreaterThan(0);
  for (const id of [
    'variance-profile',
    'eigen-spectrum',
    'histogram',
    'covariance-heatmap',
    'pca-scatter',
  ])
    await expect(page.getByTestId(id)).toBeVisible();
  expect(Number(await page.getByTestId('variance-profile').getAttribute('data-mean'))).toBeCloseTo(
    1,
    2,
  );
  await expect.poll(() => points(page, 'error-balance')).toBeGreaterThan(0);

  // raw MSE: one teacher dominates, the balance index changes
  await page.getByRole('combobox', { name: 'Teacher normalization' }).selectOption('none');
  await runToEnd(page);
  const rawBalance = Number(await page.getByTestId('balance-index').getAttribute('data-value'));
  // raw MSE weights teachers by loudness (E[y²]: CNN 4.2 vs ViT 1.1, Mixer 1.2 per dimension)
  expect(rawBalance).toBeGreaterThan(1.5 * phiBalance);
  await page.screenshot({ path: `${ARTIFACTS}/lab-3-raw-mse.png`, fullPage: true });

  // share link → fresh page → same setup
  await page.getByRole('button', { name: 'Copy share link' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('#x=');
  const fresh = await context.newPage();
  const freshErrors = watchErrors(fresh);
  await fresh.goto(link);
  await expect(fresh.getByRole('combobox', { name: 'Teacher normalization' })).toHaveValue('none');
  await expect(fresh.getByLabel('Steps', { exact: true })).toHaveValue('200');
  const freshZoo = fresh.getByRole('list', { name: 'Teacher zoo' });
  await expect(freshZoo.getByRole('checkbox', { name: /Use teacher ViT/ })).toBeChecked();
  await expect(freshZoo.getByRole('checkbox', { name: /Use teacher ResNet/ })).not.toBeChecked();
  await fresh.screenshot({ path: `${ARTIFACTS}/lab-4-shared-link.png`, fullPage: true });
  expect(errors).toEqual([]);
  expect(freshErrors).toEqual([]);
});

test('method charts show real data: avatars, OFA branches and DFL markers', async ({ page }) => {
  const errors = watchErrors(page);
  await openLab(page, 'preset=avatars');
  await setNumber(page, 'Steps', 60);
  await runToEnd(page);
  // live charts redraw at most 4× a second: the last points arrive just after 'done'
  await expect.poll(() => points(page, 'avatar-chart')).toBeGreaterThan(3);
  await page.screenshot({ path: `${ARTIFACTS}/lab-5-avatars.png`, fullPage: true });

  await page.getByRole('combobox', { name: 'Preset' }).selectOption('ofa-heterogeneous');
  await setNumber(page, 'Steps', 40);
  await runToEnd(page);
  await expect.poll(() => points(page, 'ofa-chart')).toBeGreaterThan(2);
  await page.screenshot({ path: `${ARTIFACTS}/lab-6-ofa.png`, fullPage: true });

  await page.getByRole('combobox', { name: 'Preset' }).selectOption('dfl');
  await setNumber(page, 'Steps', 120);
  await setNumber(page, 'Snapshot every (steps)', 30);
  await setNumber(page, 'Reset period R (steps, 0 = never)', 60);
  await setNumber(page, 'Evaluate every', 20);
  await runToEnd(page);
  await expect.poll(() => points(page, 'accuracy-chart')).toBeGreaterThan(4);
  await expect(
    page.locator('[data-testid="accuracy-chart"] .recharts-reference-line'),
  ).not.toHaveCount(0);
  await page.screenshot({ path: `${ARTIFACTS}/lab-7-dfl.png`, fullPage: true });
  expect(errors).toEqual([]);
});

test('keyboard, projector mode and hidden panels for workshops', async ({ page }) => {
  await openLab(page, 'preset=smoke&hide=student,training&projector=1');
  await expect(page.getByRole('region', { name: 'Student', exact: true })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Teachers', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Projector' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.locator('body').press('Space');
  await expect(page.getByTestId('run-status')).toHaveAttribute(
    'data-status',
    /^(loading|running|done)$/,
  );
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', {
    timeout: 120_000,
  });
  await page.screenshot({ path: `${ARTIFACTS}/lab-8-projector.png`, fullPage: true });
});

test('a broken uploaded teacher gives a clear message and changes nothing', async ({ page }) => {
  await openLab(page);
  const zoo = page.getByRole('list', { name: 'Teacher zoo' });
  const checkedBefore = await zoo.getByRole('checkbox', { checked: true }).count();
  await page.getByLabel('Teacher model files').setInputFiles([
    {
      name: 'model.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"modelTopology": {"class_name": "Sequential"'),
    },
  ]);
  await expect(
    page.getByRole('alert').filter({ hasText: 'model.json is not valid JSON' }),
  ).toBeVisible();
  await page.getByLabel('Teacher model files').setInputFiles([
    {
      name: 'model.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({
          modelTopology: { config: { layers: [] } },
          weightsManifest: [{ paths: ['w.bin'], weights: [] }],
        }),
      ),
    },
  ]);
  await expect(
    page.getByRole('alert').filter({ hasText: 'Missing weight shard "w.bin"' }),
  ).toBeVisible();
  await expect(zoo.getByRole('checkbox', { checked: true })).toHaveCount(checkedBefore);
  await expect(page.getByRole('list', { name: 'Uploaded teachers' })).toHaveCount(0);
});

test('works offline once loaded, under a strict CSP, with no request to another origin', async ({
  page,
  context,
  baseURL,
}) => {
  const errors = watchErrors(page);
  const foreign: string[] = [];
  context.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(baseURL ?? '') && !u.startsWith('data:') && !u.startsWith('blob:'))
      foreign.push(u);
  });
  await openLab(page, '&preset=smoke');
  const csp = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  await runToEnd(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', {
    timeout: 60_000,
  });
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', {
    timeout: 60_000,
  });
  await runToEnd(page);
  await context.setOffline(false);
  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
});
