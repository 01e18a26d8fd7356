import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { feature } from 'topojson-client';
import { pointOnFeature } from '@turf/turf';
import type { FeatureCollection, MultiPolygon } from 'geojson';
import { zonageSvg } from '../../src/core/zonage-svg.ts';
import { zonageView, type ZonageBundle } from '../../src/core/zonage-bundle.ts';
import type { TerritoryTopology } from '../../src/core/geometry.ts';

describe('carte annuelle en SVG (fiche 1 : « une carte annuelle définissant les différentes zones prioritaires »)', () => {
  const topo = JSON.parse(fs.readFileSync('public/geo/charente-maritime.topojson', 'utf8')) as TerritoryTopology;
  const communes = feature(topo, topo.objects.communes) as unknown as FeatureCollection<MultiPolygon, { code: string; nom: string }>;
  const outline = feature(topo, topo.objects.outline) as unknown as FeatureCollection<MultiPolygon>;
  const points = new Map(communes.features.map((f) => [f.properties.code, pointOnFeature(f).geometry.coordinates as [number, number]]));
  const bundle = JSON.parse(fs.readFileSync('public/data/charente-maritime/zonage.json', 'utf8')) as ZonageBundle;
  const view = zonageView(bundle, 'medecin-generaliste', 2026, '2026-06-01')!;
  const svg = zonageSvg({ view, title: 'Zonage départemental 2026', communes, outline, points, attribution: 'Contours : IGN ADMIN EXPRESS COG 2018 — Licence Ouverte' });

  it('titre, une forme par commune, légende avec effectifs, source, date et mention « Exemple »', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="794" height="1123"')).toBe(true);
    expect(svg).toContain('>Zonage départemental 2026</text>');
    expect(svg.match(/<path d="M[^"]+" fill="#/g)).toHaveLength(462);
    for (const c of view.counts) expect(svg).toContain(` : ${c.count} commune`);
    expect(svg.match(/<circle cx="[\d.]+" cy="[\d.]+" r="3.5"/g)).toHaveLength(view.ruled.length);
    expect(svg).toContain('Situation au 1er juin 2026');
    expect(svg).toContain('Exemple — données fictives');
    expect(svg).toContain('Contours : IGN ADMIN EXPRESS COG 2018 — Licence Ouverte');
  });

  it('les textes des données sont échappés', () => {
    const hostile = { ...view, zonage: { ...view.zonage, source: '<script>alert(1)</script>' }, example: false };
    const out = zonageSvg({ view: hostile, title: 'A & <b>', communes, outline, points, attribution: 'x' });
    expect(out).not.toContain('<script>');
    expect(out).toContain('A &amp; &lt;b&gt;');
  });
});
