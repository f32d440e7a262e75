import { expect, test, type Page } from '@playwright/test';
import { mnistLayersModel } from './uploadModel';

/**
 * Issue 16: closing a tab in the middle of a save leaves the history readable and the run
 * resumable; a resumed run with an uploaded teacher asks for it by name and resumes once it is
 * uploaded again (finding 7: 'teacher "upload-my-teacher" is not in the mnist zoo').
 */
const ready = (page: Page) =>
  expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', {
    timeout: 60_000,
  });
const stepsDone = (page: Page): Promise<number[]> =>
  page.evaluate(() =>
    (window as unknown as { __distillLab: { steps: () => number[] } }).__distillLab.steps(),
  );
const saved = (page: Page) => page.getByRole('list', { name: 'Saved runs' });

async function setNumber(page: Page, name: string, value: number): Promise<void> {
  const input = page.getByRole('spinbutton', { name, exact: true });
  await input.fill(String(value));
  await input.blur();
}

/** True when the page's main thread does not answer within `ms`. */
async function hung(page: Page, ms = 1500): Promise<boolean> {
  const answer = page.evaluate(() => true).catch(() => true);
  return Promise.race([
    answer.then(() => false),
    new Promise<boolean>((r) => setTimeout(() => r(true), ms)),
  ]);
}

test('closing the tab in the middle of a save leaves the history readable and the run resumable with every step @slow', async ({
  context,
}) => {
  test.setTimeout(480_000);
  const page = await context.newPage();
  // once armed, the next history write stalls the main thread before its transaction can commit
  await page.addInitScript(() => {
    const w = window as unknown as { __stallNextSave: boolean };
    w.__stallNextSave = false;
    const proto = IDBObjectStore.prototype;
    const put = Object.getOwnPropertyDescriptor(proto, 'put')?.value as (
      this: IDBObjectStore,
      ...a: Parameters<IDBObjectStore['put']>
    ) => IDBRequest<IDBValidKey>;
    proto.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      const req = put.apply(this, args);
      if (w.__stallNextSave) {
        w.__stallNextSave = false;
        const end = Date.now() + 20_000;
        while (Date.now() < end) {
          // the transaction stays uncommitted until the tab is closed
        }
      }
      return req;
    };
  });
  await page.goto('/?backend=wasm&preset=phi-s-balance');
  await ready(page);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(saved(page).getByRole('listitem')).toHaveCount(1, { timeout: 120_000 });
  await expect
    .poll(async () => (await stepsDone(page)).length, { timeout: 120_000 })
    .toBeGreaterThan(110);
  await page.evaluate(() => {
    (window as unknown as { __stallNextSave: boolean }).__stallNextSave = true;
  });
  await expect.poll(() => hung(page), { timeout: 120_000, intervals: [200] }).toBe(true);
  await page.close({ runBeforeUnload: false });

  const again = await context.newPage();
  await again.goto('/?backend=wasm');
  await ready(again);
  await expect(saved(again).getByRole('listitem')).toHaveCount(1);
  await expect(saved(again)).toContainText('stopped at');
  await saved(again)
    .getByRole('button', { name: /^Open / })
    .click();
  await expect(again.getByTestId('loss-chart')).not.toHaveAttribute('data-points', '0');
  await saved(again)
    .getByRole('button', { name: /^Resume / })
    .click();
  await expect(again.getByTestId('run-status')).toHaveAttribute('data-status', /^(done|failed)$/, {
    timeout: 180_000,
  });
  expect(await again.getByTestId('run-status').textContent()).toMatch(/^done/);
  expect(await stepsDone(again)).toEqual(Array.from({ length: 400 }, (_, i) => i));
  await expect(saved(again).getByRole('listitem')).toHaveCount(1);
  await expect(saved(again)).not.toContainText('stopped at');
});

test('a resumed run with an uploaded teacher asks for it by name and resumes once it is uploaded again @slow', async ({
  page,
}) => {
  test.setTimeout(480_000);
  const files = await mnistLayersModel();
  const upload = async (): Promise<void> => {
    await page.getByLabel('Teacher model files').setInputFiles(files);
    await page.getByRole('button', { name: 'Add teacher' }).click();
    await expect(
      page.getByRole('list', { name: 'Uploaded teachers' }).locator('li[data-status="ready"]'),
    ).toHaveCount(1, { timeout: 60_000 });
  };
  await page.goto('/?backend=wasm&preset=smoke');
  await ready(page);
  await upload();
  await setNumber(page, 'Steps', 300);
  await setNumber(page, 'Evaluate every', 50);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(saved(page).getByRole('listitem')).toHaveCount(1, { timeout: 120_000 });
  await expect
    .poll(async () => (await stepsDone(page)).length, { timeout: 120_000 })
    .toBeGreaterThan(120);
  await page.reload();
  await ready(page);
  await saved(page)
    .getByRole('button', { name: /^Resume / })
    .click();
  await expect(
    page.getByRole('alert').filter({ hasText: /uploaded teacher "my-teacher".*upload it again/ }),
  ).toBeVisible();
  await expect(page.getByTestId('run-status')).not.toHaveAttribute(
    'data-status',
    /loading|running/,
  );
  await upload();
  await saved(page)
    .getByRole('button', { name: /^Resume / })
    .click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', /^(done|failed)$/, {
    timeout: 180_000,
  });
  expect(await page.getByTestId('run-status').textContent()).toMatch(/^done/);
  expect(await stepsDone(page)).toEqual(Array.from({ length: 300 }, (_, i) => i));
});
