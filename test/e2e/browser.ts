// Headless Chromium from the system (Debian package `chromium`), never a downloaded build.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type Page, type Route } from 'playwright-core';
import { PMTiles } from 'pmtiles';
import { writePmtiles } from '../../scripts/lib/pmtiles-writer.ts';
import type { Map as MapLibreMap } from 'maplibre-gl';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve('test-results/screenshots');

export async function launch(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium introuvable (${CHROMIUM}) : apt-get install -y chromium, ou réglez CHROMIUM_PATH.`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--enable-unsafe-swiftshader',
    ],
  });
}

/** What every page of a browser gets by default (see openPage): the options of the file now running. */
const defaults = new WeakMap<Browser, { nationalTiles?: boolean }>();

// One Chromium for the whole e2e run: the e2e project runs its files one after the other in one worker
// (isolate: false, vite.config.ts), so this module, and the browser, outlive a file. Launching a browser
// per file cost a second or two each, and a fresh GPU process compiles MapLibre's shaders again.
let running: Promise<Browser> | undefined;

/** The pages of usePages, shared by every file of the run (this module outlives a file, like the browser). */
const sharedPages = new Map<string, OpenedPage>();

/**
 * The browser for a test file: its pages get `options` by default (`nationalTiles: false`: the national
 * archive without tiles, unless a test asks for them, see openPage). The file's pages are closed after it.
 */
export function useBrowser(options: { nationalTiles?: boolean } = {}): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (running && !(await running).isConnected()) running = undefined;
    browser = await (running ??= launch());
    defaults.set(browser, options);
  });
  afterAll(async () => {
    // Each page has a context of its own (browser.newPage): closing them closes what the file left open,
    // except the pages shared by every file (usePages).
    const kept = new Set([...sharedPages.values()].map((o) => o.page.context()));
    for (const context of browser?.contexts() ?? []) if (!kept.has(context)) await context.close();
  });
  return () => browser!;
}

export type OpenedPage = Awaited<ReturnType<typeof openPage>>;

/**
 * Pages kept open across tests and files, one per size and tiles option: each test goes to its address by
 * hash, in the same document (no reload), so a map loaded once serves every test that follows, whatever its
 * file. Errors are cleared, the viewport and media put back for each test. Where the state of one test would
 * leak into the next (a route, an init script, an import not published, a draft), use openPage.
 */
export function usePages(browser: () => Browser, baseUrl: string, { own = false } = {}) {
  // `own`: pages for this file alone, closed after it (its tests leave state the next file must not see).
  const pages = own ? new Map<string, OpenedPage>() : sharedPages;
  if (own) afterAll(() => pages.clear());
  return async function pageAt(hash: string, viewport = { width: 1280, height: 800 }, options: { nationalTiles?: boolean } = {}): Promise<OpenedPage> {
    // Another territory is reached by hash in the same document too: redrawing the map costs a fraction of
    // a fresh page (the app, MapLibre and its shaders are already there), and the switch is what a person does.
    // (Tried: a page per territory, no switching at all — 13 % slower on national, a11y and zonage: a fresh
    // page costs more than the switches it saves.)
    const tiles = options.nationalTiles ?? defaults.get(browser())?.nationalTiles ?? true;
    const key = JSON.stringify([viewport.width, viewport.height, tiles]);
    let o = pages.get(key);
    if (!o || o.page.isClosed() || !browser().isConnected()) pages.set(key, (o = await openPage(browser(), viewport, { nationalTiles: tiles })));
    else {
      // A test may have resized the page or emulated print: the next one gets it as opened.
      const size = o.page.viewportSize();
      if (size?.width !== viewport.width || size?.height !== viewport.height) await o.page.setViewportSize(viewport);
      await o.page.emulateMedia({ media: null });
    }
    o.errors.length = 0;
    // E2E_LOG=<file>: each address visited and page opened, to see what a run switches and opens.
    if (process.env.E2E_LOG) fs.appendFileSync(process.env.E2E_LOG, `${Date.now()} ${key} ${hash}\n`);
    await o.page.goto(`${baseUrl}${hash}`);
    // The app reads the new hash asynchronously: two frames later, a view of the same territory is drawn
    // (another territory is awaited by waitForMap).
    await o.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    return o;
  };
}

/**
 * Opens a page that records console errors and CSP violations, so tests can assert there are none.
 * `nationalTiles: false` serves the national archive without its tiles (same header and metadata, so the
 * app behaves the same and logs no error): faint France around a territory is then not drawn, which saves
 * the software renderer most of a map's work. Only tests about the national tiles need them.
 */
export async function openPage(browser: Browser, viewport = { width: 1280, height: 800 }, options: { nationalTiles?: boolean } = {}) {
  const page = await browser.newPage({ viewport });
  if (process.env.E2E_LOG) fs.appendFileSync(process.env.E2E_LOG, `${Date.now()} NEW ${viewport.width}x${viewport.height} ${new Error().stack?.split('\n')[2]?.trim()}\n`);
  if ((options.nationalTiles ?? defaults.get(browser)?.nationalTiles) === false) await page.route('**/tiles/france.pmtiles', serveEmptyArchive);
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message + e.stack));
  return { page, errors };
}

/** Waits until the map has drawn the given territory and is idle. */
export async function waitForMap(page: Page, territory: string): Promise<void> {
  await page.locator(`[data-map-ready="${territory}"]`).waitFor({ timeout: 45_000 });
}

/** Codes of the communes actually rendered on screen (unique: a feature comes once per tile). */
export function renderedCommuneCodes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const map = (window as unknown as { __map: MapLibreMap }).__map;
    const codes = new Set(map.queryRenderedFeatures({ layers: ['communes-fill'] }).map((f) => String(f.properties.code)));
    return [...codes].sort();
  });
}

/** Screen position of a geographic point, to click where a person would. */
export function project(page: Page, lngLat: [number, number]): Promise<{ x: number; y: number }> {
  return page.evaluate((ll) => {
    const map = (window as unknown as { __map: MapLibreMap }).__map;
    const p = map.project(ll);
    const box = map.getCanvas().getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  }, lngLat);
}

/**
 * A screenshot to look at (not compared). `caret: 'initial'`: Playwright otherwise hides the text caret with a
 * style added and removed around the capture, two full repaints of the page — with a software-rendered map,
 * 0.3 s of the 0.45 s a 1440 px screenshot took (all e2e screenshots pass it).
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ caret: 'initial', path: path.join(SCREENSHOTS, `${name}.png`) });
}

let emptyArchive: Promise<Uint8Array> | undefined;

/** The built national archive's header and metadata, without a tile (an overlay with nothing to draw). */
function buildEmptyArchive(): Promise<Uint8Array> {
  return (emptyArchive ??= (async () => {
    const bytes = fs.readFileSync('dist/tiles/france.pmtiles');
    const archive = new PMTiles({
      getKey: () => 'dist',
      getBytes: async (offset: number, length: number) => ({ data: bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + length) as ArrayBuffer }),
    });
    const h = await archive.getHeader();
    return writePmtiles([], {
      tileCompression: h.tileCompression as 1 | 2,
      tileType: 1,
      minZoom: h.minZoom,
      maxZoom: h.maxZoom,
      bounds: [h.minLon, h.minLat, h.maxLon, h.maxLat],
      center: [h.centerLon, h.centerLat, h.centerZoom],
      metadata: await archive.getMetadata(),
    });
  })());
}

/** Answers the archive's Range requests from the empty archive, as the preview server would (206). */
async function serveEmptyArchive(route: Route): Promise<void> {
  const bytes = await buildEmptyArchive();
  const range = /bytes=(\d+)-(\d*)/.exec(route.request().headers()['range'] ?? '');
  if (!range) return route.fulfill({ status: 200, body: Buffer.from(bytes), contentType: 'application/octet-stream' });
  const start = Number(range[1]);
  const end = Math.min(range[2] ? Number(range[2]) : bytes.length - 1, bytes.length - 1);
  await route.fulfill({
    status: 206,
    body: Buffer.from(bytes.subarray(start, end + 1)),
    headers: { 'content-type': 'application/octet-stream', 'content-range': `bytes ${start}-${end}/${bytes.length}`, 'accept-ranges': 'bytes' },
  });
}
