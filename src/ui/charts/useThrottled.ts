import { startTransition, useEffect, useRef, useState } from 'react';

/**
 * The value, updated at most once every `ms` (the last value always arrives): live charts redraw
 * a few times a second, which the eye cannot tell from ten, and the main thread stays free. The
 * update is a transition, so React renders it in slices between frames and input.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const wait = last.current + ms - performance.now();
    const timer = setTimeout(
      () => {
        last.current = performance.now();
        startTransition(() => {
          setShown(value);
        });
      },
      Math.max(0, wait),
    );
    return () => {
      clearTimeout(timer);
    };
  }, [value, ms]);
  return shown;
}

/** At most `max` rows, evenly spaced, always with the first and the last (what a chart can show). */
export function thin<T>(rows: readonly T[], max: number): readonly T[] {
  if (rows.length <= max) return rows;
  const out: T[] = [];
  const stride = (rows.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) {
    const r = rows[Math.round(i * stride)];
    if (r !== undefined) out.push(r);
  }
  return out;
}
