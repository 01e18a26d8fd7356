// The pmtiles:// protocol of MapLibre, registered once with the national archive, whose metadata (where each
// département is) frames the national map; imported dynamically so that the pmtiles reader stays out of the
// initial application JS.
import { addProtocol } from 'maplibre-gl';
import { FetchSource, PMTiles, Protocol, type RangeResponse } from 'pmtiles';
import { pmtilesSourceUrl } from '../../core/tiles.ts';
import { HEADER_BYTES, archiveUrl, takeTilesHeader } from './tiles-prefetch.ts';
import type { DepartementView } from './national.ts';

/** The archive over HTTP ranges, its first read served by the start-up prefetch (tiles-prefetch.ts). */
class PrefetchedSource extends FetchSource {
  override async getBytes(offset: number, length: number, signal?: AbortSignal, etag?: string): Promise<RangeResponse> {
    const early = offset === 0 && length === HEADER_BYTES ? takeTilesHeader(this.url) : undefined;
    const response = early && (await early.catch(() => undefined));
    // Only a range answer will do: a server that ignores ranges sends the whole archive, left unread.
    if (response?.status === 206) {
      const tag = response.headers.get('etag');
      return {
        data: await response.arrayBuffer(),
        etag: tag && !tag.startsWith('W/') ? tag : undefined,
        cacheControl: response.headers.get('cache-control') ?? undefined,
        expires: response.headers.get('expires') ?? undefined,
      };
    }
    void response?.body?.cancel();
    return super.getBytes(offset, length, signal, etag);
  }
}

/** A vector source of the national tiles, with its zooms and bounds: MapLibre then needs no TileJSON round trip. */
export interface NationalTiles {
  tiles: string[];
  minzoom: number;
  maxzoom: number;
  bounds: [number, number, number, number];
}

let archive: PMTiles | undefined;
let tiles: Promise<NationalTiles> | undefined;
let views: Promise<DepartementView[]> | undefined;

/** The national archive, its protocol registered once: one reader for MapLibre and the metadata (the header is read once). */
function open(): PMTiles {
  if (!archive) {
    archive = new PMTiles(new PrefetchedSource(archiveUrl()));
    const protocol = new Protocol();
    protocol.add(archive);
    addProtocol('pmtiles', protocol.tile);
  }
  return archive;
}

/** The source's tile URLs, zooms and bounds, read from the archive's header. */
export function nationalTiles(): Promise<NationalTiles> {
  tiles ??= (async () => {
    const a = open();
    const h = await a.getHeader();
    return { tiles: [`${pmtilesSourceUrl(a.source.getKey())}/{z}/{x}/{y}`], minzoom: h.minZoom, maxzoom: h.maxZoom, bounds: [h.minLon, h.minLat, h.maxLon, h.maxLat] };
  })();
  return tiles;
}

/** Each département's box, from the archive's metadata. */
export function nationalTilesViews(): Promise<DepartementView[]> {
  views ??= open().getMetadata().then((m) => ((m as { departements?: DepartementView[] }).departements ?? []));
  views.catch(() => (views = undefined));
  return views;
}
