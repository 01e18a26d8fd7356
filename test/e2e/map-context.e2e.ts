// The territory drawn first: its communes and classes do not wait for the France around it (national tiles,
// with the names of the places outside the territory), whether that host is slow or fails; and a commune
// chosen on a desktop is outlined above the place names.
import { describe, expect, inject, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useBrowser, openPage, usePages, waitForMap, renderedCommuneCodes, project, screenshot } from './browser.ts';
import { territoryFeatures, insidePoint } from './geo-fixtures.ts';

const baseUrl = inject('baseUrl');
// The national archive without its tiles, unless a test looks at France drawn around the territory.
const browser = useBrowser({ nationalTiles: false });
const pageAt = usePages(browser, baseUrl);
const ARCHIVE = '**/tiles/france.pmtiles';
const CM = territoryFeatures('charente-maritime').map((f) => f.properties.code).sort();

/** What the territory map shows: communes drawn, their fill (the zonage's classes), legend counts. */
async function territoryShown(page: Page) {
  const codes = await renderedCommuneCodes(page);
  const fill = await page.evaluate(() => {
    const map = (window as unknown as { __map: MapLibreMap }).__map;
    const expression = map.getPaintProperty('communes-fill', 'fill-color') as unknown[];
    // The colour La Rochelle is given by the zonage's expression, as MapLibre evaluates it for the rendered feature.
    const rochelle = map.queryRenderedFeatures({ layers: ['communes-fill'] }).find((f) => f.properties.code === '17300');
    return { kind: expression[0], rochelle: expression[expression.indexOf('17300') + 1], rendered: Boolean(rochelle) };
  });
  const counts = await page.getByTestId('legend-count').allTextContents();
  const total = counts.reduce((s, c) => s + Number(c.replace(/\s/g, '')), 0);
  const rochelleClass = await page.evaluate(
    (colour) => [...document.querySelectorAll<HTMLElement>('.legend li[data-class]')].find((li) => li.querySelector<HTMLElement>('.swatch')?.style.backgroundColor && getComputedStyle(li.querySelector('.swatch')!).backgroundColor === colour)?.dataset.class,
    await page.evaluate((hex) => {
      const d = document.createElement('div');
      d.style.color = hex;
      document.body.append(d);
      const rgb = getComputedStyle(d).color;
      d.remove();
      return rgb;
    }, String(fill.rochelle)),
  );
  return { codes, fill, total, rochelleClass };
}

/** Holds the national archive's answers until `release` is called, noting whether the territory was drawn when each request came. */
function holdArchive(page: Page) {
  const held: Route[] = [];
  const drawnWhenAsked: boolean[] = [];
  let released = false;
  void page.route(ARCHIVE, async (route) => {
    drawnWhenAsked.push((await page.locator('[data-territory-drawn="charente-maritime"]').count()) === 1);
    if (released) await route.continue();
    else held.push(route);
  });
  return {
    held,
    drawnWhenAsked,
    release: async () => {
      released = true;
      for (const r of held.splice(0)) await r.continue();
    },
  };
}

