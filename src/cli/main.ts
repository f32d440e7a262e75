/**
 * Distill Lab headless CLI (DESIGN §2 cli/):
 *   npm run lab -- run <preset|config.json> [--steps N] [--backend wasm|cpu] [--seed S] [--out results.json]
 *   npm run lab -- compare <preset|config.json> --normalizers none,global,phi-s [--steps N] [--out f.json]
 *   npm run lab -- export-torch <preset|config.json> --out <dir> [--steps N] [--seed S]
 *   npm run lab -- presets
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { nodePublicReader } from '../data/nodePublicReader';
import { selectNodeBackend } from '../engine/backend/nodeBackend';
import type { RunEvent, RunSummary } from '../engine/events';
import { PRESET_IDS, isPresetId, presetConfig } from '../engine/experiment/presets';
import { ConfigError, parseExperiment, type ExperimentConfig } from '../engine/experiment/schema';
import { runLockstep } from '../engine/runExperiment';
import {
  NORMALIZER_KINDS,
  isNormalizerKind,
  type NormalizerKind,
} from '../methods/normalizerKinds';
import { exportTorch } from './exportTorch';
import { formatSummaryTable, progressBar } from './format';

class UsageError extends Error {}

const USAGE = `usage:
  npm run lab -- run <preset|config.json> [--steps N] [--backend wasm|cpu] [--seed S] [--out results.json]
  npm run lab -- compare <preset|config.json> --normalizers ${NORMALIZER_KINDS.join(',')} [--steps N] [--backend wasm|cpu] [--seed S] [--out results.json]
  npm run lab -- export-torch <preset|config.json> --out <dir> [--steps N] [--seed S]   (PyTorch DDP recipe)
  npm run lab -- presets
presets: ${PRESET_IDS.join(', ')}`;

function loadConfig(source: string): ExperimentConfig {
  if (isPresetId(source)) return presetConfig(source);
  let raw: string;
  try {
    raw = readFileSync(source, 'utf8');
  } catch {
    throw new UsageError(
      `"${source}" is neither a preset (${PRESET_IDS.join(', ')}) nor a readable config file`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    throw new UsageError(
      `${source} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  return parseExperiment(json);
}

function positiveInt(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < (name === 'seed' ? 0 : 1))
    throw new UsageError(
      `--${name} must be a ${name === 'seed' ? 'non-negative' : 'positive'} integer, got "${v}"`,
    );
  return n;
}

/** One run per normalizer in `--normalizers`, otherwise the same experiment. */
function compareConfigs(
  base: ExperimentConfig,
  normalizers: string | undefined,
): { configs: ExperimentConfig[]; labels: NormalizerKind[] } {
  const list = (normalizers ?? '').split(',').filter((s) => s !== '');
  if (list.length === 0)
    throw new UsageError(`compare needs --normalizers, e.g. --normalizers none,global,phi-s`);
  const bad = list.filter((n) => !isNormalizerKind(n));
  if (bad.length > 0)
    throw new UsageError(
      `unknown normalizer(s) ${bad.join(', ')}; choose from ${NORMALIZER_KINDS.join(', ')}`,
    );
  const configs = list.map((n) =>
    parseExperiment({
      ...base,
      feature: { ...base.feature, normalizer: n },
      name: `${base.name} [${n}]`,
    }),
  );
  return { configs, labels: list as NormalizerKind[] };
}

