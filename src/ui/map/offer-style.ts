// Offers on the map: one symbol per current offer at its commune, its shape telling the kind (house for
// housing, square for premises, disc for recruitment, diamond for a communal aid, star for life in the
// commune), so that kinds never rest on colour alone.
import type { FeatureCollection, Point } from 'geojson';
import type { Offer } from '../../core/offers.ts';
import { atCommunes, symbolImage } from './map-symbols.ts';

export const OFFER_COLOUR = '#6a4c93';

export function offerFeatures(offers: Offer[], points: Map<string, [number, number]>): FeatureCollection<Point, { id: string; commune: string; kind: string }> {
  return atCommunes(offers, points, (o) => o.commune, (o) => ({ id: o.id, commune: o.commune, kind: o.kind }));
}

/** Unit outlines (0..1) of each kind's symbol. */
const SHAPES: Record<string, Array<[number, number]> | 'disc'> = {
  logement: [[0.5, 0.05], [0.95, 0.45], [0.95, 0.95], [0.05, 0.95], [0.05, 0.45]],
  local: [[0.08, 0.08], [0.92, 0.08], [0.92, 0.92], [0.08, 0.92]],
  recrutement: 'disc',
  'aide-communale': [[0.5, 0.02], [0.98, 0.5], [0.5, 0.98], [0.02, 0.5]],
  'vie-locale': Array.from({ length: 10 }, (_, i) => {
    const r = i % 2 ? 0.22 : 0.48;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    return [0.5 + r * Math.cos(a), 0.53 + r * Math.sin(a)] as [number, number];
  }),
};

/** Draws `offer-<kind>` on demand. */
export function offerImage(id: string): { image: ImageData; pixelRatio: number } | undefined {
  const shape = id.startsWith('offer-') ? SHAPES[id.slice('offer-'.length)] : undefined;
  if (!shape) return undefined;
  return symbolImage(22, OFFER_COLOUR, (ctx, size, pad) => {
    if (shape === 'disc') return void ctx.arc(size / 2, size / 2, size / 2 - pad, 0, 2 * Math.PI);
    const at = (v: number) => pad + v * (size - 2 * pad);
    shape.forEach(([x, y], i) => (i ? ctx.lineTo(at(x), at(y)) : ctx.moveTo(at(x), at(y))));
  });
}
