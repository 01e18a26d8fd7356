// « Je suis… » (issue 17): the person chosen once and kept in the URL, the commune page listing that person's
// aids first (never fiche 1), the simulator following its URL, asking only what matters, and every aid
// saying how to apply.
import fs from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { zoneResolver } from '../../src/core/zonage/resolver.ts';
import type { ZonageBundle } from '../../src/core/zonage/bundle.ts';
import { screenshot, useBrowser, usePages, waitForMap } from './browser.ts';
import { parisToday } from '../../src/core/dates.ts';

const baseUrl = inject('baseUrl');
// Faint France around the territory is not what these tests look at: pages get the archive without tiles.
const browser = useBrowser({ nationalTiles: false });
// One page per size and territory, each test going to its address by hash (as a pasted link would).
const pageAt = usePages(browser, baseUrl);

const communes = (id: string) => (JSON.parse(fs.readFileSync(`public/data/${id}/communes.json`, 'utf8')).communes as Array<{ code: string; nom: string; population: number }>);
function communesIn(id: string, cls: string, date: string): string[] {
  const zone = zoneResolver(JSON.parse(fs.readFileSync(`public/data/${id}/zonage.json`, 'utf8')) as ZonageBundle, date);
  return communes(id).map((c) => c.code).filter((code) => zone(code)('medecin-generaliste')?.effective === cls);
}
const today = parisToday();

describe('« Je suis… » sur la fiche de la commune', () => {
  it.each([
    { width: 1440, height: 900 },
    { width: 375, height: 812 },
  ])('interne : ses aides d\'abord, financières à part, jamais la fiche 1 ; la personne suit vers le simulateur ($width px)', async (viewport) => {
    const code = communesIn('charente-maritime', 'tres-fragile', today)[0];
    const { page, errors } = await pageAt(`#/charente-maritime/commune/${code}`, viewport);
    await waitForMap(page, 'charente-maritime');
    const section = page.getByTestId('commune-aids');
    await section.getByLabel('Je suis').selectOption('interne');
    await expect.poll(() => page.url()).toContain('pour=interne');
    await section.locator('#aids-title').scrollIntoViewIfNeeded();
    await screenshot(page, `persona-commune-interne-haut-${viewport.width}`);
    const first = section.getByTestId('aids-section').first();
    await expect(first.getAttribute('data-section')).resolves.toBe('persona');
    await expect(first.locator('h4.group').textContent()).resolves.toContain('Pour vous : interne en médecine générale');
    await expect(first.locator('[data-aid="cd17-fiche-07"]').count()).resolves.toBe(1);
    await expect(first.getByText('Aides financières').count()).resolves.toBe(1);
    // Aids of other people come after; the Département's own mapping work is not an aid to apply for.
    await expect(first.locator('[data-aid="cd17-fiche-08"]').count()).resolves.toBe(0);
    await expect(section.locator('[data-aid="cd17-fiche-08"]').count()).resolves.toBe(1);
    await expect(section.locator('[data-aid="cd17-fiche-01"]').count()).resolves.toBe(0);
    // How to apply, on every card.
    const bourse = first.locator('[data-aid="cd17-fiche-07"]');
    await expect(bourse.getByTestId('apply-contact').textContent()).resolves.toContain('Département de la Charente-Maritime');
    await expect(bourse.getByTestId('apply-provide').textContent()).resolves.toContain('le plan ne les précise pas');
    await expect(bourse.getByTestId('aid-apply').textContent()).resolves.toContain("La bourse d'études peut être sollicitée à tout moment pendant l'internat");
    // The installation's deadline is not a deadline to apply: the plan sets none for the request.
    await expect(bourse.getByTestId('apply-when').textContent()).resolves.toContain('le plan ne fixe pas de délai de demande');
    // An amount never breaks across lines (« 1 / 600 € », « 1 600 / € » on a phone): it is kept in one piece.
    const amount = bourse.locator('.together', { hasText: /^1\s600\s€$/ }).first();
    await expect(amount.evaluate((e) => getComputedStyle(e).whiteSpace)).resolves.toBe('nowrap');
    await bourse.scrollIntoViewIfNeeded();
    await screenshot(page, `persona-commune-interne-${viewport.width}`);

    // The simulator opens for this person, asking only an interne's questions.
    await section.getByRole('link', { name: 'Simuler mon projet ici' }).click();
    await page.getByTestId('sim-summary').waitFor();
    expect(page.url()).toContain('pour=interne');
    await expect(page.locator('#sim-persona').inputValue()).resolves.toBe('interne');
    const questions = page.getByTestId('sim-questions');
    await expect(questions.getByLabel("Date de début de l'internat", { exact: true }).count()).resolves.toBe(1);
    await expect(questions.getByLabel('Âge').count()).resolves.toBe(0);
    await expect(questions.getByLabel('Statut').count()).resolves.toBe(0);
    // The map link of the header keeps the person.
    await expect(page.locator('nav.pages a').first().getAttribute('href')).resolves.toContain('pour=interne');
    // So do the footer's pages, but not the chargé de mission's space.
    const footer = page.locator('footer.site-footer');
    await expect(footer.getByRole('link', { name: 'Méthode et sources' }).getAttribute('href')).resolves.toContain('pour=interne');
    await expect(footer.getByRole('link', { name: 'Gestion' }).getAttribute('href')).resolves.not.toContain('pour=');
    // (In the folded menu on a phone: read from the markup, visible or not.)
    await expect(page.locator('nav.pages a', { hasText: 'Suivi' }).getAttribute('href')).resolves.toContain('pour=interne');
    await screenshot(page, `persona-simulateur-interne-${viewport.width}`);
    expect(errors).toEqual([]);
  });
});

