// The site as a person sees it: a short header on phones with its menu, a footer on every page leading to
// the legal, accessibility, personal-data, method and contact pages, the skip link, the Gestion space
// (import, review of offers, publishing; no login) and MapLibre's controls in French.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { useBrowser, openPage, usePages, waitForMap, screenshot } from './browser.ts';

const baseUrl = inject('baseUrl');
// Faint France around the territory is not what these tests look at: pages get the archive without tiles.
const browser = useBrowser({ nationalTiles: false });
const PHONE = { width: 375, height: 812 };
// One page per size and territory, each test going to its address by hash (no reload): a map loaded once
// serves the next test. The skip-link test needs a fresh page (the first Tab of a page).
const pageAt = usePages(browser, baseUrl);
const WIDE = { width: 1440, height: 900 };

describe('en-tête', () => {
  it("sur téléphone (375×812) : au plus 12 % de l'écran, le menu s'ouvre et mène aux pages", async () => {
    const { page, errors } = await pageAt('#/charente-maritime', PHONE);
    await waitForMap(page, 'charente-maritime');
    const header = page.locator('header.top');
    const height = (await header.boundingBox())!.height;
    expect(height).toBeLessThanOrEqual(97);
    await expect(page.getByRole('combobox', { name: 'Rechercher une commune' }).isVisible()).resolves.toBe(true);
    const nav = page.getByRole('navigation', { name: 'Pages' });
    await expect(nav.isVisible()).resolves.toBe(false);
    await screenshot(page, 'site-entete-375');

    const menu = page.getByRole('button', { name: 'Menu' });
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
    await menu.click();
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('true');
    await expect(nav.isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('Territoire').isVisible()).resolves.toBe(true);
    await screenshot(page, 'site-menu-375');
    await nav.getByRole('link', { name: 'Suivi' }).click();
    await page.getByRole('heading', { name: 'Suivi des installations et cessations' }).waitFor();
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
    expect(errors).toEqual([]);
  });

  it.each([1280, 1440])("à %d px : tout sur une ligne sans débordement, pas de bouton Menu ni d'import", async (width) => {
    const { page, errors } = await pageAt('#/charente-maritime', { width, height: width > 1300 ? 900 : 800 });
    await waitForMap(page, 'charente-maritime');
    const header = page.locator('header.top');
    await expect(header.evaluate((h) => h.scrollWidth <= h.clientWidth)).resolves.toBe(true);
    await expect(page.getByRole('navigation', { name: 'Pages' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Menu' }).isVisible()).resolves.toBe(false);
    await expect(page.getByRole('button', { name: 'Importer des données' }).count()).resolves.toBe(0);
    expect((await header.boundingBox())!.height).toBeLessThan(80);
    if (width === 1440) await screenshot(page, 'site-carte-1440');
    expect(errors).toEqual([]);
  });
});

describe('pied de page et pages du site', () => {
  const pages: Array<[string, string, RegExp]> = [
    ['Mentions légales', 'Mentions légales', /directeur ou directrice de la publication/i],
    ['Accessibilité : non conforme', "Déclaration d'accessibilité", /Défenseur des droits/],
    ['Données personnelles', 'Données personnelles', /Aucun cookie/],
    ['Méthode et sources', 'Méthode et sources', /pharmacie sans médecin/],
    ['Contact', 'Contact', /éditeur du site/],
  ];

  // The five links are followed in one page, from the map then from page to page as a visitor goes: the
  // footer is the same on every page.
  let shared: Awaited<ReturnType<typeof openPage>>;
  beforeAll(async () => {
    shared = await pageAt('#/charente-maritime');
    await waitForMap(shared.page, 'charente-maritime');
  });

  it.each(pages)('le lien « %s » du pied de page mène à sa page, son titre et sa description', async (link, heading, text) => {
    const { page, errors } = shared;
    errors.length = 0;
    await page.getByRole('contentinfo').getByRole('link', { name: link }).click();
    const h = page.getByRole('heading', { level: 2, name: heading, exact: true });
    await h.waitFor();
    await expect(page.getByRole('main').textContent()).resolves.toMatch(text);
    await expect.poll(() => page.title()).toBe(`${heading} — Charente-Maritime — Observatoire du zonage santé`);
    await expect.poll(() => page.locator('meta[name="description"]').getAttribute('content')).toMatch(/Charente-Maritime\.$/);
    expect(errors).toEqual([]);
  });

  it("mentions légales : l'éditeur n'est pas supposé, la page dit ce qui manque avant la mise en ligne", async () => {
    const { page } = await pageAt('#/charente-maritime/mentions-legales', PHONE);
    const missing = page.getByTestId('legal-missing');
    await expect(missing.textContent()).resolves.toContain("il manque le nom de l'éditeur");
    await expect(page.getByRole('main').textContent()).resolves.not.toMatch(/Éditeur du site\s*Département de la Charente-Maritime/);
    // A territory without a local plan says so, never « Charente : , … ».
    await expect(page.getByRole('main').textContent()).resolves.toMatch(/Charente : zonages\s+publics seulement, aucun plan local suivi\./);
    await screenshot(page, 'site-mentions-375');
  });

  it('méthode et sources : la règle de la fiche 1, chaque source datée, une place pour les zonages ARS', async () => {
    const { page, errors } = await pageAt('#/charente-maritime/methode', WIDE);
    const sources = page.getByTestId('sources');
    await sources.waitFor();
    // The rows come from several files, reached by hash from a page already loaded: waited for as a state.
    await expect.poll(() => sources.locator('tbody tr').allTextContents()).toContainEqual(expect.stringMatching(/Contours des communes.*édition 2018/s));
    const rows = await sources.locator('tbody tr').allTextContents();
    expect(rows.some((r) => r.includes('Zonage départemental 2026') && r.includes('du 1er janvier 2026 au 31 décembre 2026'))).toBe(true);
    expect(rows.some((r) => r.includes('Contours des communes') && r.includes('édition 2018'))).toBe(true);
    expect(rows.some((r) => r.includes('Référentiel des communes') && r.includes('COG 2026'))).toBe(true);
    await expect(page.getByRole('main').textContent()).resolves.toContain('Une attention particulière sera portée aux communes');
    // The real ARS zonages of the département are listed with their authority.
    await expect(page.getByTestId('ars-zonages').textContent()).resolves.toContain('ARS Nouvelle-Aquitaine');
    // Where the national files come from (a republication's repository and commit) is said here, not elsewhere.
    await expect(page.getByTestId('ars-provenance').textContent()).resolves.toMatch(/Zonage ARS des médecins généralistes : export CartoSanté republié par le dépôt GitHub \S+ \(commit [0-9a-f]{7}\)/);
    await screenshot(page, 'site-methode-1440');
    // Another territory keeps the page.
    await page.getByLabel('Territoire').selectOption('mauges');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/mauges/methode');
    await expect.poll(() => page.getByTestId('ars-zonages').textContent()).toContain('ARS Pays de la Loire');
    expect(errors).toEqual([]);
  });

  it('le lien « Aller au contenu » est le premier arrêt du clavier et place le focus sur le contenu', async () => {
    const { page } = await openPage(browser());
    await page.goto(`${baseUrl}#/charente-maritime/suivi`);
    await page.getByRole('heading', { name: 'Suivi des installations et cessations' }).waitFor();
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Aller au contenu');
    await screenshot(page, 'site-lien-evitement-1280');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('MAIN');
    await expect(page.evaluate(() => location.hash)).resolves.toBe('#/charente-maritime/suivi');
    // The next Tab goes on into the content, not back to the header.
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => !!document.activeElement?.closest('main'))).resolves.toBe(true);
    await page.close();
  });
});

describe('espace de gestion', () => {
  it("atteint depuis le pied de page : l'import, la relecture des offres, la publication, et « pas de connexion »", async () => {
    const { page, errors } = await pageAt('#/charente-maritime', WIDE);
    await waitForMap(page, 'charente-maritime');
    await expect(page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Gestion' }).count()).resolves.toBe(0);
    await page.getByRole('contentinfo').getByRole('link', { name: 'Gestion' }).click();
    await page.getByRole('heading', { name: 'Gestion des données — Charente-Maritime' }).waitFor();
    await expect(page.getByTestId('no-login').textContent()).resolves.toMatch(/ni compte, ni mot de passe.*rien\s+n'est publié depuis le navigateur/s);
    await expect(page.getByRole('region', { name: "Importer les données de l'année" }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('main').textContent()).resolves.toContain('npm run --silent publish:data -- zonage zonage-2027.csv --territory charente-maritime --year 2027');
    await expect(page.getByRole('heading', { name: 'Sans Node.js' }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'site-gestion-1440');
    await page.getByRole('link', { name: 'relecture des offres reçues' }).click();
    await page.getByRole('heading', { name: 'Relecture des offres reçues' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('sur téléphone, et la page de suivi publique ne mène plus à la relecture', async () => {
    const { page, errors } = await pageAt('#/charente-maritime/gestion', PHONE);
    await page.getByTestId('no-login').waitFor();
    // Nothing wider than the phone (the import's file-kind select made it 580 px wide).
    await page.getByRole('region', { name: /Importer/ }).first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'site-gestion-375');
    await page.goto(`${baseUrl}#/charente-maritime/suivi`);
    await page.getByRole('heading', { name: 'Suivi des installations et cessations' }).waitFor();
    await expect(page.getByRole('link', { name: 'Relire les offres reçues' }).count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });
});

describe('carte en français', () => {
  it('les commandes de MapLibre et le nom de la carte sont en français', async () => {
    const { page, errors } = await pageAt('#/mauges', PHONE);
    await waitForMap(page, 'mauges');
    await expect(page.getByRole('button', { name: 'Zoom avant' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Zoom arrière' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('region', { name: 'Carte du zonage des communes' }).count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: /Zoom in|Zoom out|Toggle attribution/ }).count()).resolves.toBe(0);
    await screenshot(page, 'site-carte-375');
    expect(errors).toEqual([]);
  });
});
