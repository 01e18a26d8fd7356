import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Compression, PMTiles, SharedPromiseCache, type Source } from 'pmtiles';
import { gunzipSync } from 'fflate';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { gzip, writePmtiles, type PmtilesTile } from '../../scripts/lib/pmtiles-writer.ts';
import { buildTiles, buildTilesIfChanged, MAX_ZOOM } from '../../scripts/build-tiles.ts';
import { loadCog } from '../../scripts/lib/inputs.ts';
import { COMMUNES_MINZOOM, TILE_LAYERS, placeMinZoom, pmtilesSourceUrl, tilesArchiveUrl } from '../../src/core/tiles.ts';
import { paths } from '../../scripts/lib/paths.ts';

const GEO_SRC = paths().geoSrc;

/** The archive as a pmtiles source, read by byte ranges like a browser over HTTP. */
const memorySource = (bytes: Uint8Array): Source => ({
  getKey: () => 'memory',
  getBytes: async (offset: number, length: number) => ({ data: bytes.slice(offset, offset + length).buffer }),
});

/** fflate rather than the stream API: the same bytes, much faster for thousands of tiles. */
const gunzip = async (data: ArrayBuffer, compression: Compression): Promise<ArrayBuffer> =>
  compression === Compression.Gzip ? (gunzipSync(new Uint8Array(data)).buffer as ArrayBuffer) : data;
const open = (bytes: Uint8Array) => new PMTiles(memorySource(bytes), new SharedPromiseCache(100, true, gunzip), gunzip);

const options = { tileCompression: 2 as const, tileType: 1 as const, minZoom: 0, maxZoom: 14, bounds: [-5, 41, 10, 51] as [number, number, number, number], center: [2, 46, 5] as [number, number, number], metadata: { name: 'essai' } };

/** Every tile of zoom z in a square of side n, content depending on (x, y) modulo `distinct`. */
function grid(z: number, n: number, distinct: number): PmtilesTile[] {
  const tiles: PmtilesTile[] = [];
  for (let x = 0; x < n; x++) for (let y = 0; y < n; y++) tiles.push({ z, x, y, data: gzip(new TextEncoder().encode(`tuile ${(x * n + y) % distinct}`)) });
  return tiles;
}

describe('writePmtiles, read back by the pmtiles package', () => {
  it.each([
    { name: 'a root directory only', tiles: [{ z: 0, x: 0, y: 0, data: gzip(new Uint8Array([1, 2, 3])) }, ...grid(3, 6, 36)], leaves: false },
    // Over 16 KiB of directory once gzipped: leaf directories; repeated contents stored once.
    { name: 'leaf directories and shared contents', tiles: grid(14, 200, 30_000), leaves: true },
    { name: 'runs of identical tiles', tiles: grid(10, 64, 1), leaves: false },
  ])('$name', async ({ tiles, leaves }) => {
    const archive = writePmtiles([...tiles].reverse(), options);
    const reader = open(archive);
    const header = await reader.getHeader();
    expect(header).toMatchObject({ specVersion: 3, numAddressedTiles: tiles.length, clustered: true, tileCompression: 2, tileType: 1, minZoom: 0, maxZoom: 14, minLon: -5, maxLat: 51, centerZoom: 5 });
    expect((header.leafDirectoryLength ?? 0) > 0).toBe(leaves);
    expect(header.numTileContents).toBe(new Set(tiles.map((t) => Buffer.from(t.data).toString('hex'))).size);
    expect(header.rootDirectoryOffset + header.rootDirectoryLength).toBeLessThanOrEqual(16_384);
    for (const t of tiles) {
      const got = await reader.getZxy(t.z, t.x, t.y);
      expect(new Uint8Array(got!.data)).toEqual(gunzipSync(t.data));
    }
    const last = tiles[tiles.length - 1].z;
    expect(await reader.getZxy(last, 2 ** last - 1, 2 ** last - 1)).toBeUndefined();
    expect(await reader.getMetadata()).toEqual({ name: 'essai' });
  }, 60_000);

  it('refuses the same tile twice', () => {
    expect(() => writePmtiles([...grid(1, 2, 4), ...grid(1, 1, 1)], options)).toThrow(/Tuile en double/);
  });
});

describe('placeMinZoom', () => {
  it.each([
    { rank: 1, population: 800, z: 5 },
    { rank: 3, population: 150_000, z: 5 },
    { rank: 2, population: 3_000, z: 7 },
    { rank: 3, population: 25_000, z: 7 },
    { rank: 3, population: 6_000, z: 8 },
    { rank: 3, population: 2_000, z: 9 },
    { rank: 3, population: 600, z: 10 },
    { rank: 3, population: 40, z: 11 },
  ])('rank $rank, $population inhabitants → zoom $z (capped by the max zoom)', ({ rank, population, z }) => {
    expect(placeMinZoom(rank, population, 14)).toBe(z);
    expect(placeMinZoom(rank, population, 9)).toBe(Math.min(z, 9));
  });
});

