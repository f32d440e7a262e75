import { expect, test, type Page } from '@playwright/test';
import { ARTIFACTS, setNumber, watchErrors } from './storyHelpers';

async function open(page: Page, preset: string): Promise<void> {
  await page.goto(`/?backend=wasm&preset=${preset}&story=0`);
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', {
    timeout: 60_000,
  });
}

async function runComparison(page: Page, field: string, values: readonly string[]): Promise<void> {
  const compare = page.getByRole('region', { name: 'Compare', exact: true });
  await compare.getByRole('combobox', { name: 'Vary' }).selectOption(field);
  const boxes = compare.getByRole('group', { name: 'Values to compare' }).getByRole('checkbox');
  for (const box of await boxes.all()) {
    const label = ((await box.locator('..').textContent()) ?? '').trim();
    await box.setChecked(values.includes(label));
  }
  await compare
    .getByRole('button', { name: `Run comparison (${String(values.length)} runs)` })
    .click();
  const status = page.getByTestId('run-status');
  await expect(status).toHaveAttribute('data-status', /^(done|failed)$/, { timeout: 150_000 });
  expect(await status.textContent()).toMatch(/^done/);
}

test('compare picks its charts and cards by what differs: logit methods vs normalizers @slow', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const errors = watchErrors(page);
  // KD vs LS-KD: accuracy and the logit loss; no balance or FVU charts (they are empty for logit runs)
  await open(page, 'logit-standardization');
  await setNumber(page, 'Steps', 20);
  await runComparison(page, 'logitMethod', ['kd', 'ls-kd']);
  const axes = page.getByTestId('compare-axes');
  await expect(axes).toContainText('logit method');
  await expect(axes).toHaveAttribute('data-charts', 'loss accuracy logitLoss');
  await expect(page.getByTestId('compare-accuracy')).toHaveAttribute('data-series', '2');
  await expect(page.getByTestId('compare-logit-loss')).toHaveAttribute('data-series', '2');
  await expect(page.getByTestId('compare-balance')).toHaveCount(0);
  await expect(page.getByTestId('compare-error')).toHaveCount(0);
  // each variant's own card, not the current setup's
  await expect(page.getByTestId('variant-card-kd')).toContainText('Knowledge distillation');
  await expect(page.getByTestId('variant-card-kd')).not.toContainText('Logit-standardized');
  await expect(page.getByTestId('variant-card-ls-kd')).toContainText('Logit-standardized KD');
  await page.screenshot({ path: `${ARTIFACTS}/compare-logit-methods.png`, fullPage: true });

  // normalizers: balance, kNN, FVU and the variance profiles; no test accuracy (label-free)
  await open(page, 'phi-s-balance');
  await setNumber(page, 'Steps', 20);
  await setNumber(page, 'Training samples (0 = all)', 1000);
  await runComparison(page, 'normalizer', ['none', 'global', 'phi-s']);
  await expect(axes).toContainText('normalization');
  await expect(axes).toHaveAttribute('data-charts', 'loss balance knn fvu multiples');
  await expect(page.getByTestId('compare-balance')).toHaveAttribute('data-series', '3');
  await expect(page.getByTestId('compare-accuracy')).toHaveCount(0);
  await expect(page.getByTestId('compare-logit-loss')).toHaveCount(0);
  // raw MSE's loss (hundreds) beside normalized losses (about 1): a log axis
  await expect(page.getByTestId('compare-loss')).toHaveAttribute('data-scale', 'log');
  await expect(page.getByTestId('variant-card-none')).toContainText('Raw MSE');
  await expect(page.getByTestId('variant-card-global')).toContainText('Global standardization');
  await expect(page.getByTestId('variant-card-phi-s')).toContainText('PHI-S');
  // the card every variant shares is shown once, not per variant
  await expect(page.getByRole('heading', { name: 'How fidelity is measured' })).toHaveCount(1);
  await page.screenshot({ path: `${ARTIFACTS}/compare-normalizers.png`, fullPage: true });
  expect(errors).toEqual([]);
});
