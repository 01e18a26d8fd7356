import fs from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser, usePages, waitForMap, screenshot, project } from './browser.ts';
import { insidePoint } from './geo-fixtures.ts';
import { dateForYear, zonageView, type ZonageBundle } from '../../src/core/zonage/bundle.ts';
import { formatDate } from '../../src/core/format.ts';
import { parisToday } from '../../src/core/dates.ts';

const baseUrl = inject('baseUrl');
const bundle = (id: string) => JSON.parse(fs.readFileSync(`public/data/${id}/zonage.json`, 'utf8')) as ZonageBundle;
// Faint France around the territory is not what these tests look at: pages get the archive without tiles.
const browser = useBrowser({ nationalTiles: false });
// The tests share one page per size, each going to its address by hash: the map is loaded once (a territory
// switch redraws it); the print and ARS tests, which emulate print or resize, keep a page of their own.
const pageAt = usePages(browser, baseUrl);

/** What the legend should say, computed by the core with the browser's "today". */
function expectedCounts(id: string, profession: string, year: number, today: string) {
  const b = bundle(id);
  const z = b.zonages.find((x) => x.profession === profession && x.year === year)!;
  const view = zonageView(b, profession, year, dateForYear(z, today))!;
  // The legend lists the classes some commune has (an empty class is named apart, see legend-empty).
  return { counts: view.counts.filter((c) => c.count > 0).map((c) => String(c.count)), empty: view.counts.filter((c) => c.count === 0).map((c) => c.id), ruled: view.ruled.length };
}

