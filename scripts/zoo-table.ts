/** Prints the teacher zoo as a Markdown table (for the README) from the shipped manifests. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseZooManifest } from '../src/models/zoo';

const lines = [
  '| dataset | teacher | parameters | feature dim | test accuracy | tr Σ | E[y²] per dim | effective rank | train s |',
  '|---|---|---|---|---|---|---|---|---|',
];
const ratios: string[] = [];
for (const dataset of ['mnist', 'fashion-mnist']) {
  const file = path.resolve(
    import.meta.dirname,
    '..',
    'public',
    'models',
    dataset,
    'manifest.json',
  );
  const m = parseZooManifest(JSON.parse(readFileSync(file, 'utf8')), file);
  for (const t of m.teachers) {
    lines.push(
      `| ${dataset} | ${t.name} | ${t.parameters.toLocaleString('en')} | ${t.featureDim} | ${(t.testAccuracy * 100).toFixed(2)} % | ${t.featureStats.trace.toFixed(1)} | ${t.featureStats.energyPerDim.toFixed(2)} | ${t.featureStats.effectiveRank.toFixed(1)} | ${t.trainSeconds} |`,
    );
  }
  const traces = m.teachers.map((t) => t.featureStats.trace);
  const energies = m.teachers.map((t) => t.featureStats.energyPerDim);
  ratios.push(
    `${dataset}: max/min tr Σ = ${(Math.max(...traces) / Math.min(...traces)).toFixed(1)}, max/min E[y²] per dim = ${(Math.max(...energies) / Math.min(...energies)).toFixed(1)}`,
  );
}
console.log(lines.join('\n'));
console.log(
  `\nFeature scales differ as they naturally do (${ratios.join('; ')}). Trained by \`npm run train:teachers\` in Node on tf.js WASM, seeded.`,
);
