// The chargée de mission's publication (issue 28): a previewed import is never taken for the published map
// (the exported SVG and the printed sheet say « Aperçu — non publié »); offers received from communes are
// accepted in « Gestion » with the checks of `offers accept`, into the session's single publication.
import fs from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser, openPage, waitForMap, screenshot } from './browser.ts';

const baseUrl = inject('baseUrl');
const browser = useBrowser({ nationalTiles: false });
const MARK = 'Aperçu — non publié';

/** The annual map as the SVG button downloads it: its file name and its text. */
async function exportedSvg(page: Page): Promise<{ name: string; text: string }> {
  const group = page.getByRole('group', { name: 'Exporter la carte annuelle' });
  const [svg] = await Promise.all([page.waitForEvent('download'), group.getByRole('button', { name: 'SVG' }).click()]);
  return { name: svg.suggestedFilename(), text: fs.readFileSync((await svg.path())!, 'utf8') };
}

/** What the printed page shows above the sheet (Ctrl+P prepares it, then prints: nothing in headless). */
async function printed(page: Page, marked: boolean): Promise<string> {
  await page.keyboard.press('Control+P');
  await page.locator('.print-sheet img').waitFor({ state: 'attached', timeout: 20_000 });
  await expect.poll(() => page.getByTestId('print-mark').count(), { timeout: 20_000 }).toBe(marked ? 1 : 0);
  await page.emulateMedia({ media: 'print' });
  const text = marked ? await page.getByTestId('print-mark').innerText() : '';
  expect(await page.locator('.print-sheet img').isVisible()).toBe(true);
  return text;
}

