import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { ARTIFACTS, openLab, watchErrors } from './labFixture';

test('compare four normalizations on phi-s-balance, export the results and import them again', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openLab(page, 'preset=phi-s-balance');
  const steps = page.getByLabel('Steps', { exact: true });
  await steps.fill('150');
  await steps.blur();
  const compare = page.getByRole('region', { name: 'Compare', exact: true });
  await expect(compare.getByRole('combobox', { name: 'Vary' })).toHaveValue('normalizer');
  const values = compare.getByRole('group', { name: 'Values to compare' });
  await expect(values.getByRole('checkbox', { checked: true })).toHaveCount(4);
  await compare.getByRole('button', { name: /Run comparison \(4 runs\)/ }).click();
  const status = page.getByTestId('run-status');
  await expect(status).toHaveAttribute('data-status', /^(done|failed)$/, { timeout: 300_000 });
  expect(await status.textContent()).toMatch(/^done/);

  const table = page.getByRole('table', { name: 'Comparison results' });
  await expect(table.locator('tbody tr')).toHaveCount(4);
  const cells = await table.locator('tbody td').allTextContents();
  expect(cells.filter((c) => /\d/.test(c)).length).toBeGreaterThan(4 * 6);
  await expect(page.getByTestId('compare-loss')).toHaveAttribute('data-series', '4');
  await expect(page.getByTestId('compare-balance')).toHaveAttribute('data-series', '4');
  await expect(page.getByTestId('compare-knn')).toHaveAttribute('data-series', '4');
  await page.screenshot({ path: `${ARTIFACTS}/compare-1-results.png`, fullPage: true });

  // sorting by a column reorders the rows
  await table.getByRole('button', { name: 'variant' }).click();
  const sortedLabels = await table.locator('tbody th').allTextContents();
  expect(sortedLabels).toEqual([...sortedLabels].sort());

  const before = await table.locator('tbody').innerText();
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const download = await downloadPromise;
  const file = `${ARTIFACTS}/comparison.json`;
  await download.saveAs(file);
  expect((JSON.parse(readFileSync(file, 'utf8')) as { rows: unknown[] }).rows).toHaveLength(4);
  const csvPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  expect((await csvPromise).suggestedFilename()).toBe('distill-lab-comparison.csv');
  const pngPromise = page.waitForEvent('download');
  await page.getByTestId('compare-loss').locator('..').getByRole('button', { name: 'PNG' }).click();
  expect((await pngPromise).suggestedFilename()).toBe('compare-loss.png');

  // a fresh page imports the JSON and shows the same table without rerunning
  const fresh = await page.context().newPage();
  await fresh.goto('/?backend=wasm');
  await fresh.getByLabel('Import comparison results').setInputFiles(file);
  const imported = fresh.getByRole('table', { name: 'Comparison results' });
  await expect(imported.locator('tbody tr')).toHaveCount(4);
  await imported.getByRole('button', { name: 'variant' }).click();
  expect(await imported.locator('tbody').innerText()).toBe(before);
  await fresh.screenshot({ path: `${ARTIFACTS}/compare-2-imported.png`, fullPage: true });
  await fresh.getByLabel('Import comparison results').setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format":"x"}'),
  });
  await expect(
    fresh.getByRole('alert').filter({ hasText: 'Not a Distill Lab comparison' }),
  ).toBeVisible();
  expect(errors).toEqual([]);
});
