// npm run build:geo — builds public/geo/<territory>.topojson and public/geo/manifest.json from the
// official contours in GEO_SRC (default ../shared/geo). Output is byte-identical from the same inputs.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { assignGeometries, buildTopology, type SourceFeature, type SimplifyOptions } from '../src/core/geometry.ts';
import { ROOT, cogInfo, loadCog, loadTerritories, writeOutput } from './lib/inputs.ts';
import { paths } from './lib/paths.ts';

/** Chosen by measurement (see README): removes near-collinear vertices only, ~5 m grid. */
export const SIMPLIFY: SimplifyOptions = { minWeight: 1e-6, step: 5e-5 };

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const gzipBytes = (b: Buffer) => zlib.gzipSync(b, { level: 9 }).length;

export interface BuildGeoOptions {
  src: string;
  out: string;
}

export function buildGeo({ src, out }: BuildGeoOptions): { manifest: unknown; timings: Record<string, number> } {
  const cog = loadCog();
  const cogEdition = cogInfo();
  const territories = loadTerritories();
  const inputs = new Map<string, { bytes: number; sha256: string; gzipBytes: number }>();
  const timings: Record<string, number> = {};
  const results = [];
  for (const territory of territories) {
    const started = performance.now();
    const communes = cog.select(territory.selection);
    const departements = [...new Set(communes.map((c) => c.departement ?? ''))].sort();
    const source: SourceFeature[] = [];
    for (const dep of departements) {
      const file = path.join(src, 'communes', `communes-${dep}.geojson`);
      if (!fs.existsSync(file)) throw new Error(`Contours introuvables : ${file} (réglez GEO_SRC vers le dossier des contours).`);
      const raw = fs.readFileSync(file);
      inputs.set(`communes/communes-${dep}.geojson`, { bytes: raw.length, sha256: sha256(raw), gzipBytes: gzipBytes(raw) });
      source.push(...(JSON.parse(raw.toString('utf8')).features as SourceFeature[]));
    }
    // Every polygon of the département files must map to a current commune, not only the selected ones.
    const { shapes, errors } = assignGeometries(source, cog, communes);
    if (errors.length) throw new Error(`Territoire ${territory.id} :\n- ${errors.join('\n- ')}`);
    const selected = new Set(communes.map((c) => c.code));
    const topo = buildTopology(shapes.filter((s) => selected.has(s.code)), SIMPLIFY);
    const text = JSON.stringify(topo);
    const bytes = writeOutput(path.join(out, `${territory.id}.topojson`), text);
    timings[territory.id] = performance.now() - started;
    results.push({
      id: territory.id,
      file: `${territory.id}.topojson`,
      communes: shapes.length,
      merged: shapes
        .filter((s) => s.parts.length > 1 || s.parts[0].properties.code !== s.code)
        .map((s) => ({ code: s.code, nom: s.nom, from: s.parts.map((p) => p.properties.code) })),
      bytes: bytes.length,
      gzipBytes: gzipBytes(bytes),
      sha256: sha256(bytes),
      sourceGzipBytes: departements.reduce((sum, d) => sum + inputs.get(`communes/communes-${d}.geojson`)!.gzipBytes, 0),
    });
  }
  const manifest = {
    $comment: 'Généré par npm run build:geo — ne pas modifier à la main.',
    source: {
      name: 'IGN ADMIN EXPRESS COG 2018, via france-geojson (gregoiredavid/france-geojson, commit 5d34ee6)',
      licence: 'Licence Ouverte / Open Licence (Etalab)',
      attribution: 'Contours : IGN ADMIN EXPRESS COG 2018 — Licence Ouverte',
      files: Object.fromEntries([...inputs.entries()].sort(([a], [b]) => (a < b ? -1 : 1))),
    },
    cog: cogEdition,
    processing: {
      format: 'TopoJSON (objets « communes » et « outline »)',
      mergedCommunes: 'union des polygones des anciennes communes (anciens codes du COG), par fusion des arcs partagés',
      simplification: `Visvalingam, aire minimale ${SIMPLIFY.minWeight} degré² (plan)`,
      quantization: `grille de ${SIMPLIFY.step} degré`,
    },
    territories: results,
  };
  writeOutput(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return { manifest, timings };
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const { geoSrc: src, geoOut: out } = paths();
  try {
    const { manifest } = buildGeo({ src, out });
    for (const t of (manifest as { territories: Array<{ id: string; communes: number; bytes: number; gzipBytes: number }> }).territories) {
      console.log(`${t.id} : ${t.communes} communes, ${t.bytes} octets (${t.gzipBytes} gzip) → ${path.relative(ROOT, out)}/${t.id}.topojson`);
    }
  } catch (e) {
    console.error(`Échec de la construction des contours : ${(e as Error).message}`);
    process.exit(1);
  }
}
