import { nodePublicReader } from '../../data/nodePublicReader';
import { selectNodeBackend } from '../backend/nodeBackend';
import type { RunEvent } from '../events';
import { PRESET_IDS, presetConfig, type PresetId } from '../experiment/presets';
import { runExperiment } from '../runExperiment';

/** What a short CPU run of a preset produced, rounded to 6 significant digits. */
export interface PresetFingerprint {
  readonly preset: PresetId;
  readonly steps: number[][];
  readonly evals: unknown[];
  readonly summary: unknown;
}

const round = (v: unknown): unknown => {
  if (typeof v === 'number') return Number.isFinite(v) ? Number(v.toPrecision(6)) : String(v);
  if (Array.isArray(v)) return v.map(round);
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k]) => k !== 'wallSeconds' && k !== 'samplesPerSecond')
        .map(([k, x]) => [k, round(x)]),
    );
  return v;
};

/** Small, fast variants of the presets: the fingerprint checks behaviour, not learning. */
export function fingerprintConfig(id: PresetId): unknown {
  const cfg = presetConfig(id);
  return {
    ...cfg,
    steps: 6,
    evalEvery: 3,
    readbackEvery: 3,
    trainSubset: 80,
    evalSubset: 32,
    backend: 'cpu',
    ...(id === 'dfl' ? { dfl: { ...cfg.dfl, snapshotEvery: 2, resetPeriod: 4 } } : {}),
    batchSize: 16,
    // the OFA preset's ViT student, two blocks instead of four (branches on both)
    ...(id === 'ofa-heterogeneous' ? { student: { ...cfg.student, depth: 2 } } : {}),
  };
}

export async function fingerprintPreset(id: PresetId): Promise<PresetFingerprint> {
  const events: RunEvent[] = [];
  const summary = await runExperiment(fingerprintConfig(id), {
    read: nodePublicReader(),
    emit: (e) => events.push(e),
  });
  return {
    preset: id,
    steps: events.flatMap((e) =>
      e.type === 'steps' ? e.points.map((p) => round(p.terms) as number[]) : [],
    ),
    evals: events.flatMap((e) => (e.type === 'eval' ? [round({ ...e, runId: undefined })] : [])),
    summary: round(summary),
  };
}

export async function fingerprintAll(): Promise<PresetFingerprint[]> {
  await selectNodeBackend('cpu');
  const out: PresetFingerprint[] = [];
  for (const id of PRESET_IDS) out.push(await fingerprintPreset(id));
  return out;
}
