// Reads the shipped geometry so tests know where a commune lies and how many there are.
import fs from 'node:fs';
import { feature } from 'topojson-client';
import { pointOnFeature } from '@turf/turf';
import type { Feature, MultiPolygon } from 'geojson';
import type { TerritoryTopology } from '../../src/core/geometry.ts';

export function territoryFeatures(id: string): Array<Feature<MultiPolygon, { code: string; nom: string }>> {
  const topo = JSON.parse(fs.readFileSync(`public/geo/${id}.topojson`, 'utf8')) as TerritoryTopology;
  return (feature(topo, topo.objects.communes) as unknown as { features: Array<Feature<MultiPolygon, { code: string; nom: string }>> }).features;
}

/** A point inside the commune, as [lng, lat]. */
export function insidePoint(id: string, code: string): [number, number] {
  const f = territoryFeatures(id).find((x) => x.properties.code === code);
  if (!f) throw new Error(`commune ${code} absente de ${id}`);
  return pointOnFeature(f).geometry.coordinates as [number, number];
}
