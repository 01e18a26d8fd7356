// The national view (#/france) and the national tiles around each territory, in headless Chromium.
import fs from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useBrowser, openPage, usePages, waitForMap, screenshot, project } from './browser.ts';
import { parisToday } from '../../src/core/dates.ts';

const baseUrl = inject('baseUrl');
const browser = useBrowser();
// One page per size, each test going to its address by hash (a map loaded once serves the next test): with
// the national tiles where the tiles are what is looked at, without them for the tables, territory maps
// and commune pages.
const pageAt = usePages(browser, baseUrl);
const NO_TILES = { nationalTiles: false };
type Table = { classes: Record<string, string>; replaced?: Array<{ nom: string; departements: string[]; from: string }> };
const table = (profession: string) => JSON.parse(fs.readFileSync(`public/data/ars/${profession}.json`, 'utf8')) as Table;
const schemes = JSON.parse(fs.readFileSync('data/ars/schemes.json', 'utf8')) as { scales: Record<string, { classes: Array<{ id: string; label: string }> }>; special: Array<{ id: string; label: string }> };
// The app's today: the browser's clock, as the page reads it.
const today = parisToday();
const departementOf = (code: string) => (/^9[78]/.test(code) ? code.slice(0, 3) : code.slice(0, 2));
/** Communes per class as the view shows them today: those of a region whose zonage is replaced count as « remplace ». */
function countsOf(profession: string): Record<string, number> {
  const t = table(profession);
  const replaced = new Set((t.replaced ?? []).filter((r) => today >= r.from).flatMap((r) => r.departements));
  const counts: Record<string, number> = {};
  for (const [id, codes] of Object.entries(t.classes)) for (const c of codes.split(' ')) {
    const k = replaced.has(departementOf(c)) ? 'remplace' : id;
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}
const classOf = (profession: string, code: string) => Object.entries(table(profession).classes).find(([, codes]) => codes.split(' ').includes(code))?.[0];
const labelOf = (id: string) => [...Object.values(schemes.scales).flatMap((s) => s.classes), ...schemes.special].find((k) => k.id === id)!.label;

describe('vue nationale', () => {
  it.each([
    ['medecin-generaliste', { width: 1440, height: 900 }],
    ['infirmier', { width: 375, height: 812 }],
  ])('#/france?profession=%s colore les communes des tuiles, légende aux effectifs de la table', async (profession, viewport) => {
    const { page, errors } = await pageAt(`#/france?profession=${profession}`, viewport);
    await waitForMap(page, 'france');
    const drawn = await page.evaluate(() => {
      const map = (window as unknown as { __map: MapLibreMap }).__map;
      return new Set(map.queryRenderedFeatures({ layers: ['national-fill'] }).map((f) => String(f.properties.code))).size;
    });
    expect(drawn).toBeGreaterThan(viewport.width > 1000 ? 20_000 : 5_000);
    const legend = await page.getByTestId('national-legend').locator('li').evaluateAll((lis) =>
      Object.fromEntries(lis.map((li) => [li.getAttribute('data-class'), Number(li.querySelector('[data-count]')!.getAttribute('data-count'))])),
    );
    const expected = countsOf(profession);
    for (const [id, n] of Object.entries(legend)) expect(n).toBe(expected[id] ?? 0);
    expect(Object.keys(expected).every((id) => id in legend)).toBe(true);
    // Each swatch carries the motif its class has on the map (« sans classe » is hatched there, not plain).
    const motifs = await page.getByTestId('national-legend').locator('li').evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-class'), li.querySelector('.swatch')!.className.match(/motif-(\S+)/)?.[1]]));
    const patterns = await page.evaluate(() => (window as unknown as { __map: MapLibreMap }).__map.getLayer('national-pattern') !== undefined);
    expect(patterns).toBe(true);
    expect(motifs.filter(([, m]) => m && m !== 'aucun').length).toBeGreaterThan(0);
    await expect(page.locator('.source').first().textContent()).resolves.toContain('un arrêté plus récent peut exister');
    // No repository or commit in public text: they belong on the method page's sources.
    await expect(page.locator('body').textContent()).resolves.not.toMatch(/commit|dépôt|github/i);
    await screenshot(page, `national-${profession}-${viewport.width}`);
    expect(errors).toEqual([]);
  });

  it.each([1440, 375])('« La Réunion » cadre La Réunion, au clavier, et le lien garde vue=974 (%i px)', async (width) => {
    // Right after the maps above, on their page: the national map is still there, as after a first look.
    const { page, errors } = await pageAt('#/france?profession=medecin-generaliste', { width, height: width > 1000 ? 900 : 812 });
    await waitForMap(page, 'france');
    const frames = page.getByRole('navigation', { name: 'Cadrage de la carte' });
    await expect(frames.getByRole('link').allTextContents()).resolves.toEqual(['Métropole', 'Guadeloupe', 'Martinique', 'Guyane', 'La Réunion', 'Mayotte']);
    const reunion = frames.getByRole('link', { name: 'La Réunion' });
    await reunion.scrollIntoViewIfNeeded();
    const box = (await reunion.boundingBox())!;
    expect(box.x >= 0 && box.x + box.width <= width).toBe(true);
    await reunion.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toContain('#/france?profession=medecin-generaliste&vue=974');
    await expect.poll(() => reunion.getAttribute('aria-current')).toBe('page');
    const drawn = () =>
      page.evaluate(() => {
        const map = (window as unknown as { __map: MapLibreMap }).__map;
        const { lng, lat } = map.getCenter();
        return { lng, lat, codes: [...new Set(map.queryRenderedFeatures({ layers: ['national-fill'] }).map((f) => String(f.properties.code)))] };
      });
    await expect.poll(async () => (await drawn()).codes.filter((c) => c.startsWith('974')).length, { timeout: 30_000 }).toBe(24);
    const seen = await drawn();
    expect(seen.codes.every((c) => c.startsWith('974'))).toBe(true);
    expect(seen.lng > 55.2 && seen.lng < 55.9 && seen.lat > -21.4 && seen.lat < -20.8).toBe(true);
    await screenshot(page, `national-reunion-${width}`);
    // « Métropole » comes back; the link alone opens La Réunion.
    await frames.getByRole('link', { name: 'Métropole' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/france\?profession=medecin-generaliste$/);
    await expect.poll(async () => (await drawn()).codes.includes('16015'), { timeout: 30_000 }).toBe(true);
    expect(errors).toEqual([]);
    // The link alone opens La Réunion: a page of its own, loaded afresh (a reload of this one, its France
    // tiles still coming, would log their cut requests).
    const linked = await openPage(browser(), { width, height: 900 });
    await linked.page.goto(`${baseUrl}#/france?profession=medecin-generaliste&vue=974`);
    await waitForMap(linked.page, 'france');
    const codes = await linked.page.evaluate(() => [...new Set((window as unknown as { __map: MapLibreMap }).__map.queryRenderedFeatures({ layers: ['national-fill'] }).map((f) => String(f.properties.code)))]);
    expect(codes.length).toBe(24);
    expect(codes.every((c) => c.startsWith('974'))).toBe(true);
    expect(linked.errors).toEqual([]);
    await linked.page.close();
  });

  it('le tableau : filtre, tri, pages', async () => {
    const { page, errors } = await pageAt('#/france?profession=medecin-generaliste&vue=tableau', { width: 1440, height: 900 }, NO_TILES);
    const count = page.getByTestId('national-table-count');
    await expect.poll(() => count.textContent(), { timeout: 30_000 }).toMatch(/\d/);
    const total = Number((await count.textContent())!.replace(/\D/g, ''));
    expect(total).toBeGreaterThan(34_000);
    await expect(page.getByTestId('national-table-page').textContent()).resolves.toContain(`sur ${Math.ceil(total / 50).toLocaleString('fr-FR')}`);
    await page.getByRole('combobox', { name: 'Classe' }).selectOption('zar');
    await expect.poll(async () => Number((await count.textContent())!.replace(/\D/g, ''))).toBe(countsOf('medecin-generaliste').zar);
    await page.getByRole('combobox', { name: 'Classe' }).selectOption('');
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill('niort');
    await expect.poll(() => page.locator('tbody th').allTextContents()).toContain('Niort');
    await page.getByRole('button', { name: 'Population' }).click();
    await page.getByRole('button', { name: /Population/ }).click();
    // The table is sorted again after the click: wait for it.
    await expect.poll(() => page.locator('tbody th').first().textContent()).toBe('Niort');
    await screenshot(page, 'national-tableau-1440');
    await page.locator('tbody th').first().getByRole('button').click();
    await expect.poll(() => page.url()).toContain('#/france/commune/79191');
    expect(errors).toEqual([]);
  });

  it.each([1440, 375])('le tableau par département (%i px) : « Meuse » par son code, totaux qui s’additionnent, CSV', async (width) => {
    // The phone's page is the one the other files use (375 × 812).
    const { page, errors } = await pageAt('#/france?profession=medecin-generaliste&vue=tableau', { width, height: width < 700 ? 812 : 900 }, NO_TILES);
    const count = page.getByTestId('national-table-count');
    await expect.poll(() => count.textContent(), { timeout: 30_000 }).toMatch(/\d/);
    const totals = (await page.getByTestId('national-table-totals').textContent())!.replace(/\s+/g, ' ');
    const [all, classed, unclassified] = [...totals.matchAll(/([\d\u202f\u00a0]+) (?:communes en France|classées|non classées)/g)].map((m) => Number(m[1].replace(/\D/g, '')));
    expect(classed + unclassified).toBe(all);
    await page.getByRole('combobox', { name: 'Département' }).selectOption('55');
    const names = await page.locator('.scroll tbody td[data-label="Département"]').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names)).toEqual(new Set(['55 — Meuse']));
    const inMeuse = Number((await count.textContent())!.replace(/\D/g, ''));
    // The Meuse's total, per class, in the folded table: the classes add up to the communes shown.
    await page.getByTestId('national-aggregate').locator('summary').click();
    const cells = await page.getByTestId('national-aggregate').locator('tbody td:first-of-type').allTextContents();
    expect(cells.reduce((n, c) => n + Number(c.replace(/\D/g, '')), 0)).toBe(inMeuse);
    await expect(page.getByTestId('national-aggregate').locator('summary').textContent()).resolves.toContain('55 — Meuse');
    const download = page.waitForEvent('download');
    await page.getByTestId('national-csv').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^zonage-ars-medecin-generaliste-55-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = fs.readFileSync((await file.path())!, 'utf8');
    const lines = text.trim().split('\r\n');
    expect(lines.length - 1).toBe(inMeuse);
    expect(lines.slice(1).every((l) => l.includes(';55;Meuse;'))).toBe(true);
    await screenshot(page, `national-tableau-meuse-${width}`);
    if (width < 700) {
      // A phone shows each commune as a card: nothing wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    }
    expect(errors).toEqual([]);
  });

  it.each([1440, 375])('« Niort » dans la recherche ouvre sa page nationale et ses zonages (%i px)', async (width) => {
    const { page, errors } = await pageAt('#/charente-maritime', { width, height: width < 700 ? 812 : 900 }, NO_TILES);
    await waitForMap(page, 'charente-maritime');
    if (width < 700) await page.getByRole('button', { name: 'Menu' }).count();
    const box = page.getByRole('combobox', { name: 'Rechercher une commune' });
    await box.fill('Niort');
    const option = page.getByRole('listbox', { name: 'Communes trouvées' }).getByRole('option').first();
    await expect.poll(() => option.textContent()).toContain('Niort');
    await box.press('ArrowDown');
    await box.press('Enter');
    await expect.poll(() => page.url()).toContain('#/france/commune/79191');
    await page.getByRole('heading', { name: /Niort/ }).first().waitFor();
    const rows = page.locator('tr[data-profession]');
    await expect.poll(() => rows.count()).toBe(6);
    const gp = Object.entries(table('medecin-generaliste').classes).find(([, codes]) => codes.split(' ').includes('79191'))![0];
    expect(gp).toBeTruthy();
    await expect(page.getByText('Aucun plan local suivi ici.').count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'Charente-Maritime' }).count()).resolves.toBeGreaterThan(0);
    await expect(page.getByText('Deux-Sèvres (79)').count()).resolves.toBe(1);
    await expect(page.locator('body').textContent()).resolves.toContain("non vérifié contre l'arrêté");
    await expect(page.locator('body').textContent()).resolves.not.toContain('Simulateur d’aides pour');
    await screenshot(page, `national-commune-niort-${width}`);
    expect(errors).toEqual([]);
  });

  it('Angoulême, en Nouvelle-Aquitaine : « remplacé » pour les médecins (carte, tableau, page), sa vraie classe pour les dentistes', async () => {
    expect(today >= '2026-02-03').toBe(true);
    const dentist = labelOf(classOf('chirurgien-dentiste', '16015')!);
    const { page, errors } = await pageAt('#/france?profession=medecin-generaliste', { width: 1440, height: 900 });
    await waitForMap(page, 'france');
    await expect(page.getByTestId('national-replaced').textContent()).resolves.toBe(
      "Nouvelle-Aquitaine : zonage remplacé le 3 février 2026 (publication de l'arrêté du 30 décembre 2025 de l'ARS Nouvelle-Aquitaine) ; la nouvelle liste n'est pas encore importée.",
    );
    await expect(page.locator('[data-class="remplace"] [data-count]').getAttribute('data-count')).resolves.toBe(String(countsOf('medecin-generaliste').remplace));
    // On the map: zoomed on Angoulême, the pointer over it names its state and the fill is the neutral grey.
    const ANGOULEME: [number, number] = [0.1563, 45.6484];
    // In braces: jumpTo returns the map, which Playwright would serialise back (seconds of work for nothing).
    await page.evaluate((c) => {
      (window as unknown as { __map: MapLibreMap }).__map.jumpTo({ center: c, zoom: 11 });
    }, ANGOULEME);
    const under = () =>
      page.evaluate((c) => {
        const map = (window as unknown as { __map: MapLibreMap }).__map;
        return map.queryRenderedFeatures(map.project(c), { layers: ['national-fill'] }).map((f) => String(f.properties.code));
      }, ANGOULEME);
    await expect.poll(under, { timeout: 30_000 }).toEqual(['16015']);
    const at = await project(page, ANGOULEME);
    await page.mouse.move(at.x, at.y);
    await expect.poll(() => page.getByRole('tooltip').textContent()).toBe('Angoulême (16015) — Zonage remplacé, nouvelle liste non importée');
    for (const [profession, expected] of [['medecin-generaliste', 'Zonage remplacé, nouvelle liste non importée'], ['chirurgien-dentiste', dentist]]) {
      await page.goto(`${baseUrl}#/france?profession=${profession}&vue=tableau`);
      await page.getByRole('searchbox', { name: 'Rechercher' }).fill('16015');
      const row = page.locator('tbody tr').filter({ has: page.getByRole('button', { name: 'Angoulême', exact: true }) });
      await expect.poll(() => row.locator('td').last().textContent(), { timeout: 30_000 }).toBe(expected);
    }
    await page.goto(`${baseUrl}#/france/commune/16015`);
    const gp = page.locator('tr[data-profession="medecin-generaliste"]');
    await expect.poll(() => gp.textContent(), { timeout: 30_000 }).toContain("Zonage remplacé le 3 février 2026 (publication de l'arrêté du 30 décembre 2025 de l'ARS Nouvelle-Aquitaine) ; la nouvelle liste n'est pas encore importée.");
    await expect(gp.textContent()).resolves.toContain(`Ancien classement : ${labelOf(classOf('medecin-generaliste', '16015')!).replace(/^./, (c) => c.toLowerCase())}.`);
    await expect(gp.textContent()).resolves.toContain('9 mai 2025');
    const dentists = page.locator('tr[data-profession="chirurgien-dentiste"]');
    await expect(dentists.textContent()).resolves.toContain(dentist);
    await expect(dentists.textContent()).resolves.not.toContain('remplacé');
    await screenshot(page, 'national-commune-angouleme-1440');
    expect(errors).toEqual([]);
  });

  it('la page nationale d’une commune d’outre-mer : Saint-Denis (97411)', async () => {
    const { page, errors } = await pageAt('#/france/commune/97411?profession=infirmier', { width: 375, height: 812 }, NO_TILES);
    await page.getByRole('heading', { name: /Saint-Denis/ }).first().waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('tr[data-profession]').count()).toBe(6);
    await expect(page.getByText('La Réunion (974)').count()).resolves.toBe(1);
    await expect(page.locator('tr[data-profession="infirmier"]').textContent()).resolves.toContain(labelOf(classOf('infirmier', '97411')!));
    await expect(page.locator('tr[data-state="remplace"]').count()).resolves.toBe(0);
    const back = page.getByRole('link', { name: '← Carte de France (La Réunion)' });
    await expect(back.getAttribute('href')).resolves.toBe('#/france?profession=infirmier&vue=974');
    await screenshot(page, 'national-commune-saint-denis-375');
    expect(errors).toEqual([]);
  });

  it('la carte de la Charente-Maritime montre la France autour ; une commune voisine cliquée ouvre sa fiche nationale', async () => {
    const { page, errors } = await pageAt('#/charente-maritime', { width: 1440, height: 900 });
    await waitForMap(page, 'charente-maritime');
    // The land around: the neighbouring départements, tinted under the territory, never the territory's own.
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            const map = (window as unknown as { __map: MapLibreMap }).__map;
            if (!map.getLayer('context-departements-fill')) return [];
            return [...new Set(map.queryRenderedFeatures({ layers: ['context-departements-fill'] }).map((f) => String(f.properties.code)))];
          }),
        { timeout: 30_000 },
      )
      .toEqual(expect.arrayContaining(['16', '79']));
    const around = await page.evaluate(() => {
      const map = (window as unknown as { __map: MapLibreMap }).__map;
      const layers = map.getStyle().layers.map((l) => l.id);
      return {
        departements: map.queryRenderedFeatures({ layers: ['context-departements-fill'] }).map((f) => String(f.properties.code)),
        communes: map.queryRenderedFeatures({ layers: ['context-communes-fill'] }).map((f) => String(f.properties.code)),
        below: layers.indexOf('context-departements-fill') < layers.indexOf('communes-fill'),
      };
    });
    expect(around.departements).not.toContain('17');
    expect(around.communes.some((c) => c.startsWith('17'))).toBe(false);
    expect(around.below).toBe(true);
    await screenshot(page, 'contexte-charente-maritime-1440');
    // Niort's town centre, in the Deux-Sèvres: its national page opens.
    const niort = await project(page, [-0.4594, 46.3251]);
    await page.mouse.click(niort.x, niort.y);
    await expect.poll(() => page.url()).toMatch(/#\/france\/commune\/79191$/);
    expect(errors).toEqual([]);
  });

  it('la Charente, un territoire fait de données seules : carte, fiche, zonage ARS, tableau', async () => {
    const { page, errors } = await pageAt('#/charente?profession=infirmier', { width: 1440, height: 900 }, NO_TILES);
    await waitForMap(page, 'charente');
    const drawn = await page.evaluate(() => {
      const map = (window as unknown as { __map: MapLibreMap }).__map;
      return new Set(map.queryRenderedFeatures({ layers: ['communes-fill'] }).map((f) => String(f.properties.code))).size;
    });
    expect(drawn).toBeGreaterThan(300);
    await expect(page.getByTestId('no-plan').textContent()).resolves.toContain('Aucun plan local suivi ici');
    await screenshot(page, 'charente-1440');
    await page.goto(`${baseUrl}#/charente/commune/16015`);
    await expect.poll(() => page.getByTestId('commune-name').textContent(), { timeout: 30_000 }).toBe('Angoulême');
    await screenshot(page, 'charente-angouleme-1440');
    expect(errors).toEqual([]);
  });

  it('« France entière » dans le sélecteur de territoire', async () => {
    const { page, errors } = await pageAt('#/mauges', { width: 1440, height: 900 }, NO_TILES);
    await waitForMap(page, 'mauges');
    await page.getByRole('combobox', { name: 'Territoire' }).selectOption('france');
    await waitForMap(page, 'france');
    expect(page.url()).toMatch(/#\/france$/);
    // « Offres », « Simulateur », « Suivi » belong to a territory: the header says which before them.
    await expect(page.getByTestId('pages-of').textContent()).resolves.toBe('Pages du territoire Charente-Maritime :');
    await expect(page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Offres' }).getAttribute('href')).resolves.toBe('#/charente-maritime/offres');
    await screenshot(page, 'national-en-tete-1440');
    await page.getByRole('combobox', { name: 'Territoire' }).selectOption('charente');
    await expect.poll(() => page.getByTestId('pages-of').count()).toBe(0);
    await waitForMap(page, 'charente');
    expect(errors).toEqual([]);
  });
});