/** Progress on stderr (a bar on a terminal), divergence and DFL events. */
function progressEmitter(runs: number, total: number): (e: RunEvent) => void {
  let lastDraw = 0;
  const maxStep = new Map<string, number>();
  return (e) => {
    if (e.type === 'steps') {
      maxStep.set(e.runId, e.points.at(-1)?.step ?? 0);
      const now = performance.now();
      if (now - lastDraw > 200 && process.stderr.isTTY) {
        lastDraw = now;
        const done =
          Math.min(...Array.from({ length: runs }, (_, i) => maxStep.get(`run-${i + 1}`) ?? 0)) + 1;
        process.stderr.write(
          `\r${progressBar(done, total)} loss ${(e.points.at(-1)?.total ?? Number.NaN).toFixed(4)}   `,
        );
      }
    } else if (e.type === 'diverged') {
      process.stderr.write(`\n${e.runId} diverged at step ${e.step} (${e.term})\n`);
    } else if (e.type === 'dfl') {
      if (!process.stderr.isTTY) return;
      process.stderr.write(`\n${e.runId} DFL ${e.kind} at step ${e.step}: ${e.detail}\n`);
    }
  };
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      steps: { type: 'string' },
      backend: { type: 'string', default: 'wasm' },
      seed: { type: 'string' },
      out: { type: 'string' },
      normalizers: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, source] = positionals;
  if (values.help === true || command === undefined) {
    console.log(USAGE);
    return;
  }
  if (command === 'presets') {
    for (const id of PRESET_IDS) console.log(`${id.padEnd(24)} ${presetConfig(id).name}`);
    return;
  }
  if (command === 'export-torch') {
    await exportCommand(source, values);
    return;
  }
  if (command !== 'run' && command !== 'compare')
    throw new UsageError(`unknown command "${command}"`);
  if (source === undefined) throw new UsageError(`${command} needs a preset or a config file`);
  const backendName = values.backend;
  if (backendName !== 'wasm' && backendName !== 'cpu')
    throw new UsageError(`--backend must be wasm or cpu, got "${backendName}"`);
  const base = loadConfig(source);
  const steps = positiveInt(values.steps, 'steps');
  const seed = positiveInt(values.seed, 'seed');
  const withOverrides: ExperimentConfig = parseExperiment({
    ...base,
    backend: backendName,
    ...(steps === undefined ? {} : { steps }),
    ...(seed === undefined ? {} : { seed }),
  });
  const { configs, labels } =
    command === 'compare'
      ? compareConfigs(withOverrides, values.normalizers)
      : { configs: [withOverrides], labels: [withOverrides.feature.normalizer] };
  const backend = await selectNodeBackend(backendName);
  const total = Math.max(...configs.map((c) => c.steps));
  const emit = progressEmitter(configs.length, total);
  const summaries: RunSummary[] = await runLockstep(configs, {
    read: nodePublicReader(),
    emit,
    backend,
    onStatus: (m) => {
      if (process.stderr.isTTY) process.stderr.write(`\r${m.padEnd(60)}`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  console.log(formatSummaryTable(labels, summaries));
  if (values.out !== undefined) {
    const result = {
      createdAt: new Date().toISOString(),
      backend: backend.name,
      command,
      runs: configs.map((config, i) => ({ label: labels[i], config, summary: summaries[i] })),
    };
    writeFileSync(values.out, JSON.stringify(result, null, 2) + '\n');
    console.log(`wrote ${values.out}`);
  }
}

async function exportCommand(
  source: string | undefined,
  values: {
    out?: string | undefined;
    steps?: string | undefined;
    seed?: string | undefined;
    backend?: string | undefined;
  },
): Promise<void> {
  if (source === undefined) throw new UsageError('export-torch needs a preset or a config file');
  if (values.out === undefined) throw new UsageError('export-torch needs --out <dir>');
  const steps = positiveInt(values.steps, 'steps');
  const seed = positiveInt(values.seed, 'seed');
  const config = parseExperiment({
    ...loadConfig(source),
    ...(steps === undefined ? {} : { steps }),
    ...(seed === undefined ? {} : { seed }),
  });
  await selectNodeBackend(values.backend === 'cpu' ? 'cpu' : 'wasm');
  const r = await exportTorch(config, values.out, {
    onStatus: (m) => {
      if (process.stderr.isTTY) process.stderr.write(`\r${m.padEnd(60)}`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  console.log(
    `wrote ${r.files} files (${(r.bytes / 1e6).toFixed(1)} MB) to ${values.out}\nrun: cd ${values.out} && torchrun --nproc_per_node=2 train.py --config experiment.json`,
  );
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof UsageError) console.error(`error: ${e.message}\n\n${USAGE}`);
  else if (e instanceof ConfigError) console.error(`error: ${e.message}`);
  else console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
});
