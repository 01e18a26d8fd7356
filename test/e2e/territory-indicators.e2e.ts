// The territory's table beside its zonage (issue 28): APL, GPs (RPPS) and pharmacies (FINESS) as columns whose
// headers name the year or date and the source, the file's values in the rows, and in the CSV export.
import fs from 'node:fs';
import Papa from 'papaparse';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { TerritoryIndicatorsFile } from '../../src/core/indicators/schema.ts';
import { useBrowser, usePages, type OpenedPage } from './browser.ts';

const baseUrl = inject('baseUrl');
const browser = useBrowser({ nationalTiles: false });
// Pages shared with the other files, moving by hash (see usePages).
const pageAt = usePages(browser, baseUrl);
const SHOTS = '/tmp/shots-commune';
const file = JSON.parse(fs.readFileSync('public/data/indicators/charente-maritime.json', 'utf8')) as TerritoryIndicatorsFile;
const year = file.medians.year;
const fr = (v: number) => v.toLocaleString('fr-FR', { maximumFractionDigits: 2 });

describe.each([
  { width: 375, height: 812 },
  { width: 1440, height: 900 },
])('tableau du territoire avec ses indicateurs ($width px)', (viewport) => {
  let opened: OpenedPage;
  beforeAll(async () => {
    opened = await pageAt(`#/charente-maritime?vue=tableau`, viewport);
    await opened.page.getByRole('region', { name: 'Tableau des communes' }).getByRole('columnheader', { name: /^APL/ }).waitFor({ timeout: 30_000 });
  });

  it('APL, médecins et pharmacies : en-têtes datés et sourcés, valeurs du fichier, CSV', async () => {
    const { page, errors } = opened;
    const table = page.getByRole('region', { name: 'Tableau des communes' });
    const headers = (await table.locator('thead th').allTextContents()).map((h) => h.replace(/[▲▼]/g, '').trim());
    expect(headers.slice(-3)).toEqual([`APL ${year} (DREES)`, 'Médecins généralistes (RPPS, 7 avril 2026)', 'Pharmacies (FINESS, 27 septembre 2026)']);
    const first = table.locator('tbody tr').first();
    if (viewport.width >= 700) {
      // Sorted by APL, lowest first: the first commune's value is the file's smallest of the territory.
      await table.getByRole('button', { name: `APL ${year} (DREES)` }).click();
      const values = Object.values(file.communes).map((c) => c.apl[String(year)]?.value).filter((v): v is number => typeof v === 'number');
      await expect.poll(async () => file.communes[(await first.locator('td[data-label="INSEE"]').textContent())!].apl[String(year)]?.value).toBe(Math.min(...values));
    }
    const code = (await first.locator('td[data-label="INSEE"]').textContent())!;
    const apl = file.communes[code].apl[String(year)]!.value!;
    await expect(first.locator(`td[data-field="apl_drees_${year}"]`).textContent()).resolves.toBe(fr(apl));
    await expect(first.locator('td[data-field^="pharmacies_finess_"]').textContent()).resolves.toBe(String(file.communes[code].pharmacies ?? '—'));
    if (viewport.width < 700) {
      // On a phone, each card names the indicator and its source.
      await expect(first.locator(`td[data-field="apl_drees_${year}"]`).evaluate((td) => getComputedStyle(td, '::before').content)).resolves.toBe(`"APL ${year} : "`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    }
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ caret: 'initial', path: `${SHOTS}/territory-table-${viewport.width}.png` });
    const [csv] = await Promise.all([page.waitForEvent('download'), table.getByRole('button', { name: 'Télécharger CSV' }).click()]);
    const [header, line] = Papa.parse<string[]>(fs.readFileSync((await csv.path())!, 'utf8').replace(/^\uFEFF/, '').trim(), { delimiter: ';' }).data;
    expect(header).toContain(`apl_drees_${year}`);
    expect(line[header.indexOf('code_insee')]).toBe(code);
    expect(Number(line[header.indexOf(`apl_drees_${year}`)])).toBe(apl);
    expect(errors).toEqual([]);
  });
});
