import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import LZString from 'lz-string';

/**
 * Hostile and careless input (issue 16): each test reproduces one finding of the probe and
 * checks the promise that replaced it. Kept short: smoke-sized runs on WASM.
 */
const ARTIFACTS = 'e2e-artifacts';
mkdirSync(ARTIFACTS, { recursive: true });

const XSS = `<img src=x onerror="alert('xss')"><script>alert('xss')</script>javascript:alert(1)`;
const link = (cfg: unknown): string =>
  `/?backend=wasm#x=${LZString.compressToEncodedURIComponent(JSON.stringify(cfg))}`;
const smoke = {
  name: 'hostile smoke',
  dataset: 'mnist',
  teachers: [{ id: 'mlp' }],
  student: { arch: 'mlp', width: 64, depth: 2, featureDim: 32 },
  labelWeight: 0.5,
  steps: 40,
  batchSize: 32,
  evalEvery: 20,
  trainSubset: 512,
  evalSubset: 200,
  seed: 1,
};

/** Fails the test on any dialog, CSP violation report or page error; returns the collected violations. */
async function watch(
  page: Page,
): Promise<{ violations: () => Promise<string[]>; errors: string[] }> {
  const errors: string[] = [];
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text()))
      errors.push(`csp: ${m.text()}`);
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return {
    violations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp),
    errors,
  };
}

async function ready(page: Page): Promise<void> {
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', {
    timeout: 60_000,
  });
}

const runButton = (page: Page) => page.getByRole('button', { name: 'Run', exact: true });

test('CSP comes as a header with frame-ancestors, and a normal load reports no violation', async ({
  page,
}) => {
  const w = await watch(page);
  const res = await page.goto('/?backend=wasm&preset=smoke');
  const csp = res?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  await ready(page);
  await runButton(page).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', {
    timeout: 120_000,
  });
  expect(await w.violations()).toEqual([]);
  expect(w.errors).toEqual([]);
});

test('markup and javascript: URLs in names, labels, teacher ids and files render as text; nothing runs', async ({
  page,
}) => {
  const w = await watch(page);
  await page.goto(link({ ...smoke, name: XSS }));
  await ready(page);
  const origin = new URL(page.url()).origin;
  await runButton(page).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', {
    timeout: 120_000,
  });
  const saved = page.getByRole('list', { name: 'Saved runs' });
  await expect(saved).toContainText('<img src=x');
  await saved.getByRole('button', { name: /^Rename / }).click();
  await saved.getByRole('textbox').fill(XSS);
  await saved.getByRole('button', { name: 'Save' }).click();
  await expect(saved).toContainText('javascript:alert(1)');
  // a run file whose label, teacher names and ids carry markup
  const file = {
    format: 'distill-lab-run',
    version: 1,
    entry: { id: 'x1', name: XSS, createdAt: XSS, label: XSS, steps: 2, finished: true },
    run: {
      id: 'x1',
      label: XSS,
      config: smoke,
      teachers: [
        {
          id: XSS,
          name: XSS,
          arch: XSS,
          featureDim: 2,
          parameters: 1,
          testAccuracy: 0.5,
          featureScale: 1,
          weight: 1,
        },
      ],
      termIds: [XSS],
      points: [0, 1, 2].map((step) => ({ step, terms: [1], total: 1, samplesPerSecond: 1 })),
      evals: [],
      dfl: [],
      summary: null,
    },
  };
  await page.getByLabel('Import a run').setInputFiles({
    name: 'x.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(file)),
  });
  await expect(page.getByTestId('loss-chart')).toHaveAttribute('data-points', '3');
  // an uploaded model whose layer names are markup (parsed on the main thread, shown as options)
  const modelJson = {
    format: 'layers-model',
    modelTopology: {
      class_name: 'Sequential',
      config: {
        layers: [
          { class_name: 'Dense', config: { name: XSS, units: 2, batch_input_shape: [null, 784] } },
        ],
      },
    },
    weightsManifest: [
      { paths: ['w.bin'], weights: [{ name: `${XSS}/kernel`, shape: [784, 2], dtype: 'float32' }] },
    ],
  };
  await page.getByLabel('Teacher model files').setInputFiles([
    {
      name: 'model.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(modelJson)),
    },
    { name: 'w.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(784 * 2 * 4) },
  ]);
  await page.waitForTimeout(500);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
  expect(new URL(page.url()).origin).toBe(origin);
  expect(await w.violations()).toEqual([]);
  expect(w.errors).toEqual([]);
  await page.screenshot({ path: `${ARTIFACTS}/hostile-markup.png`, fullPage: true });
});