describe('le simulateur suit son lien', () => {
  const medecin = (commune: string) =>
    `#/charente-maritime/simulateur?${new URLSearchParams({ commune, date: '2026-03-01', status: 'titulaire', mode: 'liberal', age: '45', firstInstallation: 'true', daysPerWeek: '4', pdsa: 'true', eventDate: '2026-03-02', requestDate: '2026-04-15', pour: 'medecin' })}`;
  const collectivite = (commune: string) =>
    `#/charente-maritime/simulateur?${new URLSearchParams({ commune, date: '2026-12-01', projectCost: '100000', housingCost: '100000', eventDate: '2027-01-10', requestDate: '2026-12-01', pour: 'commune' })}`;

  it("un autre lien de simulateur montre son résultat, jamais le précédent ; « Simulateur d'aides » repart de zéro", async () => {
    const tf = communesIn('charente-maritime', 'tres-fragile', '2026-03-01')[0];
    const small = communes('charente-maritime').filter((c) => c.population < 4000).map((c) => c.code);
    const fragile = communesIn('charente-maritime', 'fragile', '2026-12-01').find((c) => small.includes(c))!;
    const { page, errors } = await pageAt(medecin(tf), { width: 1440, height: 900 });
    await expect.poll(() => page.getByTestId('sim-total').textContent()).toBe('30\u202f000 €');
    await expect(page.getByLabel('Âge').inputValue()).resolves.toBe('45');

    // Pasting another link (another person, commune and profile).
    await page.evaluate((h) => (window.location.hash = h), collectivite(fragile));
    await expect.poll(() => page.getByTestId('sim-total').textContent()).toBe('130\u202f000 €');
    await expect(page.locator('#sim-persona').inputValue()).resolves.toBe('commune');
    await expect(page.getByLabel('Âge').count()).resolves.toBe(0);
    await expect(page.getByLabel("Coût de l'opération (€)").inputValue()).resolves.toBe('100000');

    // Back to the first link: its result again.
    await page.goBack();
    await expect.poll(() => page.getByTestId('sim-total').textContent()).toBe('30\u202f000 €');
    await expect(page.getByLabel('Âge').inputValue()).resolves.toBe('45');

    // The menu's link: a fresh simulation for the same person.
    await page.getByRole('link', { name: "Simulateur d'aides" }).click();
    await expect.poll(() => page.getByText('Choisissez une commune pour voir les aides.').count()).toBe(1);
    await expect(page.getByLabel('Âge').inputValue()).resolves.toBe('');
    expect(page.url()).toContain('pour=medecin');
    expect(errors).toEqual([]);
  });

  it('la commune se choisit avec la recherche du site (limitée au territoire) ; résultats visibles sans défiler à 1440 × 900 ; « Copier le lien »', async () => {
    const { page, errors } = await pageAt('#/charente-maritime/simulateur?pour=medecin', { width: 1440, height: 900 });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseUrl).origin });
    const search = page.locator('#sim-commune');
    await search.fill('La Rochelle');
    await page.locator('#sim-commune-list [role="option"]', { hasText: 'La Rochelle' }).first().click();
    await page.getByTestId('sim-summary').waitFor();
    await expect(page.getByTestId('sim-summary').textContent()).resolves.toContain('La Rochelle');
    expect(page.url()).toContain('commune=17300');
    // Only this territory's communes: Rochefort-sur-Loire (Maine-et-Loire) is not offered.
    // Refilled after a choice, the list opens again (its closing on blur, a moment later, is cancelled):
    // waited for as a state, the box expanded and the communes listed.
    await search.fill('Rochefort');
    await expect.poll(() => search.getAttribute('aria-expanded')).toBe('true');
    const meta = page.locator('#sim-commune-list [role="option"] .meta');
    await expect.poll(() => meta.count()).toBeGreaterThan(0);
    const offered = await meta.allTextContents();
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.every((m) => m.includes('(17)'))).toBe(true);
    await search.fill('');

    // The summary and the first aid are on screen without scrolling.
    const summary = await page.getByTestId('sim-summary').boundingBox();
    const card = await page.locator('.results article').first().boundingBox();
    expect(summary!.y + summary!.height).toBeLessThan(900);
    expect(card!.y).toBeLessThan(900 - 60);

    await page.getByRole('button', { name: 'Copier le lien' }).click();
    await expect.poll(() => page.getByText('Lien copié.').count()).toBe(1);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(page.url());
    expect(copied).toContain('pour=medecin');
    await screenshot(page, 'persona-simulateur-medecin-1440');
    expect(errors).toEqual([]);
  });
});

