// MapLibre styling of a zonage view: class colours, class patterns, and the communes a rule changed.
import type { ExpressionSpecification, StyleImageMetadata } from 'maplibre-gl';
import type { FeatureCollection, Point } from 'geojson';
import type { ZonageView } from '../../core/zonage/bundle.ts';

export interface ZonageStyle {
  fill: ExpressionSpecification;
  pattern: ExpressionSpecification;
  ruled: FeatureCollection<Point, { code: string }>;
}

const NONE = '#ffffff';
// No pattern anywhere. Read per feature: a constant empty image name makes MapLibre fail as it evaluates the layer.
const NO_PATTERN: ExpressionSpecification = ['match', ['get', 'code'], '', '', ''];
/** Every commune when the zonage shown is not in force (replaced, expired): no class is drawn as current. */
export const NOT_IN_FORCE = '#e6e8ea';

/** `pointOf`: a point inside a commune, asked for the communes a rule changed only. */
export function zonageStyle(view: ZonageView, pointOf: (code: string) => [number, number] | undefined): ZonageStyle {
  if (!view.status.inForce) {
    return { fill: ['literal', NOT_IN_FORCE] as ExpressionSpecification, pattern: NO_PATTERN, ruled: { type: 'FeatureCollection', features: [] } };
  }
  const colour = new Map(view.scheme.classes.map((k) => [k.id, k.color]));
  const pattern = new Map(view.scheme.classes.map((k) => [k.id, k.pattern ? `motif-${k.pattern}` : '']));
  const fillPairs: string[] = [];
  const patternPairs: string[] = [];
  for (const [code, c] of view.classes) {
    fillPairs.push(code, colour.get(c.effective) ?? NONE);
    patternPairs.push(code, pattern.get(c.effective) ?? '');
  }
  return {
    // A commune the zonage does not classify stays white (reported at import, never defaulted).
    fill: (fillPairs.length ? ['match', ['get', 'code'], ...fillPairs, NONE] : ['literal', NONE]) as ExpressionSpecification,
    pattern: (patternPairs.length ? ['match', ['get', 'code'], ...patternPairs, ''] : NO_PATTERN) as ExpressionSpecification,
    ruled: {
      type: 'FeatureCollection',
      features: view.ruled.flatMap((code) => {
        const at = pointOf(code);
        return at ? [{ type: 'Feature' as const, properties: { code }, geometry: { type: 'Point' as const, coordinates: at } }] : [];
      }),
    },
  };
}

const SIZE = 8;
const INK = [45, 25, 15, 150];

const PATTERNS: Record<string, (x: number, y: number) => boolean> = {
  'motif-hachures': (x, y) => (x + y) % SIZE === 0,
  'motif-croisillons': (x, y) => (x + y) % SIZE === 0 || (x - y + SIZE) % SIZE === 0,
  'motif-points': (x, y) => (x % 4 === 1 || x % 4 === 2) && (y % 4 === 1 || y % 4 === 2) && (x < 4) === (y < 4),
  // « Sans classe »: short horizontal dashes; « selon la partie »: vertical stripes. Neither is a class's motif.
  'motif-traits': (x, y) => y % 4 === 1 && x % 8 < 5,
  'motif-verticales': (x) => x % 4 === 0,
};
export const PATTERN_IDS = Object.keys(PATTERNS);

/** 8×8 pattern tiles drawn on top of class colours, generated on demand (no sprite to host). */
export function patternImage(id: string): { width: number; height: number; data: Uint8Array } & Partial<StyleImageMetadata> | undefined {
  const test = Object.hasOwn(PATTERNS, id) ? PATTERNS[id] : undefined;
  if (!test) return undefined;
  const data = new Uint8Array(SIZE * SIZE * 4);
  for (let y = 0; y < SIZE; y++) for (let x = 0; x < SIZE; x++) if (test(x, y)) data.set(INK, (y * SIZE + x) * 4);
  return { width: SIZE, height: SIZE, data };
}