test('wrong-shaped run files are refused with the reason; the view stays', async ({ page }) => {
  await page.goto('/?backend=wasm&preset=smoke');
  await ready(page);
  const base = {
    format: 'distill-lab-run',
    version: 1,
    entry: { id: 'r', name: 'r', createdAt: 't', label: 'l', steps: 1, finished: false },
  };
  const body = {
    id: 'r',
    label: 'l',
    config: smoke,
    teachers: [],
    termIds: [],
    points: [],
    evals: [],
    dfl: [],
    summary: null,
  };
  for (const [patch, where] of [
    [{ evals: ['junk'] }, 'run.evals.0'],
    [{ teachers: [1, null] }, 'run.teachers.0'],
    [{ summary: 'str' }, 'run.summary'],
  ] as const) {
    await page.getByLabel('Import a run').setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ ...base, run: { ...body, ...patch } })),
    });
    await expect(page.getByRole('alert').filter({ hasText: `at ${where}` })).toBeVisible();
  }
  await expect(page.getByText('This panel failed')).toHaveCount(0);
});

test('links that cannot run are refused when they open; a second link opened in the same tab loads', async ({
  page,
}) => {
  await page.goto(link({ ...smoke, teachers: [{ id: '__proto__' }] }));
  await expect(page.getByRole('alert').filter({ hasText: 'not in the mnist zoo' })).toBeVisible();
  for (const [cfg, text] of [
    [{ ...smoke, student: { arch: 'vit', patch: 5 } }, 'patch 5 does not divide'],
    [{ ...smoke, student: { arch: 'vit', width: 100, heads: 7 } }, '7 heads do not divide'],
    [{ ...smoke, dataset: 'digits' }, 'digits has no teacher zoo'],
    [{ ...smoke, steps: 3000, evalEvery: 1 }, 'at least every 3'],
  ] as const) {
    await page.evaluate(
      (h) => {
        location.hash = h;
      },
      new URL(link(cfg), 'http://x').hash,
    );
    await expect(page.getByRole('alert').filter({ hasText: text })).toBeVisible();
  }
  await page.evaluate(
    (h) => {
      location.hash = h;
    },
    new URL(link({ ...smoke, steps: 77 }), 'http://x').hash,
  );
  await expect(page.getByRole('spinbutton', { name: 'Steps' })).toHaveValue('77');
  await expect(runButton(page)).toBeEnabled({ timeout: 60_000 });
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'idle');
});

test('a hostile-but-valid link asks before running; one that cannot fit is refused with the number', async ({
  page,
}) => {
  await page.goto(
    link({
      ...smoke,
      teachers: ['cnn', 'resnet', 'mlp', 'vit', 'mixer'].map((id) => ({ id })),
      student: { arch: 'mlp', width: 1024, depth: 12, featureDim: 64 },
      batchSize: 1024,
      trainSubset: 0,
      evalSubset: 0,
      steps: 1_000_000,
      evalEvery: 1000,
    }),
  );
  await ready(page);
  await expect(page.getByTestId('budget')).toHaveAttribute('data-verdict', 'confirm');
  await runButton(page).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText(/days/);
  await expect(dialog).toContainText('fewer steps');
  await page.screenshot({ path: `${ARTIFACTS}/hostile-budget-confirm.png` });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'idle');
  await page.evaluate(
    (h) => {
      location.hash = h;
    },
    new URL(link({ ...smoke, student: { arch: 'vit', width: 1024, patch: 1 } }), 'http://x').hash,
  );
  await expect(page.getByTestId('budget')).toHaveAttribute('data-verdict', 'refuse');
  await runButton(page).click();
  await expect(
    page.getByRole('alert').filter({ hasText: /cannot fit: it needs about \d+(\.\d)? GB/ }),
  ).toBeVisible();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'idle');
});

