import { rngCreate, type Rng } from '../math';
import type { Dataset, Split } from './dataset';

/** Synthetic 2-D datasets for instant demos where the whole input space can be drawn. */
export type SyntheticKind = 'blobs' | 'spirals';

function blobsSplit(n: number, rng: Rng): Split {
  const centers = [
    [-2, -1.5],
    [2, -1.5],
    [0, 2],
    [0, -0.2],
  ];
  const inputs = new Float32Array(n * 2);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % centers.length;
    labels[i] = c;
    inputs[2 * i] = (centers[c]?.[0] ?? 0) + 0.55 * rng.normal();
    inputs[2 * i + 1] = (centers[c]?.[1] ?? 0) + 0.55 * rng.normal();
  }
  return { count: n, inputs, labels };
}

/** Three interleaved arms: r = t, θ = 4t + 2πk/3 + noise, t ∈ (0.05, 1]. */
function spiralsSplit(n: number, rng: Rng): Split {
  const arms = 3;
  const inputs = new Float32Array(n * 2);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const k = i % arms;
    const t = 0.05 + 0.95 * rng.next();
    const theta = 4 * t + (2 * Math.PI * k) / arms + 0.2 * rng.normal();
    labels[i] = k;
    inputs[2 * i] = 2 * t * Math.cos(theta);
    inputs[2 * i + 1] = 2 * t * Math.sin(theta);
  }
  return { count: n, inputs, labels };
}

/** Balanced, seeded: 1,500 train and 500 test points. */
export function syntheticDataset(kind: SyntheticKind, seed = 0): Dataset {
  const rng = rngCreate(seed + (kind === 'blobs' ? 11 : 23));
  const make = kind === 'blobs' ? blobsSplit : spiralsSplit;
  const classes = kind === 'blobs' ? 4 : 3;
  return {
    id: kind,
    name: kind === 'blobs' ? 'Blobs (2-D, 4 classes)' : 'Spirals (2-D, 3 arms)',
    inputShape: [1, 1, 2],
    classNames: Array.from({ length: classes }, (_, i) =>
      kind === 'blobs' ? `blob ${i}` : `arm ${i}`,
    ),
    train: make(1500, rng),
    test: make(500, rng),
  };
}
