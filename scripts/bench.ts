// npm run bench — prints figures (sizes, build time, time to first complete map) ; never a pass/fail test.
// Needs a built site (npm run build, done by `npm run bench`) and the system Chromium.
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { feature } from 'topojson-client';
import type { Browser } from 'playwright-core';
import { buildGeo } from './build-geo.ts';
import { ROOT, loadTerritories } from './lib/inputs.ts';
import { launch } from '../test/e2e/browser.ts';
import { benchBrowserImport, benchNationalImport } from './bench-import.ts';
import { benchHostile } from './bench-hostile.ts';
import { benchAids } from './bench-aids.ts';
import { benchRegister } from './bench-register.ts';
import { benchSearch } from './bench-search.ts';
import { benchRevision } from './bench-revision.ts';
import { benchTiles } from './bench-tiles.ts';
import { benchArs } from './bench-ars.ts';
import { benchDatasante } from './bench-datasante.ts';
import { benchNationalView, writeBareNationalPage } from './bench-national.ts';
import { writeBarePages } from './bench-bare.ts';
import { benchWaterfall } from './bench-waterfall.ts';
import type { TerritoryTopology } from '../src/core/geometry.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
// BENCH_ONLY=map,national runs only those sections (geo, import, hostile, aids, register, search, revision, tiles, ars, datasante, movements, js, map,
// phone, national, browser-import, waterfall) (while working on one figure); all by default. BENCH_TERRITORIES=mauges,charente
// limits the map, phone and waterfall sections to those territories.
const only = process.env.BENCH_ONLY?.split(',');
const wanted = (section: string) => !only || only.includes(section);
const GEO_SRC = path.resolve(process.env.GEO_SRC ?? path.join(ROOT, '../shared/geo'));
const gz = (b: Buffer | string) => zlib.gzipSync(b, { level: 9 }).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} Ko`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface ManifestTerritory {
  id: string;
  communes: number;
  bytes: number;
  gzipBytes: number;
  sourceGzipBytes: number;
  merged: Array<{ from: string[] }>;
}
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'public/geo/manifest.json'), 'utf8')) as {
  territories: ManifestTerritory[];
};

if (wanted('geo')) {
// 1. Sizes ------------------------------------------------------------------------------------------
console.log('\n## Contours livrés (public/geo)');
console.log('territoire | communes | TopoJSON brut | TopoJSON gzip | même contenu en GeoJSON gzip | fichiers source des départements, gzip');
for (const t of manifest.territories) {
  const topo = JSON.parse(fs.readFileSync(path.join(ROOT, 'public/geo', `${t.id}.topojson`), 'utf8')) as TerritoryTopology;
  // Same geometry as GeoJSON, coordinates rounded to 5 decimals like the source: what TopoJSON saves.
  const asGeojson = JSON.stringify(feature(topo, topo.objects.communes), (_k, v) => (typeof v === 'number' ? Math.round(v * 1e5) / 1e5 : v));
  console.log(`${t.id} | ${t.communes} | ${kb(t.bytes)} | ${kb(t.gzipBytes)} | ${kb(gz(asGeojson))} | ${kb(t.sourceGzipBytes)}`);
}

// 2. Build time -------------------------------------------------------------------------------------
console.log(`\n## Construction des contours (médiane de ${RUNS} constructions)`);
const timings: Record<string, number[]> = {};
for (let i = 0; i < RUNS; i++) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-geo-'));
  for (const [id, ms] of Object.entries(buildGeo({ src: GEO_SRC, out }).timings)) (timings[id] ??= []).push(ms);
  fs.rmSync(out, { recursive: true });
}
for (const [id, ms] of Object.entries(timings)) console.log(`${id} : ${median(ms).toFixed(0)} ms`);

}
if (wanted('import')) benchNationalImport();
if (wanted('hostile')) await benchHostile();
if (wanted('aids')) benchAids();
if (wanted('register')) benchRegister();
if (wanted('search')) benchSearch();
if (wanted('revision')) benchRevision();
if (wanted('tiles')) benchTiles();
if (wanted('ars')) benchArs();
if (wanted('datasante')) benchDatasante();
// Its own process, so that the peak memory printed is the diff's own.
if (wanted('movements')) spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/bench-movements.ts')], { stdio: 'inherit' });

// 3. Initial JavaScript -----------------------------------------------------------------------------
const dist = path.join(ROOT, 'dist');
if (wanted('js')) {
console.log('\n## JavaScript initial (dist/, gzip)');
const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
const initial = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const assets = fs.readdirSync(path.join(dist, 'assets'));
const size = (f: string) => gz(fs.readFileSync(path.join(dist, f)));
const maplibre = initial.filter((f) => f.includes('maplibre'));
const app = initial.filter((f) => !f.includes('maplibre'));
const worker = assets.filter((f) => f.includes('worker') && f.endsWith('.js')).map((f) => `assets/${f}`);
// Chunks loaded when a page or a panel is first visited (simulator, offers, follow-up, import, table…).
const lazy = assets.filter((f) => f.endsWith('.js') && !initial.includes(`assets/${f}`) && !worker.includes(`assets/${f}`)).map((f) => `assets/${f}`);
console.log(`MapLibre : ${kb(maplibre.reduce((s, f) => s + size(f), 0))} (${maplibre.join(', ')})`);
console.log(`application, chargement initial : ${kb(app.reduce((s, f) => s + size(f), 0))} (objectif ≤ 80 Ko) (${app.join(', ')})`);
console.log(`application, chargée à la visite : ${kb(lazy.reduce((s, f) => s + size(f), 0))} en ${lazy.length} morceaux`);
for (const f of lazy.sort()) console.log(`  ${f} : ${kb(size(f))}`);
console.log(`travailleurs (MapLibre, import), chargés ensuite : ${kb(worker.reduce((s, f) => s + size(f), 0))}`);
}

