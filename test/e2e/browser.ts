// Headless Chromium from the system (Debian package `chromium`), never a downloaded build.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
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

/** One browser per test file: launched before its tests, closed after them. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser!;
}

/** Opens a page that records console errors and CSP violations, so tests can assert there are none. */
export async function openPage(browser: Browser, viewport = { width: 1280, height: 800 }) {
  const page = await browser.newPage({ viewport });
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

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}
