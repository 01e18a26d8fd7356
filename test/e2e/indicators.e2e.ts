// The indicators where people look (issue 24): the commune page (APL, GPs, pharmacies with dates,
// sources and limits; pharmacie sans médecin), the map coloured by APL with its legend, and the national
// APL view (#/france?couleurs=apl). Counts checked against the built files, not hard-coded.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser, usePages, waitForMap } from './browser.ts';
import { aplClasses } from '../../src/core/indicators/layers.ts';
import type { NationalAplFile, TerritoryIndicatorsFile } from '../../src/core/indicators/schema.ts';

const baseUrl = inject('baseUrl');
// The national tiles only for the national view; one page per size and territory, each test going to its
// address by hash (the commune page and the APL colours share a map).
const browser = useBrowser({ nationalTiles: false });
const pageAt = usePages(browser, baseUrl);
const SHOTS = '/tmp/shots-indicators';
const shot = async (page: Page, name: string) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ caret: 'initial', path: path.join(SHOTS, `${name}.png`), fullPage: false });
};
const cm = JSON.parse(fs.readFileSync('public/data/indicators/charente-maritime.json', 'utf8')) as TerritoryIndicatorsFile;
const national = JSON.parse(fs.readFileSync('public/data/indicators/apl-france.json', 'utf8')) as NationalAplFile;
const fr = (n: number) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(n);
/** Legend counts as shown: class id → count. */
const legendCounts = (page: Page) =>
  page.getByTestId('indicator-legend').locator('li[data-class]').evaluateAll((lis) => Object.fromEntries(lis.map((li) => [li.getAttribute('data-class'), Number(li.querySelector('[data-count]')!.getAttribute('data-count'))])));

describe('indicateurs de la commune et couleurs de la carte', () => {
  it.each([
    [{ width: 1440, height: 900 }],
    [{ width: 375, height: 812 }],
  ])('Marsais (17221), pharmacie sans médecin : APL, médecins, pharmacies datés et sourcés, règle de la fiche 1 sur les comptes (%o)', async (viewport) => {
    const { page, errors } = await pageAt('#/charente-maritime/commune/17221', viewport);
    const box = page.getByTestId('commune-indicators');
    const apl = cm.communes['17221'].apl[String(cm.medians.year)];
    await expect.poll(() => box.getByTestId('indicator-apl').textContent(), { timeout: 30_000 }).toContain(fr(apl.value!));
    expect(await box.getByTestId('indicator-apl').textContent()).toContain(fr(apl.under65!));
    expect(await box.getByTestId('apl-medians').textContent()).toContain(fr(cm.medians.departements['17']!));
    expect(await box.getByTestId('indicator-medecins').textContent()).toMatch(/^\s*0 au 7 avril 2026/);
    expect(await box.getByTestId('indicator-pharmacies').textContent()).toContain('1 au 27 septembre 2026');
    expect(await box.getByTestId('pharmacie-sans-medecin').textContent()).toContain('fiche 1');
    await expect(box.getByTestId('apl-chart').count()).resolves.toBe(1);
    // The zone's reason says the counts, their source and date.
    expect(await page.getByTestId('commune-zone').textContent()).toContain('1 pharmacie (FINESS du 27 septembre 2026, compilation tierce), aucun médecin généraliste (RPPS du 7 avril 2026)');
    // Source and limits one click away.
    const src = box.getByTestId('source-medecins');
    await src.locator('summary').click();
    expect(await src.textContent()).toContain('surestimé');
    await box.scrollIntoViewIfNeeded();
    await shot(page, `commune-17221-${viewport.width}`);
    expect(errors.filter((e) => !/404/.test(e))).toEqual([]);
  });

  it.each([
    [{ width: 1440, height: 900 }],
    [{ width: 375, height: 812 }],
  ])('?couleurs=apl : la carte du territoire colorée par l’APL, légende aux effectifs du fichier (%o)', async (viewport) => {
    const { page, errors } = await pageAt('#/charente-maritime?couleurs=apl', viewport);
    await waitForMap(page, 'charente-maritime');
    await page.getByTestId('indicator-legend').waitFor({ timeout: 30_000 });
    const expected = Object.fromEntries(aplClasses(Object.entries(cm.communes).map(([c, v]) => [c, v.apl[String(cm.medians.year)]?.value ?? null])).map((k) => [k.id, k.count]));
    expect(await legendCounts(page)).toEqual(expected);
    expect(await page.getByTestId('colours-select').inputValue()).toBe('apl');
    // The map's fill is the APL classes' (La Rochelle's colour as drawn).
    const fill = await page.evaluate(() => JSON.stringify((window as unknown as { __map: import('maplibre-gl').Map }).__map.getPaintProperty('communes-fill', 'fill-color')));
    expect(fill).toContain('#41ab5d');
    await page.getByTestId('indicator-legend').scrollIntoViewIfNeeded();
    await shot(page, `map-apl-${viewport.width}`);
    expect(errors.filter((e) => !/404/.test(e))).toEqual([]);
  });
});

describe('espace Gestion', () => {
  it('les indicateurs : fichiers, dates, comptes, communes à regarder, commandes (1440 puis 375 px)', async () => {
    const { page, errors } = await pageAt('#/charente-maritime/gestion', { width: 1440, height: 900 });
    const box = page.getByTestId('staff-indicators');
    await box.locator('table').waitFor({ timeout: 30_000 });
    const manifest = JSON.parse(fs.readFileSync('public/data/indicators/manifest.json', 'utf8')) as { files: Array<{ file: string }> };
    expect(await box.locator('tbody th').allTextContents()).toEqual(manifest.files.map((f) => f.file));
    const flagged = Object.entries(cm.communes).filter(([, v]) => v.flags.includes('pharmacie-sans-medecin')).map(([c]) => c);
    expect(await box.getByTestId('staff-flagged').locator('li').first().locator('a').count()).toBe(flagged.length);
    expect(await box.textContent()).toContain('indicateurs check');
    await box.scrollIntoViewIfNeeded();
    await shot(page, 'staff-1440');
    await page.setViewportSize({ width: 375, height: 812 });
    await box.scrollIntoViewIfNeeded();
    await shot(page, 'staff-375');
    expect(errors.filter((e) => !/404/.test(e))).toEqual([]);
  });
});

describe('vue nationale de l’APL', () => {
  it.each([
    [{ width: 1440, height: 900 }],
    [{ width: 375, height: 812 }],
  ])('#/france?couleurs=apl : toutes les communes colorées, légende aux effectifs de la table nationale (%o)', async (viewport) => {
    const { page, errors } = await pageAt('#/france?couleurs=apl', viewport, { nationalTiles: true });
    await waitForMap(page, 'france');
    await page.getByTestId('indicator-legend').waitFor({ timeout: 30_000 });
    const values = national.codes.map((c, i): [string, number | null] => [c, national.values[i] === null ? null : national.values[i]! / 1000]);
    const expected = Object.fromEntries(aplClasses(values).map((k) => [k.id, k.count]));
    expect(await legendCounts(page)).toEqual(expected);
    await expect.poll(() => page.evaluate(() => {
      const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
      return new Set(map.queryRenderedFeatures({ layers: ['national-fill'] }).map((f) => String(f.properties.code))).size;
    }), { timeout: 30_000 }).toBeGreaterThan(viewport.width > 1000 ? 20_000 : 5_000);
    expect(await page.locator('h2#national-title').textContent()).toContain('APL');
    await expect(page.locator('body').textContent()).resolves.not.toMatch(/commit|dépôt|github/i);
    await shot(page, `national-apl-${viewport.width}`);
    expect(errors).toEqual([]);
  });
});
