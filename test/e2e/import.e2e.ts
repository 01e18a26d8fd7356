import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser, openPage, waitForMap, screenshot } from './browser.ts';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

describe("import de l'année dans le navigateur", () => {
  it('un fichier avec des lignes fautives : rapport, aperçu sur la carte avant publication, fichier normalisé', async () => {
    const { page, errors } = await openPage(browser());
    await page.goto(baseUrl);
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

    // Nothing changed yet: the map still shows the published 2026 zonage.
    await expect(page.getByTestId('preview-banner').count()).resolves.toBe(0);
    await panel.getByRole('button', { name: 'Prévisualiser sur la carte' }).click();
    await waitForMap(page, 'charente-maritime'); // the preview opens the map
    await expect(page.getByTestId('preview-banner').textContent()).resolves.toContain('Aperçu — import non publié (zonage 2027)');
    const legend = page.getByRole('region', { name: 'Légende du zonage' });
    await expect.poll(() => legend.locator('h2').textContent()).toContain('2027');
    const counts = (await legend.getByTestId('legend-count').allTextContents()).map(Number);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(2); // only the two accepted rows are classified
    await screenshot(page, 'import-apercu');
    // Back to the import (the Gestion page kept its report) for the file and the command.
    await page.getByRole('link', { name: "Retour à l'import" }).click();

    // One download: the site's new zonage.json, the normalized file and French instructions.
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Télécharger la publication (ZIP)' }).click()]);
    expect(download.suggestedFilename()).toBe('publication-charente-maritime-zonage-2027.zip');
    const files = unzipSync(new Uint8Array(fs.readFileSync((await download.path())!)));
    expect(strFromU8(files['projet/data/territories/charente-maritime/zonages/medecin-generaliste-2027.csv'])).toBe('code_insee,zone\n17300,tres-fragile\n17219,fragile\n');
    const published = JSON.parse(strFromU8(files['site/data/charente-maritime/zonage.json'])) as { zonages: Array<{ year: number; classes: Record<string, string> }> };
    expect(published.zonages.find((z) => z.year === 2027)!.classes).toEqual({ '17300': 'tres-fragile', '17219': 'fragile' });
    expect(strFromU8(files['LISEZMOI.txt'])).toContain('à la place du fichier data/charente-maritime/zonage.json');

    // The command names the year previewed, not the next one, and keeps the valid rows only.
    await expect(panel.locator('.command').textContent()).resolves.toBe(
      'npm run --silent publish:data -- zonage zonage-cp1252-defauts.csv --territory charente-maritime --year 2027 --profession medecin-generaliste --keep-valid',
    );
    await page.getByRole('button', { name: "Quitter l'aperçu" }).click();
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Carte' }).click();
    await expect.poll(() => legend.locator('h2').textContent()).toContain('2026');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("une extraction FINESS en Windows-1252 est reconnue et filtrée sur le territoire", async () => {
    const { page, errors } = await openPage(browser());
    await page.goto(baseUrl);
    await waitForMap(page, 'charente-maritime');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Gestion' }).click();
    const panel = page.getByRole('region', { name: "Importer les données de l'année" });
    await panel.getByLabel('Fichier de').selectOption('pharmacies');
    await panel.locator('input[type=file]').setInputFiles('test/fixtures/etalab-cs1100507-stock-exemple.csv');
    const report = panel.getByTestId('import-report');
    await expect(report.textContent()).resolves.toContain('7 lignes lues');
    await expect(report.textContent()).resolves.toContain('4 hors champ');
    await expect(report.textContent()).resolves.toContain('extraction FINESS');
    await expect(report.locator('.errors li').first().textContent()).resolves.toContain('ligne 6, colonne « dateouv »');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('un gros fichier est lu dans un worker : progression, annulation, puis rapport complet', async () => {
    // ~20 Mo in the project format: every row valid, spread over the territory's communes.
    const communes = (JSON.parse(fs.readFileSync('public/data/charente-maritime/communes.json', 'utf8')).communes as Array<{ code: string }>).map((c) => c.code);
    const rows = 400_000;
    const lines = ['code_insee;profession;mode;date_debut;date_fin;rpps;nom'];
    for (let i = 0; i < rows; i++) lines.push(`${communes[i % communes.length]};medecin-generaliste;${i % 7 ? 'liberal' : 'salarie'};2001-02-03;;${10_000_000_000 + i};Praticien ${i}`);
    const file = path.join(os.tmpdir(), 'professionnels-national.csv');
    fs.writeFileSync(file, lines.join('\r\n') + '\r\n');

    const { page, errors } = await openPage(browser());
    await page.goto(baseUrl);
    await waitForMap(page, 'charente-maritime');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Gestion' }).click();
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
    await page.close();
  }, 120_000);
  it('FINESS « structures » (JSON gzip) : lu en flux, rejets complets à télécharger ; un nom de fichier hostile reste un simple mot dans la commande', async () => {
    const { page, errors } = await openPage(browser());
    await page.goto(baseUrl);
    await waitForMap(page, 'charente-maritime');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Gestion' }).click();
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
    // 3 pharmacies would replace the register's 231: said before the command is copied (the CLI wants --force).
    const cautions = panel.getByTestId('import-cautions');
    await expect(cautions.textContent()).resolves.toMatch(/Le fichier publié passe de 231 pharmacies à 3 \(228 perdues\).*--force pour publier quand même/);
    await cautions.scrollIntoViewIfNeeded();
    await screenshot(page, 'import-plausibilite-1440');
    await page.setViewportSize({ width: 375, height: 812 });
    await cautions.scrollIntoViewIfNeeded();
    await screenshot(page, 'import-plausibilite-375');
    await page.setViewportSize({ width: 1440, height: 900 });

    // A file of one 3-million-character line: refused at its line, as by the CLI (bounded reading).
    await panel.getByLabel('Fichier de').selectOption('zonage');
    await panel.locator('input[type=file]').setInputFiles({ name: 'une-ligne.csv', mimeType: 'text/csv', buffer: Buffer.from(`code_insee;zone\n${'x'.repeat(3_000_000)}`) });
    await expect(panel.getByTestId('import-report').textContent()).resolves.toMatch(/une-ligne\.csv, ligne 2 : ligne de plus de 1\s048\s576 caractères sans fin de ligne/);

    await panel.getByLabel('Fichier de').selectOption('zonage');
    await panel.locator('input[type=file]').setInputFiles({ name: '$(touch x).csv', mimeType: 'text/csv', buffer: fs.readFileSync('test/fixtures/zonage-cp1252-defauts.csv') });
    await expect(panel.locator('.command').textContent()).resolves.toBe(
      "npm run --silent publish:data -- zonage '$(touch x).csv' --territory charente-maritime --year 2027 --profession medecin-generaliste --keep-valid",
    );
    expect(errors).toEqual([]);
    await page.close();
  });
});
