// Loads a territory's built geometry and commune reference (static files under public/).
import { feature } from 'topojson-client';
import type { FeatureCollection, MultiPolygon } from 'geojson';
import type { Commune } from '../../core/communes.ts';
import { communeNeighbours, type TerritoryTopology } from '../../core/geometry.ts';
import type { ZonageBundle } from '../../core/zonage/bundle.ts';
import type { AidCatalogue } from '../../core/aids/model.ts';
import type { Offer } from '../../core/offers.ts';
import pointOnFeature from '@turf/point-on-feature';
import { takeEarly } from './early-data.ts';

export interface TerritoryData {
  id: string;
  communes: FeatureCollection<MultiPolygon, { code: string; nom: string }>;
  outline: FeatureCollection<MultiPolygon>;
  bbox: [number, number, number, number];
  reference: Map<string, Commune>;
  /** Former codes (merged communes) → current code, so that old links still open the right commune. */
  formerCodes: Map<string, string>;
  /** A point inside each commune, for symbols (worked out when first asked for: names and symbols come after the map's first drawing). */
  readonly points: Map<string, [number, number]>;
  /** A point inside one commune (the same as in `points`), without working out the others. */
  pointOf(code: string): [number, number] | undefined;
  /** Communes sharing a border, by code. */
  neighbours: Map<string, string[]>;
  zonage: ZonageBundle;
  aids: AidCatalogue;
  /** Communes' offers (fiche 2), expired ones included: views hide them by date. */
  offers: Offer[];
}

const cache = new Map<string, Promise<TerritoryData>>();

async function fetchJson<T>(path: string): Promise<T> {
  const early = takeEarly(path);
  const response = (early && (await early.catch(() => undefined))) || (await fetch(`${import.meta.env.BASE_URL}${path}`));
  if (!response.ok) throw new Error(`Fichier ${path} introuvable (HTTP ${response.status}).`);
  return (await response.json()) as T;
}

async function fetchTerritory(id: string): Promise<TerritoryData> {
  const [topo, ref, zonage, aids, offers] = await Promise.all([
    fetchJson<TerritoryTopology>(`geo/${id}.topojson`),
    fetchJson<{ communes: Commune[] }>(`data/${id}/communes.json`),
    fetchJson<ZonageBundle>(`data/${id}/zonage.json`),
    fetchJson<AidCatalogue>(`data/${id}/aides.json`),
    fetchJson<{ offers: Offer[] }>(`data/${id}/offres.json`),
  ]);
  const communes = feature(topo, topo.objects.communes) as TerritoryData['communes'];
  let neighbours: Map<string, string[]> | undefined;
  let points: Map<string, [number, number]> | undefined;
  let byCode: Map<string, TerritoryData['communes']['features'][number]> | undefined;
  const found = new Map<string, [number, number] | undefined>();
  const pointOf = (code: string) => {
    if (!found.has(code)) {
      byCode ??= new Map(communes.features.map((f) => [f.properties.code, f]));
      const f = byCode.get(code);
      found.set(code, f && (pointOnFeature(f).geometry.coordinates as [number, number]));
    }
    return found.get(code);
  };
  const reference = new Map(ref.communes.map((c) => [c.code, c]));
  const formerCodes = new Map(ref.communes.flatMap((c) => c.anciennes.map((a): [string, string] => [a.code, c.code])));
  return {
    id,
    communes,
    outline: feature(topo, topo.objects.outline) as TerritoryData['outline'],
    bbox: topo.bbox as TerritoryData['bbox'],
    reference,
    formerCodes,
    get points() {
      return (points ??= new Map(communes.features.map((f) => [f.properties.code, pointOf(f.properties.code)!])));
    },
    pointOf,
    // Read by the commune's page only: worked out when first asked for, not before the map is drawn.
    get neighbours() {
      return (neighbours ??= communeNeighbours(topo));
    },
    zonage,
    aids,
    offers: offers.offers,
  };
}

export function loadTerritory(id: string): Promise<TerritoryData> {
  let p = cache.get(id);
  if (!p) {
    // The national tiles drawn around the territory wait for it to be drawn (src/ui/map/layers/ContextLayers.svelte).
    p = fetchTerritory(id);
    p.catch(() => cache.delete(id));
    cache.set(id, p);
  }
  return p;
}
