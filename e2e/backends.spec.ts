import { expect, test } from '@playwright/test';
import { ARTIFACTS, lab, openLab, watchErrors } from './labFixture';

/** Every backend runs the `smoke` experiment in the worker to completion and the loss falls. */
for (const backend of ['webgpu', 'wasm', 'webgl', 'cpu'] as const) {
  test(`trains in the worker on ${backend}`, async ({ page }) => {
    const errors = watchErrors(page);
    await openLab(page, 'preset=smoke', backend);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const status = page.getByTestId('run-status');
    await expect(status).toHaveAttribute('data-status', /^(done|failed|stopped)$/, {
      timeout: 150_000,
    });
    expect(await status.textContent()).toMatch(/^done/);

    const losses = await lab(page).losses();
    expect(losses.length).toBe(40);
    const head = losses.slice(0, 5).reduce((a, b) => a + b, 0) / 5;
    const tail = losses.slice(-5).reduce((a, b) => a + b, 0) / 5;
    expect(tail).toBeLessThan(head * 0.8);
    await expect(page.getByTestId('loss-chart')).not.toHaveAttribute('data-points', '0');
    await page.screenshot({ path: `${ARTIFACTS}/backend-${backend}.png`, fullPage: true });
    expect(errors).toEqual([]);
  });
}

test('auto skips a software WebGPU adapter and says why', async ({ page }) => {
  await page.goto('/');
  const badge = page.getByTestId('backend-badge');
  await expect(badge).toHaveAttribute('data-backend', /.+/, { timeout: 90_000 });
  const chosen = await badge.getAttribute('data-backend');
  const reason = (await badge.getAttribute('title')) ?? '';
  const adapter = await page.evaluate(async () => {
    const a = await navigator.gpu.requestAdapter();
    const info = a?.info;
    return a === null ? 'none' : info?.isFallbackAdapter === true ? 'fallback' : 'real';
  });
  if (adapter === 'real') expect(chosen).toBe('webgpu');
  else {
    expect(chosen).toBe('wasm');
    expect(reason).toMatch(adapter === 'fallback' ? /software fallback/ : /WebGPU unavailable/);
  }
  expect(reason).toMatch(/cross-origin isolated|real WebGPU adapter/);
});
