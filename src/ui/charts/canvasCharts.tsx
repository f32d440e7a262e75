import { useEffect, useRef } from 'react';

/**
 * Small charts drawn on a canvas: a bar chart of up to a few hundred bars and a scatter of a few
 * hundred points cost one draw call each, where an SVG chart builds an element per bar or point.
 */
function useCanvas(
  draw: (ctx: CanvasRenderingContext2D, w: number, h: number) => void,
  deps: readonly unknown[],
) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const ratio = globalThis.devicePixelRatio || 1;
    const w = canvas.clientWidth || 300;
    const h = canvas.clientHeight || 150;
    canvas.width = Math.round(w * ratio);
    canvas.height = Math.round(h * ratio);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, w, h);
    draw(ctx, w, h);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- redraw when the data changes
  }, deps);
  return ref;
}

const AXIS = 44;
const fmt = (v: number): string =>
  Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-2 && v !== 0) ? v.toExponential(1) : v.toPrecision(2);

/** Bars from 0 (or the minimum when negative) with the y range written at the left. */
export function BarCanvas({
  values,
  color,
  label,
  height = 150,
}: {
  readonly values: readonly number[];
  readonly color: string;
  readonly label: string;
  readonly height?: number;
}) {
  const ref = useCanvas(
    (ctx, w, h) => {
      const lo = Math.min(0, ...values);
      const hi = Math.max(0, ...values);
      const span = hi - lo || 1;
      const y = (v: number): number => 4 + (h - 8) * (1 - (v - lo) / span);
      const bw = (w - AXIS) / Math.max(1, values.length);
      ctx.fillStyle = color;
      values.forEach((v, i) => {
        const top = Math.min(y(v), y(0));
        ctx.fillRect(
          AXIS + i * bw,
          top,
          Math.max(1, bw - (bw > 3 ? 1 : 0)),
          Math.max(1, Math.abs(y(v) - y(0))),
        );
      });
      ctx.fillStyle = '#64748b';
      ctx.font = '10px system-ui, sans-serif';
      ctx.fillText(fmt(hi), 2, 12);
      ctx.fillText(fmt(lo), 2, h - 4);
    },
    [values, color],
  );
  return (
    <canvas
      ref={ref}
      role="img"
      aria-label={label}
      className="canvas-chart"
      style={{ width: '100%', height }}
      data-bars={values.length}
    />
  );
}

/** Points coloured by class. */
export function ScatterCanvas({
  x,
  y,
  classes,
  colors,
  label,
  height = 150,
}: {
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly classes: readonly number[];
  readonly colors: (c: number) => string;
  readonly label: string;
  readonly height?: number;
}) {
  const ref = useCanvas(
    (ctx, w, h) => {
      if (x.length === 0) return;
      const [x0, x1] = [Math.min(...x), Math.max(...x)];
      const [y0, y1] = [Math.min(...y), Math.max(...y)];
      const px = (v: number): number => 4 + ((w - 8) * (v - x0)) / (x1 - x0 || 1);
      const py = (v: number): number => h - 4 - ((h - 8) * (v - y0)) / (y1 - y0 || 1);
      x.forEach((v, i) => {
        ctx.fillStyle = colors(classes[i] ?? 0);
        ctx.beginPath();
        ctx.arc(px(v), py(y[i] ?? 0), 2, 0, 2 * Math.PI);
        ctx.fill();
      });
    },
    [x, y, classes, colors],
  );
  return (
    <canvas
      ref={ref}
      role="img"
      aria-label={label}
      className="canvas-chart"
      style={{ width: '100%', height }}
      data-points={x.length}
    />
  );
}
