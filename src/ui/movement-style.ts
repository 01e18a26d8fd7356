// Installations and cessations on the map: one point per movement at its commune, clustered when zoomed
// out. The two kinds differ in shape (▲ installation, ■ cessation) as well as colour, and clusters carry
// their count drawn into the icon (no font server needed).
import type { FeatureCollection, Point } from 'geojson';
import type { Movement, MovementType } from '../core/movements.ts';

export type MovementProps = { commune: string; date: string; profession: string; mode: string; kind: MovementType };

export const MOVEMENT_COLOURS: Record<MovementType, string> = { installation: '#17803d', cessation: '#a1260d' };

export function movementFeatures(movements: Movement[], points: Map<string, [number, number]>, type: MovementType): FeatureCollection<Point, MovementProps> {
  return {
    type: 'FeatureCollection',
    features: movements
      .filter((m) => m.type === type && points.has(m.commune))
      .map((m) => ({
        type: 'Feature',
        properties: { commune: m.commune, date: m.date, profession: m.profession, mode: m.mode, kind: m.type },
        geometry: { type: 'Point', coordinates: points.get(m.commune)! },
      })),
  };
}

const RATIO = 2;

/** Draws `mv-installation`, `mv-cessation`, and their clusters `mv-installation-12`… on demand. */
export function movementImage(id: string): { image: ImageData; pixelRatio: number } | undefined {
  const match = /^mv-(installation|cessation)(?:-(\d+))?$/.exec(id);
  if (!match) return undefined;
  const kind = match[1] as MovementType;
  const count = match[2] ? Number(match[2]) : null;
  const size = (count === null ? 16 : count < 10 ? 26 : count < 100 ? 32 : 38) * RATIO;
  const canvas = new OffscreenCanvas(size, size);
  const ctx = canvas.getContext('2d')!;
  const pad = 2 * RATIO;
  ctx.fillStyle = MOVEMENT_COLOURS[kind];
  ctx.strokeStyle = '#ffffff';
  ctx.lineWidth = 2 * RATIO;
  ctx.beginPath();
  if (kind === 'installation') {
    ctx.moveTo(size / 2, pad);
    ctx.lineTo(size - pad, size - pad);
    ctx.lineTo(pad, size - pad);
    ctx.closePath();
  } else {
    ctx.rect(pad, pad, size - 2 * pad, size - 2 * pad);
  }
  ctx.fill();
  ctx.stroke();
  if (count !== null) {
    ctx.fillStyle = '#ffffff';
    ctx.font = `700 ${Math.round(size * 0.36)}px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(String(count), size / 2, kind === 'installation' ? size * 0.64 : size / 2);
  }
  return { image: ctx.getImageData(0, 0, size, size), pixelRatio: RATIO };
}
