import { describe, expect, it } from 'vitest';
import type { StepPoint } from './events';
import { presetConfig } from './experiment/presets';
import type { LiveKnobs } from './liveKnobs';
import { runExperiment } from './runExperiment';
import { collectEvents, useEngine } from './testing/engineFixture';

const { read } = useEngine('wasm');

async function points(
  takeKnobs?: (runId: string, step: number) => readonly LiveKnobs[],
): Promise<StepPoint[]> {
  const c = collectEvents();
  const cfg = { ...presetConfig('smoke'), steps: 14, evalEvery: 14, labelWeight: 0.5 };
  await runExperiment(cfg, { read, emit: c.emit, ...(takeKnobs ? { takeKnobs } : {}) });
  return c.points();
}

describe('live knobs', () => {
  it('a teacher weight and the label weight change the loss from the step they are taken at', async () => {
    const base = await points();
    const knobbed = await points((_, step) =>
      step === 10 ? [{ teachers: [{ id: 'mlp', weight: 3 }], labelWeight: 0.25 }] : [],
    );
    // identical before step 10; at step 10 the same parameters meet the new weights
    expect(knobbed.slice(0, 10).map((p) => p.terms)).toEqual(base.slice(0, 10).map((p) => p.terms));
    const [b, k] = [base[10], knobbed[10]];
    expect(k?.terms[0]).toBeCloseTo(3 * (b?.terms[0] ?? Number.NaN), 4);
    expect(k?.terms[1]).toBeCloseTo(0.5 * (b?.terms[1] ?? Number.NaN), 4);
    expect(knobbed[11]?.terms[0]).not.toBe(base[11]?.terms[0]);
  }, 120_000);
});
