/** Teachers: one colour each (by their order in the setup), the same in every chart and the graph. */
const TEACHER_PALETTE = [
  '#2563eb',
  '#f59e0b',
  '#10b981',
  '#ef4444',
  '#8b5cf6',
  '#0891b2',
  '#db2777',
  '#65a30d',
];
/** Compare variants: a separate palette (darker, distinct hues), so a variant never reads as a teacher. */
const VARIANT_PALETTE = [
  '#111827',
  '#c2410c',
  '#7c3aed',
  '#0f766e',
  '#be123c',
  '#a16207',
  '#1e3a8a',
  '#4d7c0f',
];
/** Classes (PCA scatter, histograms by class): a third, ten-colour palette. */
const CLASS_PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];

const pick = (palette: readonly string[], index: number): string =>
  palette[((index % palette.length) + palette.length) % palette.length] ?? '#64748b';

export function teacherColor(index: number): string {
  return pick(TEACHER_PALETTE, index);
}

export function variantColor(index: number): string {
  return pick(VARIANT_PALETTE, index);
}

export function classColor(index: number): string {
  return pick(CLASS_PALETTE, index);
}

/** Non-teacher loss terms: fixed colours by kind. */
export const TERM_COLORS = {
  logit: '#7c3aed',
  ofa: '#a855f7',
  ce: '#0f172a',
  dfl: '#16a34a',
} as const;
