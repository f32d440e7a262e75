import { expect, type Page } from '@playwright/test';
import { ARTIFACTS, openLab } from './labFixture';

export { ARTIFACTS, watchErrors } from './labFixture';

/** Opens a preset as a new user would (WASM backend, so specs are fast and stable). */
export async function openStory(page: Page, preset: string): Promise<void> {
  await openLab(page, `preset=${preset}`);
  await expect(page.getByTestId('story-banner')).toBeVisible();
}

export async function setNumber(page: Page, label: string, value: number): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(String(value));
  await field.blur();
}

/** Clicks the banner's "next" button (by its words) and waits for the job it starts to finish. */
export async function storyStep(page: Page, button: RegExp, runs = true): Promise<void> {
  const banner = page.getByTestId('story-banner');
  const before = Number(await banner.getAttribute('data-step'));
  await banner.getByRole('button', { name: button }).click();
  await expect(banner).toHaveAttribute('data-step', String(before + 1));
  if (!runs) return;
  const status = page.getByTestId('run-status');
  await expect(status).toHaveAttribute('data-status', /^(loading|running)$/);
  await expect(status).toHaveAttribute('data-status', /^(done|failed|stopped)$/, {
    timeout: 400_000,
  });
  expect(await status.textContent()).toMatch(/^done/);
}

/** The claim table's value for a variant and metric column. */
export async function claim(page: Page, variant: string, column: number): Promise<number> {
  const v = await page.getByTestId(`claim-${variant}-${column}`).getAttribute('data-value');
  return v === null || v === '' ? Number.NaN : Number(v);
}

/** The final screen at desktop, projector (1280×720) and phone sizes. */
export async function finalScreens(page: Page, name: string): Promise<void> {
  // the page and the setup column (filling in a field scrolls it) start at their tops
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    document.querySelector('aside.setup')?.scrollTo(0, 0);
  });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: `${ARTIFACTS}/story-${name}-1440.png` });
  await page.getByRole('button', { name: 'Projector' }).click();
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: `${ARTIFACTS}/story-${name}-projector-1280.png` });
  await page.getByRole('button', { name: 'Projector' }).click();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${ARTIFACTS}/story-${name}-phone-390.png` });
  await page.setViewportSize({ width: 1280, height: 860 });
}
