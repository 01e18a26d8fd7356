import fs from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { dateForYear, zonageView, type ZonageBundle } from '../../src/core/zonage/bundle.ts';
import { zoneResolver } from '../../src/core/zonage/resolver.ts';
import { useBrowser, usePages, waitForMap, screenshot } from './browser.ts';
import { parisToday } from '../../src/core/dates.ts';

const baseUrl = inject('baseUrl');
// Faint France around the territory is not what these tests look at: pages get the archive without tiles.
const browser = useBrowser({ nationalTiles: false });
// One page per territory, each test going to its address by hash: the map, then the simulator, follow it.
const pageAt = usePages(browser, baseUrl);

const bundleOf = (id: string) => JSON.parse(fs.readFileSync(`public/data/${id}/zonage.json`, 'utf8')) as ZonageBundle;
const names = (id: string) => new Map((JSON.parse(fs.readFileSync(`public/data/${id}/communes.json`, 'utf8')).communes as Array<{ code: string; nom: string; population: number }>).map((c) => [c.code, c]));
/** Communes of a territory whose effective class (for a profession, at a date) is the one asked. */
function communesIn(id: string, profession: string, cls: string, date: string): string[] {
  const zone = zoneResolver(bundleOf(id), date);
  return [...names(id).keys()].filter((code) => zone(code)(profession)?.effective === cls);
}
/** The date the map shows for the zonage in force today, as the app computes it. */
function mapDate(id: string): { date: string; view: ReturnType<typeof zonageView> } {
  const b = bundleOf(id);
  const today = parisToday();
  const years = b.zonages.filter((z) => z.profession === 'medecin-generaliste');
  const z = years.find((x) => x.validFrom <= today && today <= x.validUntil) ?? years[years.length - 1];
  const date = dateForYear(z, today);
  return { date, view: zonageView(b, 'medecin-generaliste', z.year, date) };
}

