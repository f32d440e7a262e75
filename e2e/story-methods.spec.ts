import { expect, test } from '@playwright/test';
import { claim, finalScreens, openStory, setNumber, storyStep, watchErrors } from './storyHelpers';

test('logit story: under a ×4 logit-scale mismatch LS-KD matches or beats KD over 3 seeds', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openStory(page, 'logit-standardization');
  await setNumber(page, 'Steps', 80);
  await storyStep(page, /logits ×4 louder/, false);
  await storyStep(page, /Compare KD with LS-KD/);
  await expect(page.getByTestId('claim-table')).toHaveAttribute('data-done', 'yes');
  const kd = await claim(page, 'KD', 0);
  const ls = await claim(page, 'LS-KD', 0);
  console.log(`test accuracy over 3 seeds: KD ${kd.toFixed(4)} LS-KD ${ls.toFixed(4)}`);
  expect(ls).toBeGreaterThanOrEqual(kd);
  await finalScreens(page, 'logit');
  expect(errors).toEqual([]);
});

test('avatar story: λ is lower at dropout 0.5 than at 0.1', async ({ page }) => {
  const errors = watchErrors(page);
  await openStory(page, 'avatars');
  await setNumber(page, 'Steps', 50);
  await storyStep(page, /mild avatars/);
  await storyStep(page, /Compare dropout 0.1, 0.5 and no avatars/);
  await expect(page.getByTestId('claim-table')).toHaveAttribute('data-done', 'yes');
  const mild = await claim(page, 'dropout 0.1', 0);
  const strong = await claim(page, 'dropout 0.5', 0);
  console.log(`mean λ: dropout 0.1 ${mild.toFixed(5)} dropout 0.5 ${strong.toFixed(5)}`);
  expect(strong).toBeLessThan(mild);
  expect(Number.isNaN(await claim(page, 'no avatars', 0))).toBe(true);
  await finalScreens(page, 'avatars');
  expect(errors).toEqual([]);
});

test('DFL story: accuracy dips at a reset and recovers; no dip without resets', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openStory(page, 'dfl');
  await setNumber(page, 'Steps', 300);
  await storyStep(page, /Run with resets/);
  await expect(page.getByTestId('node-snap:0')).toBeVisible();
  await storyStep(page, /Compare with and without resets/);
  await expect(page.getByTestId('claim-table')).toHaveAttribute('data-done', 'yes');
  const accReset = await claim(page, 'reset every 200', 0);
  const accNone = await claim(page, 'no reset', 0);
  const dipReset = await claim(page, 'reset every 200', 1);
  const dipNone = await claim(page, 'no reset', 1);
  console.log(
    `DFL: accuracy reset ${accReset.toFixed(4)} no reset ${accNone.toFixed(4)}; dip reset ${dipReset.toFixed(4)} no reset ${dipNone.toFixed(4)}`,
  );
  expect(dipReset).toBeLessThan(0);
  expect(dipNone).toBe(0);
  expect(accReset).toBeGreaterThan(accNone - 0.05);
  await finalScreens(page, 'dfl');
  expect(errors).toEqual([]);
});
