// Images the map styles name but no sprite holds, drawn on demand for both maps (territory and national):
// hatching patterns of the classes, place names, movement and offer symbols.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { patternImage } from './zonage-style.ts';
import { placeIcon } from './place-labels.ts';
import { movementImage } from './movement-style.ts';
import { offerImage } from './offer-style.ts';

export function addMissingImage(map: MapLibreMap, id: string): void {
  if (map.hasImage(id)) return;
  const pattern = patternImage(id);
  if (pattern) {
    map.addImage(id, pattern);
    return;
  }
  const symbol = placeIcon(id) ?? movementImage(id) ?? offerImage(id);
  if (symbol) map.addImage(id, symbol.image, { pixelRatio: symbol.pixelRatio });
}
