// The national tiles archive as the browser reads it: by HTTP Range requests to the preview server (dist/).
import { describe, expect, inject, it } from 'vitest';
import { PMTiles } from 'pmtiles';
import { TILES_ARCHIVE, tilesArchiveUrl } from '../../src/core/tiles.ts';

describe('national tiles served by vite preview', () => {
  const url = tilesArchiveUrl(undefined, inject('baseUrl'));

  it('answers a Range request with 206 and only the bytes asked for', async () => {
    const response = await fetch(url, { headers: { Range: 'bytes=0-16383' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toMatch(/^bytes 0-16383\/\d+$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(bytes.length).toBe(16_384);
    expect(new TextDecoder().decode(bytes.slice(0, 7))).toBe('PMTiles');
  });

  it('is read by the pmtiles package over HTTP: header, metadata and a tile of Paris', async () => {
    const archive = new PMTiles(url);
    const header = await archive.getHeader();
    expect(header.maxZoom).toBeGreaterThanOrEqual(8);
    const metadata = (await archive.getMetadata()) as { vector_layers: Array<{ id: string }> };
    expect(metadata.vector_layers.map((l) => l.id)).toEqual(['communes', 'departements', 'places']);
    // Paris is in tile 8/129/88.
    const tile = await archive.getZxy(8, 129, 88);
    expect(tile?.data.byteLength).toBeGreaterThan(1000);
    expect(url.endsWith(TILES_ARCHIVE)).toBe(true);
  });
});
