// npm run bench, the anchors of the map timings: bare MapLibre pages (no application, no framework) served
// beside the built app by the bench's server under /bare/.
// - index.html#<id>: the territory's raw source GeoJSON only (the old anchor);
// - context.html#<id>: « the same sources » as the app's territory map — the territory's GeoJSON, the national
//   tiles around it (communes, départements) and the same place names: the territory's communes at the
//   same label points with the same population tiers and zooms, and the tiles' places outside it. With no
//   glyph server, a bare page too draws names as canvas images (a few lines of its own, below).
import fs from 'node:fs';
import path from 'node:path';
import pointOnFeature from '@turf/point-on-feature';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { ROOT } from './lib/inputs.ts';
import { placeFeatures, PLACE_TIERS } from '../src/ui/map/place-labels.ts';
import type { Commune } from '../src/core/communes.ts';
import { feature } from 'topojson-client';

/** The name drawer of a bare page: text with a white halo on a canvas, given to MapLibre when it asks. */
export const LABEL_DRAWER = `
const drawName = (id) => {
  const m = /^n(\\d)-(.+)$/s.exec(id);
  if (!m) return;
  const size = (m[1] === '1' ? 13 : 12) * 2, halo = 6;
  const font = (m[1] === '1' ? 700 : 600) + ' ' + size + 'px system-ui, sans-serif';
  const probe = new OffscreenCanvas(1, 1).getContext('2d');
  probe.font = font;
  const w = Math.ceil(probe.measureText(m[2]).width + 2 * halo), h = Math.ceil(size * 1.35 + 2 * halo);
  const ctx = new OffscreenCanvas(w, h).getContext('2d');
  Object.assign(ctx, { font, textBaseline: 'middle', lineJoin: 'round', lineWidth: halo, strokeStyle: '#fff', fillStyle: '#1d2730' });
  ctx.strokeText(m[2], halo, h / 2);
  ctx.fillText(m[2], halo, h / 2);
  map.addImage(id, ctx.getImageData(0, 0, w, h), { pixelRatio: 2 });
};
map.setMissingStyleImageResolver(drawName);`;

const page = (context: boolean) => `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/maplibre/maplibre-gl.css">
<style>html,body,#map{margin:0;height:100%}</style></head><body><div id="map"></div>
${context ? '<script src="/pmtiles/pmtiles.js"></script>' : ''}
<script type="module">
import * as maplibregl from '/maplibre/maplibre-gl.mjs';
const context = ${context};
if (context) maplibregl.addProtocol('pmtiles', new pmtiles.Protocol().tile);
const id = location.hash.slice(1);
const [data, places] = await Promise.all([fetch('/bare/' + id + '.geojson').then((r) => r.json()), context ? fetch('/bare/' + id + '.places.geojson').then((r) => r.json()) : null]);
let b = [180, 90, -180, -90];
for (const f of data.features) for (const poly of (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates))
  for (const [x, y] of poly[0]) b = [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)];
const sources = { c: { type: 'geojson', data, promoteId: 'code' } };
const layers = [{ id: 'bg', type: 'background', paint: { 'background-color': '#e6e9ec' } }];
const outside = context && ['!', ['in', ['get', 'code'], ['literal', places.features.map((f) => f.properties.code)]]];
if (context) {
  sources.f = { type: 'vector', url: 'pmtiles://' + location.origin + '/app/tiles/france.pmtiles', promoteId: { communes: 'code' } };
  layers.push({ id: 'ctx-fill', type: 'fill', source: 'f', 'source-layer': 'communes', paint: { 'fill-color': '#f2f2f0' } },
    { id: 'ctx-line', type: 'line', source: 'f', 'source-layer': 'communes', paint: { 'line-color': '#c9ced2' } },
    { id: 'ctx-dep', type: 'line', source: 'f', 'source-layer': 'departements', paint: { 'line-color': '#8a96a0' } },
    { id: 'ctx-places', type: 'symbol', source: 'f', 'source-layer': 'places', filter: outside,
      layout: { 'icon-image': ['concat', 'n', ['case', ['>=', ['get', 'population'], ${PLACE_TIERS[0].minPopulation}], '1', '2'], '-', ['get', 'nom']] } });
}
layers.push({ id: 'communes-fill', type: 'fill', source: 'c', paint: { 'fill-color': '#f4f1e8' } },
  { id: 'l', type: 'line', source: 'c', paint: { 'line-color': '#7d8a93' } });
if (context) {
  sources.p = { type: 'geojson', data: places };
  for (const t of ${JSON.stringify(PLACE_TIERS.map((t) => ({ tier: t.tier, minzoom: t.minzoom })))})
    layers.push({ id: 'p' + t.tier, type: 'symbol', source: 'p', minzoom: t.minzoom, filter: ['==', ['get', 'tier'], t.tier], layout: { 'icon-image': ['concat', 'n', ['to-string', ['get', 'tier']], '-', ['get', 'nom']] } });
}
const map = new maplibregl.Map({ container: 'map', bounds: b, fitBoundsOptions: { padding: 24 }, attributionControl: false, style: { version: 8, sources, layers } });
window.__map = map;
${context ? LABEL_DRAWER : ''}
map.on('idle', () => { if (map.isSourceLoaded('c') && (!context || map.isSourceLoaded('f')) && !performance.getEntriesByName('map-ready').length) performance.mark('map-ready'); });
</script></body></html>`;

interface Territory {
  id: string;
  merged: Array<{ from: string[] }>;
}

/** Writes both bare pages and each territory's GeoJSON (raw source polygons) and place names into `dir`. */
export function writeBarePages(dir: string, territories: Territory[], geoSrc: string) {
  for (const t of territories) {
    const codes = new Set(t.merged.flatMap((m) => m.from));
    const communes = JSON.parse(fs.readFileSync(path.join(ROOT, 'public/data', t.id, 'communes.json'), 'utf8')).communes as Commune[];
    for (const c of communes) codes.add(c.code);
    const deps = [...new Set(communes.map((c) => c.code.slice(0, 2)))];
    const features = deps.flatMap((d) =>
      (JSON.parse(fs.readFileSync(path.join(geoSrc, 'communes', `communes-${d}.geojson`), 'utf8')).features as Array<Feature<Polygon | MultiPolygon, { code: string }>>).filter((f) =>
        codes.has(f.properties.code),
      ),
    );
    fs.writeFileSync(path.join(dir, `${t.id}.geojson`), JSON.stringify({ type: 'FeatureCollection', features }));
    // The app's label points (a point on each current commune), from the app's own contours.
    const topo = JSON.parse(fs.readFileSync(path.join(ROOT, 'public/geo', `${t.id}.topojson`), 'utf8'));
    const own = (feature(topo, topo.objects.communes) as unknown as { features: Array<Feature<Polygon | MultiPolygon, { code: string }>> }).features;
    const points = new Map(own.map((f) => [f.properties.code, pointOnFeature(f).geometry.coordinates as [number, number]]));
    fs.writeFileSync(path.join(dir, `${t.id}.places.geojson`), JSON.stringify(placeFeatures(communes, points)));
  }
  fs.writeFileSync(path.join(dir, 'index.html'), page(false));
  fs.writeFileSync(path.join(dir, 'context.html'), page(true));
}
