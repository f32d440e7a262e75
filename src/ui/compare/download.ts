/** Saves a Blob as a file via a temporary link (no network request). */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 1000);
}

function chartSvg(container: HTMLElement | null): SVGSVGElement | null {
  return container?.querySelector('svg.recharts-surface') ?? null;
}

/** Serializes a chart's SVG (with its size and a white background) to a standalone file. */
export function chartToSvgText(container: HTMLElement | null): string | null {
  const svg = chartSvg(container);
  if (!svg) return null;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const { width, height } = svg.getBoundingClientRect();
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(Math.round(width)));
  clone.setAttribute('height', String(Math.round(height)));
  clone.setAttribute('style', 'background:#fff;font-family:system-ui,sans-serif');
  return new XMLSerializer().serializeToString(clone);
}

export function downloadChartSvg(container: HTMLElement | null, filename: string): void {
  const text = chartToSvgText(container);
  if (text !== null) downloadBlob(new Blob([text], { type: 'image/svg+xml' }), filename);
}

/** Rasterizes the chart's SVG to PNG at 2× for slides. */
export async function downloadChartPng(
  container: HTMLElement | null,
  filename: string,
): Promise<void> {
  const text = chartToSvgText(container);
  const svg = chartSvg(container);
  if (text === null || !svg) return;
  const { width, height } = svg.getBoundingClientRect();
  const img = new Image();
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('could not rasterize the chart'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * 2);
    canvas.height = Math.round(height * 2);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (blob) downloadBlob(blob, filename);
  } finally {
    URL.revokeObjectURL(url);
  }
}
