// npm run build:tiles — cuts every current commune of France (the départements with contours in GEO_SRC,
// default ../shared/geo: metropolitan and 971–976) into vector tiles, with département outlines and place
// labels, as one PMTiles archive public/tiles/france.pmtiles and its manifest. Rebuilt only when the
// inputs' checksums change (--force to rebuild anyway); byte-identical from the same inputs.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { feature as topoFeature } from 'topojson-client';
import { GeoJSONVT, type GeoJSONVTTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import polylabel from 'polylabel';
import { assignGeometries, buildTopology, type CommuneShape, type SourceFeature } from '../src/core/geometry.ts';
import {
  COMMUNES_MINZOOM,
  DEPARTEMENT_LABEL_MINZOOM,
  TILE_LAYERS,
  TILES_ARCHIVE,
  TILES_MANIFEST,
  placeMinZoom,
  type CommuneTileProperties,
  type DepartementTileProperties,
  type PlaceTileProperties,
} from '../src/core/tiles.ts';
import { SIMPLIFY } from './build-geo.ts';
import { ROOT, cogInfo, loadCog, writeOutput } from './lib/inputs.ts';
import { gzip, writePmtiles, type PmtilesTile } from './lib/pmtiles-writer.ts';
import { paths } from './lib/paths.ts';

const require = createRequire(import.meta.url);

/**
 * Chosen by measurement (npm run bench): zoom 10 keeps the national archive at about 20 MB (zoom 11 alone would
 * add 9 MB). MapLibre overzooms the zoom-10 tiles beyond: their grid (~7 m) is that of the contours (5e-5°).
 */
export const MAX_ZOOM = 10;
const EXTENT = 4096;
/** geojson-vt simplification, in tile units: 5/4096 of a 512-pixel tile is 0.6 pixel (the default 3 gives a 10 % larger archive). */
const TOLERANCE = 5;
/** Code that shapes the archive: a change rebuilds it even when the contours did not change. */
const BUILD_FILES = ['scripts/build-tiles.ts', 'scripts/lib/pmtiles-writer.ts', 'src/core/tiles.ts', 'src/core/geometry.ts', 'scripts/build-geo.ts'];
const TOOLS = ['@maplibre/geojson-vt', '@maplibre/vt-pbf', 'fflate', 'polylabel', 'topojson-server', 'topojson-simplify', 'topojson-client'];

const sha256 = (b: Uint8Array | string) => crypto.createHash('sha256').update(b).digest('hex');
const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

export interface BuildTilesOptions {
  /** Folder of the contours (communes/communes-DD.geojson). */
  src: string;
  /** Only these départements (tests); all the files of src/communes by default. */
  departements?: string[];
  maxZoom?: number;
}

/** Départements with a contour file, in code order. */
export function contourDepartements(src: string): string[] {
  const dir = path.join(src, 'communes');
  if (!fs.existsSync(dir)) throw new Error(`Contours introuvables : ${dir} (réglez GEO_SRC vers le dossier des contours).`);
  return fs
    .readdirSync(dir)
    .map((f) => /^communes-(\w+)\.geojson$/.exec(f)?.[1])
    .filter((d): d is string => !!d)
    .sort();
}

/** What the archive is built from: contour files and their checksums, COG edition, tools, build code. */
export function tileInputs(src: string, departements = contourDepartements(src)) {
  const files: Record<string, { bytes: number; sha256: string }> = {};
  for (const d of departements) {
    const raw = fs.readFileSync(path.join(src, 'communes', `communes-${d}.geojson`));
    files[`communes/communes-${d}.geojson`] = { bytes: raw.length, sha256: sha256(raw) };
  }
  const version = (t: string) => (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', t, 'package.json'), 'utf8')) as { version: string }).version;
  const tools = Object.fromEntries(TOOLS.map((t) => [t, version(t)]));
  const build = Object.fromEntries(BUILD_FILES.map((f) => [f, sha256(fs.readFileSync(path.join(ROOT, f)))]));
  const inputs = { files, cog: cogInfo(), tools, build, maxZoom: MAX_ZOOM };
  return { ...inputs, sha256: sha256(JSON.stringify(inputs)) };
}

type Ring = Position[];

/** Largest polygon of a (Multi)Polygon by planar area: where a label goes. */
function largestPolygon(geometry: Polygon | MultiPolygon): Ring[] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const area = (ring: Ring) => Math.abs(ring.reduce((s, [x, y], i) => s + (i ? ring[i - 1][0] * y - x * ring[i - 1][1] : 0), 0));
  return polygons.reduce((best, p) => (area(p[0]) > area(best[0]) ? p : best));
}

/** Label point: pole of inaccessibility of the largest polygon, rounded like the source (5 decimals). */
function labelPoint(geometry: Polygon | MultiPolygon, precision: number): [number, number] {
  const [x, y] = polylabel(largestPolygon(geometry) as Array<Array<[number, number]>>, precision);
  return [Math.round(x * 1e5) / 1e5, Math.round(y * 1e5) / 1e5];
}

/** A commune nouvelle is named where its chef-lieu was: the former commune that kept the code, else the largest. */
function communeLabelPoint(shape: CommuneShape): [number, number] {
  const own = shape.parts.find((p) => p.properties.code === shape.code) ?? shape.parts[0];
  const geometries = shape.parts.map((p) => p.geometry).filter((g): g is Polygon | MultiPolygon => g.type === 'Polygon' || g.type === 'MultiPolygon');
  const chosen = own.geometry.type === 'Polygon' || own.geometry.type === 'MultiPolygon' ? own.geometry : geometries[0];
  return labelPoint(chosen, 1e-3);
}

function bboxOf(geometry: MultiPolygon): [number, number, number, number] {
  const b: [number, number, number, number] = [180, 90, -180, -90];
  for (const polygon of geometry.coordinates)
    for (const [x, y] of polygon[0]) {
      b[0] = Math.min(b[0], x);
      b[1] = Math.min(b[1], y);
      b[2] = Math.max(b[2], x);
      b[3] = Math.max(b[3], y);
    }
  return b.map((v) => Math.round(v * 1e5) / 1e5) as [number, number, number, number];
}

export interface TileFeatures {
  communes: Array<Feature<MultiPolygon, CommuneTileProperties>>;
  departements: Array<Feature<MultiPolygon, DepartementTileProperties>>;
  places: Array<Feature<{ type: 'Point'; coordinates: [number, number] }, PlaceTileProperties>>;
  /** Current communes of the COG whose département has no contour file (listed in the manifest). */
  withoutContours: Array<{ code: string; nom: string; departement: string; raison: string }>;
  departementViews: Array<{ code: string; nom: string; bbox: [number, number, number, number] }>;
}

/** Current communes (merged as the territory build merges them), département outlines, label points. */
export function tileFeatures(src: string, departements: string[], maxZoom: number): TileFeatures {
  const cog = loadCog();
  const chosen = new Set(departements);
  const source: SourceFeature[] = [];
  for (const d of departements) {
    const file = path.join(src, 'communes', `communes-${d}.geojson`);
    if (!fs.existsSync(file)) throw new Error(`Contours introuvables : ${file} (réglez GEO_SRC vers le dossier des contours).`);
    source.push(...(JSON.parse(fs.readFileSync(file, 'utf8')).features as SourceFeature[]));
  }
  const current = [...cog.current.values()].sort(byCode);
  // A commune restored since 2018 (split again from a commune nouvelle) has no polygon of its own in the 2018
  // source: it stays inside the polygon of the commune it left, and the manifest lists it.
  const covered = new Set(source.map((f) => cog.currentCodeOf(String(f.properties?.code ?? ''))));
  const inScope = current.filter((c) => chosen.has(c.departement ?? ''));
  const selected = inScope.filter((c) => covered.has(c.code));
  // Every source polygon must map to a current commune.
  const { shapes, errors } = assignGeometries(source, cog, selected);
  if (errors.length) throw new Error(`Tuiles nationales :\n- ${errors.join('\n- ')}`);

  const departementInfo = new Map((require('@etalab/decoupage-administratif/data/departements.json') as Array<{ code: string; nom: string; chefLieu: string }>).map((d) => [d.code, d]));
  const arrondissementSeats = new Set((require('@etalab/decoupage-administratif/data/arrondissements.json') as Array<{ chefLieu: string }>).map((a) => a.chefLieu));
  const prefectures = new Set([...departementInfo.values()].map((d) => d.chefLieu));

  const out: TileFeatures = { communes: [], departements: [], places: [], withoutContours: [], departementViews: [] };
  out.withoutContours = [
    ...current
      .filter((c) => !chosen.has(c.departement ?? ''))
      .map((c) => ({ code: c.code, nom: c.nom, departement: c.departement ?? '', raison: 'département sans fichier de contours' })),
    ...inScope
      .filter((c) => !covered.has(c.code))
      .map((c) => ({ code: c.code, nom: c.nom, departement: c.departement ?? '', raison: 'aucun contour 2018 sous ce code ni ses anciens codes (commune rétablie depuis 2018 : son territoire reste dans le contour de la commune qu’elle a quittée)' })),
  ];
  const shapesByDep = new Map<string, CommuneShape[]>();
  for (const s of shapes) {
    const dep = cog.current.get(s.code)!.departement!;
    shapesByDep.set(dep, [...(shapesByDep.get(dep) ?? []), s]);
  }
  for (const dep of [...shapesByDep.keys()].sort()) {
    const depShapes = shapesByDep.get(dep)!;
    // The territory build's topology, per département: shared borders, merged communes, the outline.
    const topo = buildTopology(depShapes, SIMPLIFY);
    const communes = (topoFeature(topo, topo.objects.communes) as unknown as { features: Array<Feature<MultiPolygon, { code: string; nom: string }>> }).features;
    for (const f of communes) {
      const c = cog.current.get(f.properties.code)!;
      out.communes.push({
        type: 'Feature',
        properties: { code: c.code, nom: c.nom, population: c.population ?? 0, departement: dep },
        geometry: f.geometry,
      });
    }
    const outline = (topoFeature(topo, topo.objects.outline) as unknown as { features: Array<Feature<MultiPolygon>> }).features[0].geometry;
    const nom = departementInfo.get(dep)?.nom ?? dep;
    out.departements.push({ type: 'Feature', properties: { code: dep, nom }, geometry: outline });
    out.departementViews.push({ code: dep, nom, bbox: bboxOf(outline) });
    out.places.push({
      type: 'Feature',
      properties: { kind: 'departement', code: dep, nom, rank: 0, population: 0, minzoom: DEPARTEMENT_LABEL_MINZOOM },
      geometry: { type: 'Point', coordinates: labelPoint(outline, 1e-2) },
    });
    for (const s of depShapes) {
      const population = cog.current.get(s.code)!.population ?? 0;
      const rank = prefectures.has(s.code) ? 1 : arrondissementSeats.has(s.code) ? 2 : 3;
      out.places.push({
        type: 'Feature',
        properties: { kind: 'commune', code: s.code, nom: s.nom, rank, population, minzoom: placeMinZoom(rank, population, maxZoom) },
        geometry: { type: 'Point', coordinates: communeLabelPoint(s) },
      });
    }
  }
  return out;
}

export interface TilesResult {
  archive: Uint8Array;
  /** Every tile written (gzipped MVT), for the tests that read them back. */
  tiles: PmtilesTile[];
  tilesByZoom: number[];
  /** Gzipped tile bytes per zoom. */
  bytesByZoom: number[];
  features: TileFeatures;
  bounds: [number, number, number, number];
  timings: { features: number; tiles: number; archive: number };
}

/** Cuts the features into tiles z0…maxZoom and writes the archive (in memory). */
export function buildTiles({ src, departements = contourDepartements(src), maxZoom = MAX_ZOOM }: BuildTilesOptions): TilesResult {
  const t0 = performance.now();
  const features = tileFeatures(src, departements, maxZoom);
  const t1 = performance.now();
  const options = { maxZoom, indexMaxZoom: 5, indexMaxPoints: 100_000, tolerance: TOLERANCE, extent: EXTENT, buffer: 64 };
  const indexes = {
    [TILE_LAYERS.communes]: new GeoJSONVT({ type: 'FeatureCollection', features: features.communes }, options),
    [TILE_LAYERS.departements]: new GeoJSONVT({ type: 'FeatureCollection', features: features.departements }, options),
    [TILE_LAYERS.places]: new GeoJSONVT({ type: 'FeatureCollection', features: features.places }, options),
  };
  const tiles: PmtilesTile[] = [];
  const tilesByZoom: number[] = Array.from({ length: maxZoom + 1 }, () => 0);
  const bytesByZoom: number[] = Array.from({ length: maxZoom + 1 }, () => 0);
  // Depth first from 0/0/0: a tile's children are visited only where some layer has features.
  const visit = (z: number, x: number, y: number) => {
    const layers: Record<string, GeoJSONVTTile> = {};
    let any = false;
    for (const [name, index] of Object.entries(indexes)) {
      const tile = index.getTile(z, x, y);
      if (!tile) continue;
      any = true;
      const kept =
        name === TILE_LAYERS.places ? tile.features.filter((f) => (f.tags as PlaceTileProperties).minzoom <= z)
        : name === TILE_LAYERS.communes && z < COMMUNES_MINZOOM ? []
        : tile.features;
      if (kept.length) layers[name] = { ...tile, features: kept } as GeoJSONVTTile;
    }
    if (!any) return;
    if (Object.keys(layers).length) {
      const data = gzip(fromGeojsonVt(layers, { version: 2, extent: EXTENT }));
      tiles.push({ z, x, y, data });
      tilesByZoom[z]++;
      bytesByZoom[z] += data.length;
    }
    if (z < maxZoom) for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]]) visit(z + 1, 2 * x + dx, 2 * y + dy);
  };
  visit(0, 0, 0);
  const t2 = performance.now();

  const bounds = features.departementViews.reduce<[number, number, number, number]>(
    (b, d) => [Math.min(b[0], d.bbox[0]), Math.min(b[1], d.bbox[1]), Math.max(b[2], d.bbox[2]), Math.max(b[3], d.bbox[3])],
    [180, 90, -180, -90],
  );
  // Centre on metropolitan France when it is there (the overseas départements widen the bounds).
  const metro = features.departementViews.filter((d) => d.code.length === 2);
  const around = metro.length ? metro : features.departementViews;
  const cx = (Math.min(...around.map((d) => d.bbox[0])) + Math.max(...around.map((d) => d.bbox[2]))) / 2;
  const cy = (Math.min(...around.map((d) => d.bbox[1])) + Math.max(...around.map((d) => d.bbox[3]))) / 2;
  const archive = writePmtiles(tiles, {
    tileCompression: 2,
    tileType: 1,
    minZoom: 0,
    maxZoom,
    bounds,
    center: [Math.round(cx * 1e5) / 1e5, Math.round(cy * 1e5) / 1e5, metro.length ? 5 : Math.min(8, maxZoom)],
    metadata: {
      name: 'Communes de France',
      description: 'Communes actuelles (COG), contours des départements et lieux nommés',
      attribution: 'Contours : IGN ADMIN EXPRESS COG 2018 — Licence Ouverte ; communes : INSEE, COG',
      version: '1',
      type: 'overlay',
      format: 'pbf',
      vector_layers: [
        { id: TILE_LAYERS.communes, minzoom: COMMUNES_MINZOOM, maxzoom: maxZoom, fields: { code: 'String', nom: 'String', population: 'Number', departement: 'String' } },
        { id: TILE_LAYERS.departements, minzoom: 0, maxzoom: maxZoom, fields: { code: 'String', nom: 'String' } },
        {
          id: TILE_LAYERS.places,
          minzoom: DEPARTEMENT_LABEL_MINZOOM,
          maxzoom: maxZoom,
          fields: { kind: 'String', code: 'String', nom: 'String', rank: 'Number', population: 'Number', minzoom: 'Number' },
        },
      ],
      // Where each département is: views and insets for the overseas ones.
      departements: features.departementViews,
    },
  });
  const t3 = performance.now();
  return { archive, tiles, tilesByZoom, bytesByZoom, features, bounds, timings: { features: t1 - t0, tiles: t2 - t1, archive: t3 - t2 } };
}

