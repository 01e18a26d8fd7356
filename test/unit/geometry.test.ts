import { publicBundle } from '../../src/core/zonage/public-bundle.ts';
import { publicAsOf } from '../../scripts/lib/inputs.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { feature } from 'topojson-client';
import { area } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { Cog } from '../../src/core/communes.ts';
import { assignGeometries, buildTopology, type SourceFeature, type TerritoryTopology } from '../../src/core/geometry.ts';
import { buildGeo, SIMPLIFY } from '../../scripts/build-geo.ts';
import { buildCommunes } from '../../scripts/build-communes.ts';
import { buildZonageBundle } from '../../scripts/build-zonage.ts';
import { buildAidCatalogue } from '../../scripts/build-aids.ts';
import { ROOT } from '../../scripts/lib/inputs.ts';

const GEO_SRC = path.resolve(process.env.GEO_SRC ?? path.join(ROOT, '../shared/geo'));

const square = (code: string, nom: string, x: number, y: number): SourceFeature => ({
  type: 'Feature',
  properties: { code, nom },
  geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 0.1, y], [x + 0.1, y + 0.1], [x, y + 0.1], [x, y]]] },
});

// A tiny COG: 00001 absorbed 00002 (commune nouvelle); 00003 is a separate commune.
const tinyCog = new Cog(
  [
    { code: '00001', nom: 'Nouvelle', type: 'commune-actuelle', departement: '00', anciensCodes: ['00002'] },
    { code: '00003', nom: 'Voisine', type: 'commune-actuelle', departement: '00' },
  ],
  [],
);
const selected = [
  { code: '00001', nom: 'Nouvelle' },
  { code: '00003', nom: 'Voisine' },
];

function communesOf(topo: TerritoryTopology) {
  return (feature(topo, topo.objects.communes) as unknown as { features: Array<Feature<MultiPolygon, { code: string; nom: string }>> }).features;
}

describe('géométrie des communes actuelles', () => {
  it("une commune fusionnée est l'union de ses anciennes communes, d'un seul tenant", () => {
    const source = [square('00001', 'A', 0, 0), square('00002', 'B', 0.1, 0), square('00003', 'Voisine', 0.2, 0)];
    const { shapes, errors } = assignGeometries(source, tinyCog, selected);
    expect(errors).toEqual([]);
    expect(shapes.map((s) => [s.code, s.parts.map((p) => p.properties.code)])).toEqual([
      ['00001', ['00001', '00002']],
      ['00003', ['00003']],
    ]);
    const communes = communesOf(buildTopology(shapes, SIMPLIFY));
    const merged = communes.find((f) => f.properties.code === '00001')!;
    expect(merged.properties.nom).toBe('Nouvelle');
    expect(merged.geometry.coordinates).toHaveLength(1); // one polygon
    expect(merged.geometry.coordinates[0]).toHaveLength(1); // no inner ring along the former border
    const neighbour = communes.find((f) => f.properties.code === '00003')!;
    expect(area(merged) / area(neighbour)).toBeCloseTo(2, 2); // up to the 5 m quantization grid
  });

  it('échoue en nommant le code : commune actuelle sans géométrie', () => {
    const { errors } = assignGeometries([square('00001', 'A', 0, 0)], tinyCog, selected);
    expect(errors).toEqual([expect.stringContaining('Commune actuelle sans géométrie : code 00003 (Voisine)')]);
  });

  it('échoue en nommant le code : géométrie sans commune actuelle', () => {
    const source = [square('00001', 'A', 0, 0), square('00003', 'V', 0.2, 0), square('00042', 'Fantôme', 1, 1)];
    const { errors } = assignGeometries(source, tinyCog, selected);
    expect(errors).toEqual([expect.stringContaining('Géométrie sans commune actuelle : code 00042 (Fantôme)')]);
  });
});

