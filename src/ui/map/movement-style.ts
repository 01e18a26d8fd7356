// Installations and cessations on the map: one point per movement at its commune, clustered when zoomed
// out. The two kinds differ in shape (▲ installation, ■ cessation) as well as colour, and clusters carry
// their count drawn into the icon.
import type { FeatureCollection, Point } from 'geojson';
import type { Movement, MovementType } from '../../core/movements.ts';
import { atCommunes, symbolImage } from './map-symbols.ts';

export type MovementProps = { commune: string; date: string; profession: string; mode: string; kind: MovementType };

export const MOVEMENT_COLOURS: Record<MovementType, string> = { installation: '#17803d', cessation: '#a1260d' };

export function movementFeatures(movements: Movement[], points: Map<string, [number, number]>, type: MovementType): FeatureCollection<Point, MovementProps> {
  return atCommunes(
    movements.filter((m) => m.type === type),
    points,
    (m) => m.commune,
    (m) => ({ commune: m.commune, date: m.date, profession: m.profession, mode: m.mode, kind: m.type }),
  );
}

/** Draws `mv-installation`, `mv-cessation`, and their clusters `mv-installation-12`… on demand. */
export function movementImage(id: string): { image: ImageData; pixelRatio: number } | undefined {
  const match = /^mv-(installation|cessation)(?:-(\d+))?$/.exec(id);
  if (!match) return undefined;
  const kind = match[1] as MovementType;
  const count = match[2] ? Number(match[2]) : null;
  const size = count === null ? 16 : count < 10 ? 26 : count < 100 ? 32 : 38;
  const outline =
    kind === 'installation'
      ? (ctx: OffscreenCanvasRenderingContext2D, s: number, pad: number) => {
          ctx.moveTo(s / 2, pad);
          ctx.lineTo(s - pad, s - pad);
          ctx.lineTo(pad, s - pad);
        }
      : (ctx: OffscreenCanvasRenderingContext2D, s: number, pad: number) => ctx.rect(pad, pad, s - 2 * pad, s - 2 * pad);
  return symbolImage(size, MOVEMENT_COLOURS[kind], outline, count === null ? undefined : { text: String(count), y: kind === 'installation' ? 0.64 : 0.5 });
}
