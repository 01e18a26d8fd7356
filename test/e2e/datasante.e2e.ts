// The national DataSanté file in the staff space: a file in its format with new Nouvelle-Aquitaine GP classes
// (arrêté of 30 December 2025, the Charente-Maritime's communes) is checked, counted per profession, and its
// preview turns the Charente-Maritime's GP layer from « remplacé » to those classes from that date; the commune
// page then says its territoire de vie-santé.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser, openPage, waitForMap, screenshot } from './browser.ts';
import { datasanteText } from '../../scripts/generate-datasante.ts';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

describe('zonages nationaux DataSanté dans la Gestion', () => {
  it('le fichier est vérifié, compté par profession, et la couche ARS des médecins de Charente-Maritime reprend ses classes au 30 décembre 2025', async () => {
    const text = datasanteText({ departements: ['17'], dates: { zmed: '30/12/2025' } });
    const rows = text.trim().split('\n').length - 1;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'datasante-e2e-')), 'zonages-nationaux.csv');
    fs.writeFileSync(file, text);
    const { page, errors } = await openPage(browser(), { width: 1440, height: 900 });
    // The national tiles are not needed here.
    await page.route('**/france.pmtiles', (route) => route.fulfill({ status: 404, body: '' }));
    await page.goto(`${baseUrl}#/charente-maritime/gestion`);
    const panel = page.getByRole('region', { name: 'Zonages nationaux de toutes les professions (DataSanté)' });
    await panel.getByTestId('national-zonages-file').setInputFiles(file);
    const report = panel.getByTestId('national-zonages-report');
    await expect.poll(() => report.textContent(), { timeout: 20_000 }).toContain('lignes lues');
    const said = (await report.textContent())!.replace(/\s+/g, ' ');
    expect(said).toContain(`${rows} lignes lues = ${rows} acceptées + 0 rejetée + 0 hors champ`);
    await expect(report.textContent()).resolves.toContain('Fichier mis à jour le 30 juillet 2026');
    const gp = panel.getByTestId('national-zonages-table').getByRole('row', { name: /Médecin/ });
    await expect(gp.textContent()).resolves.toContain('arrêté du 30 décembre 2025');
    const cells = await gp.locator('td').allTextContents();
    expect(cells.map((c) => Number(c.replace(/\s/g, '')))).toEqual([rows, 0, 0, 0]);
    // The kinés' arrêtés (2024) are older than the export of September 2025: nothing changes.
    const kine = await panel.getByTestId('national-zonages-table').getByRole('row', { name: /kinésithérapeute/i }).locator('td').allTextContents();
    expect(kine.map((c) => Number(c.replace(/\s/g, '')))).toEqual([0, 0, rows, 0]);
    await expect(panel.getByTestId('national-zonages-here').textContent()).resolves.toMatch(/nouvelles? années?/);
    await expect(panel.locator('pre').textContent()).resolves.toContain('npm run --silent cli -- publish zonages-nationaux zonages-nationaux.csv');
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'datasante-gestion-1440');
    await page.setViewportSize({ width: 375, height: 812 });
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'datasante-gestion-375');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    expect(overflow).toBe(false);
    await page.setViewportSize({ width: 1440, height: 900 });

    // The preview: the GP layer's new year, from 30 December 2025, no longer « nouvelle liste non importée ».
    await panel.getByRole('button', { name: 'Prévisualiser sur la carte' }).click();
    await waitForMap(page, 'charente-maritime');
    await expect(page.getByTestId('preview-banner').textContent()).resolves.toContain('zonages nationaux DataSanté');
    const legend = page.getByRole('region', { name: 'Légende du zonage' });
    await expect.poll(() => legend.textContent()).toContain('30 décembre 2025');
    await expect(legend.textContent()).resolves.not.toContain("la nouvelle liste n'est pas encore importée");
    await expect(legend.textContent()).resolves.not.toContain('Zonage remplacé');
    const counts = (await legend.getByTestId('legend-count').allTextContents()).map((c) => Number(c.replace(/\s/g, '')));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(rows);
    await screenshot(page, 'datasante-apercu-1440');

    // The commune page: its territoire de vie-santé and bassin de vie, from the file.
    await page.evaluate(() => (location.hash = '#/charente-maritime/commune/17300'));
    await expect.poll(() => page.getByTestId('commune-tvs').textContent()).toContain('La Rochelle');
    await expect(page.getByTestId('commune-bvcv').textContent()).resolves.toMatch(/^Bassin 17-\d+$/);
    await screenshot(page, 'datasante-commune-1440');
    await page.setViewportSize({ width: 375, height: 812 });
    await page.getByTestId('commune-tvs').scrollIntoViewIfNeeded();
    await screenshot(page, 'datasante-commune-375');
    expect(errors.filter((e) => !e.includes('france.pmtiles') && !e.includes('404'))).toEqual([]);
    await page.close();
  });
});
