import { expect, test, type Page } from '@playwright/test';
import { closeSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import { browserMemory, samplePeak } from './processMemory';

/**
 * Issue 16, finding 5 (imports froze the page: 1e5 steps, 10 MB → a 29 s freeze and 8.4 s per
 * redraw; 1e6 steps, 103 MB → 362 s in one task at 5.8 GB). Run files are now read in a worker as
 * a stream, their series thinned while read, so the page keeps answering and memory stays bounded.
 */
const ARTIFACTS = 'e2e-artifacts';
mkdirSync(ARTIFACTS, { recursive: true });
const smoke = {
  name: 'big',
  dataset: 'mnist',
  teachers: [{ id: 'mlp' }],
  student: { arch: 'mlp', width: 64, depth: 2, featureDim: 32 },
  steps: 40,
  batchSize: 32,
  evalEvery: 20,
  trainSubset: 512,
  evalSubset: 200,
  seed: 1,
};

/** Writes a run file of `steps` steps (an evaluation every 10) piece by piece; returns its path. */
function writeRunFile(steps: number): string {
  const file = `${ARTIFACTS}/run-${steps}.json`;
  const fd = openSync(file, 'w');
  const head = {
    format: 'distill-lab-run',
    version: 1,
    entry: {
      id: 'big',
      name: 'big',
      createdAt: 't',
      label: 'phi-s',
      steps: steps - 1,
      finished: false,
    },
  };
  const teachers = [
    {
      id: 'mlp',
      name: 'MLP',
      arch: 'mlp',
      featureDim: 128,
      parameters: 1,
      testAccuracy: 0.9,
      featureScale: 1,
      weight: 1,
    },
  ];
  writeSync(
    fd,
    `${JSON.stringify(head).slice(0, -1)},"run":{"id":"big","label":"phi-s","config":${JSON.stringify(smoke)},"teachers":${JSON.stringify(teachers)},"termIds":["feature:mlp","ce"],"points":[`,
  );
  const piece: string[] = [];
  for (let step = 0; step < steps; step++) {
    piece.push(
      JSON.stringify({
        step,
        terms: [1 / (1 + step), 0.1],
        total: 1 / (1 + step) + 0.1,
        samplesPerSecond: 1000,
      }),
    );
    if (piece.length === 10_000 || step === steps - 1)
      writeSync(fd, (step < 10_000 ? '' : ',') + piece.splice(0).join(','));
  }
  writeSync(fd, '],"evals":[');
  for (let i = 0; i < steps / 10; i++)
    piece.push(
      JSON.stringify({
        step: i * 10,
        testAccuracy: 0.9,
        knnAccuracy: 0.8,
        perTeacher: [{ id: 'mlp', errorNormalized: 1, errorPerDim: [1] }],
      }),
    );
  writeSync(fd, `${piece.join(',')}],"dfl":[],"summary":null}}`);
  closeSync(fd);
  return file;
}

/** Starts recording main-thread long tasks and the longest gap between animation frames. */
async function watchMainThread(
  page: Page,
): Promise<() => Promise<{ longestTaskMs: number; longestFrameGapMs: number; tasks: string }>> {
  await page.evaluate(() => {
    const w = window as unknown as {
      __freeze: { task: number; gap: number; on: boolean; log: string[] };
    };
    w.__freeze = { task: 0, gap: 0, on: true, log: [] };
    const t0 = performance.now();
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) {
        if (e.startTime < t0) continue;
        w.__freeze.task = Math.max(w.__freeze.task, e.duration);
        w.__freeze.log.push(`${Math.round(e.startTime - t0)}+${Math.round(e.duration)}`);
      }
    }).observe({ type: 'longtask', buffered: false });
    let last = performance.now();
    const tick = (t: number): void => {
      w.__freeze.gap = Math.max(w.__freeze.gap, t - last);
      last = t;
      if (w.__freeze.on) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  return () =>
    page.evaluate(() => {
      const w = window as unknown as {
        __freeze: { task: number; gap: number; on: boolean; log: string[] };
      };
      w.__freeze.on = false;
      return {
        longestTaskMs: Math.round(w.__freeze.task),
        longestFrameGapMs: Math.round(w.__freeze.gap),
        tasks: w.__freeze.log.join(' '),
      };
    });
}

async function importRun(page: Page, steps: number, timeout: number): Promise<void> {
  const file = writeRunFile(steps);
  const mbs = (statSync(file).size / 1e6).toFixed(1);
  await page.goto('/?backend=wasm');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', {
    timeout: 60_000,
  });
  const before = browserMemory();
  const stop = await watchMainThread(page);
  const peak = samplePeak();
  const t0 = Date.now();
  await page.getByLabel('Import a run').setInputFiles(file);
  // the page answers while the worker reads: the progress shows and a click still lands
  await expect(page.getByTestId('loss-chart')).toHaveAttribute('data-points', '500', { timeout });
  const importMs = Date.now() - t0;
  const mem = peak.stop();
  const main = await stop();
  // a redraw of every panel (projector mode re-renders them all)
  const t1 = Date.now();
  await page.getByRole('button', { name: 'Projector' }).click();
  await expect(page.getByRole('button', { name: 'Projector' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  const redrawMs = Date.now() - t1;
  console.log(
    `hostile-import: ${steps} steps, ${mbs} MB: drawn in ${importMs} ms; longest main-thread task ${main.longestTaskMs} ms, longest frame gap ${main.longestFrameGapMs} ms (long tasks at ms+ms: ${main.tasks}); redraw ${redrawMs} ms; browser PSS ${before.pssMb} → peak ${mem.pssMb} MB (RSS sum ${before.rssMb} → ${mem.rssMb} MB, ${mem.processes} processes)`,
  );
  await expect(page.getByText('This panel failed')).toHaveCount(0);
  // before: one task of 29 s (10 MB) and 362 s (103 MB); what is left is the one render of the
  // imported run (charts of 500 points), generous for 2 cores shared by other work
  expect(main.longestTaskMs).toBeLessThan(4000);
  // before: 5.8 GB for the 103 MB file; now the file is never held whole
  if (mem.processes > 0) expect(mem.pssMb - before.pssMb).toBeLessThan(600);
}

test('a 100,000-step (10 MB) run file imports off the main thread and draws 500 points', async ({
  page,
}) => {
  await importRun(page, 100_000, 60_000);
});

test('a 1,000,000-step (100 MB) run file imports in bounded memory without a freeze @long', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await importRun(page, 1_000_000, 240_000);
});

test('a run file over the cap is refused before it is read, naming the cap', async ({ page }) => {
  const file = `${ARTIFACTS}/over-cap.json`;
  const fd = openSync(file, 'w');
  writeSync(fd, ' ', 129 * 1024 * 1024);
  closeSync(fd);
  await page.goto('/?backend=wasm');
  await page.getByLabel('Import a run').setInputFiles(file);
  await expect(page.getByRole('alert').filter({ hasText: 'up to 128 MB' })).toBeVisible();
});

test('a comparison file over the cap and hostile uploaded models are refused by name before anything is allocated', async ({
  page,
}) => {
  // finding 5: a 45 MB comparison file froze the page twice (~30 s each, 6.1 GB)
  const file = `${ARTIFACTS}/over-cap-comparison.json`;
  const fd = openSync(file, 'w');
  writeSync(fd, ' ', 45 * 1024 * 1024);
  closeSync(fd);
  await page.goto('/?backend=wasm');
  await page.getByLabel('Import comparison results').setInputFiles(file);
  await expect(page.getByRole('alert').filter({ hasText: 'up to 5 MB' })).toBeVisible();
  // finding 7: a string shape said "t.shape.reduce is not a function"; finding 4: a 200 MB shard loaded (2.4 GB), then Run failed
  const model = (shape: unknown) => ({
    name: 'model.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        format: 'layers-model',
        modelTopology: {
          class_name: 'Sequential',
          config: {
            layers: [
              {
                class_name: 'Dense',
                config: { name: 'd', units: 2, batch_input_shape: [null, 784] },
              },
            ],
          },
        },
        weightsManifest: [
          { paths: ['w.bin'], weights: [{ name: 'd/kernel', shape, dtype: 'float32' }] },
        ],
      }),
    ),
  });
  await page
    .getByLabel('Teacher model files')
    .setInputFiles([
      model('784,2'),
      { name: 'w.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(784 * 2 * 4) },
    ]);
  await expect(
    page.getByRole('alert').filter({ hasText: 'weightsManifest.0.weights.0.shape' }),
  ).toBeVisible();
  await page
    .getByLabel('Teacher model files')
    .setInputFiles([
      model([784, 70_000]),
      { name: 'w.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(16) },
    ]);
  await expect(page.getByRole('alert').filter({ hasText: 'up to 100 MB' })).toBeVisible();
  await expect(page.getByText(/is not a function|Array buffer allocation failed/)).toHaveCount(0);
});