// 4. Time to first complete map ---------------------------------------------------------------------
// One static server for both pages, so both are served the same way: the built app, and bare MapLibre pages
// drawing the territory's raw source GeoJSON, then the same sources as the app (scripts/bench-bare.ts).
const bare = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-bare-'));
const territories = loadTerritories();
writeBarePages(bare, manifest.territories, GEO_SRC);

writeBareNationalPage(bare);

const types: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.topojson': 'application/json', '.geojson': 'application/json', '.svg': 'image/svg+xml',
};
const roots: Array<[string, string]> = [
  ['/maplibre/', path.join(ROOT, 'node_modules/maplibre-gl/dist')],
  ['/pmtiles/', path.join(ROOT, 'node_modules/pmtiles/dist')],
  ['/bare/', bare],
  ['/app/', dist],
];
const archive = new Map<string, Buffer>();
/** Bytes sent since the meter's last reset (the national view's first load). */
let served = 0;
const server = http.createServer((req, res) => {
  const url = decodeURIComponent((req.url ?? '/').split('?')[0]);
  const root = roots.find(([prefix]) => url.startsWith(prefix));
  let file = root ? path.join(root[1], url.slice(root[0].length)) : '';
  if (file && fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!file || !file.startsWith(root![1]) || !fs.existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  // The national archive is read by ranges (206), never recompressed, as a static host or CDN serves it.
  const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
  if (file.endsWith('.pmtiles')) {
    const body = archive.get(file) ?? archive.set(file, fs.readFileSync(file)).get(file)!;
    const [start, end] = range ? [Number(range[1]), Math.min(range[2] ? Number(range[2]) : body.length - 1, body.length - 1)] : [0, body.length - 1];
    const part = body.subarray(start, end + 1);
    res.writeHead(range ? 206 : 200, { 'content-type': 'application/octet-stream', 'accept-ranges': 'bytes', 'content-length': part.length, ...(range ? { 'content-range': `bytes ${start}-${end}/${body.length}` } : {}) });
    served += part.length;
    res.end(part);
    return;
  }
  const body = fs.readFileSync(file);
  // Compressed as a static host would serve it.
  res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream', 'content-encoding': 'gzip' });
  const gzipped = zlib.gzipSync(body, { level: 6 });
  served += gzipped.length;
  res.end(gzipped);
});
const meter = { reset: () => void (served = 0), bytes: () => served };
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

interface Profile {
  name: string;
  context: Parameters<Browser['newContext']>[0];
  /** Network and CPU throttling through the DevTools protocol (the same for both pages). */
  throttle?: { latency: number; download: number; upload: number; cpu: number };
}

const DESKTOP: Profile = { name: 'bureau 1280 × 800, sans ralentissement', context: { viewport: { width: 1280, height: 800 } } };
// Phones: 375 × 812, CPU 4 times slower than the machine's, and DevTools' two 4G presets (throughput × 0.9 and
// latency × 2.75 or 3.75, as DevTools applies them): « Fast 4G » (9 Mbit/s, 60 ms RTT) and « Slow 4G »
// (1.6 Mbit/s, 150 ms RTT), the latter being Lighthouse's mobile profile.
const phone = (net: string, latency: number, downMbit: number, upMbit: number): Profile => ({
  name: `téléphone 375 × 812, ${net} (latence ${latency.toLocaleString('fr-FR')} ms, ${(downMbit * 0.9).toLocaleString('fr-FR', { maximumFractionDigits: 2 })} Mbit/s), processeur ralenti 4 ×`,
  context: { viewport: { width: 375, height: 812 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true },
  throttle: { latency, download: (downMbit * 0.9 * 1e6) / 8, upload: (upMbit * 0.9 * 1e6) / 8, cpu: 4 },
});
const PHONES = [phone('réseau 4G rapide', 165, 9, 1.5), phone('réseau 4G lent', 562.5, 1.6, 0.75)];

/**
 * Times from navigation to each of `marks` (performance marks set by the page), the last one awaited; then
 * checks that at least `expected` communes are drawn (the camera has not moved since the first mark).
 */
async function timeToMap(browser: Browser, url: string, expected: number, profile: Profile = DESKTOP, marks = ['map-ready']): Promise<number[]> {
  const context = await browser.newContext(profile.context); // empty cache
  const page = await context.newPage();
  if (profile.throttle) {
    const cdp = await context.newCDPSession(page);
    const t = profile.throttle;
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: t.latency, downloadThroughput: t.download, uploadThroughput: t.upload });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: t.cpu });
  }
  await page.goto(url, { timeout: 120_000 });
  await page.waitForFunction((names) => names.every((n) => performance.getEntriesByName(n).length > 0), marks, { timeout: 120_000 });
  const ms = await page.evaluate((names) => names.map((n) => performance.getEntriesByName(n)[0].startTime), marks);
  const drawn = await page.evaluate(() => {
    const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
    return new Set(map.queryRenderedFeatures({ layers: ['communes-fill'] }).map((f) => f.properties.code)).size;
  });
  await context.close();
  if (drawn < expected) throw new Error(`${url} : ${drawn} communes dessinées sur ${expected}`);
  return ms;
}