describe('construction des contours livrés (npm run build:geo)', () => {
  const temp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `geo-${name}-`));
  const first = temp('a');
  const second = temp('b');
  buildGeo({ src: GEO_SRC, out: first });
  buildGeo({ src: GEO_SRC, out: second });
  const files = fs.readdirSync(first).sort();

  it('deux constructions donnent des fichiers identiques octet pour octet', () => {
    expect(files).toEqual(['charente-maritime.topojson', 'charente.topojson', 'manifest.json', 'mauges.topojson']);
    for (const f of files) expect(fs.readFileSync(path.join(second, f)).equals(fs.readFileSync(path.join(first, f)))).toBe(true);
  });

  it('les fichiers commités dans public/geo sont à jour avec leurs entrées', () => {
    for (const f of files) {
      const committed = fs.readFileSync(path.join(ROOT, 'public/geo', f));
      expect(committed.equals(fs.readFileSync(path.join(first, f))), `public/geo/${f} est périmé : lancez npm run build:geo`).toBe(true);
    }
  });

  it.each([
    ['charente-maritime', 462],
    ['mauges', 6],
  ])('%s : une géométrie par commune actuelle (%i), bords partagés sans trou ni chevauchement', (id, count) => {
    const topo = JSON.parse(fs.readFileSync(path.join(first, `${id}.topojson`), 'utf8')) as TerritoryTopology;
    const communes = communesOf(topo);
    expect(new Set(communes.map((f) => f.properties.code)).size).toBe(count);
    const outline = (feature(topo, topo.objects.outline) as unknown as { features: Array<Feature<MultiPolygon | Polygon>> }).features[0];
    const sum = communes.reduce((s, f) => s + area(f), 0);
    // Union area equals the sum of the parts only when communes neither overlap nor leave gaps.
    expect(Math.abs(area(outline) - sum) / sum).toBeLessThan(1e-9);
    const holes = (outline.geometry as MultiPolygon).coordinates.reduce((s, p) => s + p.length - 1, 0);
    expect(holes).toBe(0);
  });

  it('le manifeste donne les empreintes des entrées, le COG, le nombre de communes et les tailles', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(first, 'manifest.json'), 'utf8'));
    const raw = fs.readFileSync(path.join(GEO_SRC, 'communes/communes-17.geojson'));
    expect(manifest.source.files['communes/communes-17.geojson'].bytes).toBe(raw.length);
    expect(manifest.source.files['communes/communes-17.geojson'].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.cog.edition).toBe('COG 2026');
    const cm = manifest.territories.find((t: { id: string }) => t.id === 'charente-maritime');
    expect(cm.communes).toBe(462);
    expect(cm.bytes).toBe(fs.statSync(path.join(first, 'charente-maritime.topojson')).size);
    expect(cm.merged.map((m: { code: string }) => m.code)).toContain('17219');
  });
});

describe('référentiel des communes livré (npm run build:communes)', () => {
  it('les fichiers commités dans public/data sont à jour', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'communes-'));
    for (const { id } of buildCommunes(out)) {
      const rel = path.join(id, 'communes.json');
      expect(fs.readFileSync(path.join(out, rel)).equals(fs.readFileSync(path.join(ROOT, 'public/data', rel))), `public/data/${rel} est périmé`).toBe(true);
    }
  });
});

describe('zonages livrés (npm run build:zonage)', () => {
  it.each(['charente-maritime', 'mauges'])('%s : données valides, sans ligne rejetée, et public/data à jour', (id) => {
    const { bundle, problems } = buildZonageBundle(id);
    expect(problems).toEqual([]);
    const committed = fs.readFileSync(path.join(ROOT, 'public/data', id, 'zonage.json'), 'utf8');
    // The app's file is the public form of the bundle (no names nor RPPS numbers, nothing after the build's day).
    expect(committed === JSON.stringify(publicBundle(bundle, publicAsOf())) + '\n', `public/data/${id}/zonage.json est périmé : npm run build:zonage`).toBe(true);
  });
});

describe('offres livrées (npm run build:offers)', () => {
  it.each(['charente-maritime', 'mauges'])('%s : public/data/<id>/offres.json est à jour et valide', async (id) => {
    const { buildOffers } = await import('../../scripts/build-offers.ts');
    const { offers, problems } = buildOffers(id);
    expect(problems).toEqual([]);
    const committed = fs.readFileSync(path.join(ROOT, 'public/data', id, 'offres.json'), 'utf8');
    expect(committed === JSON.stringify({ territory: id, offers }) + '\n', `public/data/${id}/offres.json est périmé : npm run build:offers`).toBe(true);
    expect(offers.every((o) => o.example)).toBe(true);
  });
});

describe('catalogues des aides livrés (npm run build:aids)', () => {
  it.each(['charente-maritime', 'mauges'])('%s : public/data à jour', (id) => {
    const { catalogue } = buildAidCatalogue(id);
    const committed = fs.readFileSync(path.join(ROOT, 'public/data', id, 'aides.json'), 'utf8');
    expect(committed === JSON.stringify(catalogue) + '\n', `public/data/${id}/aides.json est périmé : npm run build:aids`).toBe(true);
  });
});

describe('communes voisines (arcs partagés de la topologie)', () => {
  const load = (id: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'public/geo', `${id}.topojson`), 'utf8')) as TerritoryTopology;
  it('La Rochelle touche Aytré, Lagord, Périgny, Puilboreau et L’Houmeau ; la relation est symétrique', async () => {
    const { communeNeighbours } = await import('../../src/core/geometry.ts');
    const n = communeNeighbours(load('charente-maritime'));
    expect(n.get('17300')).toEqual(['17028', '17190', '17200', '17274', '17291']);
    for (const [code, list] of n) {
      expect(list).not.toContain(code);
      for (const other of list) expect(n.get(other)).toContain(code);
    }
    // Island communes have no land neighbour: Île-d'Aix.
    expect(n.get('17004')).toEqual([]);
  });
  it('Sèvremoine ne touche que Beaupréau-en-Mauges parmi les communes des Mauges', async () => {
    const { communeNeighbours } = await import('../../src/core/geometry.ts');
    expect(communeNeighbours(load('mauges')).get('49301')).toEqual(['49023']);
  });
});
