/**
 * Checkpoints name parameters one by one (`heads/adaptor/<id>/kernel`, …) while a run may keep
 * several of them in one fused variable (the adaptor heads: column blocks of one kernel and one
 * bias). These helpers move between the two layouts on the host: a view is a column range (last
 * axis) of a variable. Optimizer slots follow the same rule, so a checkpoint looks exactly as it
 * did before the heads were fused, and older checkpoints restore into fused heads.
 */

export interface HostArray {
  readonly shape: number[];
  readonly data: Float32Array;
}

/** Columns [start, end) of the last axis. */
export function sliceColumns(a: HostArray, [start, end]: readonly [number, number]): HostArray {
  const cols = a.shape.at(-1) ?? 1;
  const rows = a.data.length / Math.max(1, cols);
  const w = end - start;
  const out = new Float32Array(rows * w);
  for (let r = 0; r < rows; r++) out.set(a.data.subarray(r * cols + start, r * cols + end), r * w);
  return { shape: [...a.shape.slice(0, -1), w], data: out };
}

/**
 * Writes `parts` (column blocks with their ranges) into one array of `shape`; throws when a
 * block's shape does not fit or a column is left uncovered.
 */
export function joinColumns(
  what: string,
  shape: readonly number[],
  parts: readonly { columns: readonly [number, number]; value: HostArray; name: string }[],
): HostArray {
  const cols = shape.at(-1) ?? 1;
  const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
  const out = new Float32Array(rows * cols);
  let covered = 0;
  for (const { columns, value, name } of parts) {
    const [start, end] = columns;
    const w = end - start;
    const want = [...shape.slice(0, -1), w];
    if (value.shape.join('x') !== want.join('x'))
      throw new Error(
        `checkpoint ${name} has shape [${value.shape.join(', ')}], expected [${want.join(', ')}]`,
      );
    for (let r = 0; r < rows; r++)
      out.set(value.data.subarray(r * w, (r + 1) * w), r * cols + start);
    covered += w;
  }
  if (covered !== cols) throw new Error(`checkpoint lacks part of ${what}`);
  return { shape: [...shape], data: out };
}

/** `net7/adaptor/cnn/kernel/m` → `adaptor/cnn/kernel` (tf.js slot names: variable name + suffix). */
export function slotParam(slotName: string): { param: string; suffix: string } {
  const parts = slotName.split('/');
  return { param: parts.slice(1, -1).join('/'), suffix: parts.at(-1) ?? '' };
}
