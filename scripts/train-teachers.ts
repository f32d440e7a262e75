/**
 * Trains the teacher zoo (DESIGN §4) in Node on tf.js' WASM backend, seeded, and writes
 * public/models/<dataset>/<id>/{model.json, weights.bin} plus public/models/<dataset>/manifest.json.
 *   npm run train:teachers [-- --dataset mnist] [--only cnn,vit] [--epochs-scale 0.5]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { selectNodeBackend } from '../src/engine/backend/nodeBackend';
import { nodePublicReader } from '../src/data/nodePublicReader';
import { loadDataset } from '../src/data/loadDataset';
import {
  momentsOfBatch,
  covariance,
  energyPerDim,
  symmetricEigen,
  spectrumSummary,
} from '../src/math';
import { evaluateAccuracy, predictAll } from '../src/models/evaluate';
import type { ModelSpec } from '../src/models/modelSpec';
import { createNetwork } from '../src/models/network';
import { serializeNetwork } from '../src/models/serialize';
import { trainClassifier } from '../src/models/trainClassifier';
import type { ZooEntry, ZooManifest } from '../src/models/zoo';

interface TeacherPlan {
  readonly id: string;
  readonly name: string;
  readonly spec: Omit<ModelSpec, 'inputShape' | 'numClasses'>;
  readonly learningRate: number;
  /** Multiplies the dataset's epoch count (cheap models train longer). */
  readonly epochScale?: number;
}

const PLANS: readonly TeacherPlan[] = [
  {
    id: 'cnn',
    name: 'CNN (4 conv blocks)',
    spec: { arch: 'cnn', width: 32, depth: 4, featureDim: 128 },
    learningRate: 3e-3,
  },
  {
    id: 'resnet',
    name: 'ResNet (3 residual blocks)',
    spec: { arch: 'resnet', width: 16, depth: 3, featureDim: 64 },
    learningRate: 2e-3,
  },
  {
    id: 'mlp',
    name: 'MLP (2×512 hidden)',
    spec: { arch: 'mlp', width: 512, depth: 3, featureDim: 128 },
    learningRate: 1e-3,
    epochScale: 2,
  },
  {
    id: 'vit',
    name: 'ViT (3 blocks, 4 heads, 7×7 patches)',
    spec: { arch: 'vit', width: 48, depth: 3, featureDim: 48, patch: 7, heads: 4 },
    learningRate: 2e-3,
  },
  {
    id: 'mixer',
    name: 'MLP-Mixer (3 blocks, 7×7 patches)',
    spec: { arch: 'mixer', width: 64, depth: 3, featureDim: 64, patch: 7 },
    learningRate: 2e-3,
  },
];

const EPOCHS: Record<'mnist' | 'fashion-mnist', number> = { mnist: 12, 'fashion-mnist': 6 };
/** Random-shift augmentation (pixels): digits tolerate it, centred clothing items do not need it. */
const MAX_SHIFT: Record<'mnist' | 'fashion-mnist', number> = { mnist: 2, 'fashion-mnist': 0 };

const { values } = parseArgs({
  options: {
    dataset: { type: 'string', multiple: true },
    only: { type: 'string' },
    'epochs-scale': { type: 'string', default: '1' },
  },
});
const datasets = (values.dataset ?? ['mnist', 'fashion-mnist']) as ('mnist' | 'fashion-mnist')[];
const only = values.only?.split(',');
const scale = Number(values['epochs-scale']);

const ROOT = path.resolve(import.meta.dirname, '..', 'public', 'models');
const backend = await selectNodeBackend('wasm');
const read = nodePublicReader();
const started = performance.now();

for (const datasetId of datasets) {
  const ds = await loadDataset(datasetId, read);
  const manifestPath = path.join(ROOT, datasetId, 'manifest.json');
  const entries: ZooEntry[] = [];
  for (const [i, plan] of PLANS.entries()) {
    if (only && !only.includes(plan.id)) continue;
    const seed = 1000 + i;
    const spec: ModelSpec = {
      ...plan.spec,
      inputShape: ds.inputShape,
      numClasses: ds.classNames.length,
    };
    const net = createNetwork(spec, seed);
    const epochs = Math.max(1, Math.round(EPOCHS[datasetId] * scale * (plan.epochScale ?? 1)));
    const t0 = performance.now();
    await trainClassifier(
      net,
      ds.train,
      {
        epochs,
        batchSize: 64,
        learningRate: plan.learningRate,
        seed,
        maxShift:
          plan.spec.arch === 'mlp' ? Math.min(1, MAX_SHIFT[datasetId]) : MAX_SHIFT[datasetId],
      },
      (step, total, loss) => {
        if (process.stdout.isTTY)
          process.stdout.write(
            `\r${datasetId}/${plan.id}: step ${step + 1}/${total} loss ${loss.toFixed(4)}   `,
          );
      },
    );
    const trainSeconds = (performance.now() - t0) / 1000;
    const testAccuracy = await evaluateAccuracy(net, ds.test);
    const { features } = await predictAll(net, ds.train);
    const moments = momentsOfBatch(features, spec.featureDim);
    const eig = symmetricEigen(covariance(moments));
    const summary = spectrumSummary(eig.values);
    const dir = path.join(ROOT, datasetId, plan.id);
    mkdirSync(dir, { recursive: true });
    const { modelJson, weights } = await serializeNetwork(net);
    writeFileSync(path.join(dir, 'model.json'), JSON.stringify(modelJson) + '\n');
    writeFileSync(path.join(dir, 'weights.bin'), new Uint8Array(weights));
    entries.push({
      id: plan.id,
      name: plan.name,
      spec: { ...spec, inputShape: [...spec.inputShape] },
      path: `${plan.id}/model.json`,
      parameters: net.parameterCount,
      featureDim: spec.featureDim,
      testAccuracy,
      trainingSeed: seed,
      epochs,
      trainSeconds: Math.round(trainSeconds),
      featureStats: {
        trace: summary.trace,
        energyPerDim: energyPerDim(moments),
        topEigenvalues: Array.from(eig.values.slice(0, 8)),
        effectiveRank: summary.effectiveRank,
      },
    });
    console.log(
      `\r${datasetId}/${plan.id}: test accuracy ${(testAccuracy * 100).toFixed(2)} %, ${net.parameterCount} params, trace ${summary.trace.toFixed(2)}, ${trainSeconds.toFixed(0)} s`,
    );
    net.dispose();
  }
  // --only retrains some teachers and keeps the others' entries
  const previous: ZooEntry[] =
    only && existsSync(manifestPath)
      ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as ZooManifest).teachers
      : [];
  const merged = PLANS.map(
    (p) => entries.find((e) => e.id === p.id) ?? previous.find((e) => e.id === p.id),
  ).filter((e): e is ZooEntry => e !== undefined);
  const manifest: ZooManifest = { dataset: datasetId, backend: backend.name, teachers: merged };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
}
console.log(`done in ${((performance.now() - started) / 60000).toFixed(1)} min`);
