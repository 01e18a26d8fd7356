// Place names on the map without a font server: each name is drawn once on a canvas with the system font
// and a white halo, then placed by MapLibre as an icon (collisions hide the smaller places first). Larger
// communes show from the territory's view, smaller ones as one zooms in.
import type { FeatureCollection, Point } from 'geojson';
import type { Commune } from '../../core/communes.ts';

const RATIO = 2;
/** Icon ids say what to draw: `place-<tier>-<name>`, so that any source of names (territory, tiles) can use them. */
export const PLACE_PREFIX = 'place-';
export const placeIconId = (tier: number, name: string) => `${PLACE_PREFIX}${tier}-${name}`;
/** The icon-image expression of a layer whose features have `nom` (and `tier`, or a fixed tier). */
export const placeIconExpression = (tier: number | ['get', string] = ['get', 'tier']) =>
  ['concat', PLACE_PREFIX, ['to-string', tier], '-', ['get', 'nom']] as const;

/** Draws the icon of an id made by placeIconId (undefined for any other id). */
export function placeIcon(id: string): { image: ImageData; pixelRatio: number } | undefined {
  const m = /^place-(\d+)-(.+)$/s.exec(id);
  return m ? placeImage(m[2], Number(m[1])) : undefined;
}

/** Population thresholds of each tier and the zoom from which it shows. */
export const PLACE_TIERS = [
  { tier: 1, minPopulation: 5_000, minzoom: 0 },
  { tier: 2, minPopulation: 1_500, minzoom: 8.6 },
  { tier: 3, minPopulation: 0, minzoom: 9.8 },
] as const;

export interface PlaceProps {
  code: string;
  nom: string;
  population: number;
  tier: number;
}

export function placeFeatures(communes: Iterable<Commune>, points: Map<string, [number, number]>): FeatureCollection<Point, PlaceProps> {
  const features: FeatureCollection<Point, PlaceProps>['features'] = [];
  for (const c of communes) {
    const at = points.get(c.code);
    if (!at) continue;
    const population = c.population ?? 0;
    const tier = PLACE_TIERS.find((t) => population >= t.minPopulation)!.tier;
    features.push({ type: 'Feature', properties: { code: c.code, nom: c.nom, population, tier }, geometry: { type: 'Point', coordinates: at } });
  }
  // Larger places first: MapLibre places symbols in this order when no sort key says otherwise.
  features.sort((a, b) => b.properties.population - a.properties.population);
  return { type: 'FeatureCollection', features };
}

// One canvas for every name (dozens are drawn while the map first loads): kept in memory, read back at once.
let scratch: OffscreenCanvasRenderingContext2D | undefined;

/** The name of a place as an image: dark text with a white halo, bolder for the larger places. */
export function placeImage(name: string, tier: number): { image: ImageData; pixelRatio: number } {
  const size = (tier === 1 ? 13 : 12) * RATIO;
  const font = `${tier === 1 ? 700 : 600} ${size}px system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif`;
  scratch ??= new OffscreenCanvas(512, 64).getContext('2d', { willReadFrequently: true })!;
  scratch.font = font;
  const halo = 3 * RATIO;
  const width = Math.ceil(scratch.measureText(name).width + 2 * halo);
  const height = Math.ceil(size * 1.35 + 2 * halo);
  if (scratch.canvas.width < width || scratch.canvas.height < height) {
    scratch.canvas.width = Math.max(scratch.canvas.width, width);
    scratch.canvas.height = Math.max(scratch.canvas.height, height);
  }
  const ctx = scratch;
  ctx.clearRect(0, 0, width, height);
  ctx.font = font;
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  ctx.lineWidth = halo;
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.95)';
  ctx.strokeText(name, halo, height / 2);
  ctx.fillStyle = '#1d2730';
  ctx.fillText(name, halo, height / 2);
  return { image: ctx.getImageData(0, 0, width, height), pixelRatio: RATIO };
}
