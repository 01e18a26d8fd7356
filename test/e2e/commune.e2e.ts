// The commune page: its own address and title, zone history, neighbours, share link, print view;
// and back/forward between the views (table, aid layer) the user saw.
import { describe, expect, inject, it } from 'vitest';
import { useBrowser, usePages, waitForMap, screenshot } from './browser.ts';

const baseUrl = inject('baseUrl');
// Faint France around the territory is not what these tests look at: pages get the archive without tiles.
const browser = useBrowser({ nationalTiles: false });
// Pages shared with the other files, moving by hash: a map already loaded serves these tests.
const pageAt = usePages(browser, baseUrl);

describe('page commune', () => {
  it("La Barde : titre et description, historique 2025 → 2026, voisines avec leur zone, lien à partager", async () => {
    const { page, errors } = await pageAt('#/charente-maritime/commune/17033');
    await waitForMap(page, 'charente-maritime');
    await expect.poll(() => page.getByTestId('commune-name').textContent()).toBe('La Barde');
    await expect.poll(() => page.title()).toBe('La Barde — Charente-Maritime — Observatoire du zonage santé');
    const description = await page.locator('meta[name="description"]').getAttribute('content');
    expect(description).toMatch(/^La Barde \(17033\) : zone .+ 2026, offre de soins/);

    // History: one point per published year, the class of each year (2025 non prioritaire, 2026 intermédiaire).
    const history = page.getByTestId('zone-history');
    const points = history.locator('circle[data-year]');
    await expect.poll(() => points.count()).toBe(2);
    expect(await points.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-year')}:${e.getAttribute('data-class')}`))).toEqual([
      '2025:non-prioritaire',
      '2026:intermediaire',
    ]);
    expect(await history.locator('svg').getAttribute('aria-label')).toBe('Historique du zonage : 2025 : non prioritaire, 2026 : intermédiaire');
    await history.getByText('Voir en tableau').click();
    expect(await history.getByRole('row').count()).toBe(3);

    // Neighbours: links to their own pages, each with its zone in words.
    const neighbours = page.getByTestId('neighbours').getByRole('listitem');
    expect(await neighbours.count()).toBeGreaterThanOrEqual(2);
    const first = neighbours.first();
    expect(await first.textContent()).toMatch(/(très fragile|fragile|intermédiaire|non prioritaire)/);
    const share = page.getByRole('textbox', { name: 'Lien de la fiche de La Barde' });
    expect(await share.inputValue()).toBe(`${baseUrl}#/charente-maritime/commune/17033`);
    await screenshot(page, 'commune-page');

    const name = (await first.getByRole('link').textContent())!;
    await first.getByRole('link').click();
    await expect.poll(() => page.getByTestId('commune-name').textContent()).toBe(name);
    await page.goBack();
    await expect.poll(() => page.getByTestId('commune-name').textContent()).toBe('La Barde');
    expect(errors).toEqual([]);
  });

  it("vue d'impression : la fiche entière sous une petite carte, sans les commandes", async () => {
    const { page, errors } = await pageAt('#/mauges/commune/49023');
    await waitForMap(page, 'mauges');
    await page.getByTestId('zone-history').waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.map-tools').isVisible()).toBe(false);
    expect(await page.getByTestId('share').isVisible()).toBe(false);
    expect(await page.getByRole('combobox', { name: 'Rechercher une commune' }).isVisible()).toBe(false);
    expect(await page.getByTestId('commune-name').isVisible()).toBe(true);
    expect(await page.getByTestId('zone-history').isVisible()).toBe(true);
    // The attribution is printed, not its fold button (a lone « ▼ » on paper).
    expect(await page.locator('.maplibregl-ctrl-attrib-inner').isVisible()).toBe(true);
    expect(await page.locator('.maplibregl-ctrl-attrib-button').isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await screenshot(page, 'commune-impression');
    expect(errors).toEqual([]);
  });

  it('retour arrière et avant entre la carte, le tableau et la couche « aides »', async () => {
    // On the shared page: its map is already loaded; the test's own history entries are walked.
    const { page, errors } = await pageAt('#/charente-maritime');
    await waitForMap(page, 'charente-maritime');
    await page.getByRole('button', { name: 'Tableau' }).click();
    await expect.poll(() => page.url()).toMatch(/\?vue=tableau$/);
    await page.getByRole('table').waitFor();
    await page.getByRole('button', { name: 'Carte' }).click();
    await expect.poll(() => page.getByRole('table').count()).toBe(0);
    await page.getByLabel('Couleurs').selectOption('cd17-fiche-08');
    await expect.poll(() => page.url()).toMatch(/\?couleurs=cd17-fiche-08$/);
    await page.getByRole('region', { name: 'Légende des aides' }).waitFor();

    await page.goBack();
    await expect.poll(() => page.getByRole('region', { name: 'Légende des aides' }).count()).toBe(0);
    await page.goBack();
    await page.getByRole('table').waitFor();
    await page.goForward();
    await expect.poll(() => page.getByRole('table').count()).toBe(0);
    await page.goForward();
    await page.getByRole('region', { name: 'Légende des aides' }).waitFor();
    expect(await page.getByLabel('Couleurs').inputValue()).toBe('cd17-fiche-08');
    expect(errors).toEqual([]);
  });

  it("les offres de la commune (fiche 2) : texte, contact, « Exemple » ; une offre expirée n'est plus montrée", async () => {
    const { page, errors } = await pageAt('#/charente-maritime/commune/17008');
    await waitForMap(page, 'charente-maritime');
    await expect.poll(() => page.getByTestId('commune-name').textContent()).toBe('Andilly');
    const offers = page.getByTestId('commune-offers');
    const card = offers.getByTestId('offer');
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.getByRole('heading').textContent()).toBe('Studio meublé pour un interne ou un remplaçant');
    expect(await card.textContent()).toContain('Logement · Andilly');
    expect(await card.textContent()).toContain('Exemple');
    expect(await card.textContent()).toContain('Loyer de 200 € par mois');
    expect(await card.getByRole('link', { name: 'mairie@andilly.exemple.invalid' }).getAttribute('href')).toBe(
      `mailto:mairie@andilly.exemple.invalid?subject=${encodeURIComponent('Studio meublé pour un interne ou un remplaçant — Andilly')}`,
    );
    expect(await card.getByRole('link', { name: '05 46 00 00 01' }).getAttribute('href')).toBe('tel:0546000001');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'commune-offre');
    // Archiac's offer expired on 2026-06-30: it stays in the data, not on the page.
    await page.goto(`${baseUrl}#/charente-maritime/commune/17016`);
    await expect.poll(() => page.getByTestId('commune-name').textContent()).toBe('Archiac');
    expect(await page.getByTestId('commune-offers').textContent()).toContain('Aucune offre publiée par la commune pour le moment.');
    expect(errors).toEqual([]);
  });

  it('grand écran (1920 px) : carte et fiche côte à côte, sans défilement horizontal', async () => {
    // The shared page widened (the next test gets it back at its size): a resize, not a new map.
    const { page, errors } = await pageAt('#/charente-maritime/commune/17300');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await waitForMap(page, 'charente-maritime');
    // MapLibre follows the new size (its canvas as wide as its area) before the measures and the screenshot.
    await expect.poll(() => page.evaluate(() => Math.abs(document.querySelector('.map-area canvas')!.getBoundingClientRect().width - document.querySelector('.map-area')!.getBoundingClientRect().width) < 2)).toBe(true);
    await page.getByTestId('neighbours').waitFor();
    const map = (await page.locator('.map-area').boundingBox())!;
    const panel = (await page.locator('aside.panel').boundingBox())!;
    expect(map.width).toBeGreaterThan(1400);
    expect(panel.x).toBeGreaterThanOrEqual(map.x + map.width - 1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1920);
    await screenshot(page, 'commune-1920');
    expect(errors).toEqual([]);
  });

  it('une couche inconnue dans le lien : message poli et zonage', async () => {
    const { page, errors } = await pageAt('#/mauges?couleurs=cd17-fiche-08');
    await waitForMap(page, 'mauges');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Aucune aide « cd17-fiche-08 » ne se cartographie dans ce territoire');
    expect(page.url()).toMatch(/#\/mauges$/);
    expect(errors).toEqual([]);
  });
});