/** Builds public/tiles/france.pmtiles and its manifest unless the manifest says the inputs have not changed. */
export function buildTilesIfChanged({ src, out, force = false }: { src: string; out: string; force?: boolean }): { built: boolean; manifest: TilesManifest } {
  const inputs = tileInputs(src);
  const manifestFile = path.join(out, path.basename(TILES_MANIFEST));
  const archiveFile = path.join(out, path.basename(TILES_ARCHIVE));
  if (!force && fs.existsSync(manifestFile) && fs.existsSync(archiveFile)) {
    const previous = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as TilesManifest;
    if (previous.inputs.sha256 === inputs.sha256 && previous.archive.sha256 === sha256(fs.readFileSync(archiveFile))) {
      return { built: false, manifest: previous };
    }
  }
  const result = buildTiles({ src });
  writeOutput(archiveFile, Buffer.from(result.archive));
  const manifest: TilesManifest = {
    $comment: 'Généré par npm run build:tiles — ne pas modifier à la main.',
    source: {
      name: 'IGN ADMIN EXPRESS COG 2018, via france-geojson (gregoiredavid/france-geojson, commit 5d34ee6)',
      licence: 'Licence Ouverte / Open Licence (Etalab)',
      attribution: 'Contours : IGN ADMIN EXPRESS COG 2018 — Licence Ouverte',
    },
    inputs,
    processing: {
      mergedCommunes: 'union des polygones des anciennes communes (anciens codes du COG), comme npm run build:geo',
      tiling: `@maplibre/geojson-vt (tolérance 3, étendue ${EXTENT}), @maplibre/vt-pbf (MVT 2), tuiles gzip sans horodatage (fflate)`,
      places: 'point le plus intérieur (polylabel) ; zoom minimal selon chef-lieu et population (src/core/tiles.ts)',
    },
    archive: { file: path.basename(TILES_ARCHIVE), bytes: result.archive.length, sha256: sha256(result.archive) },
    zooms: { min: 0, max: MAX_ZOOM, overzoom: `au-delà du zoom ${MAX_ZOOM}, MapLibre agrandit les tuiles du zoom ${MAX_ZOOM}` },
    bounds: result.bounds,
    counts: {
      departements: result.features.departements.length,
      communes: result.features.communes.length,
      places: result.features.places.length,
      tiles: result.tiles.length,
      tilesByZoom: result.tilesByZoom,
      bytesByZoom: result.bytesByZoom,
    },
    withoutContours: result.features.withoutContours,
  };
  writeOutput(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
  return { built: true, manifest };
}

export interface TilesManifest {
  $comment: string;
  source: Record<string, string>;
  inputs: ReturnType<typeof tileInputs>;
  processing: Record<string, string>;
  archive: { file: string; bytes: number; sha256: string };
  zooms: { min: number; max: number; overzoom: string };
  bounds: [number, number, number, number];
  counts: { departements: number; communes: number; places: number; tiles: number; tilesByZoom: number[]; bytesByZoom: number[] };
  withoutContours: Array<{ code: string; nom: string; departement: string; raison: string }>;
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const src = paths().geoSrc;
  const out = paths().tilesOut ?? path.join(paths().publicDir, path.dirname(TILES_ARCHIVE));
  try {
    const started = performance.now();
    const { built, manifest } = buildTilesIfChanged({ src, out, force: process.argv.includes('--force') });
    const where = path.relative(ROOT, path.join(out, manifest.archive.file));
    const size = `${(manifest.archive.bytes / 1024 / 1024).toFixed(1)} Mo`;
    if (!built) console.log(`${where} est à jour (entrées inchangées, ${size}) ; --force pour reconstruire.`);
    else
      console.log(
        `${where} : ${manifest.counts.communes} communes, ${manifest.counts.departements} départements, ${manifest.counts.tiles} tuiles (zooms 0 à ${manifest.zooms.max}), ${size}, en ${((performance.now() - started) / 1000).toFixed(0)} s.`,
      );
    if (manifest.withoutContours.length)
      console.log(`Sans contours (hors tuiles) : ${manifest.withoutContours.length} communes (${[...new Set(manifest.withoutContours.map((c) => c.departement))].join(', ')}).`);
  } catch (e) {
    console.error(`Échec de la construction des tuiles : ${(e as Error).message}`);
    process.exit(1);
  }
}