describe('zonage annuel sur la carte', () => {
  it("légende : chaque classe, son nombre de communes, la règle de la fiche 1 et l'étiquette « Exemple »", async () => {
    const { page, errors } = await pageAt('#/charente-maritime');
    await waitForMap(page, 'charente-maritime');
    const today = parisToday();
    const legend = page.getByRole('region', { name: 'Légende du zonage' });
    await expect(legend.locator('li .label').allTextContents()).resolves.toEqual([
      'Très fragile',
      'Fragile',
      'Intermédiaire',
      'Non prioritaire',
      'dont rendues fragiles par la règle « pharmacie sans médecin » (fiche 1)',
    ]);
    const year = Number(await page.getByLabel('Année').inputValue());
    const expected = expectedCounts('charente-maritime', 'medecin-generaliste', year, today);
    await expect(legend.getByTestId('legend-count').allTextContents()).resolves.toEqual(expected.counts);
    await expect(legend.getByTestId('legend-ruled').textContent()).resolves.toBe(String(expected.ruled));
    expect(expected.counts.reduce((s, c) => s + Number(c), 0)).toBe(462);
    await expect(legend.getByTestId('example-label').textContent()).resolves.toBe('Exemple — données fictives');
    // The rule's communes are drawn as symbols on the map.
    const symbols = await page.evaluate(() => {
      const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
      return new Set(map.queryRenderedFeatures({ layers: ['zonage-rule-symbol'] }).map((f) => f.properties.code)).size;
    });
    expect(symbols).toBe(expected.ruled);

    // Year switch: the legend follows the other year's data.
    await page.getByLabel('Année').selectOption('2025');
    const y2025 = expectedCounts('charente-maritime', 'medecin-generaliste', 2025, today);
    await expect.poll(() => legend.getByTestId('legend-count').allTextContents()).toEqual(y2025.counts);
    await expect(legend.locator('h2').textContent()).resolves.toContain('2025');
    expect(page.url()).toMatch(/#\/charente-maritime\?annee=2025$/);
    await screenshot(page, 'zonage-2025');
    // The year is part of the permalink: a reload shows the same year.
    await page.reload();
    await waitForMap(page, 'charente-maritime');
    await expect(page.getByLabel('Année').inputValue()).resolves.toBe('2025');
    await expect(legend.getByTestId('legend-count').allTextContents()).resolves.toEqual(y2025.counts);
    expect(errors).toEqual([]);
  });

  it("la fiche d'une commune donne sa zone effective et pourquoi", async () => {
    const b = bundle('charente-maritime');
    const { page, errors } = await pageAt('#/charente-maritime');
    await waitForMap(page, 'charente-maritime');
    const today = parisToday();
    const year = Number(await page.getByLabel('Année').inputValue());
    const z = b.zonages.find((x) => x.year === year)!;
    const view = zonageView(b, 'medecin-generaliste', year, dateForYear(z, today))!;
    const ruled = view.ruled[0];
    const point = await project(page, insidePoint('charente-maritime', ruled));
    await page.mouse.click(point.x, point.y);
    const zone = page.getByTestId('commune-zone');
    await expect(zone.locator('strong').textContent()).resolves.toBe('Fragile');
    await expect(zone.textContent()).resolves.toContain('règle « pharmacie sans médecin » (fiche 1)');
    // The rule reads the real counts (RPPS, FINESS) at their date where the lists are fictitious.
    await expect(zone.textContent()).resolves.toMatch(/aucun médecin généraliste (en exercice|\(RPPS du)/);
    await screenshot(page, 'commune-regle-pharmacie');
    expect(errors).toEqual([]);
  });

  it('Mauges : un zonage par profession (ARS), sans règle pharmacie', async () => {
    const { page, errors } = await pageAt('#/mauges');
    await waitForMap(page, 'mauges');
    const options = await page.getByLabel(/^Profession/).locator('option').allTextContents();
    expect(options).toEqual(['Médecin généraliste', 'Chirurgien-dentiste', 'Masseur-kinésithérapeute']);
    await page.getByLabel(/^Profession/).selectOption('masseur-kinesitherapeute');
    const legend = page.getByRole('region', { name: 'Légende du zonage' });
    // The real ARS zonage (data/ars/schemes.json): the kinés' classes, then « sans classe » and « selon la partie ».
    await expect
      .poll(() => legend.locator('li .label').allTextContents())
      .toEqual(['Très sous-dotée', 'Sous-dotée', 'Intermédiaire', 'Très dotée', 'Sur-dotée', 'Non prioritaire', 'Sans classe (résultat non disponible)', 'Classes différentes selon la partie']);
    expect(await legend.getByTestId('example-label').count()).toBe(0); // real data: no « Exemple »
    await screenshot(page, 'mauges-kine');
    expect(errors).toEqual([]);
  });
});

describe('changements', () => {
  it("compte les communes qui changent de classe depuis l'année précédente, et ouvre leur fiche", async () => {
    const { classChanges } = await import('../../src/core/zonage/history.ts');
    const b = bundle('charente-maritime');
    const { page, errors } = await pageAt('#/charente-maritime');
    await waitForMap(page, 'charente-maritime');
    const today = parisToday();
    await page.getByLabel('Année').selectOption('2026');
    const at = (year: number) => zonageView(b, 'medecin-generaliste', year, dateForYear(b.zonages.find((z) => z.year === year)!, today))!;
    const changes = classChanges(at(2025), at(2026));
    const section = page.getByRole('region', { name: 'Changements de classe' });
    await expect(section.getByTestId('changes-up').textContent()).resolves.toBe(String(changes.filter((c) => c.direction === 'hausse').length));
    await expect(section.getByTestId('changes-down').textContent()).resolves.toBe(String(changes.filter((c) => c.direction === 'baisse').length));
    expect(changes.length).toBeGreaterThan(0);
    await section.locator('summary').first().click();
    await section.locator('li button').first().click();
    await expect(page.getByTestId('commune-code').textContent()).resolves.toBe(changes.find((c) => c.direction === 'hausse')!.code);
    await screenshot(page, 'changements');
    expect(errors).toEqual([]);
  });
});

describe('tableau des communes', () => {
  it('liste les 462 communes, filtre, trie, et télécharge exactement ce qui est affiché (CSV, GeoJSON)', async () => {
    const { page, errors } = await pageAt('#/charente-maritime');
    await waitForMap(page, 'charente-maritime');
    await page.getByRole('button', { name: 'Tableau' }).click();
    const table = page.getByRole('region', { name: 'Tableau des communes' });
    await expect(table.getByTestId('table-count').textContent()).resolves.toBe('462');
    await expect(table.locator('tbody tr').count()).resolves.toBe(462);
    // Legend counts equal table counts, class by class.
    const legendItems = page.getByRole('region', { name: 'Légende du zonage' }).locator('li[data-class]');
    const legendCounts = Object.fromEntries(await legendItems.evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-class'), li.querySelector('[data-testid="legend-count"]')?.textContent ?? ''])));
    const classes = ['tres-fragile', 'fragile', 'intermediaire', 'non-prioritaire'];
    for (const id of classes) {
      await table.getByLabel('Zone effective').selectOption(id);
      await expect(table.getByTestId('table-count').textContent()).resolves.toBe(legendCounts[id] ?? '0');
    }
    await table.getByLabel('Zone effective').selectOption('fragile');
    await table.getByLabel('Rechercher').fill('saint');
    const shown = Number(await table.getByTestId('table-count').textContent());
    expect(shown).toBeGreaterThan(0);
    await screenshot(page, 'tableau');

    // The indicators' columns (APL, RPPS, FINESS) come with their file: exported once shown.
    await table.getByRole('columnheader', { name: /^APL \d{4}/ }).waitFor();
    const [csv] = await Promise.all([page.waitForEvent('download'), table.getByRole('button', { name: 'Télécharger CSV' }).click()]);
    expect(csv.suggestedFilename()).toBe('zonage-charente-maritime-cd17-medecin-generaliste-2026-exemple.csv');
    const text = fs.readFileSync((await csv.path())!, 'utf8');
    const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe(
      'code_insee;commune;zone_base;zone_effective;libelle_zone_effective;raison;medecins_generalistes;pharmacies;apl_drees_2023;medecins_generalistes_rpps_2026-04-07;pharmacies_finess_2026-09-27;zonage;autorite;annee;situation_au;statut_zonage;en_vigueur;source;date_zonage;exemple',
    );
    expect(lines).toHaveLength(shown + 1);
    for (const line of lines.slice(1)) {
      expect(line).toContain(';fragile;Fragile;');
      expect(line).toMatch(/Exemple — données fictives$/);
      expect(line.toLowerCase()).toMatch(/saint/);
    }
    const [geo] = await Promise.all([page.waitForEvent('download'), table.getByRole('button', { name: 'Télécharger GeoJSON' }).click()]);
    const fc = JSON.parse(fs.readFileSync((await geo.path())!, 'utf8'));
    expect(fc.features).toHaveLength(shown);
    expect(fc.features[0].geometry.type).toBe('MultiPolygon');
    expect(fc.features[0].properties).toMatchObject({ effective: 'fragile', autorite: 'Département de la Charente-Maritime', exemple: 'Exemple — données fictives' });

    // A click on a row opens the commune.
    const first = await table.locator('tbody th button').first().textContent();
    await table.locator('tbody th button').first().click();
    await expect(page.getByTestId('commune-name').textContent()).resolves.toBe(first);
    expect(errors).toEqual([]);
  });

  it('sur téléphone (375 px) : une carte par commune, plusieurs à l’écran, champs nommés, rien de plus large que l’écran', async () => {
    const { page, errors } = await pageAt('#/charente-maritime?vue=tableau', { width: 375, height: 812 });
    const table = page.getByRole('region', { name: 'Tableau des communes' });
    await expect.poll(() => table.getByTestId('table-count').textContent(), { timeout: 30_000 }).toBe('462');
    // The panel scrolls as a whole: past the filters, several communes are in view at once.
    await table.locator('tbody tr').first().evaluate((r) => r.scrollIntoView({ block: 'start' }));
    const box = (await table.boundingBox())!;
    const visible = await table.locator('tbody tr').evaluateAll((rows, b) => rows.filter((r) => {
      const rect = r.getBoundingClientRect();
      return rect.top >= b.y && rect.bottom <= b.y + b.height;
    }).length, box);
    expect(visible).toBeGreaterThanOrEqual(2);
    await expect(table.locator('tbody tr').first().locator('td').first().evaluate((td) => getComputedStyle(td, '::before').content)).resolves.toBe('"INSEE : "');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    // The toolbar's choices are not cut short: each select is wider than its chosen option's text.
    const cut = await page.locator('.map-tools select').evaluateAll((selects) => {
      const ctx = document.createElement('canvas').getContext('2d')!;
      return selects.filter((s) => {
        const el = s as HTMLSelectElement;
        ctx.font = getComputedStyle(el).font;
        return ctx.measureText(el.selectedOptions[0]?.text ?? '').width + 20 > el.clientWidth;
      }).map((s) => (s as HTMLSelectElement).selectedOptions[0]?.text);
    });
    expect(cut).toEqual([]);
    await screenshot(page, 'tableau-375');
    expect(errors).toEqual([]);
  });
});

describe('export de la carte annuelle', () => {
  it('SVG et PNG téléchargés : titre avec la profession, noms de lieux, échelle, nord, communes nommées, « Exemple » ; PNG A4 à 300 dpi', async () => {
    const { page, errors } = await pageAt('#/charente-maritime');
    await waitForMap(page, 'charente-maritime');
    const group = page.getByRole('group', { name: 'Exporter la carte annuelle' });
    const [svg] = await Promise.all([page.waitForEvent('download'), group.getByRole('button', { name: 'SVG' }).click()]);
    expect(svg.suggestedFilename()).toBe('carte-charente-maritime-medecin-generaliste-2026-exemple.svg');
    const text = fs.readFileSync((await svg.path())!, 'utf8');
    expect(text).toContain('>Zonage départemental 2026 — médecins généralistes</text>');
    expect(text).toContain('Exemple — données fictives');
    expect(text).toContain('<g id="commune-17300" data-code="17300" data-nom="La Rochelle"><title>La Rochelle (17300)');
    expect(text.match(/<g id="commune-/g)).toHaveLength(462);
    expect(text).toMatch(/<g id="lieux"[^>]*>.*>La Rochelle<\/text>/s);
    expect(text).toMatch(/<g id="echelle".*> ?\d+ km<\/text>/s);
    expect(text).toContain('<g id="nord"');
    const [png] = await Promise.all([page.waitForEvent('download'), group.getByRole('button', { name: 'PNG' }).click()]);
    const bytes = fs.readFileSync((await png.path())!);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    // A4 at 300 dpi: 210 × 297 mm.
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([2480, 3508]);
    fs.mkdirSync('test-results/screenshots', { recursive: true });
    fs.writeFileSync('test-results/screenshots/export-carte-annuelle.png', bytes);
    expect(errors).toEqual([]);
  });

  it("impression A4 : la carte annuelle entière sur une page, avec titre, légende et source, sans l'écran autour", async () => {
    // The shared page: pageAt puts back its size and screen media for the next test.
    const { page, errors } = await pageAt('#/charente-maritime?mouvements=2026-01-01..2026-06-01', { width: 1440, height: 900 });
    await waitForMap(page, 'charente-maritime');
    // Ctrl+P prepares the sheet, then prints (headless Chromium prints nothing and returns at once).
    await page.keyboard.press('Control+P');
    await page.locator('.print-sheet img').waitFor({ state: 'attached', timeout: 15_000 });
    await page.emulateMedia({ media: 'print' });
    const visible = (selector: string) => page.locator(selector).first().isVisible();
    expect(await visible('.print-sheet img')).toBe(true);
    for (const hidden of ['header.top', '.map-area', '.map-tools', '[data-testid="movements-panel"]', '.legend', '.export', '.site-footer']) {
      expect(await page.locator(hidden).count() === 0 || !(await visible(hidden)), hidden).toBe(true);
    }
    const img = await page.locator('.print-sheet img').evaluate((i: HTMLImageElement) => ({ complete: i.complete, w: i.naturalWidth, h: i.naturalHeight }));
    expect(img).toEqual({ complete: true, w: 1588, h: 2246 });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    // One page: the PDF's page count.
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    fs.mkdirSync('test-results/screenshots', { recursive: true });
    fs.writeFileSync('test-results/screenshots/impression-carte.pdf', pdf);
    await page.setViewportSize({ width: 794, height: 1123 });
    await screenshot(page, 'impression-carte');
    expect(errors).toEqual([]);
  });
});

describe('couches de zonage ARS (issue 13)', () => {
  const fill = (page: import('playwright-core').Page) =>
    page.evaluate(() => (window as unknown as { __map: import('maplibre-gl').Map }).__map.getPaintProperty('communes-fill', 'fill-color'));

  it('Charente-Maritime : le sélecteur « Zonage » passe à la couche ARS des médecins ; légende = cœur ; remplacé le 3 février 2026', async () => {
    const b = bundle('charente-maritime');
    const { page, errors } = await pageAt('#/charente-maritime', { width: 1440, height: 900 });
    await waitForMap(page, 'charente-maritime');
    const today = parisToday();
    const select = page.getByTestId('zonage-select');
    // The département's own zonage first, then the ARS layer of the profession.
    await expect(select.locator('option').allTextContents()).resolves.toEqual(['Département de la Charente-Maritime', 'ARS Nouvelle-Aquitaine']);
    await select.selectOption('ars-medecin-generaliste');
    await expect.poll(() => page.url()).toMatch(/zonage=ars-medecin-generaliste/);
    const legend = page.getByRole('region', { name: 'Légende du zonage' });
    await expect.poll(() => legend.locator('h2').textContent()).toContain('Zonage ARS des médecins généralistes 2025');
    await expect(page.getByLabel('Année').locator('option').allTextContents()).resolves.toEqual(['2025']);
    const view = zonageView(b, 'medecin-generaliste', 2025, today, 'ars-medecin-generaliste')!;
    // Legend counts, class by class (ZIP, ZAC, ZAR, hors zonage, sans classe, selon la partie), equal the core's.
    await expect(legend.getByTestId('legend-count').allTextContents()).resolves.toEqual(view.counts.filter((c) => c.count > 0).map((c) => String(c.count)));
    expect(view.counts.reduce((s, c) => s + c.count, 0)).toBe(462);
    // A class no commune has is set apart, folded, without a count.
    const emptyIds = view.counts.filter((c) => c.count === 0).map((c) => c.id);
    if (emptyIds.length) {
      await expect(legend.getByTestId('legend-empty').locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-class')))).resolves.toEqual(emptyIds);
      await expect(legend.getByTestId('legend-empty').locator('summary').textContent()).resolves.toContain('sans aucune commune ici');
    } else expect(await legend.getByTestId('legend-empty').count()).toBe(0);
    expect(await legend.getByTestId('example-label').count()).toBe(0); // real ARS data
    await expect(legend.getByTestId('zonage-source').textContent()).resolves.toContain('ARS Nouvelle-Aquitaine');
    expect(view.status.inForce).toBe(today < '2026-02-03');
    if (!view.status.inForce) {
      // Replaced: said as such, no class shown as current, every commune drawn neutral.
      const text = await legend.getByTestId('zonage-not-in-force').textContent();
      expect(text).toContain(`Aucun zonage en vigueur au ${formatDate(today)} : zonage ARS des médecins généralistes 2025 remplacé`);
      expect(text).toContain("remplacé le 3 février 2026 (publication de l'arrêté du 30 décembre 2025 de l'ARS Nouvelle-Aquitaine) ; la nouvelle liste n'est pas encore importée");
      expect(await legend.getByTestId('zonage-status').count()).toBe(0);
      await expect(legend.locator('details.former').getAttribute('open')).resolves.toBeNull();
      await expect.poll(() => fill(page)).toEqual(['literal', '#e6e8ea']);
      await expect(page.getByTestId('map-not-in-force').textContent()).resolves.toContain('remplacé le 3 février 2026');
    }
    await screenshot(page, 'ars-medecins-cm-1440');
    await page.setViewportSize({ width: 375, height: 800 });
    await screenshot(page, 'ars-medecins-cm-375');

    // The commune page: the chosen layer's status, then every zonage of the commune with source and date.
    await page.goto(`${baseUrl}#/charente-maritime/commune/17300?zonage=ars-medecin-generaliste`);
    await expect.poll(() => page.getByTestId('commune-name').textContent()).toBe('La Rochelle');
    const all = page.getByTestId('commune-zonages').locator('li');
    await expect.poll(() => all.count()).toBe(b.zonages.length);
    const ars = page.getByTestId('commune-zonages').locator('li[data-scheme="ars-medecin-generaliste"]');
    const arsClass = b.schemes.find((s) => s.id === 'ars-medecin-generaliste')!.classes.find((k) => k.id === b.zonages.find((z) => z.scheme === 'ars-medecin-generaliste')!.classes['17300'])!;
    await expect(ars.textContent()).resolves.toContain(arsClass.label);
    await expect(ars.textContent()).resolves.toContain('ARS Nouvelle-Aquitaine');
    expect(await ars.locator('.example-tag').count()).toBe(0);
    expect(await page.getByTestId('commune-zonages').locator('li[data-scheme="cd17"] .example-tag').count()).toBe(2);
    if (!view.status.inForce) {
      await expect(ars.textContent()).resolves.toContain('(plus en vigueur)');
      await expect(page.getByTestId('commune-not-in-force').textContent()).resolves.toContain('remplacé le 3 février 2026');
    }
    await page.getByTestId('commune-zonages').scrollIntoViewIfNeeded();
    await screenshot(page, 'ars-commune-375');
    await page.setViewportSize({ width: 1440, height: 900 });

    // At a date before the replacement (the map's date follows the movements' period), the classes are drawn.
    await page.goto(`${baseUrl}#/charente-maritime?zonage=ars-medecin-generaliste&mouvements=2025-06-01..2025-12-31`);
    await waitForMap(page, 'charente-maritime');
    const before = zonageView(b, 'medecin-generaliste', 2025, '2025-12-31', 'ars-medecin-generaliste')!;
    await expect.poll(() => legend.getByTestId('zonage-status').textContent()).toContain('dernier zonage connu (en vigueur au 9 mai 2025) ; un arrêté plus récent peut exister');
    await expect(legend.getByTestId('legend-count').allTextContents()).resolves.toEqual(before.counts.filter((c) => c.count > 0).map((c) => String(c.count)));
    await expect.poll(async () => ((await fill(page)) as unknown[])[0]).toBe('match');
    expect(await page.getByTestId('map-not-in-force').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("Mauges : le zonage réel n'a pas « Exemple » ; praticiens, mouvements et offres gardent le leur ; l'avis nomme les données fictives", async () => {
    const { page, errors } = await pageAt('#/mauges');
    await waitForMap(page, 'mauges');
    const legend = page.getByRole('region', { name: 'Légende du zonage' });
    await expect(legend.locator('h2').textContent()).resolves.toContain('Zonage ARS des médecins généralistes 2025');
    expect(await legend.getByTestId('example-label').count()).toBe(0);
    await expect(legend.textContent()).resolves.not.toContain('Exemple');
    await expect(legend.getByTestId('zonage-status').textContent()).resolves.toContain('dernier zonage connu');
    await expect(page.getByTestId('fictitious-notice').textContent()).resolves.toContain(
      'Données fictives ici : professionnels de santé, pharmacies, mouvements déclarés, offres des communes (exemples).',
    );
    await expect(page.getByTestId('fictitious-notice').textContent()).resolves.not.toMatch(/zonage/i);
    expect(await page.getByText('scripts/').count()).toBe(0);
    // Movements and offers overlays keep their « Exemple ».
    await page.getByRole('button', { name: 'Mouvements' }).click();
    await expect.poll(() => page.getByText('Exemple — données fictives').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Offres' }).click();
    await expect.poll(() => page.getByText('Exemple — offres fictives').count()).toBe(1);
    await screenshot(page, 'mauges-ars-medecins');
    expect(errors).toEqual([]);
  });

  it('Mauges kinés : « sans classe » et « selon la partie » ont chacun un style distinct de toute classe', async () => {
    const { page, errors } = await pageAt('#/mauges?profession=masseur-kinesitherapeute', { width: 375, height: 812 });
    await waitForMap(page, 'mauges');
    const legend = page.getByRole('region', { name: 'Légende du zonage' });
    // No kiné commune of the Mauges is « sans classe » or « selon la partie »: their swatches are in the folded list.
    await legend.getByTestId('legend-empty').locator('summary').click();
    const styles = await legend.locator('li[data-class] .swatch').evaluateAll((els) =>
      els.map((e) => {
        const s = getComputedStyle(e);
        return `${e.closest('li')!.dataset.class}|${s.backgroundColor}|${s.backgroundImage}`;
      }),
    );
    const look = (id: string) => styles.find((x) => x.startsWith(`${id}|`))!.split('|').slice(1).join('|');
    for (const id of ['sans-classe', 'parties']) {
      expect(look(id)).toBeTruthy();
      expect(look(id)).not.toContain('none'); // a pattern, not a flat colour
      expect(styles.filter((x) => x.split('|').slice(1).join('|') === look(id))).toHaveLength(1);
    }
    await legend.locator('li[data-class="parties"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'mauges-kine-375');
    expect(errors).toEqual([]);
  });
});

describe('couche de zonage inconnue dans le lien', () => {
  it('message poli, et le zonage du territoire', async () => {
    const { page, errors } = await pageAt('#/mauges?zonage=cd17');
    await waitForMap(page, 'mauges');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'cd17' }).locator('span').textContent()).toBe(
      "Le zonage « cd17 » n'existe pas pour cette profession ; voici le zonage ARS des médecins généralistes.",
    );
    await expect(page.getByRole('region', { name: 'Légende du zonage' }).locator('h2').textContent()).resolves.toContain('Zonage ARS des médecins généralistes 2025');
    expect(errors).toEqual([]);
  });
});