describe('chaque aide dit comment la demander', () => {
  it('fiche 8 : le contact du territoire, la date limite du moteur, ce que dit le plan ; Mauges : le contact du plan', async () => {
    const tf = communesIn('charente-maritime', 'tres-fragile', '2026-03-01')[0];
    const { page, errors } = await pageAt(`#/charente-maritime/simulateur?commune=${tf}&date=2026-03-01&eventDate=2026-03-02&pour=medecin`, { width: 1440, height: 900 });
    const card = page.locator('[data-aid="cd17-fiche-08"]');
    await card.waitFor();
    await expect(card.getByTestId('apply-contact').textContent()).resolves.toContain('Département de la Charente-Maritime');
    await expect(card.getByTestId('apply-contact').locator('a').getAttribute('href')).resolves.toBe('https://la.charente-maritime.fr');
    await expect(card.getByTestId('apply-when').textContent()).resolves.toContain('au plus tard le 2 juin 2026');
    await expect(card.getByTestId('apply-provide').textContent()).resolves.toContain('le plan ne les précise pas');
    await expect(card.getByTestId('aid-apply').textContent()).resolves.toContain('« La demande d\'aide à l\'installation doit être faite dans un délai de 3 mois');

    const code = communes('mauges')[0].code;
    await page.goto(`${baseUrl}#/mauges/simulateur?commune=${code}&pour=interne`);
    const kine = page.locator('[data-aid="mauges-indemnite-deplacement"]');
    await kine.waitFor();
    await expect(kine.getByTestId('apply-contact').textContent()).resolves.toContain('Mauges Communauté, 02 41 71 77 00, solidarites-sante@maugescommunaute.fr');
    // A no-break space before the semicolon (Svelte trimmed the space that opened the block: « demande; l'aide »).
    await expect(kine.getByTestId('apply-when').textContent()).resolves.toContain("le plan ne fixe pas de délai de demande\u00a0; l'aide est ouverte jusqu'au 30 septembre 2028");
    // Its name in the « already obtained » check boxes, without the plan's name that repeats it.
    await expect(page.getByRole('checkbox', { name: 'Indemnité de déplacement des internes', exact: true }).count()).resolves.toBe(1);
    await kine.scrollIntoViewIfNeeded();
    await screenshot(page, 'persona-aide-comment-demander-1440');
    expect(errors).toEqual([]);
  });
});
