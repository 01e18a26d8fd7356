// The national archive's first bytes (header and root directory), asked for at start-up together with the
// territory's data: the pmtiles reader, loaded later, takes them from here instead of asking again. Small,
// so that it can stay in the initial application JS.
import { tilesArchiveUrl } from '../../core/tiles.ts';

/** What the pmtiles reader asks for first (header and root directory). */
export const HEADER_BYTES = 16_384;

export const archiveUrl = (): string => tilesArchiveUrl(import.meta.env.VITE_TILES_URL as string | undefined, document.baseURI);

let prefetched: { url: string; response: Promise<Response> } | undefined;
let started = false;

export function prefetchTilesHeader(): void {
  if (started) return;
  started = true;
  const url = archiveUrl();
  prefetched = { url, response: fetch(url, { headers: { range: `bytes=0-${HEADER_BYTES - 1}` } }) };
  prefetched.response.catch(() => {}); // the reader asks again and reports
}

/** The prefetched response of `url`, once; afterwards the reader goes to the network. */
export function takeTilesHeader(url: string): Promise<Response> | undefined {
  if (prefetched?.url !== url) return undefined;
  const { response } = prefetched;
  prefetched = undefined;
  return response;
}
