import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser, openPage, usePages, waitForMap, screenshot } from './browser.ts';

const baseUrl = inject('baseUrl');
// Faint France around the territory is not what these tests look at: pages get the archive without tiles.
const browser = useBrowser({ nationalTiles: false });
// One page for the imports at the default size: the first reaches Gestion from the map's footer, the others
// go to its address (by hash, no reload); an import's state is the page's, replaced by the next file.
// Its own pages: an import previewed and not published stays in the app, and no other file expects it.
const pageAt = usePages(browser, baseUrl, { own: true });

describe("import de l'année dans le navigateur", () => {
  it('un fichier avec des lignes fautives : rapport, aperçu sur la carte avant publication, fichier normalisé', async () => {
    const { page, errors } = await pageAt('#/charente-maritime');
    await waitForMap(page, 'charente-maritime');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Gestion' }).click();
    const panel = page.getByRole('region', { name: "Importer les données de l'année" });
    await expect(panel.getByLabel('Année').inputValue()).resolves.toBe('2027');
    await panel.locator('input[type=file]').setInputFiles('test/fixtures/zonage-cp1252-defauts.csv');
    const report = panel.getByTestId('import-report');
    await expect(report.textContent()).resolves.toContain('3 lignes lues');
    await expect(report.getByTestId('import-accepted').textContent()).resolves.toBe('2');
    await expect(report.getByTestId('import-rejected').textContent()).resolves.toBe('1');
    await expect(report.textContent()).resolves.toContain('Encodage windows-1252, séparateur point-virgule');
    await expect(report.locator('.errors li').allTextContents()).resolves.toEqual([
      'zonage-cp1252-defauts.csv, ligne 3, colonne « code_insee » : code INSEE 99999 inconnu dans ce territoire.',
    ]);
    await expect(report.locator('.warnings').textContent()).resolves.toContain('ancien code 17189 (Hiers-Brouage)');
    await expect(report.locator('.warnings').textContent()).resolves.toContain('zonage incomplet, 460 communes');
    await screenshot(page, 'import-rapport');

    // An incomplete zonage (460 communes without a class) is seen on the map, never offered for publication.
    await expect(panel.getByTestId('import-not-staged').textContent()).resolves.toContain('Zonage incomplet : 460 communes restent sans classe sur 462');
    await expect(page.getByTestId('publication').textContent()).resolves.toContain('Aucun fichier pour l\'instant');
    await expect(page.getByRole('button', { name: 'Télécharger la publication (ZIP)' }).count()).resolves.toBe(0);
    // Nothing changed yet: the map still shows the published 2026 zonage.
    await expect(page.getByTestId('preview-banner').count()).resolves.toBe(0);
    await panel.getByRole('button', { name: 'Voir ce fichier sur la carte' }).click();
    await waitForMap(page, 'charente-maritime'); // the preview opens the map
    await expect(page.getByTestId('preview-banner').textContent()).resolves.toContain('Aperçu — import non publié (zonage 2027, non ajouté à la publication)');
    const legend = page.getByRole('region', { name: 'Légende du zonage' });
    await expect.poll(() => legend.locator('h2').textContent()).toContain('2027');
    const counts = (await legend.getByTestId('legend-count').allTextContents()).map(Number);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(2); // only the two accepted rows are classified
    await screenshot(page, 'import-apercu');
    // Back to the import (the Gestion page kept its report): the command refuses rejected rows, as the page says.
    await page.getByRole('link', { name: "Retour à l'import" }).click();
    await expect(panel.locator('.command').textContent()).resolves.toBe(
      'npm run --silent publish:data -- zonage zonage-cp1252-defauts.csv --territory charente-maritime --year 2027 --profession medecin-generaliste',
    );
    await page.getByRole('button', { name: "Quitter l'aperçu" }).click();
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Carte' }).click();
    await expect.poll(() => legend.locator('h2').textContent()).toContain('2026');
    expect(errors).toEqual([]);
  });

  it('une publication par séance : zonage 2027 complet, puis RPPS, puis FINESS ; ce qui change, les alertes, un seul ZIP = l’aperçu', async () => {
    const communes = (JSON.parse(fs.readFileSync('public/data/charente-maritime/communes.json', 'utf8')).communes as Array<{ code: string }>).map((c) => c.code);
    const zonage = path.join(os.tmpdir(), 'zonage-2027-complet.csv');
    fs.writeFileSync(zonage, ['code_insee;zone', ...communes.map((c, i) => `${c};${['tres-fragile', 'fragile', 'intermediaire', 'non-prioritaire'][i % 4]}`)].join('\n') + '\n');
    const { page, errors } = await openPage(browser(), { width: 1280, height: 1000 });
    await page.goto(`${baseUrl}#/charente-maritime/gestion`);
    const panel = page.getByRole('region', { name: "Importer les données de l'année" });
    const publication = page.getByTestId('publication');
    await panel.locator('input[type=file]').setInputFiles(zonage);
    await expect.poll(() => panel.getByTestId('import-staged').count(), { timeout: 30_000 }).toBe(1);
    await panel.getByLabel('Fichier de').selectOption('medecins');
    await panel.locator('input[type=file]').setInputFiles('test/fixtures/PS_LibreAcces_Personne_activite_exemple.txt');
    await expect.poll(() => publication.getByTestId('publication-files').locator('li').count(), { timeout: 30_000 }).toBe(2);
    await panel.getByLabel('Fichier de').selectOption('pharmacies');
    await panel.locator('input[type=file]').setInputFiles('test/fixtures/finess-structures-exemple.json.gz');
    await expect.poll(() => publication.getByTestId('publication-files').locator('li').count(), { timeout: 30_000 }).toBe(3);
    const files = await publication.getByTestId('publication-files').locator('li strong').allTextContents();
    expect(files).toEqual(['zonage 2027', 'professionnels', 'pharmacies']);
    // What changes: the lists shrink sharply (a sample extraction), and the page says so before publishing.
    const warnings = await publication.getByTestId('publication-warnings').textContent();
    expect(warnings).toMatch(/Les professionnels en activité au .* passent de [\d\u202f]+ à \d+ \(−\d+ %\)/);
    expect(warnings).toMatch(/Les pharmacies en activité au .* passent de [\d\u202f]+ à \d \(−\d+ %\)/);
    const pharmacies = publication.getByTestId('publication-lists').locator('tbody tr').nth(1);
    await expect(pharmacies.locator('th').textContent()).resolves.toBe('Pharmacies ouvertes');
    expect(Number(await pharmacies.locator('td').nth(1).textContent())).toBeLessThanOrEqual(3);
    await expect(publication.getByTestId('publication-classes').first().locator('summary').textContent()).resolves.toMatch(/communes? changent? de classe/);
    await publication.scrollIntoViewIfNeeded();
    await screenshot(page, 'publication-comparaison-1280');

    // The preview is the publication: the banner names the three files; the ZIP holds exactly that bundle.
    await publication.getByRole('button', { name: 'Prévisualiser la publication sur la carte' }).click();
    await waitForMap(page, 'charente-maritime');
    await expect(page.getByTestId('preview-banner').textContent()).resolves.toContain('(zonage 2027, professionnels, pharmacies)');
    await page.getByRole('link', { name: "Retour à l'import" }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), publication.getByRole('button', { name: 'Télécharger la publication (ZIP)' }).click()]);
    expect(download.suggestedFilename()).toBe('publication-charente-maritime-zonage-2027-professionnels-pharmacies.zip');
    const zip = unzipSync(new Uint8Array(fs.readFileSync((await download.path())!)));
    expect(Object.keys(zip).sort()).toEqual([
      'LISEZMOI.txt',
      'projet/data/territories/charente-maritime/medecins.csv',
      'projet/data/territories/charente-maritime/pharmacies.csv',
      'projet/data/territories/charente-maritime/zonages/medecin-generaliste-2027.csv',
      'site/data/charente-maritime/zonage.json',
    ]);
    const site = JSON.parse(strFromU8(zip['site/data/charente-maritime/zonage.json'])) as { zonages: Array<{ year: number; classes: Record<string, string> }>; pharmacies: { example: boolean; rows: unknown[] }; practitioners: { example: boolean; rows: unknown[] } };
    expect(Object.keys(site.zonages.find((z) => z.year === 2027)!.classes)).toHaveLength(communes.length);
    expect(site.pharmacies).toMatchObject({ example: false });
    expect(site.pharmacies.rows).toHaveLength(3);
    expect(site.practitioners.example).toBe(false);
    expect(strFromU8(zip['LISEZMOI.txt'])).toContain('- pharmacies : fichier importé finess-structures-exemple.json.gz');
    // Removing a file takes it out of the publication and of its preview.
    await publication.getByRole('button', { name: 'Retirer pharmacies de la publication' }).click();
    await expect.poll(() => publication.getByTestId('publication-files').locator('li').count()).toBe(2);
    await page.setViewportSize({ width: 375, height: 812 });
    const wide = await page.evaluate(() => [...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > 376 && !e.closest('.table-scroll')).map((e) => `${e.tagName}.${e.className}`).slice(0, 5));
    expect(wide).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await publication.scrollIntoViewIfNeeded();
    await screenshot(page, 'publication-375');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("une extraction FINESS en Windows-1252 est reconnue et filtrée sur le territoire", async () => {
    const { page, errors } = await pageAt('#/charente-maritime/gestion');
    const panel = page.getByRole('region', { name: "Importer les données de l'année" });
    await panel.getByLabel('Fichier de').selectOption('pharmacies');
    await panel.locator('input[type=file]').setInputFiles('test/fixtures/etalab-cs1100507-stock-exemple.csv');
    const report = panel.getByTestId('import-report');
    await expect(report.textContent()).resolves.toContain('7 lignes lues');
    await expect(report.textContent()).resolves.toContain('4 hors champ');
    await expect(report.textContent()).resolves.toContain('extraction FINESS');
    await expect(report.locator('.errors li').first().textContent()).resolves.toContain('ligne 6, colonne « dateouv »');
    expect(errors).toEqual([]);
  });

  it('un gros fichier est lu dans un worker : progression, annulation, puis rapport complet', async () => {
    // ~20 Mo in the project format: every row valid, spread over the territory's communes.
    const communes = (JSON.parse(fs.readFileSync('public/data/charente-maritime/communes.json', 'utf8')).communes as Array<{ code: string }>).map((c) => c.code);
    const rows = 400_000;
    const lines = ['code_insee;profession;mode;date_debut;date_fin;rpps;nom'];
    for (let i = 0; i < rows; i++) lines.push(`${communes[i % communes.length]};medecin-generaliste;${i % 7 ? 'liberal' : 'salarie'};2001-02-03;;${10_000_000_000 + i};Praticien ${i}`);
    const file = path.join(os.tmpdir(), 'professionnels-national.csv');
    fs.writeFileSync(file, lines.join('\r\n') + '\r\n');

    const { page, errors } = await pageAt('#/charente-maritime/gestion');
    const panel = page.getByRole('region', { name: "Importer les données de l'année" });
    await panel.getByLabel('Fichier de').selectOption('medecins');
    await panel.locator('input[type=file]').setInputFiles(file);
    const progress = panel.locator('.progress');
    await expect(progress.textContent()).resolves.toMatch(/Lecture… \d+ %|Vérification des lignes…/);
    await progress.getByRole('button', { name: 'Annuler' }).click();
    await expect(progress.count()).resolves.toBe(0);
    await expect(panel.getByTestId('import-report').count()).resolves.toBe(0);

    await panel.locator('input[type=file]').setInputFiles([]);
    await panel.locator('input[type=file]').setInputFiles(file);
    const report = panel.getByTestId('import-report');
    await expect(report.getByTestId('import-accepted').textContent({ timeout: 60_000 })).resolves.toBe('400\u202f000');
    await expect(report.getByTestId('import-rejected').textContent()).resolves.toBe('0');
    await expect(progress.count()).resolves.toBe(0);
    await expect(panel.getByText('npm run --silent publish:data -- medecins professionnels-national.csv --territory charente-maritime').count()).resolves.toBe(1);
    expect(errors).toEqual([]);
  }, 120_000);
  it('FINESS « structures » (JSON gzip) : lu en flux, rejets complets à télécharger ; un nom de fichier hostile reste un simple mot dans la commande', async () => {
    const { page, errors } = await pageAt('#/charente-maritime/gestion');
    const panel = page.getByRole('region', { name: "Importer les données de l'année" });
    await panel.getByLabel('Fichier de').selectOption('pharmacies');
    await panel.locator('input[type=file]').setInputFiles('test/fixtures/finess-structures-exemple.json.gz');
    const report = panel.getByTestId('import-report');
    await expect(report.textContent()).resolves.toContain('8 lignes lues');
    await expect(report.textContent()).resolves.toContain('extraction FINESS « structures » (JSON)');
    await expect(report.getByTestId('import-accepted').textContent()).resolves.toBe('3');
    await expect(report.getByTestId('import-rejected').textContent()).resolves.toBe('3');
    const [rejects] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Télécharger la liste complète des rejets (CSV)' }).click()]);
    const lines = fs.readFileSync((await rejects.path())!, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('fichier;ligne;colonne;message');
    expect(lines.slice(1).map((l) => l.split(';')[1])).toEqual(['6', '7', '8']);

    // A file of one 3-million-character line: refused at its line, as by the CLI (bounded reading).
    await panel.getByLabel('Fichier de').selectOption('zonage');
    await panel.locator('input[type=file]').setInputFiles({ name: 'une-ligne.csv', mimeType: 'text/csv', buffer: Buffer.from(`code_insee;zone\n${'x'.repeat(3_000_000)}`) });
    await expect(panel.getByTestId('import-report').textContent()).resolves.toMatch(/une-ligne\.csv, ligne 2 : ligne de plus de 1\s048\s576 caractères sans fin de ligne/);
    await panel.getByTestId('import-report').scrollIntoViewIfNeeded();
    await screenshot(page, 'import-ligne-trop-longue-1440');
    await page.setViewportSize({ width: 375, height: 812 });
    await panel.getByTestId('import-report').scrollIntoViewIfNeeded();
    await screenshot(page, 'import-ligne-trop-longue-375');
    await page.setViewportSize({ width: 1440, height: 900 });

    await panel.getByLabel('Fichier de').selectOption('zonage');
    await panel.locator('input[type=file]').setInputFiles({ name: '$(touch x).csv', mimeType: 'text/csv', buffer: fs.readFileSync('test/fixtures/zonage-cp1252-defauts.csv') });
    await expect(panel.locator('.command').textContent()).resolves.toBe(
      "npm run --silent publish:data -- zonage '$(touch x).csv' --territory charente-maritime --year 2027 --profession medecin-generaliste",
    );
    expect(errors).toEqual([]);
  });
});