describe('aides dans la fiche de la commune', () => {
  it('zone très fragile : « Aides disponibles ici » avec l\'aide à l\'installation à 30 000 € ; zone intermédiaire : elle est listée comme non disponible, avec pourquoi', async () => {
    const { date } = mapDate('charente-maritime');
    const tf = communesIn('charente-maritime', 'medecin-generaliste', 'tres-fragile', date)[0];
    const inter = communesIn('charente-maritime', 'medecin-generaliste', 'intermediaire', date)[0];
    const { page, errors } = await pageAt(`#/charente-maritime/commune/${tf}`);
    await waitForMap(page, 'charente-maritime');
    const section = page.getByTestId('commune-aids');
    await expect(section.getByRole('heading', { name: 'Aides disponibles ici' }).count()).resolves.toBe(1);
    const fiche8 = section.locator('[data-aid="cd17-fiche-08"]');
    await expect(fiche8.getByTestId('aid-amount').textContent()).resolves.toContain('30 000 €');
    await expect(fiche8.getAttribute('data-eligible')).resolves.toBe('depends');
    await expect(section.getByRole('heading', { name: /Pour les médecins généralistes/ }).count()).resolves.toBe(1);
    await expect(section.getByRole('heading', { name: /Pour les étudiants et les internes/ }).count()).resolves.toBe(1);
    // The quote of the fiche, on demand.
    await fiche8.getByText('Texte du plan (fiche 8)').click();
    await expect(fiche8.locator('blockquote').textContent()).resolves.toContain('Très fragile : 30 000€');
    await screenshot(page, 'aides-commune-tres-fragile');

    await page.goto(`${baseUrl}#/charente-maritime/commune/${inter}`);
    await expect.poll(() => page.getByTestId('commune-name').textContent()).toBe(names('charente-maritime').get(inter)!.nom);
    const closed = page.getByTestId('aids-closed').locator('[data-aid="cd17-fiche-08"]');
    await expect(closed.textContent()).resolves.toContain(`Réservée aux zones fragiles et très fragiles ; ${names('charente-maritime').get(inter)!.nom} est en zone intermédiaire`);
    // Fiche 10 (MSP) is open in intermédiaire.
    await expect(page.getByTestId('commune-aids').locator('[data-aid="cd17-fiche-10"]').first().getAttribute('data-eligible')).resolves.not.toBe('no');
    // An intern looking for the former internship travel bonus learns it was withdrawn (fiche 5), and by what.
    await page.goto(`${baseUrl}#/charente-maritime/commune/${inter}?pour=interne`);
    const withdrawn = page.getByTestId('aids-withdrawn').locator('[data-aid="cd17-fiche-05"]');
    await expect.poll(() => withdrawn.textContent()).toContain('Prime de déplacement pour un stage en zone très fragile (fiche 5) : Fiche supprimée par la délibération');
    await expect(withdrawn.textContent()).resolves.toContain('délibération n° 2025-07-11-27');
    expect(errors).toEqual([]);
  });

  it('Mauges : le contact du plan (« Nous contacter ») sur la fiche de la commune, liens tel: et mailto:', async () => {
    const code = [...names('mauges').keys()][0];
    const { page, errors } = await pageAt(`#/mauges/commune/${code}`);
    await waitForMap(page, 'mauges');
    const contact = page.getByTestId('aids-contact');
    await expect(contact.textContent()).resolves.toContain('Mauges Communauté, 02 41 71 77 00, solidarites-sante@maugescommunaute.fr');
    await expect(contact.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).resolves.toEqual(['tel:0241717700', 'mailto:solidarites-sante@maugescommunaute.fr']);
    expect(errors).toEqual([]);
  });

  it('couche « aides » : communes colorées par le montant de la fiche 8, légende cohérente avec le zonage', async () => {
    const { view } = mapDate('charente-maritime');
    const count = (id: string) => view!.counts.find((c) => c.id === id)!.count;
    const { page, errors } = await pageAt('#/charente-maritime');
    await waitForMap(page, 'charente-maritime');
    await page.getByLabel('Couleurs').selectOption('cd17-fiche-08');
    const legend = page.getByRole('region', { name: 'Légende des aides' });
    await expect(legend.locator('h2').textContent()).resolves.toContain("Aide à l'installation d'un médecin généraliste");
    const entries = await legend.locator('li').evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-value'), li.querySelector('[data-testid="aid-legend-count"]')!.textContent]));
    expect(entries).toEqual([
      ['30000', String(count('tres-fragile'))],
      ['10000', String(count('fragile'))],
      ['0', String(count('intermediaire') + count('non-prioritaire'))],
    ]);
    // The map draws the layer's colours: a very fragile commune is painted in the legend's first colour.
    const colour = await page.evaluate(() => {
      const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
      return JSON.stringify(map.getPaintProperty('communes-fill', 'fill-color')).includes('#08306b');
    });
    expect(colour).toBe(true);
    await screenshot(page, 'aides-couche-fiche-8');
    expect(errors).toEqual([]);
  });
});

