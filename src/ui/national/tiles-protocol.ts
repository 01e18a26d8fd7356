// The pmtiles:// protocol of MapLibre, registered once with the national archive, whose metadata (where each
// département is) frames the map; imported dynamically so that the pmtiles reader stays out of the initial
// application JS.
import { addProtocol } from 'maplibre-gl';
import { PMTiles, Protocol } from 'pmtiles';
import { pmtilesSourceUrl, tilesArchiveUrl } from '../../core/tiles.ts';
import type { DepartementView } from './national.ts';

let archive: { url: string; tiles: PMTiles; views?: Promise<DepartementView[]> } | undefined;

function open() {
  if (!archive) {
    const url = tilesArchiveUrl(import.meta.env.VITE_TILES_URL as string | undefined, document.baseURI);
    const protocol = new Protocol();
    // One reader for MapLibre and the metadata: the archive's header is fetched once.
    const tiles = new PMTiles(url);
    protocol.add(tiles);
    addProtocol('pmtiles', protocol.tile);
    archive = { url, tiles };
  }
  return archive;
}

/** Registers the protocol (once) and returns the MapLibre source URL of the national archive. */
export function nationalTilesUrl(): string {
  return pmtilesSourceUrl(open().url);
}

/** Each département's box, from the archive's metadata. */
export function nationalTilesViews(): Promise<DepartementView[]> {
  const a = open();
  a.views ??= a.tiles.getMetadata().then((m) => ((m as { departements?: DepartementView[] }).departements ?? []));
  a.views.catch(() => (a.views = undefined));
  return a.views;
}
