// The chargée de mission's publication (issue 28): a previewed import is never taken for the published map
// (the exported SVG and the printed sheet say « Aperçu — non publié »).
import fs from 'node:fs';
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

/** What the printed page shows above the sheet (the sheet is prepared when the browser is idle). */
async function printed(page: Page, marked: boolean): Promise<string> {
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
