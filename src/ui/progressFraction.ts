/** "caching teacher outputs 2/3" → 2/3; null when the message carries no count. */
export function progressFraction(message: string): number | null {
  const m = /(\d+)\s*\/\s*(\d+)/.exec(message);
  if (!m) return null;
  const done = Number(m[1]);
  const total = Number(m[2]);
  return total > 0 ? Math.min(1, done / total) : null;
}
