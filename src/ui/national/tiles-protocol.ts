// The pmtiles:// protocol of MapLibre, registered once; imported dynamically so that the pmtiles reader
// stays out of the initial application JS.
import { addProtocol } from 'maplibre-gl';
import { Compression, PMTiles, Protocol } from 'pmtiles';
import { gunzipSync } from 'fflate';
import { pmtilesSourceUrl, tilesArchiveUrl } from '../../core/tiles.ts';

let sourceUrl: string | undefined;

/**
 * Tiles of a few hundred kilobytes are inflated at once: the browser's DecompressionStream, pmtiles' default,
 * runs in many small tasks that wait behind every frame while the map is first drawn.
 */
async function decompress(data: ArrayBuffer, compression: Compression): Promise<ArrayBuffer> {
  if (compression === Compression.None || compression === Compression.Unknown) return data;
  if (compression !== Compression.Gzip) throw new Error(`compression ${compression} non prise en charge`);
  return gunzipSync(new Uint8Array(data)).buffer as ArrayBuffer;
}

/**
 * Registers the protocol (once) and returns the MapLibre source URL of the national archive. The archive's
 * header and root directory are requested at once, while the territory's own data is still on its way, so
 * that the map asks for its first tiles without that round trip.
 */
export function nationalTilesUrl(): string {
  if (!sourceUrl) {
    const protocol = new Protocol();
    const archive = new PMTiles(tilesArchiveUrl(import.meta.env.VITE_TILES_URL as string | undefined, document.baseURI), undefined, decompress);
    protocol.add(archive);
    archive.getHeader().catch(() => {}); // a failure shows when MapLibre asks again, as a missing context
    addProtocol('pmtiles', protocol.tile);
    sourceUrl = pmtilesSourceUrl(archive.source.getKey());
  }
  return sourceUrl;
}
