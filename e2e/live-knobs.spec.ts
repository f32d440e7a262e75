import { expect, test } from '@playwright/test';
import { ARTIFACTS, openStory, setNumber } from './storyHelpers';

interface Inspector {
  shares: () => number[][];
  steps: () => number[];
  knobMarks: () => { step: number; label: string }[];
}

test('a loss weight moved mid-run changes the loss share from the next step, marked on the chart', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await openStory(page, 'phi-s-balance');
  await setNumber(page, 'Steps', 400);
  await setNumber(page, 'Training samples (0 = all)', 1000);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const status = page.getByTestId('run-status');
  await expect(status).toHaveAttribute('data-status', 'running', { timeout: 120_000 });
  const lastStep = async (): Promise<number> =>
    page.evaluate(
      () => (window as unknown as { __distillLab: Inspector }).__distillLab.steps().at(-1) ?? -1,
    );
  await expect.poll(lastStep, { timeout: 60_000 }).toBeGreaterThan(30);
  await page.getByLabel('Loss weight of vit').fill('3');
  await expect
    .poll(
      async () =>
        (
          await page.evaluate(() =>
            (window as unknown as { __distillLab: Inspector }).__distillLab.knobMarks(),
          )
        ).length,
      { timeout: 60_000 },
    )
    .toBe(1);
  const mark = (
    await page.evaluate(() =>
      (window as unknown as { __distillLab: Inspector }).__distillLab.knobMarks(),
    )
  )[0];
  expect(mark?.label).toContain('vit weight 1 → 3');
  const at = mark?.step ?? 0;
  await expect.poll(lastStep, { timeout: 60_000 }).toBeGreaterThan(at + 15);
  await page.getByRole('button', { name: 'Pause' }).click();
  const { shares, steps } = await page.evaluate(() => {
    const i = (window as unknown as { __distillLab: Inspector }).__distillLab;
    return { shares: i.shares(), steps: i.steps() };
  });
  const vit = (from: number, to: number): number => {
    const v = steps.flatMap((s, k) => (s >= from && s < to ? [shares[k]?.[1] ?? Number.NaN] : []));
    return v.reduce((a, b) => a + b, 0) / v.length;
  };
  const before = vit(at - 10, at);
  const after = vit(at, at + 10);
  console.log(
    `vit share before the knob ${before.toFixed(3)}, after ${after.toFixed(3)} (knob at step ${String(at)})`,
  );
  // w 1 → 3 on a share s gives 3s / (3s + 1 − s): about 0.33 → 0.6
  expect(after).toBeGreaterThan(1.5 * before);
  await page.screenshot({ path: `${ARTIFACTS}/live-knob.png` });
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
});
