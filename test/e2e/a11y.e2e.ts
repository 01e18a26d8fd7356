// axe-core on every route of the app, in headless Chromium: no serious or critical violation of the
// WCAG 2.1 A/AA rules (our RGAA target). Each route is opened as a person would reach it.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser, usePages, waitForMap } from './browser.ts';

const baseUrl = inject('baseUrl');
// Faint France around the territory is not what these tests look at: pages get the archive without tiles.
const browser = useBrowser({ nationalTiles: false });
// One page per size and territory, each route reached by its address in the same document, as a person
// following a link would (no reload): a territory's map is loaded once for all its routes.
const pageAt = usePages(browser, baseUrl);
// Injected through the DevTools protocol (page.evaluate), which the app's CSP rightly does not allow from a script tag.
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

async function seriousViolations(page: Page): Promise<string[]> {
  // Once per document: the pages are shared, moving by hash, and axe stays loaded.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) : ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 5).join(', ')}`);
}

type Route = { name: string; hash: string; territory?: string; ready?: (page: Page) => Promise<void>; viewport?: { width: number; height: number }; nationalTiles?: boolean };

const routes: Route[] = [
  { name: 'carte de la Charente-Maritime', hash: '#/charente-maritime', territory: 'charente-maritime' },
  { name: 'carte des Mauges, zonage des chirurgiens-dentistes', hash: '#/mauges?profession=chirurgien-dentiste', territory: 'mauges' },
  {
    name: 'fiche commune (historique, voisines, aides, partage)',
    hash: '#/charente-maritime/commune/17300',
    territory: 'charente-maritime',
    ready: (page) => page.getByTestId('neighbours').waitFor(),
  },
  {
    name: 'tableau des communes',
    hash: '#/charente-maritime?vue=tableau',
    territory: 'charente-maritime',
    ready: (page) => page.getByRole('table').waitFor(),
  },
  { name: 'couche « aides »', hash: '#/charente-maritime?couleurs=cd17-fiche-08', territory: 'charente-maritime', ready: (page) => page.getByTestId('aid-legend-count').first().waitFor() },
  {
    name: 'mouvements et offres sur la carte (frise, filtres, légendes)',
    hash: '#/charente-maritime?mouvements=2025-01-01..2026-11-23&offres=1',
    territory: 'charente-maritime',
    ready: (page) => page.getByTestId('movements-panel').waitFor(),
  },
  {
    name: 'recherche ouverte',
    hash: '#/charente-maritime',
    territory: 'charente-maritime',
    ready: async (page) => {
      await page.getByRole('combobox', { name: 'Rechercher une commune' }).fill('saint');
      await page.getByRole('listbox', { name: 'Communes trouvées' }).getByRole('option').first().waitFor();
    },
  },
  {
    name: 'page de suivi (graphiques, listes)',
    hash: '#/charente-maritime/suivi',
    ready: (page) => page.getByTestId('chart-par-annee').waitFor(),
  },
  {
    name: 'page de suivi sur téléphone (tableau qui défile)',
    hash: '#/charente-maritime/suivi',
    viewport: { width: 375, height: 812 },
    ready: (page) => page.getByTestId('kpi-table').waitFor(),
  },
  {
    name: 'page des offres',
    hash: '#/charente-maritime/offres',
    ready: (page) => page.getByTestId('offer').first().waitFor(),
  },
  {
    name: 'page de suivi des Mauges, chirurgiens-dentistes',
    hash: '#/mauges/suivi?profession=chirurgien-dentiste',
    ready: (page) => page.getByTestId('chart-par-annee').waitFor(),
  },
  {
    name: 'formulaire « Proposer une offre », erreurs affichées',
    hash: '#/charente-maritime/proposer',
    ready: async (page) => {
      await page.getByRole('button', { name: "Télécharger le fichier de l'offre" }).click();
      await page.getByTestId('form-errors').waitFor();
    },
  },
  {
    name: 'relecture des offres',
    hash: '#/charente-maritime/relecture',
    ready: (page) => page.getByRole('heading', { name: 'Relecture des offres reçues' }).waitFor(),
  },
  {
    name: 'simulateur avec un profil',
    hash: '#/charente-maritime/simulateur?commune=17300&beneficiary=medecin&age=45',
    ready: (page) => page.getByRole('heading', { name: 'Quelles aides pour mon projet ?' }).waitFor(),
  },
  {
    name: "espace de gestion (panneau d'import)",
    hash: '#/charente-maritime/gestion',
    ready: (page) => page.getByRole('region', { name: /Importer/ }).first().waitFor(),
  },
  {
    name: 'espace de gestion sur téléphone, menu ouvert',
    hash: '#/mauges/gestion',
    viewport: { width: 375, height: 812 },
    ready: async (page) => {
      await page.getByRole('region', { name: /Importer/ }).first().waitFor();
      await page.getByRole('button', { name: 'Menu' }).click();
    },
  },
  { name: 'mentions légales', hash: '#/charente-maritime/mentions-legales', ready: (page) => page.getByRole('heading', { name: 'Mentions légales' }).waitFor() },
  {
    name: "déclaration d'accessibilité",
    hash: '#/charente-maritime/accessibilite',
    ready: (page) => page.getByRole('heading', { name: "Déclaration d'accessibilité" }).waitFor(),
  },
  { name: 'données personnelles', hash: '#/mauges/donnees-personnelles', ready: (page) => page.getByRole('heading', { name: 'Données personnelles' }).waitFor() },
  { name: 'méthode et sources', hash: '#/charente-maritime/methode', ready: (page) => page.getByTestId('sources').waitFor() },
  {
    name: 'méthode et sources des Mauges sur téléphone',
    hash: '#/mauges/methode',
    viewport: { width: 375, height: 812 },
    ready: (page) => page.getByTestId('sources').waitFor(),
  },
  // At the size of the national tests' page (tiles drawn once for both files).
  { name: 'vue nationale (carte, légende)', hash: '#/france', territory: 'france', viewport: { width: 1440, height: 900 }, nationalTiles: true },
  { name: 'vue nationale sur téléphone', hash: '#/france?profession=infirmier', territory: 'france', viewport: { width: 375, height: 812 }, nationalTiles: true },
  { name: 'vue nationale en tableau', hash: '#/france?vue=tableau', ready: (page) => page.getByTestId('national-table-count').waitFor() },
  {
    name: 'vue nationale en tableau sur téléphone, un département',
    hash: '#/france?vue=tableau',
    viewport: { width: 375, height: 812 },
    ready: async (page) => {
      await page.getByTestId('national-table-count').waitFor();
      await page.getByRole('combobox', { name: 'Département' }).selectOption('55');
      await page.getByTestId('national-aggregate').locator('summary').click();
    },
  },
  { name: 'page nationale d\'une commune (Niort)', hash: '#/france/commune/79191', ready: (page) => page.locator('tr[data-profession]').first().waitFor() },
  {
    name: 'page nationale d\'une commune sur téléphone',
    hash: '#/france/commune/79191',
    viewport: { width: 375, height: 812 },
    ready: (page) => page.locator('tr[data-profession]').first().waitFor(),
  },
  { name: 'carte de la Charente (territoire sans plan)', hash: '#/charente', territory: 'charente' },
  { name: 'contact', hash: '#/mauges/contact', ready: (page) => page.getByRole('heading', { name: 'Contact', exact: true }).waitFor() },
  {
    name: 'fiche commune sur téléphone (375 px)',
    hash: '#/mauges/commune/49023',
    territory: 'mauges',
    viewport: { width: 375, height: 812 },
    ready: (page) => page.getByTestId('commune-name').waitFor(),
  },
];

describe('accessibilité (axe-core) sur chaque page', () => {
  it("témoin : un bouton sans nom ajouté à la page est bien signalé (l'analyse tourne vraiment)", async () => {
    const { page } = await pageAt('#/mauges');
    await waitForMap(page, 'mauges');
    await page.evaluate(() => document.querySelector('main')!.append(Object.assign(document.createElement('button'), { type: 'button', id: 'temoin' })));
    expect((await seriousViolations(page)).join('\n')).toContain('button-name (critical)');
    // The page serves the Mauges routes next: the button goes.
    await page.evaluate(() => document.getElementById('temoin')!.remove());
  });

  it.each(routes)('$name : aucune violation grave ou critique', async (route) => {
    const { page, errors } = await pageAt(route.hash, route.viewport, { nationalTiles: route.nationalTiles });
    if (route.territory) await waitForMap(page, route.territory);
    await route.ready?.(page);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
