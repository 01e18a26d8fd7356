// Point symbols at communes (movements, offers): features placed at each commune's inner point, and
// their icons drawn on demand on a canvas (no sprite or font server to host).
import type { FeatureCollection, Point } from 'geojson';

const RATIO = 2;

/** One point feature per item whose commune has a known inner point. */
export function atCommunes<T, P>(items: T[], points: Map<string, [number, number]>, commune: (item: T) => string, props: (item: T) => P): FeatureCollection<Point, P> {
  return {
    type: 'FeatureCollection',
    features: items
      .filter((item) => points.has(commune(item)))
      .map((item) => ({ type: 'Feature', properties: props(item), geometry: { type: 'Point', coordinates: points.get(commune(item))! } })),
  };
}

/**
 * A filled shape with a white outline, `size` CSS pixels wide, and an optional white label (a cluster's
 * count) at `labelY` (fraction of the height). `outline` traces the path in device pixels.
 */
export function symbolImage(
  size: number,
  colour: string,
  outline: (ctx: OffscreenCanvasRenderingContext2D, size: number, pad: number) => void,
  label?: { text: string; y: number },
): { image: ImageData; pixelRatio: number } {
  const px = size * RATIO;
  const ctx = new OffscreenCanvas(px, px).getContext('2d')!;
  ctx.fillStyle = colour;
  ctx.strokeStyle = '#ffffff';
  ctx.lineWidth = 2 * RATIO;
  ctx.beginPath();
  outline(ctx, px, 2 * RATIO);
  ctx.closePath();
  ctx.fill();
  ctx.stroke();
  if (label) {
    ctx.fillStyle = '#ffffff';
    ctx.font = `700 ${Math.round(px * 0.36)}px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(label.text, px / 2, px * label.y);
  }
  return { image: ctx.getImageData(0, 0, px, px), pixelRatio: RATIO };
}
