// The national view (#/france) and the national tiles around each territory, in headless Chromium.
import fs from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useBrowser, openPage, waitForMap, screenshot } from './browser.ts';

const baseUrl = inject('baseUrl');
const browser = useBrowser();
const table = (profession: string) => JSON.parse(fs.readFileSync(`public/data/ars/${profession}.json`, 'utf8')) as { classes: Record<string, string> };
const countsOf = (profession: string) => Object.fromEntries(Object.entries(table(profession).classes).map(([id, codes]) => [id, codes.split(' ').length]));

describe('vue nationale', () => {
  it.each([
    ['medecin-generaliste', { width: 1440, height: 900 }],
    ['infirmier', { width: 375, height: 812 }],
  ])('#/france?profession=%s colore les communes des tuiles, légende aux effectifs de la table', async (profession, viewport) => {
    const { page, errors } = await openPage(browser(), viewport);
    await page.goto(`${baseUrl}#/france?profession=${profession}`);
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
    await expect(page.locator('.source').first().textContent()).resolves.toContain('un arrêté plus récent peut exister');
    await screenshot(page, `national-${profession}-${viewport.width}`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('le tableau : filtre, tri, pages', async () => {
    const { page, errors } = await openPage(browser(), { width: 1440, height: 900 });
    await page.goto(`${baseUrl}#/france?profession=medecin-generaliste&vue=tableau`);
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
    await expect(page.locator('tbody th').first().textContent()).resolves.toBe('Niort');
    await screenshot(page, 'national-tableau-1440');
    await page.locator('tbody th').first().getByRole('button').click();
    await expect.poll(() => page.url()).toContain('#/france/commune/79191');
    expect(errors).toEqual([]);
    await page.close();
  });

  it.each([1440, 375])('« Niort » dans la recherche ouvre sa page nationale et ses zonages (%i px)', async (width) => {
    const { page, errors } = await openPage(browser(), { width, height: 900 });
    await page.goto(`${baseUrl}#/charente-maritime`);
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
    await page.close();
  });

  it('la carte de la Charente-Maritime montre les communes voisines hors du territoire', async () => {
    const { page, errors } = await openPage(browser(), { width: 1440, height: 900 });
    await page.goto(`${baseUrl}#/charente-maritime`);
    await waitForMap(page, 'charente-maritime');
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            const map = (window as unknown as { __map: MapLibreMap }).__map;
            if (!map.getLayer('context-communes-fill')) return [];
            return [...new Set(map.queryRenderedFeatures({ layers: ['context-communes-fill'] }).map((f) => String(f.properties.code)))];
          }),
        { timeout: 30_000 },
      )
      .toEqual(expect.arrayContaining(['16015', '79191']));
    const codes = await page.evaluate(() => {
      const map = (window as unknown as { __map: MapLibreMap }).__map;
      const layers = map.getStyle().layers.map((l) => l.id);
      return { outside: map.queryRenderedFeatures({ layers: ['context-communes-fill'] }).map((f) => String(f.properties.code)), below: layers.indexOf('context-communes-fill') < layers.indexOf('communes-fill') };
    });
    expect(codes.outside.some((c) => c.startsWith('17'))).toBe(false);
    expect(codes.below).toBe(true);
    await screenshot(page, 'contexte-charente-maritime-1440');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('la Charente, un territoire fait de données seules : carte, fiche, zonage ARS, tableau', async () => {
    const { page, errors } = await openPage(browser(), { width: 1440, height: 900 });
    await page.goto(`${baseUrl}#/charente?profession=infirmier`);
    await waitForMap(page, 'charente');
    const drawn = await page.evaluate(() => {
      const map = (window as unknown as { __map: MapLibreMap }).__map;
      return new Set(map.queryRenderedFeatures({ layers: ['communes-fill'] }).map((f) => String(f.properties.code))).size;
    });
    expect(drawn).toBeGreaterThan(300);
    await screenshot(page, 'charente-1440');
    await page.goto(`${baseUrl}#/charente/commune/16015`);
    await expect.poll(() => page.getByTestId('commune-name').textContent(), { timeout: 30_000 }).toBe('Angoulême');
    await screenshot(page, 'charente-angouleme-1440');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('« France entière » dans le sélecteur de territoire', async () => {
    const { page, errors } = await openPage(browser(), { width: 1440, height: 900 });
    await page.goto(`${baseUrl}#/mauges`);
    await waitForMap(page, 'mauges');
    await page.getByRole('combobox', { name: 'Territoire' }).selectOption('france');
    await waitForMap(page, 'france');
    expect(page.url()).toMatch(/#\/france$/);
    await page.getByRole('combobox', { name: 'Territoire' }).selectOption('charente');
    await waitForMap(page, 'charente');
    expect(errors).toEqual([]);
    await page.close();
  });
});
