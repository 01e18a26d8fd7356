// Indicator classes as a MapLibre style: one `match` branch per class listing its codes (the style stays small).
import type { ExpressionSpecification } from 'maplibre-gl';
import type { LayerClass } from '../../core/indicators/layers.ts';
import type { ZonageStyle } from '../map/zonage-style.ts';

export function classMatch(classes: LayerClass[], value: (k: LayerClass) => string, fallback: string): ExpressionSpecification {
  const branches = classes.filter((k) => k.codes.length).flatMap((k) => [k.codes, value(k)]);
  return (branches.length ? ['match', ['get', 'code'], ...branches, fallback] : ['match', ['get', 'code'], '', fallback, fallback]) as unknown as ExpressionSpecification;
}

export const classFill = (classes: LayerClass[]) => classMatch(classes, (k) => k.color, '#ffffff');
export const classPattern = (classes: LayerClass[]) => classMatch(classes, (k) => (k.pattern ? `motif-${k.pattern}` : ''), '');

export function indicatorStyle(classes: LayerClass[]): ZonageStyle {
  return { fill: classFill(classes), pattern: classPattern(classes), ruled: { type: 'FeatureCollection', features: [] } };
}
