import { useEffect, useRef } from 'react';

/** Covariance heatmap on a canvas (recharts is the wrong tool for a matrix): blue < 0 < red. */
export function CovarianceHeatmap({
  size,
  values,
  label,
}: {
  readonly size: number;
  readonly values: readonly number[];
  readonly label: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || size === 0) return;
    const px = Math.max(1, Math.floor(canvas.width / size));
    const max = values.reduce((m, v) => Math.max(m, Math.abs(v)), 0) || 1;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    for (let i = 0; i < size; i++)
      for (let j = 0; j < size; j++) {
        const v = (values[i * size + j] ?? 0) / max;
        const r = v > 0 ? 255 : Math.round(255 * (1 + v));
        const b = v < 0 ? 255 : Math.round(255 * (1 - v));
        const g = Math.round(255 * (1 - Math.abs(v)));
        ctx.fillStyle = `rgb(${r},${g},${b})`;
        ctx.fillRect(j * px, i * px, px, px);
      }
  }, [size, values]);
  return (
    <canvas
      ref={ref}
      width={160}
      height={160}
      role="img"
      aria-label={label}
      className="heatmap"
      data-size={size}
    />
  );
}
