// The pmtiles:// protocol of MapLibre, registered once; imported dynamically so that the pmtiles reader
// stays out of the initial application JS.
import { addProtocol } from 'maplibre-gl';
import { Protocol } from 'pmtiles';
import { pmtilesSourceUrl, tilesArchiveUrl } from '../../core/tiles.ts';

let registered = false;

/** Registers the protocol (once) and returns the MapLibre source URL of the national archive. */
export function nationalTilesUrl(): string {
  if (!registered) {
    addProtocol('pmtiles', new Protocol().tile);
    registered = true;
  }
  return pmtilesSourceUrl(tilesArchiveUrl(import.meta.env.VITE_TILES_URL as string | undefined, document.baseURI));
}
