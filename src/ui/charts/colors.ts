/** One colour per teacher (and per compare variant), consistent across every chart. */
const PALETTE = ['#2563eb', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#0891b2', '#db2777', '#65a30d'];

export function teacherColor(index: number): string {
  return PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length] ?? '#64748b';
}

export const variantColor = teacherColor;
