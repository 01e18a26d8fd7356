// Fiche 2: the offers page, its filters in the URL, and the way back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { shellQuote } from '../../src/core/publication.ts';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useBrowser, openPage, usePages, waitForMap, screenshot, project } from './browser.ts';

const baseUrl = inject('baseUrl');
// Faint France around the territory is not what these tests look at: pages get the archive without tiles.
const browser = useBrowser({ nationalTiles: false });
// The offers page and the offers layer share one page (by hash): the map is loaded once.
const pageAt = usePages(browser, baseUrl);

describe('page des offres', () => {
  it('liste les offres en cours (pas l\'expirée), filtre par type et public, garde les filtres dans le lien', async () => {
    const { page, errors } = await pageAt('#/charente-maritime');
    await waitForMap(page, 'charente-maritime');
    await page.getByRole('link', { name: 'Offres', exact: true }).click();
    await page.getByRole('heading', { name: 'Offres des communes' }).waitFor();
    expect(await page.title()).toBe('Offres des communes — Charente-Maritime — Observatoire du zonage santé');
    const cards = page.getByTestId('offer');
    await expect.poll(() => cards.count()).toBe(2);
    expect(await page.getByTestId('offers-count').textContent()).toBe('2 offres');
    // Latest available first: Aulnay (2026-11-20) then Andilly (2026-11-02); Archiac expired in June.
    expect(await cards.getByRole('heading').allTextContents()).toEqual(['Cabinet médical équipé à reprendre', 'Studio meublé pour un interne ou un remplaçant']);
    expect(await page.getByText('Vivre à Archiac').count()).toBe(0);
    await screenshot(page, 'offres');

    await page.locator('form.filters select').nth(0).selectOption('logement');
    await expect.poll(() => page.url()).toMatch(/#\/charente-maritime\/offres\?type=logement$/);
    await expect.poll(() => cards.count()).toBe(1);
    await page.locator('form.filters select').nth(1).selectOption('infirmier');
    await expect.poll(() => page.getByTestId('offers-count').textContent()).toBe('0 offre');
    expect(await page.getByText('Aucune offre ne correspond à ces filtres.').count()).toBe(1);
    await page.goBack();
    await expect.poll(() => cards.count()).toBe(1);
    await page.goBack();
    await expect.poll(() => cards.count()).toBe(2);

    await cards.first().getByRole('link', { name: 'Aides du Département' }).waitFor();
    expect(await cards.first().getByRole('link', { name: 'Aides du Département' }).getAttribute('rel')).toBe('noopener noreferrer nofollow');
    await page.getByRole('link', { name: "Voir la fiche d'Andilly" }).click();
    await expect.poll(() => page.getByTestId('commune-name').textContent()).toBe('Andilly');
    expect(errors).toEqual([]);
  });

  it('couche « offres » : un symbole par offre en cours, sa forme selon le type ; un clic ouvre la commune', async () => {
    const { page, errors } = await pageAt('#/charente-maritime');
    await waitForMap(page, 'charente-maritime');
    await page.locator('.map-tools').getByRole('button', { name: 'Offres' }).click();
    await expect.poll(() => page.url()).toMatch(/\?offres=1$/);
    const drawn = () =>
      page.evaluate(() => {
        const map = (window as unknown as { __map: MapLibreMap }).__map;
        const seen = new Map<string, string>();
        // The layer comes with the map's second wave (after France's header): not asked for before it is there.
        if (!map.getLayer('offers-symbol')) return {};
        for (const f of map.queryRenderedFeatures({ layers: ['offers-symbol'] })) seen.set(String(f.properties.id), String(f.properties.kind));
        return Object.fromEntries([...seen].sort());
      });
    await expect.poll(drawn, { timeout: 15_000 }).toEqual({ 'andilly-logement-interne': 'logement', 'aulnay-cabinet-medical': 'local' });
    const legend = page.getByTestId('offer-legend');
    expect(await legend.getByTestId('offer-legend-count').allTextContents()).toEqual(['1', '1', '0', '0', '0']);
    expect(await legend.textContent()).toContain('Exemple — offres fictives');
    await screenshot(page, 'offres-carte');
    // Click the house above Andilly: its page opens, the layer stays.
    const andilly = await page.evaluate(() => {
      const map = (window as unknown as { __map: MapLibreMap }).__map;
      const f = map.queryRenderedFeatures({ layers: ['offers-symbol'] }).find((x) => x.properties.id === 'andilly-logement-interne')!;
      return (f.geometry as unknown as { coordinates: [number, number] }).coordinates;
    });
    const at = await project(page, andilly);
    await page.mouse.click(at.x, at.y - 18);
    await expect.poll(() => page.getByTestId('commune-name').textContent()).toBe('Andilly');
    expect(page.url()).toContain('#/charente-maritime/commune/17008?offres=1');
    expect(errors).toEqual([]);
  });

  it('un filtre illisible dans le lien : message, filtre ignoré', async () => {
    const { page, errors } = await pageAt('#/mauges/offres?type=%3Cscript%3E');
    // The offers page's own title: until the Mauges are loaded, the page before (a map with its offers legend,
    // titled the same) is still shown.
    await page.locator('h2#offers-title').waitFor();
    expect(await page.getByRole('alert').textContent()).toBe("Le filtre « type » n'est pas lisible ; il est ignoré.");
    await expect.poll(() => page.getByTestId('offer').count()).toBe(1);
    expect(errors).toEqual([]);
  });
});

describe('proposer une offre', () => {
  it("erreurs d'abord, puis une offre correcte : aperçu, fichier téléchargé valide, courriel au guichet unique", async () => {
    const { page, errors } = await openPage(browser(), { width: 1280, height: 1100 });
    await page.goto(`${baseUrl}#/charente-maritime/offres`);
    await page.getByRole('link', { name: 'Proposer une offre' }).click();
    await page.getByRole('heading', { name: 'Proposer une offre' }).waitFor();
    const form = page.getByRole('form', { name: 'Nouvelle offre' });

    // Submitting an empty form: a summary of the fields to fix, and a message next to each.
    await form.getByRole('button', { name: "Télécharger le fichier de l'offre" }).click();
    const summary = page.getByTestId('form-errors');
    await summary.waitFor();
    const text = (await summary.textContent())!;
    for (const field of ['Commune', "Type d'offre", 'Titre', 'Description', 'Pour qui', 'Nom du contact', 'E-mail']) expect(text).toContain(field);
    expect(await page.locator('#champ-title').getAttribute('aria-invalid')).toBe('true');

    // Typed HTML stays text in the preview; a javascript: link is refused as it is typed.
    const payload = '<img src=x onerror="document.title=1">Studio';
    await page.locator('#champ-commune').selectOption('17008');
    await page.locator('#champ-kind').selectOption('logement');
    await page.locator('#champ-title').fill(payload);
    await page.locator('#champ-description').fill('Studio meublé au bourg.\n<script>alert(1)</script>');
    await page.getByLabel('Étudiant ou interne en santé').check();
    await page.locator('#champ-name').fill('Mairie');
    await page.locator('#champ-email').fill('pas-une-adresse');
    await page.locator('#champ-linkLabel').fill('Piège');
    await page.locator('#champ-linkUrl').fill('javascript:alert(1)');
    await page.locator('#champ-linkUrl').blur();
    const preview = page.getByRole('complementary', { name: 'Aperçu' });
    expect(await preview.getByTestId('offer').getByRole('heading', { level: 4 }).textContent()).toBe(payload);
    expect(await preview.locator('img').count()).toBe(0);
    expect(await page.locator('#erreur-email').textContent()).toBe('adresse « pas-une-adresse » invalide (une seule adresse, sans ?, & ni espace).');
    expect(await page.locator('#erreur-linkUrl').textContent()).toContain('seuls les liens http(s), mailto et tel sont permis');
    await screenshot(page, 'proposer-erreurs');

    // Corrected: the file downloads and is a valid offer; the e-mail to the guichet is pre-filled.
    await page.locator('#champ-title').fill('Studio meublé pour un interne');
    await page.locator('#champ-email').fill('mairie@andilly.exemple.invalid');
    // The link's text is optional (the host by default); « www… » becomes an https:// address.
    await page.locator('#champ-linkLabel').fill('');
    await page.locator('#champ-linkUrl').fill('www.exemple.fr/studio');
    expect(await page.locator('#champ-linkLabel').getAttribute('placeholder')).toBe('www.exemple.fr');
    const previewLink = preview.getByRole('link', { name: 'www.exemple.fr' });
    await previewLink.waitFor();
    expect(await previewLink.getAttribute('href')).toBe('https://www.exemple.fr/studio');
    // The preview: the offer on a small map (Andilly drawn, the housing symbol on it) and as on the commune page.
    expect(await preview.getByTestId('preview-commune').count()).toBe(1);
    expect(await preview.getByTestId('preview-symbol').isVisible()).toBe(true);
    expect(await preview.getByText("Sur la fiche d'Andilly", { exact: false }).count()).toBe(1);
    await expect.poll(() => page.getByTestId('form-errors').count()).toBe(0);
    const download = page.waitForEvent('download');
    await form.getByRole('button', { name: "Télécharger le fichier de l'offre" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('andilly-logement-studio-meuble-pour-un-interne.json');
    const saved = JSON.parse(fs.readFileSync((await file.path())!, 'utf8'));
    const { parseOffer } = await import('../../src/core/offers.ts');
    expect(parseOffer(saved, 'x.json', new Set(['17008'])).problems).toEqual([]);
    expect(saved).toMatchObject({ commune: '17008', kind: 'logement', example: false, professions: ['etudiant'], links: [{ label: 'www.exemple.fr', url: 'https://www.exemple.fr/studio' }] });
    // The territory's guichet address is an example: never offered as a way to send; whom to ask instead.
    expect(await page.getByTestId('mailto-guichet').count()).toBe(0);
    await expect(page.getByTestId('guichet-missing').textContent()).resolves.toMatch(/pas encore configurée.*Département de la Charente-Maritime/s);
    expect(await page.locator('a[href^="mailto:guichet-sante@"]').count()).toBe(0);
    await screenshot(page, 'proposer-termine');
    await page.setViewportSize({ width: 1440, height: 1100 });
    await screenshot(page, 'proposer-1440');
    await page.setViewportSize({ width: 375, height: 812 });
    await preview.scrollIntoViewIfNeeded();
    await screenshot(page, 'proposer-375');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.setViewportSize({ width: 1280, height: 1100 });
    expect(await page.title()).toBe('Proposer une offre — Charente-Maritime — Observatoire du zonage santé');

    // The chargé de mission drops it on the review page, with a broken file and an oversized one.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relecture-'));
    const sent = path.join(dir, file.suggestedFilename());
    fs.copyFileSync((await file.path())!, sent);
    const broken = path.join(dir, 'piege.json');
    fs.writeFileSync(broken, JSON.stringify({ ...saved, id: 'piege', title: '<script>alert(1)</script>', links: [{ label: 'x', url: 'javascript:alert(1)' }] }));
    const huge = path.join(dir, 'enorme.json');
    fs.writeFileSync(huge, JSON.stringify({ ...saved, description: 'x'.repeat(70_000) }));
    await page.goto(`${baseUrl}#/charente-maritime`);
    await page.getByRole('contentinfo').getByRole('link', { name: 'Gestion' }).click();
    await page.getByRole('link', { name: 'relecture des offres reçues' }).click();
    await page.getByRole('heading', { name: 'Relecture des offres reçues' }).waitFor();
    await page.locator('input[type=file]').setInputFiles([sent, broken, huge]);
    const reviewed = page.getByTestId('reviewed');
    await expect.poll(() => reviewed.count()).toBe(3);
    expect(await reviewed.nth(0).getByRole('heading', { level: 3 }).textContent()).toBe(`${file.suggestedFilename()} — valide`);
    expect(await reviewed.nth(1).textContent()).toContain('piege.json, champ « links[0].url » : « javascript:alert(1) » refusé');
    expect(await reviewed.nth(2).textContent()).toContain('enorme.json : fichier de 69 Ko, au-delà de 64 Ko pour une offre.');
    expect(await page.getByTestId('accept-command').textContent()).toBe(`npm run --silent cli -- offers accept ${shellQuote(file.suggestedFilename())} --territory charente-maritime`);
    await screenshot(page, 'relecture');

    // Tried on the site: on the map's offers layer and on Andilly's page, under a preview banner.
    await page.getByRole('button', { name: /Essayer sur la carte/ }).click();
    await waitForMap(page, 'charente-maritime');
    await expect.poll(() => page.url()).toMatch(/#\/charente-maritime\?offres=1$/);
    await page.getByTestId('offers-preview-banner').waitFor();
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            const map = (window as unknown as { __map: MapLibreMap }).__map;
            if (!map.getLayer('offers-symbol')) return [];
            return [...new Set(map.queryRenderedFeatures({ layers: ['offers-symbol'] }).map((f) => String(f.properties.id)))].sort();
          }),
        { timeout: 15_000 },
      )
      .toEqual(['andilly-logement-interne', 'andilly-logement-studio-meuble-pour-un-interne', 'aulnay-cabinet-medical']);
    await page.goto(`${baseUrl}#/charente-maritime/commune/17008`);
    await expect.poll(() => page.getByTestId('commune-offers').getByTestId('offer').count()).toBe(2);
    expect(await page.getByTestId('commune-offers').textContent()).toContain('Studio meublé pour un interne');
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
