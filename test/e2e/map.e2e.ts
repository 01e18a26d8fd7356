import { beforeAll, describe, expect, inject, it } from 'vitest';
import { useBrowser, openPage, usePages, waitForMap, renderedCommuneCodes, project, screenshot } from './browser.ts';
import { territoryFeatures, insidePoint } from './geo-fixtures.ts';

const baseUrl = inject('baseUrl');
// Faint France around the territory is not what these tests look at: pages get the archive without tiles.
const browser = useBrowser({ nationalTiles: false });
// The hover, merged-commune and wrong-link tests share one page (by hash); the others need a fresh load.
const pageAt = usePages(browser, baseUrl);

/** Counts the messages the page sends to MapLibre's worker: « LD » loads a GeoJSON source's data. */
function countWorkerLoads(page: import('playwright-core').Page) {
  return page.addInitScript(() => {
    const sent: Record<string, number> = {};
    (window as unknown as { __sent: typeof sent }).__sent = sent;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
      const m = message as { type?: string; data?: { source?: string } } | null;
      if (m?.type === 'LD' && m.data?.source) sent[m.data.source] = (sent[m.data.source] ?? 0) + 1;
      return (post as (...a: unknown[]) => void).call(this, message, ...rest);
    } as typeof post;
  });
}

describe('carte des communes', () => {
  // The first visit's page (tests 1 and 3), closed after the file with the others.
  let first: Awaited<ReturnType<typeof openPage>>;

  it('dessine les 462 communes de Charente-Maritime, sans erreur ni violation CSP', async () => {
    // With the national tiles around the territory, as a visitor gets them; a first visit, by the bare address.
    first = await openPage(browser(), undefined, { nationalTiles: true });
    const { page, errors } = first;
    await countWorkerLoads(page);
    await page.goto(baseUrl);
    await waitForMap(page, 'charente-maritime');
    const codes = await renderedCommuneCodes(page);
    const expected = territoryFeatures('charente-maritime').map((f) => f.properties.code).sort();
    expect(expected).toHaveLength(462);
    expect(codes).toEqual(expected);
    await expect(page.locator('header h1').textContent()).resolves.toBe('Charente-Maritime');
    await expect(page.locator('.maplibregl-ctrl-attrib').textContent()).resolves.toContain(
      'Contours : IGN ADMIN EXPRESS COG 2018 — Licence Ouverte',
    );
    await expect(page.locator('.panel').textContent()).resolves.toContain('462 communes');
    expect(page.url()).toMatch(/#\/charente-maritime$/);
    await screenshot(page, 'charente-maritime');
    expect(errors).toEqual([]);
  });

  it('dessine les 6 communes de Mauges Communauté, choisies avec le sélecteur de territoire', async () => {
    const { page, errors } = await pageAt('#/charente-maritime');
    await waitForMap(page, 'charente-maritime');
    await page.getByLabel('Territoire').selectOption('mauges');
    await waitForMap(page, 'mauges');
    expect(await renderedCommuneCodes(page)).toEqual(['49023', '49092', '49126', '49218', '49244', '49301']);
    await expect(page.locator('header h1').textContent()).resolves.toBe('Mauges Communauté');
    expect(page.url()).toMatch(/#\/mauges$/);
    await screenshot(page, 'mauges');
    expect(errors).toEqual([]);
  });

  it("chaque source GeoJSON part une seule fois vers le worker de MapLibre (correctif de svelte-maplibre-gl appliqué)", async () => {
    // The first visit above, its messages to the worker counted from its start.
    const { page, errors } = first;
    const sent = await page.evaluate(() => (window as unknown as { __sent: Record<string, number> }).__sent);
    expect(Object.keys(sent)).toEqual(expect.arrayContaining(['communes', 'outline', 'places']));
    for (const [source, n] of Object.entries(sent)) expect([source, n]).toEqual([source, 1]);
    expect(errors).toEqual([]);
  });

  it('sans les tuiles nationales (hôte indisponible), le territoire est dessiné quand même, sans le contexte', async () => {
    const { page, errors } = await openPage(browser());
    await page.route('**/france.pmtiles', (route) => route.fulfill({ status: 404, body: '' }));
    await page.goto(`${baseUrl}#/charente-maritime`);
    await waitForMap(page, 'charente-maritime');
    expect(await renderedCommuneCodes(page)).toHaveLength(462);
    expect(await page.evaluate(() => Boolean((window as unknown as { __map: import('maplibre-gl').Map }).__map.getSource('context')))).toBe(false);
    // The browser reports the failed request itself; nothing else may fail.
    expect(errors.filter((e) => !/404/.test(e))).toEqual([]);
    await page.close();
  });

  it('sur téléphone, un lien vers une commune la cadre sur la carte (La Rochelle), pas tout le territoire', async () => {
    const { page, errors } = await openPage(browser(), { width: 375, height: 812 });
    await page.goto(`${baseUrl}#/charente-maritime/commune/17300`);
    await waitForMap(page, 'charente-maritime');
    const framed = () =>
      page.evaluate(() => {
        const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
        const c = map.getCenter();
        return { zoom: map.getZoom(), lng: c.lng, lat: c.lat };
      });
    // La Rochelle lies around 1.15° W, 46.16° N; the whole département needs a zoom below 8 at this width.
    await expect.poll(async () => (await framed()).zoom, { timeout: 10_000 }).toBeGreaterThan(10);
    const { lng, lat } = await framed();
    expect(Math.abs(lng + 1.15)).toBeLessThan(0.1);
    expect(Math.abs(lat - 46.16)).toBeLessThan(0.1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('la carte déplacée à la souris : le nom survolé s’efface avec le mouvement, puis suit le pointeur', async () => {
    const { page, errors } = await pageAt('#/charente-maritime');
    await waitForMap(page, 'charente-maritime');
    const point = await project(page, insidePoint('charente-maritime', '17300'));
    await page.mouse.move(point.x, point.y);
    await expect(page.getByRole('tooltip').textContent()).resolves.toBe('La Rochelle');
    await page.mouse.down();
    for (let i = 1; i <= 8; i++) await page.mouse.move(point.x + i * 15, point.y + i * 5);
    // While the map moves, no name stays where La Rochelle was.
    await expect.poll(() => page.getByRole('tooltip').count()).toBe(0);
    await page.mouse.up();
    await page.mouse.move(point.x + 121, point.y + 41);
    const under = await page.evaluate(([x, y]) => {
      const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
      const box = map.getCanvas().getBoundingClientRect();
      return map.queryRenderedFeatures([x - box.left, y - box.top], { layers: ['communes-fill'] })[0]?.properties.nom;
    }, [point.x + 121, point.y + 41]);
    if (under) await expect.poll(() => page.getByRole('tooltip').textContent()).toBe(under);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('survol : affiche le nom ; clic : ouvre la fiche ; le lien permanent la rouvre après rechargement', async () => {
    const { page, errors } = await pageAt('#/charente-maritime');
    await waitForMap(page, 'charente-maritime');
    const point = await project(page, insidePoint('charente-maritime', '17300'));
    await page.mouse.move(point.x, point.y);
    await expect(page.getByRole('tooltip').textContent()).resolves.toBe('La Rochelle');
    await page.mouse.click(point.x, point.y);
    await expect(page.getByTestId('commune-name').textContent()).resolves.toBe('La Rochelle');
    await expect(page.getByTestId('commune-code').textContent()).resolves.toBe('17300');
    const panel = await page.locator('.panel').textContent();
    expect(panel).toContain('CA de La Rochelle');
    expect(panel).toMatch(/\d{2}\u202f\d{3} habitants/); // fr-FR thousands separator
    expect(page.url()).toMatch(/#\/charente-maritime\/commune\/17300$/);
    await expect(page.title()).resolves.toContain('La Rochelle');
    await screenshot(page, 'la-rochelle-selectionnee');

    await page.reload();
    await waitForMap(page, 'charente-maritime');
    await expect(page.getByTestId('commune-name').textContent()).resolves.toBe('La Rochelle');
    // The highlight drawn on the map is La Rochelle's, and only hers.
    const highlighted = await page.evaluate(() => {
      const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
      return [...new Set(map.queryRenderedFeatures({ layers: ['communes-selected'] }).map((f) => f.properties.code))];
    });
    expect(highlighted).toEqual(['17300']);
    expect(errors).toEqual([]);
  });

  it('une commune fusionnée forme un seul polygone : Marennes-Hiers-Brouage se sélectionne depuis Hiers-Brouage', async () => {
    const { page } = await pageAt('#/charente-maritime/commune/17189');
    await waitForMap(page, 'charente-maritime');
    await expect(page.getByTestId('commune-name').textContent()).resolves.toBe('Marennes-Hiers-Brouage');
    expect(page.url()).toMatch(/#\/charente-maritime\/commune\/17219$/);
  });

  describe('un lien incorrect affiche la carte du territoire avec un message poli', () => {
    // One page for the five links, each followed in turn (no reload): the app reads every new address.
    let opened: Awaited<ReturnType<typeof openPage>>;
    beforeAll(async () => {
      opened = await pageAt('#/charente-maritime');
    });

    it.each([
      ['#/nulle-part/commune/17300', "Le territoire « nulle-part » n'existe pas", 'charente-maritime'],
      ['#/mauges/commune/17300', 'Aucune commune de code « 17300 » dans Mauges Communauté', 'mauges'],
      ['#/charente-maritime/%E0%A4%A', 'caractères illisibles', 'charente-maritime'],
      ['#/charente-maritime/quoi/17300', "n'est pas reconnu", 'charente-maritime'],
      [`#/${'x'.repeat(1600)}`, 'trop long', 'charente-maritime'],
    ])('%s', async (hash, message, territory) => {
      const { page, errors } = opened;
      errors.length = 0;
      await page.goto(`${baseUrl}${hash}`);
      await waitForMap(page, territory);
      await expect.poll(() => page.getByRole('status').textContent()).toContain(message);
      expect(await page.getByTestId('commune-name').count()).toBe(0);
      await expect.poll(() => page.url()).toMatch(new RegExp(`#/${territory}$`));
      if (hash.startsWith('#/nulle')) await screenshot(page, 'lien-incorrect');
      expect(errors).toEqual([]);
    });
  });
});
