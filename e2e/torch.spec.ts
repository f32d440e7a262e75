import { expect, test } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';

const ARTIFACTS = 'e2e-artifacts';
mkdirSync(ARTIFACTS, { recursive: true });

test('Export to PyTorch downloads a runnable recipe zip; a PyTorch run log imports and charts', async ({
  page,
}) => {
  await page.goto('/?backend=wasm&preset=smoke');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', {
    timeout: 60_000,
  });
  const download = page.waitForEvent('download', { timeout: 150_000 });
  await page.getByRole('button', { name: 'Export to PyTorch' }).click();
  const file = `${ARTIFACTS}/torch-recipe.zip`;
  await (await download).saveAs(file);
  await expect(page.getByTestId('export-torch-status')).toContainText('Downloaded');
  const zip = unzipSync(new Uint8Array(readFileSync(file)));
  const names = Object.keys(zip);
  for (const f of [
    'experiment.json',
    'train.py',
    'README.md',
    'distill_lab_torch/recipe.py',
    'distill_lab_torch/normalizers.py',
    'lab/manifest.json',
    'lab/data.npz',
    'lab/features.npz',
    'lab/student_init.npz',
    'lab/teachers/mlp.npz',
    'lab/batches.npy',
  ]) {
    expect(names, f).toContain(`distill-lab-torch/${f}`);
  }
  const text = (f: string): string => new TextDecoder().decode(zip[`distill-lab-torch/${f}`]);
  expect((JSON.parse(text('experiment.json')) as { name: string }).name).toBe(
    'Smoke test: one MLP teacher, tiny run',
  );
  const manifest = JSON.parse(text('lab/manifest.json')) as { terms: { key: string }[] };
  expect(manifest.terms.map((t) => t.key)).toEqual(['feature:mlp', 'ce']);

  // a log written by the recipe (torchrun, phi-s-balance, 20 steps) imports as a run
  await page.getByLabel('Import a run').setInputFiles('e2e/fixtures/torch-phi-s-balance.jsonl');
  await expect(page.getByTestId('loss-chart')).toHaveAttribute('data-points', '20');
  await expect(page.getByTestId('share-chart')).toHaveAttribute('data-points', '20');
  for (const [w, h] of [
    [1440, 900],
    [1280, 720],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.getByRole('button', { name: 'Export to PyTorch' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/torch-export-${w}x${h}.png` });
  }
  await page.getByLabel('Import a run').setInputFiles({
    name: 'bad.jsonl',
    mimeType: 'application/json',
    buffer: Buffer.from(
      '{"type":"started","config":{},"teachers":[],"terms":[]}\n{"type":"steps","points":[{"step":-1}]}\n',
    ),
  });
  await expect(page.getByRole('alert').filter({ hasText: 'line 2 (steps)' })).toBeVisible();
  await expect(page.getByTestId('loss-chart')).toHaveAttribute('data-points', '20');
});
