// Commune geometry of a territory: source polygons (IGN 2018) assigned to today's communes,
// merged communes as the union of their former communes, simplified and quantized as TopoJSON
// so that neighbouring communes share their borders (no gap, no overlap).
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { topology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import { mergeArcs, neighbors, quantize } from 'topojson-client';
import type { Topology, GeometryObject, MultiPolygon as TopoMultiPolygon } from 'topojson-specification';
import type { Cog } from './communes.ts';

export type SourceFeature = Feature<Geometry, { code: string; nom: string }>;

export interface CommuneShape {
  code: string;
  nom: string;
  /** Source features (2018 codes) that make up the current commune. */
  parts: SourceFeature[];
}

export interface Assignment {
  shapes: CommuneShape[];
  errors: string[];
}

/**
 * Assigns source polygons to the selected current communes. Errors name the code: a current commune
 * without geometry, or a source polygon that maps to no current commune.
 */
export function assignGeometries(
  source: SourceFeature[],
  cog: Cog,
  selected: Array<{ code: string; nom: string }>,
): Assignment {
  const errors: string[] = [];
  const parts = new Map<string, SourceFeature[]>();
  for (const f of source) {
    const code = String(f.properties?.code ?? '');
    const now = cog.currentCodeOf(code);
    if (!now) {
      errors.push(`Géométrie sans commune actuelle : code ${code} (${f.properties?.nom ?? 'sans nom'}) absent du COG et de ses anciens codes.`);
      continue;
    }
    parts.set(now, [...(parts.get(now) ?? []), f]);
  }
  const shapes: CommuneShape[] = [];
  for (const c of selected) {
    const p = parts.get(c.code);
    if (!p) {
      errors.push(`Commune actuelle sans géométrie : code ${c.code} (${c.nom}) — ni ce code ni ses anciens codes ne figurent dans les contours.`);
      continue;
    }
    shapes.push({ code: c.code, nom: c.nom, parts: [...p].sort((a, b) => (a.properties.code < b.properties.code ? -1 : 1)) });
  }
  return { shapes, errors };
}

export interface SimplifyOptions {
  /** Visvalingam minimum triangle area, in square degrees (planar). */
  minWeight: number;
  /** Quantization step in degrees: the grid every coordinate snaps to. */
  step: number;
}

export type TerritoryTopology = Topology<{
  communes: { type: 'GeometryCollection'; geometries: Array<TopoMultiPolygon<{ code: string; nom: string }>> };
  outline: { type: 'GeometryCollection'; geometries: Array<TopoMultiPolygon> };
}>;

/** Builds the territory's topology: one MultiPolygon per current commune, plus the territory outline. */
export function buildTopology(shapes: CommuneShape[], options: SimplifyOptions): TerritoryTopology {
  const features = shapes.flatMap((s) => s.parts);
  const collection: FeatureCollection = { type: 'FeatureCollection', features };
  const topo = topology({ source: collection }) as Topology;
  const sourceGeoms = (topo.objects.source as { geometries: GeometryObject[] }).geometries;
  let i = 0;
  const communes = shapes.map((s) => {
    const geoms = sourceGeoms.slice(i, (i += s.parts.length));
    const merged = mergeArcs(topo, geoms as never) as unknown as TopoMultiPolygon<{ code: string; nom: string }>;
    return { type: 'MultiPolygon' as const, arcs: merged.arcs, properties: { code: s.code, nom: s.nom } };
  });
  const outline = mergeArcs(topo, sourceGeoms as never) as unknown as TopoMultiPolygon;
  topo.objects = {
    communes: { type: 'GeometryCollection', geometries: communes },
    outline: { type: 'GeometryCollection', geometries: [{ type: 'MultiPolygon', arcs: outline.arcs }] },
  };
  pruneArcs(topo);
  const simplified = simplify(presimplify(topo as Topology<never>), options.minWeight);
  const [x0, y0, x1, y1] = simplified.bbox!;
  const n = Math.ceil(Math.max(x1 - x0, y1 - y0) / options.step) + 1;
  return quantize(simplified, n) as unknown as TerritoryTopology;
}

/** Drops the arcs no object uses any more (borders between former communes now merged) and renumbers. */
function pruneArcs(topo: Topology): void {
  const used = new Map<number, number>();
  const kept: Topology['arcs'] = [];
  const remap = (arc: number): number => {
    const index = arc < 0 ? ~arc : arc;
    let next = used.get(index);
    if (next === undefined) {
      next = kept.length;
      kept.push(topo.arcs[index]);
      used.set(index, next);
    }
    return arc < 0 ? ~next : next;
  };
  for (const object of Object.values(topo.objects)) {
    for (const g of (object as { geometries: Array<{ arcs: number[][][] }> }).geometries) {
      g.arcs = g.arcs.map((polygon) => polygon.map((ring) => ring.map(remap)));
    }
  }
  topo.arcs = kept;
}

/** Communes sharing a border, by code: read from the topology's shared arcs (no geometry computed). */
export function communeNeighbours(topo: TerritoryTopology): Map<string, string[]> {
  const geometries = topo.objects.communes.geometries;
  const lists = neighbors(geometries as never);
  const codes = geometries.map((g) => g.properties!.code);
  return new Map(codes.map((code, i) => [code, lists[i].map((j) => codes[j]).sort()]));
}
