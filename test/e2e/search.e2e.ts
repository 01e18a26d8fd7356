import { describe, expect, inject, it } from 'vitest';
import { useBrowser, usePages, waitForMap, screenshot } from './browser.ts';

const baseUrl = inject('baseUrl');
// Faint France around the territory is not what these tests look at: pages get the archive without tiles.
const browser = useBrowser({ nationalTiles: false });

// The searches share the pages of the other files (usePages): each starts from the Charente-Maritime map, by its link.
const pageAt = usePages(browser, baseUrl);
const mapPage = () => pageAt('#/charente-maritime');

describe('recherche de commune', () => {
  it('au clavier seul : suggestions, flèche, Entrée ouvre la fiche ; retour arrière revient à la carte', async () => {
    const { page, errors } = await mapPage();
    await page.goto(`${baseUrl}#/charente-maritime`);
    await waitForMap(page, 'charente-maritime');
    const box = page.getByRole('combobox', { name: 'Rechercher une commune' });
    // The page is shared: a search typed by an earlier test may still be in the field.
    await box.fill('');
    await box.focus();
    await page.keyboard.type('hiers brouage');
    const options = page.getByRole('listbox', { name: 'Communes trouvées' }).getByRole('option');
    await expect.poll(() => options.first().textContent()).toContain('Marennes-Hiers-Brouage');
    await expect(options.first().textContent()).resolves.toContain("ancienne commune Hiers-Brouage, aujourd'hui Marennes-Hiers-Brouage");
    await expect(box.getAttribute('aria-expanded')).resolves.toBe('true');
    await page.keyboard.press('ArrowDown');
    await expect(box.getAttribute('aria-activedescendant')).resolves.toBe('commune-search-0');
    await expect(options.first().getAttribute('aria-selected')).resolves.toBe('true');
    await screenshot(page, 'recherche-suggestions');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('commune-name').textContent()).toBe('Marennes-Hiers-Brouage');
    expect(page.url()).toContain('#/charente-maritime/commune/17219');
    await page.goBack();
    await expect.poll(() => page.getByTestId('commune-name').count()).toBe(0);
    expect(page.url()).toMatch(/#\/charente-maritime$/);
    expect(errors).toEqual([]);
  });

  it('à travers les territoires, et « aucune commune » quand rien ne correspond', async () => {
    const { page, errors } = await mapPage();
    await page.goto(`${baseUrl}#/charente-maritime`);
    await waitForMap(page, 'charente-maritime');
    const box = page.getByRole('combobox', { name: 'Rechercher une commune' });
    await box.fill('zzzz');
    const list = page.getByRole('listbox', { name: 'Communes trouvées' });
    await expect.poll(() => list.textContent()).toContain('Aucune commune ne correspond à « zzzz »');
    await box.fill('st pierre montlimart');
    await expect.poll(() => list.getByRole('option').first().textContent()).toContain('Montrevault-sur-Èvre');
    await page.keyboard.press('Enter');
    await waitForMap(page, 'mauges');
    await expect.poll(() => page.getByTestId('commune-name').textContent()).toBe('Montrevault-sur-Èvre');
    expect(errors).toEqual([]);
  });
});

describe('recherche nationale', () => {
  it('une faute de frappe trouve la commune ; un code postal passe avant un code INSEE identique', async () => {
    const { page, errors } = await mapPage();
    await page.goto(`${baseUrl}#/charente-maritime`);
    await waitForMap(page, 'charente-maritime');
    const box = page.getByRole('combobox', { name: 'Rechercher une commune' });
    const options = page.getByRole('listbox', { name: 'Communes trouvées' }).getByRole('option');
    await box.fill('17400');
    await expect.poll(() => options.first().textContent()).toContain("Saint-Jean-d'Angély");
    await expect(options.first().textContent()).resolves.toContain('code postal 17400');
    const texts = await options.allTextContents();
    expect(texts.every((t) => t.includes('code postal 17400'))).toBe(true); // 8 shown, all by postal code: the INSEE coincidence comes later
    await box.fill('la rochele');
    await expect.poll(() => options.first().textContent()).toContain('La Rochelle');
    await expect(options.first().textContent()).resolves.toContain('Charente-Maritime (17)');
    await expect(options.first().textContent()).resolves.toContain('Territoire suivi : Charente-Maritime');
    await screenshot(page, 'recherche-faute-de-frappe');
    // A name with its place, as people type it: the commune of that place comes first.
    for (const [q, why] of [['Ternant 17400', 'code postal 17400'], ['Ternant (17)', 'Charente-Maritime (17)'], ['Ternant, Charente-Maritime', 'Charente-Maritime (17)']]) {
      await box.fill(q);
      await expect.poll(() => options.first().textContent()).toContain('Ternant');
      await expect(options.first().textContent()).resolves.toContain(why);
    }
    await box.fill('la rochelle 17000');
    await expect.poll(() => options.first().textContent()).toContain('code postal 17000');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('commune-name').textContent()).toBe('La Rochelle');
    expect(page.url()).toContain('#/charente-maritime/commune/17300');
    expect(errors).toEqual([]);
  });

  it('une commune hors des territoires : son département, et le lien vers la page nationale de la commune', async () => {
    const { page, errors } = await mapPage();
    await page.goto(`${baseUrl}#/charente-maritime`);
    await waitForMap(page, 'charente-maritime');
    await page.evaluate(() => {
      const w = window as unknown as { hashes: string[] };
      w.hashes = [];
      window.addEventListener('hashchange', (e) => w.hashes.push(new URL(e.newURL).hash));
    });
    const box = page.getByRole('combobox', { name: 'Rechercher une commune' });
    await box.fill('niort');
    const options = page.getByRole('listbox', { name: 'Communes trouvées' }).getByRole('option');
    await expect.poll(() => options.first().textContent()).toContain('Niort');
    await expect(options.first().textContent()).resolves.toContain('Deux-Sèvres (79)');
    await expect(options.first().textContent()).resolves.not.toContain('Territoire suivi');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => (window as unknown as { hashes: string[] }).hashes[0])).toBe('#/france/commune/79191');
    expect(errors).toEqual([]);
  });
});

describe('téléphone (375 px de large)', () => {
  it('la carte puis la fiche, empilées ; la recherche reste utilisable', async () => {
    const { page, errors } = await pageAt('#/charente-maritime/commune/17300', { width: 375, height: 812 });
    await waitForMap(page, 'charente-maritime');
    const map = await page.locator('.map-area').boundingBox();
    const panel = await page.locator('aside.panel').boundingBox();
    expect(map!.width).toBeLessThanOrEqual(375);
    expect(panel!.y).toBeGreaterThanOrEqual(map!.y + map!.height - 1); // stacked, not side by side
    const box = page.getByRole('combobox', { name: 'Rechercher une commune' });
    expect((await box.boundingBox())!.width).toBeLessThanOrEqual(375);
    // Nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'mobile-375-commune');
    expect(errors).toEqual([]);
    
  });
});