/** Median time of the « same sources » bare page of each territory (desktop), the anchor of the national view too. */
const sameSources = new Map<string, number>();
const browser = await launch();
try {
  // Phone runs are slow (throttled): BENCH_PHONE_RUNS, 3 by default.
  const phoneRuns = Number(process.env.BENCH_PHONE_RUNS ?? 3);
  const profiles = [...(wanted('map') ? [[DESKTOP, RUNS] as const] : []), ...(wanted('phone') ? PHONES.map((p) => [p, phoneRuns] as const) : [])];
  const benchTerritories = process.env.BENCH_TERRITORIES?.split(',');
  for (const [profile, runs] of profiles) {
    console.log(`\n## Navigation → territoire dessiné, puis carte complète et au repos, ${profile.name} (médiane de ${runs}, Chromium headless, rendu logiciel)`);
    // « territoire dessiné »: every commune of the territory filled with its class (the app's first idle with its
    // communes loaded, mark « territory-drawn »), beside the bare page drawing only the territory's GeoJSON.
    // The complete map (context and names included, mark « map-ready ») beside the same bare page, and beside a
    // second anchor drawing the same sources as the app (territory + national context tiles + names), on the
    // phones too (same throttling).
    console.log(
      'territoire | territoire dessiné (application) | page nue + GeoJSON du territoire | rapport (objectif ≤ 1,0) | carte complète (application) | rapport à la page nue + GeoJSON | page nue, mêmes sources (GeoJSON, tuiles de contexte, noms) | rapport (objectif ≤ 1,0)',
    );
    for (const t of manifest.territories.filter((x) => !benchTerritories || benchTerritories.includes(x.id))) {
      const drawnTimes: number[] = [];
      const appTimes: number[] = [];
      const bareTimes: number[] = [];
      const contextTimes: number[] = [];
      // 2018 polygons of the merged communes are drawn separately on the bare page.
      const bareCount = t.communes;
      for (let i = 0; i < runs; i++) {
        const [drawn, complete] = await timeToMap(browser, `${base}/app/#/${t.id}`, t.communes, profile, ['territory-drawn', 'map-ready']);
        drawnTimes.push(drawn);
        appTimes.push(complete);
        bareTimes.push((await timeToMap(browser, `${base}/bare/index.html#${t.id}`, bareCount, profile))[0]);
        contextTimes.push((await timeToMap(browser, `${base}/bare/context.html#${t.id}`, bareCount, profile))[0]);
      }
      const [d, a, b] = [median(drawnTimes), median(appTimes), median(bareTimes)];
      const row = `${t.id} | ${d.toFixed(0)} ms | ${b.toFixed(0)} ms | ${(d / b).toFixed(2)} | ${a.toFixed(0)} ms | ${(a / b).toFixed(2)}`;
      const c = median(contextTimes);
      if (profile === DESKTOP) sameSources.set(t.id, c);
      console.log(`${row} | ${c.toFixed(0)} ms | ${(a / c).toFixed(2)}`);
    }
  }
  // The territories of BENCH_TERRITORIES, the Charente-Maritime by default.
  if (wanted('waterfall'))
    for (const id of benchTerritories ?? ['charente-maritime']) {
      const name = territories.find((t) => t.id === id)?.name ?? id;
      await benchWaterfall(browser, `${base}/app/#/${id}`, `application, ${name}`);
      await benchWaterfall(browser, `${base}/bare/index.html#${id}`, `page nue + GeoJSON, ${name}`);
    }
  if (wanted('national')) {
    const national = await benchNationalView(browser, base, meter, RUNS);
    const cm = sameSources.get('charente-maritime');
    if (cm) console.log(`vue nationale / page nue « mêmes sources » de la Charente-Maritime (${cm.toFixed(0)} ms, même passage) : ${(national.app / cm).toFixed(2)} (objectif ≤ 1,5)`);
  }
  if (wanted('browser-import')) await benchBrowserImport(browser, `${base}/app/`);
} finally {
  await browser.close();
  server.close();
  fs.rmSync(bare, { recursive: true });
}
console.log(`\nterritoires : ${territories.map((t) => t.id).join(', ')} ; machine : ${os.cpus().length} cœurs, Node ${process.version}`);
