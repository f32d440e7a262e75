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
