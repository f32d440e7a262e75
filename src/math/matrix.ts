/**
 * Dense float64 matrices, row-major: `{ rows, cols, data }` with data[i·cols + j] = M[i][j].
 * Small helpers only; decompositions come from ml-matrix.
 */
export interface Mat {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

export function matCreate(rows: number, cols: number, data?: Float64Array): Mat {
  const d = data ?? new Float64Array(rows * cols);
  if (d.length !== rows * cols) {
    throw new Error(`matCreate: ${rows}×${cols} needs ${rows * cols} values, got ${d.length}`);
  }
  return { rows, cols, data: d };
}

export function matGet(m: Mat, i: number, j: number): number {
  return m.data[i * m.cols + j] ?? Number.NaN;
}

export function matTranspose(m: Mat): Mat {
  const t = matCreate(m.cols, m.rows);
  for (let i = 0; i < m.rows; i++)
    for (let j = 0; j < m.cols; j++) t.data[j * m.rows + i] = m.data[i * m.cols + j] ?? 0;
  return t;
}

export function matMul(a: Mat, b: Mat): Mat {
  if (a.cols !== b.rows)
    throw new Error(`matMul: ${a.rows}×${a.cols} · ${b.rows}×${b.cols} do not conform`);
  const out = matCreate(a.rows, b.cols);
  const { data: ad } = a;
  const { data: bd } = b;
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < a.cols; k++) {
      const aik = ad[i * a.cols + k] ?? 0;
      if (aik === 0) continue;
      const rowB = k * b.cols;
      const rowO = i * b.cols;
      for (let j = 0; j < b.cols; j++)
        out.data[rowO + j] = (out.data[rowO + j] ?? 0) + aik * (bd[rowB + j] ?? 0);
    }
  }
  return out;
}

/** Scales column j of `m` by s[j] (M · diag(s)). */
export function matScaleColumns(m: Mat, s: ArrayLike<number>): Mat {
  const out = matCreate(m.rows, m.cols, Float64Array.from(m.data));
  for (let i = 0; i < m.rows; i++)
    for (let j = 0; j < m.cols; j++)
      out.data[i * m.cols + j] = (out.data[i * m.cols + j] ?? 0) * (s[j] ?? 0);
  return out;
}

/** Scales row i of `m` by s[i] (diag(s) · M). */
export function matScaleRows(m: Mat, s: ArrayLike<number>): Mat {
  return matTranspose(matScaleColumns(matTranspose(m), s));
}

export function matScale(m: Mat, s: number): Mat {
  return matCreate(
    m.rows,
    m.cols,
    m.data.map((v) => v * s),
  );
}

/** Kronecker product A ⊗ B. */
export function matKronecker(a: Mat, b: Mat): Mat {
  const out = matCreate(a.rows * b.rows, a.cols * b.cols);
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < a.cols; j++) {
      const aij = matGet(a, i, j);
      for (let k = 0; k < b.rows; k++)
        for (let l = 0; l < b.cols; l++)
          out.data[(i * b.rows + k) * out.cols + j * b.cols + l] = aij * matGet(b, k, l);
    }
  return out;
}

/** max |A − B| over entries. */
export function matMaxAbsDiff(a: Mat, b: Mat): number {
  if (a.rows !== b.rows || a.cols !== b.cols) throw new Error('matMaxAbsDiff: shapes differ');
  let m = 0;
  for (let i = 0; i < a.data.length; i++)
    m = Math.max(m, Math.abs((a.data[i] ?? 0) - (b.data[i] ?? 0)));
  return m;
}