describe('tilesArchiveUrl', () => {
  it.each([
    { configured: undefined, base: 'https://exemple.fr/app/index.html', url: 'https://exemple.fr/app/tiles/france.pmtiles' },
    { configured: '  ', base: 'http://127.0.0.1:4173/', url: 'http://127.0.0.1:4173/tiles/france.pmtiles' },
    { configured: 'https://cdn.exemple.fr/v3/france.pmtiles', base: 'https://exemple.fr/', url: 'https://cdn.exemple.fr/v3/france.pmtiles' },
    { configured: '/cartes/france.pmtiles', base: 'https://exemple.fr/app/', url: 'https://exemple.fr/cartes/france.pmtiles' },
  ])('$configured from $base → $url', ({ configured, base, url }) => {
    expect(tilesArchiveUrl(configured, base)).toBe(url);
    expect(pmtilesSourceUrl(url)).toBe(`pmtiles://${url}`);
  });
});

// One département (Maine-et-Loire: many communes nouvelles) — the national build runs in npm run bench.
describe('buildTiles on one département', () => {
  const first = buildTiles({ src: GEO_SRC, departements: ['49'] });

  it('is byte-identical from one build to the next', () => {
    const second = buildTiles({ src: GEO_SRC, departements: ['49'] });
    expect(Buffer.from(second.archive).equals(Buffer.from(first.archive))).toBe(true);
  }, 60_000);

  it('holds every current commune once, merged, with its properties, and every tile reads back', async () => {
    const cog = loadCog();
    const expected = [...cog.current.values()].filter((c) => c.departement === '49');
    const reader = open(first.archive);
    const header = await reader.getHeader();
    expect(header.numAddressedTiles).toBe(first.tiles.length);
    expect(header.maxZoom).toBe(MAX_ZOOM);
    const atMaxZoom = new Map<string, Record<string, unknown>>();
    const placesByZoom = new Map<number, Set<string>>();
    for (const t of first.tiles) {
      const got = await reader.getZxy(t.z, t.x, t.y);
      const tile = new VectorTile(new PbfReader(new Uint8Array(got!.data)));
      const communes = tile.layers[TILE_LAYERS.communes];
      expect(communes === undefined).toBe(t.z < COMMUNES_MINZOOM);
      if (t.z === MAX_ZOOM && communes)
        for (let i = 0; i < communes.length; i++) atMaxZoom.set(communes.feature(i).properties.code as string, communes.feature(i).properties);
      const places = tile.layers[TILE_LAYERS.places];
      for (let i = 0; i < (places?.length ?? 0); i++) {
        const p = places.feature(i).properties;
        expect(p.minzoom).toBeLessThanOrEqual(t.z);
        if (p.kind === 'commune') placesByZoom.set(t.z, (placesByZoom.get(t.z) ?? new Set()).add(p.code as string));
      }
    }
    expect([...atMaxZoom.keys()].sort()).toEqual(expected.map((c) => c.code).sort());
    // Beaupréau-en-Mauges: ten former communes, one feature under the current code.
    expect(atMaxZoom.get('49023')).toEqual({ code: '49023', nom: 'Beaupréau-en-Mauges', population: cog.current.get('49023')!.population, departement: '49' });
    // Angers (préfecture) is named from zoom 5; every commune at the max zoom; more names as one zooms in.
    expect(placesByZoom.get(5)?.has('49007')).toBe(true);
    expect(placesByZoom.get(MAX_ZOOM)?.size).toBe(expected.length);
    expect(placesByZoom.get(7)!.size).toBeLessThan(placesByZoom.get(9)!.size);
  }, 60_000);
});

describe('buildTilesIfChanged', () => {
  it('rebuilds only when an input changes, or when forced', () => {
    const src = fs.mkdtempSync(path.join(os.tmpdir(), 'tiles-src-'));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'tiles-out-'));
    fs.mkdirSync(path.join(src, 'communes'));
    const file = path.join(src, 'communes', 'communes-976.geojson');
    fs.copyFileSync(path.join(GEO_SRC, 'communes', 'communes-976.geojson'), file);
    expect(buildTilesIfChanged({ src, out }).built).toBe(true);
    const { built, manifest } = buildTilesIfChanged({ src, out });
    expect(built).toBe(false);
    expect(manifest.counts.communes).toBe(17);
    expect(manifest.withoutContours.some((c) => c.code === '97502')).toBe(true);
    expect(buildTilesIfChanged({ src, out, force: true }).built).toBe(true);
    // Same content, other bytes: the checksum changes, so the archive is rebuilt.
    fs.appendFileSync(file, '\n');
    expect(buildTilesIfChanged({ src, out }).built).toBe(true);
    // The archive edited by hand no longer matches its manifest.
    fs.appendFileSync(path.join(out, 'france.pmtiles'), 'x');
    expect(buildTilesIfChanged({ src, out }).built).toBe(true);
    fs.rmSync(src, { recursive: true });
    fs.rmSync(out, { recursive: true });
  }, 60_000);
});