describe('simulateur « Quelles aides pour mon projet ? »', () => {
  const simulate = async (territory: string, params: Record<string, string>) => {
    const { page, errors } = await pageAt(`#/${territory}/simulateur?${new URLSearchParams(params)}`);
    await page.getByTestId('sim-summary').waitFor();
    return { page, errors };
  };

  it('médecin généraliste libéral en zone très fragile : 30 000 € (fiche 8), puis refusé à 61 ans', async () => {
    const commune = communesIn('charente-maritime', 'medecin-generaliste', 'tres-fragile', '2026-03-01')[0];
    const { page, errors } = await simulate('charente-maritime', {
      commune, date: '2026-03-01', beneficiary: 'medecin', status: 'titulaire', mode: 'liberal', age: '45', firstInstallation: 'true', daysPerWeek: '4', pdsa: 'true', eventDate: '2026-03-02', requestDate: '2026-04-15',
    });
    await expect(page.getByTestId('sim-total').textContent()).resolves.toBe('30\u202f000 €');
    const card = page.locator('[data-aid="cd17-fiche-08"]');
    await expect(card.getAttribute('data-eligible')).resolves.toBe('yes');
    await expect(card.textContent()).resolves.toContain("exercer dans la même commune pendant 5 ans, jusqu'au 1er mars 2031");
    await expect(card.textContent()).resolves.toContain('Demande : au plus tard le 2 juin 2026');
    await screenshot(page, 'simulateur-medecin');

    // Typing a wrong age shows a message; 61 refuses the aid, and the URL follows.
    const age = page.getByLabel('Âge');
    await age.fill('abc');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('« age » (âge) : nombre attendu, « abc » lu.');
    await age.fill('61');
    await expect.poll(() => page.getByTestId('sim-total').textContent()).toBe('0 €');
    await expect(page.locator('[data-testid="sim-closed"] [data-aid="cd17-fiche-08"]').textContent()).resolves.toContain('Avoir 60 ans au plus : non (61 ans).');
    expect(page.url()).toContain('age=61');
    expect(errors).toEqual([]);
  });

  it('interne en médecine générale dans les Mauges, commune en ZIP ou ZAC : 800 € de déplacement + 6 000 € d\'indemnité d\'études', async () => {
    const date = '2026-02-01';
    const zoned = [...communesIn('mauges', 'medecin-generaliste', 'zip', date), ...communesIn('mauges', 'medecin-generaliste', 'zac', date)][0];
    const { page, errors } = await simulate('mauges', { commune: zoned, date, beneficiary: 'interne', distanceKm: '2000' });
    await expect(page.getByTestId('sim-total').textContent()).resolves.toBe('6\u202f800 €');
    await expect(page.getByTestId('sim-conflicts').count()).resolves.toBe(0); // « les aides sont cumulables entre elles »
    // Without a beneficiary, no total: aids for different beneficiaries do not add up.
    await page.getByLabel('Je suis').selectOption('');
    await expect.poll(() => page.getByTestId('sim-total').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('Mauges, médecin en ZIP à mi-temps : le temps de présence se dit en %, « 50 » donne 15 000 € ; « 150 » est refusé en %', async () => {
    const date = '2026-02-01';
    const commune = communesIn('mauges', 'medecin-generaliste', 'zip', date)[0];
    const { page, errors } = await simulate('mauges', {
      commune, date, beneficiary: 'medecin', status: 'titulaire', firstInstallation: 'true', cpam: 'true', pdsa: 'true', pluriprofessional: 'true',
    });
    const presence = page.getByLabel(/Temps de présence/);
    await expect(page.getByText("en % d'un temps plein").count()).resolves.toBe(1);
    await presence.fill('50');
    await expect.poll(() => page.locator('[data-aid="mauges-installation-medecin"]').textContent()).toContain('15\u202f000 €');
    expect(page.url()).toContain('presenceShare=0.5');
    await presence.fill('150');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('un pourcentage d\'un temps plein, de 0 à 100');
    expect(errors).toEqual([]);
  });

  // Second reading of the plan (issue 15): fiches 10 and 11 are alternatives for one project, the aids
  // on one operation's cost stay within 80 % of it, and the housing (fiche 4) is another operation.
  it('commune de moins de 4 000 habitants en zone fragile, cabinet à 100 000 € et logement à 100 000 € : 80 000 € (10 ou 11, 6 et 17 dans la limite de 80 %) + 50 000 € (fiche 4)', async () => {
    const date = '2026-12-01';
    const ref = names('charente-maritime');
    const commune = communesIn('charente-maritime', 'medecin-generaliste', 'fragile', date).find((c) => ref.get(c)!.population < 4000)!;
    const { page, errors } = await simulate('charente-maritime', { commune, date, beneficiary: 'commune', projectCost: '100000', housingCost: '100000', eventDate: '2027-01-10', requestDate: '2026-12-01' });
    await expect(page.getByTestId('sim-total').textContent()).resolves.toBe('130\u202f000 €');
    await expect(page.getByTestId('sim-note').textContent()).resolves.toContain('Interprétation');
    await expect(page.getByTestId('sim-conflicts').textContent()).resolves.toContain('une alternative aux Maisons de Santé Pluri-professionnelles');
    // The total said with the amounts shown beside it: what is added, the limit, and what is left out.
    const breakdown = (await page.getByTestId('sim-breakdown').textContent())!.replace(/\s+/g, ' ');
    expect(breakdown).toMatch(/^Le total additionne .*fiche 4 \(50 000 €\).* ramenés à 130 000 € par la limite ci-dessous\./);
    expect(breakdown).toMatch(/Non comptées car non cumulables avec une aide plus favorable : fiche 1[01] \(/);
    for (const id of ['cd17-fiche-04', 'cd17-fiche-06', 'cd17-fiche-10', 'cd17-fiche-11', 'cd17-fiche-17'])
      await expect(page.locator(`[data-aid="${id}"]`).first().getAttribute('data-eligible')).resolves.toBe('yes');
    await screenshot(page, 'simulateur-commune');
    expect(errors).toEqual([]);
  });
});