test('Stop during setup gives Run and the backend picker back', async ({ page }) => {
  await page.goto(
    link({
      ...smoke,
      dataset: 'fashion-mnist',
      teachers: ['cnn', 'resnet', 'mlp', 'vit', 'mixer'].map((id) => ({ id })),
      trainSubset: 0,
      evalSubset: 0,
      steps: 100,
    }),
  );
  await ready(page);
  await runButton(page).click();
  const dialog = page.getByRole('alertdialog');
  if (await dialog.isVisible()) await dialog.getByRole('button', { name: 'Run anyway' }).click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'loading');
  await expect(page.getByTestId('run-status')).toContainText('caching teacher outputs', {
    timeout: 60_000,
  });
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.getByRole('combobox', { name: 'Backend' })).toBeEnabled({ timeout: 10_000 });
  await ready(page);
  await expect(runButton(page)).toBeEnabled({ timeout: 30_000 });
  console.log(`hostile: Stop during the teacher cache → Run enabled in ${Date.now() - t0} ms`);
});

async function savedRecord(
  page: Page,
  id: string,
): Promise<{ finished: boolean; steps: number; evals: number } | null> {
  return page.evaluate(async (runId) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('distill-lab');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(new Error('no db'));
    });
    const get = (k: string) =>
      new Promise<unknown>((resolve) => {
        const r = db.transaction('kv').objectStore('kv').get(k);
        r.onsuccess = () => resolve(r.result);
      });
    const rec = (await get(`run:${runId}`)) as
      { entry: { finished: boolean; steps: number }; evalCount: number } | undefined;
    db.close();
    return rec
      ? { finished: rec.entry.finished, steps: rec.entry.steps, evals: rec.evalCount }
      : null;
  }, id);
}

test('saves keep up: a run evaluating every step is completely saved within a second of done', async ({
  page,
  context,
}) => {
  await page.goto(link({ ...smoke, steps: 600, evalEvery: 1 }));
  await ready(page);
  await runButton(page).click();
  // training shows as running (Pause works) with the time left beside Run
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running', {
    timeout: 120_000,
  });
  await expect(page.getByTestId('budget')).toContainText('left');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeEnabled();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'done', {
    timeout: 180_000,
  });
  const t0 = Date.now();
  const id = await page.evaluate(() =>
    (window as unknown as { __distillLab: { runId: () => string } }).__distillLab.runId(),
  );
  await expect
    .poll(() => savedRecord(page, id), { timeout: 1000, intervals: [50] })
    .toEqual({ finished: true, steps: 599, evals: 600 });
  console.log(`hostile: 600-evaluation run saved ${Date.now() - t0} ms after done`);
  await page.close();
  const again = await context.newPage();
  await again.goto('/?backend=wasm');
  await expect(again.getByRole('list', { name: 'Saved runs' })).toContainText('600 steps');
});

test('two tabs training, renaming and deleting keep one consistent history', async ({
  context,
}) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await a.goto(link({ ...smoke, name: 'tab A', steps: 150 }));
  await b.goto(link({ ...smoke, name: 'tab B', steps: 150 }));
  await ready(a);
  await ready(b);
  await runButton(a).click();
  await expect(a.getByTestId('run-status')).toHaveAttribute('data-status', 'done', {
    timeout: 120_000,
  });
  await runButton(a).click();
  await runButton(b).click();
  // while both train: B renames A's finished run and deletes nothing yet
  const savedB = b.getByRole('list', { name: 'Saved runs' });
  await expect(savedB).toContainText('tab A');
  await savedB
    .getByRole('button', { name: /^Rename tab A/ })
    .first()
    .click();
  await savedB.getByRole('textbox').fill('renamed in B');
  await savedB.getByRole('button', { name: 'Save' }).click();
  await expect(a.getByTestId('run-status')).toHaveAttribute('data-status', 'done', {
    timeout: 120_000,
  });
  await expect(b.getByTestId('run-status')).toHaveAttribute('data-status', 'done', {
    timeout: 120_000,
  });
  const savedA = a.getByRole('list', { name: 'Saved runs' });
  for (const s of [savedA, savedB]) {
    await expect(s.getByRole('listitem')).toHaveCount(3);
    await expect(s).toContainText('renamed in B');
    await expect(s).not.toContainText('stopped at');
  }
  await savedA.getByRole('button', { name: 'Delete renamed in B' }).click();
  await expect(savedB.getByRole('listitem')).toHaveCount(2);
  const keys = await a.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const r = indexedDB.open('distill-lab');
      r.onsuccess = () => resolve(r.result);
    });
    const all = await new Promise<IDBValidKey[]>((resolve) => {
      const r = db.transaction('kv').objectStore('kv').getAllKeys();
      r.onsuccess = () => resolve(r.result);
    });
    db.close();
    return all.map(String).filter((k) => k.startsWith('run:'));
  });
  expect(keys).toHaveLength(2);
});
