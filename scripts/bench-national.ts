// npm run bench, national view: navigation → first complete idle of #/france (every commune from the national
// tiles, coloured by the GPs' ARS classes, place names) beside a bare MapLibre page drawing the same tiles with
// the same colours and names; and the bytes the first national view fetches (counted by the bench's server, compressed as sent).
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { ROOT, loadArsSchemes } from './lib/inputs.ts';
import type { ArsTableFile } from '../src/core/ars/table-file.ts';
import { fillExpression, nationalClasses } from '../src/ui/national/national.ts';
import { LABEL_DRAWER } from './bench-bare.ts';

const PROFESSION = 'medecin-generaliste';

/** Writes the bare page and its colour expression into `dir` (served under /bare/). */
export function writeBareNationalPage(dir: string) {
  const schemes = loadArsSchemes();
  const file = JSON.parse(fs.readFileSync(path.join(ROOT, 'public/data/ars', `${PROFESSION}.json`), 'utf8')) as ArsTableFile;
  fs.writeFileSync(path.join(dir, 'national-fill.json'), JSON.stringify(fillExpression(nationalClasses(schemes, file, new Date().toISOString().slice(0, 10)))));
  fs.writeFileSync(
    path.join(dir, 'national.html'),
    `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/maplibre/maplibre-gl.css">
<style>html,body,#map{margin:0;height:100%}</style></head><body><div id="map"></div>
<script src="/pmtiles/pmtiles.js"></script>
<script type="module">
import * as maplibregl from '/maplibre/maplibre-gl.mjs';
maplibregl.addProtocol('pmtiles', new pmtiles.Protocol().tile);
const fill = await (await fetch('/bare/national-fill.json')).json();
const map = new maplibregl.Map({ container: 'map', bounds: [-5.2, 41.3, 9.6, 51.1], attributionControl: false,
  style: { version: 8, sources: { f: { type: 'vector', url: 'pmtiles://' + location.origin + '/app/tiles/france.pmtiles', promoteId: 'code' } }, layers: [
    { id: 'bg', type: 'background', paint: { 'background-color': '#e6e9ec' } },
    { id: 'national-fill', type: 'fill', source: 'f', 'source-layer': 'communes', paint: { 'fill-color': fill, 'fill-opacity': 0.9 } },
    { id: 'd', type: 'line', source: 'f', 'source-layer': 'departements', paint: { 'line-color': '#1f3b57' } },
    { id: 'p', type: 'symbol', source: 'f', 'source-layer': 'places', layout: { 'icon-image': ['concat', 'n', ['case', ['==', ['get', 'kind'], 'departement'], '1', '2'], '-', ['get', 'nom']] } }] } });
window.__map = map;
${LABEL_DRAWER}
map.on('idle', () => { if (map.isSourceLoaded('f') && !performance.getEntriesByName('national-ready').length) performance.mark('national-ready'); });
</script></body></html>`,
  );
}

/** Time from navigation to the `national-ready` mark, the communes drawn, and the bytes served meanwhile. */
async function timeToNational(browser: Browser, url: string, meter: { reset: () => void; bytes: () => number }): Promise<{ ms: number; drawn: number; bytes: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } }); // empty cache
  const page = await context.newPage();
  meter.reset();
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('national-ready').length > 0, null, { timeout: 120_000, polling: 50 });
  const bytes = meter.bytes();
  const ms = await page.evaluate(() => performance.getEntriesByName('national-ready')[0].startTime);
  const drawn = await page.evaluate(() => {
    const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
    return new Set(map.queryRenderedFeatures({ layers: ['national-fill'] }).map((f) => f.properties.code)).size;
  });
  await context.close();
  return { ms, drawn, bytes };
}

export async function benchNationalView(browser: Browser, base: string, meter: { reset: () => void; bytes: () => number }, runs: number) {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const app: Array<Awaited<ReturnType<typeof timeToNational>>> = [];
  const bare: typeof app = [];
  for (let i = 0; i < runs; i++) {
    app.push(await timeToNational(browser, `${base}/app/#/france?profession=${PROFESSION}`, meter));
    bare.push(await timeToNational(browser, `${base}/bare/national.html`, meter));
  }
  const [a, b] = [median(app.map((r) => r.ms)), median(bare.map((r) => r.ms))];
  const kb = (n: number) => `${(n / 1024).toFixed(0)} Ko`;
  console.log(`\n## Vue nationale #/france (${PROFESSION}) → première carte complète et au repos (médiane de ${runs}, Chromium headless, rendu logiciel, 1280×800)`);
  console.log('application | page MapLibre nue, mêmes tuiles, couleurs et noms | rapport');
  console.log(`${a.toFixed(0)} ms | ${b.toFixed(0)} ms | ${(a / b).toFixed(2)}`);
  console.log(`communes dessinées : application ${app[0].drawn}, page nue ${bare[0].drawn}`);
  console.log(`octets reçus pour la première vue nationale (compressés, comptés par le serveur) : application ${kb(median(app.map((r) => r.bytes)))}, page nue ${kb(median(bare.map((r) => r.bytes)))}`);
  return { app: a, bare: b };
}
