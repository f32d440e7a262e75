import type { BackendName } from '../engine/backend/backendKinds';
import {
  DEFAULT_FLOPS_PER_SECOND,
  estimateBudget,
  formatBytes,
  type Budget,
} from '../engine/budget/budget';
import { UPLOAD_PREFIX } from '../engine/experiment/feasibility';
import type { ExperimentConfig } from '../engine/experiment/schema';

/**
 * What is checked before a run starts: uploaded teachers it names are loaded in this tab (else
 * the user is asked to re-upload them by name), and its budget fits (else it is refused with the
 * number) or is confirmed when it is long or large.
 */
export type FlopRates = Readonly<Record<BackendName, number>>;

const RATES_KEY = 'distill-lab-flops-per-second';

/** Measured FLOP rates (defaults refined by earlier runs in this browser). */
export function loadRates(): FlopRates {
  try {
    const raw: unknown = JSON.parse(globalThis.localStorage.getItem(RATES_KEY) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return DEFAULT_FLOPS_PER_SECOND;
    const r = raw as Record<string, unknown>;
    const pick = (k: BackendName): number => {
      const v = r[k];
      return typeof v === 'number' && Number.isFinite(v) && v > 1e6 && v < 1e15
        ? v
        : DEFAULT_FLOPS_PER_SECOND[k];
    };
    return { webgpu: pick('webgpu'), webgl: pick('webgl'), wasm: pick('wasm'), cpu: pick('cpu') };
  } catch {
    return DEFAULT_FLOPS_PER_SECOND;
  }
}

export function saveRates(rates: FlopRates): void {
  try {
    globalThis.localStorage.setItem(RATES_KEY, JSON.stringify(rates));
  } catch {
    // storage unavailable: the next page load starts from the defaults
  }
}

/** The message asking for missing uploaded teachers, or null when every one is loaded. */
export function missingUploads(
  config: ExperimentConfig,
  loaded: ReadonlySet<string>,
): string | null {
  const missing = config.teachers
    .filter((t) => t.id.startsWith(UPLOAD_PREFIX) && !loaded.has(t.id))
    .map((t) => t.id);
  if (missing.length === 0) return null;
  const names = missing.map((id) => `"${id.slice(UPLOAD_PREFIX.length)}"`).join(', ');
  return `This experiment uses the uploaded teacher${missing.length > 1 ? 's' : ''} ${names}, which ${missing.length > 1 ? 'are' : 'is'} not loaded in this tab: upload ${missing.length > 1 ? 'them' : 'it'} again (Teachers → Upload a teacher, same name), then run.`;
}

export function budgetFor(
  config: ExperimentConfig,
  backend: BackendName | null,
  rates: FlopRates,
): Budget {
  return estimateBudget(config, rates[backend ?? 'wasm']);
}

/** The refusal message of a run that cannot fit. */
export function refusal(b: Budget): string {
  return `This run cannot fit: it needs about ${formatBytes(b.bytes.peak)} of memory, more than the ${formatBytes(4 * 1024 ** 3)} a tab can use. ${b.reasons[0] ?? ''}`;
}
