import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * Mounts heavy children only once they come near the viewport, or once `ready` says the page is
 * idle (no run in progress): a panel below the fold costs nothing while a run streams metrics.
 */
export function LazyMount({
  children,
  ready,
  minHeight,
}: {
  readonly children: ReactNode;
  readonly ready: boolean;
  readonly minHeight: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  // once shown it stays: a new run does not unmount it (state adjusted while rendering)
  if (ready && !near) setNear(true);
  useEffect(() => {
    const el = ref.current;
    if (!el || near || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setNear(true);
      },
      { rootMargin: '200px' },
    );
    io.observe(el);
    return () => {
      io.disconnect();
    };
  }, [near]);
  const show = near || ready || typeof IntersectionObserver === 'undefined';
  return (
    <div ref={ref} className="lazy-mount" style={show ? undefined : { minHeight }}>
      {show ? children : null}
    </div>
  );
}
