import { permutation, rngCreate } from '../math';

/** Sample indices grouped by label, classes in ascending order. */
function indicesByClass(labels: ArrayLike<number>): [number, number[]][] {
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i] ?? 0;
    const list = byClass.get(l) ?? [];
    list.push(i);
    byClass.set(l, list);
  }
  return [...byClass.entries()].sort((a, b) => a[0] - b[0]);
}

/**
 * Seeded stratified split: every class contributes round(n_c · testFraction) samples to the test
 * set (chosen by a seeded shuffle of that class), the rest to train. Returns sorted indices, so
 * the split depends only on the labels and the seed.
 */
export function stratifiedSplit(
  labels: ArrayLike<number>,
  testFraction: number,
  seed: number,
): { train: Int32Array; test: Int32Array } {
  if (!(testFraction > 0 && testFraction < 1))
    throw new Error(`stratifiedSplit: testFraction must be in (0, 1), got ${testFraction}`);
  const rng = rngCreate(seed);
  const train: number[] = [];
  const test: number[] = [];
  for (const [, members] of indicesByClass(labels)) {
    const order = permutation(members.length, rng);
    const nTest = Math.round(members.length * testFraction);
    order.forEach((o, rank) => {
      (rank < nTest ? test : train).push(members[o] ?? 0);
    });
  }
  return {
    train: Int32Array.from(train.sort((a, b) => a - b)),
    test: Int32Array.from(test.sort((a, b) => a - b)),
  };
}

/** Seeded stratified subset of `perClass` samples from each class (sorted indices). */
export function stratifiedSubset(
  labels: ArrayLike<number>,
  perClass: number,
  seed: number,
): Int32Array {
  const rng = rngCreate(seed);
  const out: number[] = [];
  for (const [cls, members] of indicesByClass(labels)) {
    if (members.length < perClass)
      throw new Error(`stratifiedSubset: class ${cls} has ${members.length} < ${perClass} samples`);
    const order = permutation(members.length, rng);
    for (let r = 0; r < perClass; r++) out.push(members[order[r] ?? 0] ?? 0);
  }
  return Int32Array.from(out.sort((a, b) => a - b));
}