describe('aperçu non publié : export SVG et impression de la carte annuelle', () => {
  let page: Page;
  let errors: string[];

  it('1440 px : la carte publiée sans marque ; un import prévisualisé marqué « Aperçu — non publié » dans le SVG et sur la page imprimée', async () => {
    ({ page, errors } = await openPage(browser(), { width: 1440, height: 900 }));
    await page.goto(baseUrl);
    await waitForMap(page, 'charente-maritime');
    // Nothing previewed: no mark anywhere.
    const published = await exportedSvg(page);
    expect(published.name).toBe('carte-charente-maritime-medecin-generaliste-2026-exemple.svg');
    expect(published.text).not.toContain(MARK);
    expect(await printed(page, false)).toBe('');
    await page.emulateMedia({ media: 'screen' });

    // An import in « Gestion », looked at on the map.
    await page.getByRole('contentinfo').getByRole('link', { name: 'Gestion' }).click();
    const panel = page.getByRole('region', { name: "Importer les données de l'année" });
    await panel.locator('input[type=file]').setInputFiles('test/fixtures/zonage-cp1252-defauts.csv');
    await panel.getByRole('button', { name: 'Voir ce fichier sur la carte' }).click();
    await waitForMap(page, 'charente-maritime');
    await expect(page.getByTestId('preview-banner').textContent()).resolves.toContain('Aperçu — import non publié');
    const previewed = await exportedSvg(page);
    expect(previewed.name).toBe('carte-charente-maritime-medecin-generaliste-2027-apercu-non-publie.svg');
    // The banner under the title, the mark across the map and the source line.
    expect(previewed.text).toContain(`font-weight="bold" fill="#ffffff">${MARK}</text>`);
    expect(previewed.text).toMatch(new RegExp(`<text id="apercu"[^>]*rotate\\(-35[^>]*>${MARK}</text>`));
    expect(previewed.text).toContain(`${MARK} : données importées dans « Gestion »`);
    expect(await printed(page, true)).toBe(`${MARK} : données importées dans « Gestion », pas encore publiées.`);
    await page.setViewportSize({ width: 794, height: 1123 });
    await screenshot(page, 'staff-apercu-impression-1440');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.emulateMedia({ media: 'screen' });
    // The file names two communes: the 460 others, white on the map, are said in the legend and on the sheet.
    await expect(page.getByTestId('legend-absent').textContent()).resolves.toBe('460');
    expect(previewed.text).toContain('Absentes de ce zonage : 460 communes');
    expect(published.text).not.toContain('Absentes de ce zonage');
    await screenshot(page, 'staff-apercu-carte-1440');
    expect(errors).toEqual([]);
  });

  it('375 px : toujours marqué pendant l’aperçu ; « Quitter l’aperçu » rend la carte publiée, sans marque', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    expect((await exportedSvg(page)).text).toContain(`>${MARK}</text>`);
    expect(await printed(page, true)).toContain(MARK);
    await page.emulateMedia({ media: 'screen' });
    await screenshot(page, 'staff-apercu-carte-375');
    await page.getByRole('button', { name: "Quitter l'aperçu" }).click();
    await expect.poll(() => page.getByTestId('preview-banner').count()).toBe(0);
    // The published map again: the 2026 zonage, the example label, no mark.
    await expect.poll(() => page.getByRole('region', { name: 'Légende du zonage' }).locator('h2').textContent()).toContain('2026');
    const after = await exportedSvg(page);
    expect(after.name).toBe('carte-charente-maritime-medecin-generaliste-2026-exemple.svg');
    expect(after.text).not.toContain(MARK);
    expect(await printed(page, false)).toBe('');
    await page.emulateMedia({ media: 'screen' });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('offres acceptées depuis « Gestion », dans la publication unique', () => {
  const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]);
  const offer = (id: string, more: Record<string, unknown> = {}) =>
    Buffer.from(JSON.stringify({
      id, commune: '17024', kind: 'logement', title: 'Chambre pour un remplaçant', description: 'Chambre meublée près du cabinet.', professions: ['medecin-generaliste'],
      available: '2026-12-01', expires: '2030-06-30', contact: { name: 'Mairie', phone: '05 46 00 00 09' }, photos: [{ src: 'photos/chambre.jpg', alt: 'La chambre' }], ...more,
    }));
  const json = (name: string, buffer: Buffer) => ({ name, mimeType: 'application/json', buffer });
  let page: Page;
  let errors: string[];

  it('1440 px : une offre valide et sa photo entrent dans la liste de la publication et dans le ZIP ; une offre fautive est refusée avec le fichier et le champ', async () => {
    ({ page, errors } = await openPage(browser(), { width: 1440, height: 900 }));
    await page.goto(`${baseUrl}#/charente-maritime/gestion`);
    const intake = page.getByTestId('offer-intake');
    await intake.locator('input[type=file]').setInputFiles([
      json('aulnay-chambre.json', offer('aulnay-chambre')),
      { name: 'chambre.jpg', mimeType: 'image/jpeg', buffer: JPEG },
      json('fautive.json', offer('aulnay-fautive', { commune: '99999', professions: [] })),
    ]);
    await expect.poll(() => intake.getByTestId('offer-accepted').count()).toBe(1);
    await expect(intake.getByTestId('offer-accepted').textContent()).resolves.toBe('aulnay-chambre.json : offre « aulnay-chambre » valide, ajoutée à la publication.');
    const refused = intake.getByTestId('offer-refused');
    await expect(refused.locator('strong').textContent()).resolves.toBe('fautive.json : refusée');
    expect((await refused.locator('ul li').allTextContents()).toSorted()).toEqual([
      'fautive.json, champ « commune » : code INSEE « 99999 » inconnu dans ce territoire.',
      'fautive.json, champ « professions » : liste obligatoire, au moins une profession.',
    ]);
    const publication = page.getByTestId('publication');
    const files = publication.getByTestId('publication-files').locator('li');
    await expect(files.allTextContents()).resolves.toEqual([expect.stringContaining('offre « aulnay-chambre » — aulnay-chambre.json : Chambre pour un remplaçant (Aulnay), 1 photo')]);
    await intake.scrollIntoViewIfNeeded();
    await screenshot(page, 'staff-offres-gestion-1440');

    const [download] = await Promise.all([page.waitForEvent('download'), publication.getByRole('button', { name: 'Télécharger la publication (ZIP)' }).click()]);
    expect(download.suggestedFilename()).toBe('publication-charente-maritime-offres.zip');
    const zip = unzipSync(new Uint8Array(fs.readFileSync((await download.path())!)));
    expect(Object.keys(zip).sort()).toEqual([
      'LISEZMOI.txt',
      'projet/data/territories/charente-maritime/offres/aulnay-chambre.json',
      'projet/data/territories/charente-maritime/offres/photos/chambre.jpg',
      'site/data/charente-maritime/offres.json',
      'site/data/charente-maritime/photos/chambre.jpg',
    ]);
    const site = JSON.parse(strFromU8(zip['site/data/charente-maritime/offres.json'])) as { offers: Array<{ id: string }> };
    // The published offers stay, the accepted one is added.
    expect(site.offers.map((o) => o.id)).toContain('aulnay-chambre');
    expect(site.offers.map((o) => o.id)).toContain('andilly-logement-interne');
    expect(strFromU8(zip['LISEZMOI.txt'])).toContain('- offre « aulnay-chambre » : fichier reçu aulnay-chambre.json et 1 photo');
    expect(errors).toEqual([]);
  });

  it('375 px : une offre déjà publiée est refusée tant que « Remplacer » n’est pas coché ; la page tient dans l’écran', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    const intake = page.getByTestId('offer-intake');
    await intake.locator('input[type=file]').setInputFiles([json('andilly.json', offer('andilly-logement-interne', { photos: [] }))]);
    await expect.poll(() => intake.getByTestId('offer-refused').count()).toBe(2);
    await expect(intake.getByTestId('offer-refused').nth(1).locator('ul li').allTextContents()).resolves.toEqual([
      'andilly.json : une offre « andilly-logement-interne » existe déjà (cochez « Remplacer une offre déjà publiée » pour la remplacer).',
    ]);
    await intake.getByLabel('Remplacer une offre déjà publiée').check();
    await intake.locator('input[type=file]').setInputFiles([json('andilly.json', offer('andilly-logement-interne', { photos: [] }))]);
    await expect.poll(() => intake.getByTestId('offer-accepted').count()).toBe(2);
    await expect(page.getByTestId('publication-files').locator('li strong').allTextContents()).resolves.toEqual(['offre « aulnay-chambre »', 'offre « andilly-logement-interne »']);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await intake.scrollIntoViewIfNeeded();
    await screenshot(page, 'staff-offres-gestion-375');
    await page.getByTestId('publication').scrollIntoViewIfNeeded();
    await screenshot(page, 'staff-offres-publication-375');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('révision adoptée : le zonage de l’année entre dans la publication de « Gestion »', () => {
  it('1440 puis 375 px : adopter la liste l’ajoute à la publication en préparation, comparée au site publié', async () => {
    const { page, errors } = await openPage(browser(), { width: 1440, height: 900 });
    await page.goto(`${baseUrl}#/charente-maritime/gestion`);
    await page.getByRole('link', { name: 'révision annuelle' }).click();
    await page.getByLabel('Délibération').fill('Délibération n° 2026-12-01');
    await page.getByLabel('Date', { exact: true }).fill('2026-12-11');
    const [zonage] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Adopter et télécharger le zonage 2027' }).click()]);
    expect(zonage.suggestedFilename()).toBe('zonage-2027.csv');
    await expect(page.getByTestId('adopted-staged').textContent()).resolves.toContain('Le zonage 2027 adopté est ajouté à la publication en préparation de « Gestion »');
    await page.getByRole('link', { name: 'publication en préparation de « Gestion »' }).click();
    const publication = page.getByTestId('publication');
    await expect.poll(() => publication.getByTestId('publication-files').locator('li').count()).toBe(1);
    await expect(publication.getByTestId('publication-files').locator('li').allTextContents()).resolves.toEqual([
      expect.stringContaining('zonage 2027 — révision 2027 (Brouillon 2027) : 462 lignes retenues'),
    ]);
    await expect(publication.getByTestId('publication-classes').first().locator('summary').textContent()).resolves.toMatch(/^\s*Zonage départemental 2027 \(médecin généraliste\), au [\s\S]*\d+ communes? changen?t? de classe/);
    await page.setViewportSize({ width: 375, height: 812 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await publication.scrollIntoViewIfNeeded();
    await screenshot(page, 'staff-revision-publication-375');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