describe('le territoire dessiné avant la France autour', () => {
  it("hôte des tuiles nationales lent : les communes et leurs classes d'abord, la France ensuite (1440 px)", async () => {
    const { page, errors } = await openPage(browser(), { width: 1440, height: 900 }, { nationalTiles: true });
    const archive = holdArchive(page);
    await page.goto(`${baseUrl}#/charente-maritime`);
    await page.locator('[data-territory-drawn="charente-maritime"]').waitFor({ timeout: 45_000 });
    // The rest of the map waits for France's header (a second at most): names, hatching, outline come with it
    // in one batch, their frames no longer holding back the reader of the national tiles.
    expect(
      await page.evaluate(() => ['places-1', 'communes-pattern', 'outline-line'].filter((id) => (window as unknown as { __map: MapLibreMap }).__map.getLayer(id))),
    ).toEqual([]);
    // Drawn while the context host has not answered a single byte.
    const shown = await territoryShown(page);
    expect(shown.codes).toEqual(CM);
    expect(shown.fill.kind).toBe('match');
    expect(shown.fill.rendered).toBe(true);
    expect(shown.total).toBe(462);
    // La Rochelle's colour on the map is a class of the legend.
    expect(shown.rochelleClass).toBeTruthy();
    expect(await page.evaluate(() => Boolean((window as unknown as { __map: MapLibreMap }).__map.getSource('context')))).toBe(false);
    // The archive was asked for only once the territory was drawn.
    await expect.poll(() => archive.drawnWhenAsked.length, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(archive.drawnWhenAsked.every(Boolean)).toBe(true);
    // The map says it is complete without waiting for the slow host, the territory's names drawn.
    await waitForMap(page, 'charente-maritime');
    expect(await page.evaluate(() => (window as unknown as { __map: MapLibreMap }).__map.queryRenderedFeatures({ layers: ['places-1'] }).length)).toBeGreaterThan(0);
    expect(await page.evaluate(() => ['communes-pattern', 'outline-line'].filter((id) => (window as unknown as { __map: MapLibreMap }).__map.getLayer(id)))).toEqual(['communes-pattern', 'outline-line']);
    await screenshot(page, 'contexte-lent-1440');
    await archive.release();
    // France follows, below the territory.
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            const map = (window as unknown as { __map: MapLibreMap }).__map;
            return map.getLayer('context-departements-fill') ? new Set(map.queryRenderedFeatures({ layers: ['context-departements-fill'] }).map((f) => String(f.properties.code))).size : 0;
          }),
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);
    await expect(page.locator('.context-note').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  for (const [how, fail, width] of [
    ['404', (r: Route) => r.fulfill({ status: 404, body: '' }), 375],
    ['coupé', (r: Route) => r.abort('failed'), 1440],
  ] as const) {
    it(`hôte des tuiles nationales en échec (${how}) : le territoire, ses classes et sa légende, un mot sobre, aucune erreur (${width} px)`, async () => {
      const { page, errors } = await openPage(browser(), { width, height: width < 700 ? 812 : 900 });
      await page.route(ARCHIVE, fail);
      await page.goto(`${baseUrl}#/charente-maritime`);
      await waitForMap(page, 'charente-maritime');
      const shown = await territoryShown(page);
      expect(shown.codes).toEqual(CM);
      expect(shown.fill.kind).toBe('match');
      expect(shown.total).toBe(462);
      expect(shown.rochelleClass).toBeTruthy();
      await expect(page.locator('.context-note').textContent()).resolves.toBe("Le fond de carte de la France n'a pas pu être chargé : seul le territoire est affiché.");
      await expect(page.locator('.context-note').isVisible()).resolves.toBe(true);
      await screenshot(page, `contexte-echec-${how}-${width}`);
      // The browser reports the failed request itself; nothing else may fail.
      expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
      await page.close();
    });
  }
});

describe('une commune choisie sur un ordinateur', () => {
  it('est cadrée et soulignée au-dessus des noms de lieux (clic, 1440 px)', async () => {
    // A page shared with the other files (no route here): its map is often loaded already.
    const { page, errors } = await pageAt('#/charente-maritime', { width: 1440, height: 900 });
    await waitForMap(page, 'charente-maritime');
    // Chosen by a click where a person sees it (the search leads to the same address, tested in search.e2e.ts).
    const at = await project(page, insidePoint('charente-maritime', '17300'));
    await page.mouse.click(at.x, at.y);
    await expect.poll(() => page.getByTestId('commune-name').textContent()).toBe('La Rochelle');
    // The outline is drawn with the next frame.
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __map: MapLibreMap }).__map.queryRenderedFeatures({ layers: ['communes-selected'] }).map((f) => String(f.properties.code))), { timeout: 15_000 })
      .toContain('17300');
    const outline = await page.evaluate(() => {
      const map = (window as unknown as { __map: MapLibreMap }).__map;
      const layers = map.getStyle().layers.map((l) => l.id);
      const names = layers.filter((id) => id.startsWith('places-') || id === 'context-places');
      return {
        names,
        above: names.every((id) => layers.indexOf(id) < layers.indexOf('communes-selected-halo') && layers.indexOf(id) < layers.indexOf('communes-selected')),
        visible: map.getLayoutProperty('communes-selected', 'visibility') !== 'none',
        drawn: [...new Set(map.queryRenderedFeatures({ layers: ['communes-selected'] }).map((f) => String(f.properties.code)))],
        inView: map.getBounds().contains([-1.15, 46.16]),
      };
    });
    expect(outline.names).toEqual(expect.arrayContaining(['places-1', 'places-2', 'places-3', 'context-places']));
    expect(outline.above).toBe(true);
    expect(outline.visible).toBe(true);
    expect(outline.drawn).toEqual(['17300']);
    expect(outline.inView).toBe(true);
    await screenshot(page, 'commune-choisie-contour-1440');
    // The pointer still over La Rochelle, another territory by its address: the map forgets the commune under
    // the pointer (its source is gone) instead of setting its state on a missing source.
    await page.mouse.move(at.x, at.y);
    await expect.poll(() => page.getByRole('tooltip').textContent()).toBe('La Rochelle');
    await page.evaluate(() => (location.hash = '#/mauges'));
    await waitForMap(page, 'mauges');
    expect(await page.getByRole('tooltip').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 90_000);

  it('un aller-retour vers un autre territoire avant qu’il soit dessiné : les noms restent sous le contour', async () => {
    // Back before the other territory was drawn, the map took the first one for drawn already and added the
    // names with its layers, before the selection's: on top of the outline.
    const { page, errors } = await pageAt('#/charente-maritime', { width: 1440, height: 900 });
    await waitForMap(page, 'charente-maritime');
    await page.evaluate(() => (location.hash = '#/mauges'));
    await page.locator('[data-territory="mauges"]').waitFor({ state: 'attached' });
    await page.evaluate(() => (location.hash = '#/charente-maritime'));
    await waitForMap(page, 'charente-maritime');
    const order = await page.evaluate(() => (window as unknown as { __map: MapLibreMap }).__map.getStyle().layers.map((l) => l.id));
    const names = order.filter((id) => id.startsWith('places-'));
    expect(names.length).toBe(3);
    for (const id of names) expect(order.indexOf(id), id).toBeLessThan(order.indexOf('communes-selected-halo'));
    expect(errors).toEqual([]);
  });
});
