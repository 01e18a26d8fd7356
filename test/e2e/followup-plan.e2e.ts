// The follow-up's « Plan » tab: the published aggregates (small counts hidden), then the example register
// opened in the staff space (exact figures, budget, deadlines), a hostile register, and the proof that
// no name or note of the registers reaches dist/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser, openPage, screenshot } from './browser.ts';

const baseUrl = inject('baseUrl');
// Faint France around the territory is not what these tests look at: pages get the archive without tiles.
const browser = useBrowser({ nationalTiles: false });
const REGISTER = 'data/territories/charente-maritime/suivi/dossiers-exemple.csv';
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function openPlan(width: number) {
  const { page, errors } = await openPage(browser(), { width, height: 900 });
  await page.goto(`${baseUrl}#/charente-maritime/suivi`);
  await page.getByRole('tab', { name: 'Plan' }).click();
  await page.getByTestId('plan-budget').waitFor();
  return { page, errors };
}

describe('onglet Plan du suivi', () => {
  it('1440 px : agrégats publiés, puis registre ouvert (budget, échéances)', async () => {
    const { page, errors } = await openPlan(1440);
    await expect(page.getByTestId('plan-example').textContent()).resolves.toBe('Exemple — données fictives');
    const figures = page.getByTestId('budget-figures');
    await expect(page.getByTestId('plan-budget').textContent()).resolves.toContain("Autorisation d'Engagement du Plan santé : 3\u202f047\u202f100 €, délibération n° 201 du 10 avril 2025");
    await expect(figures.textContent()).resolves.toMatch(/Accordé \(engagé\)\s*1\u202f607\u202f500 €/);
    // fiche 8's indicator, quoted from the plan; small counts hidden in public.
    const fiche8 = page.locator('tr[data-fiche="cd17-fiche-08"]');
    await expect(fiche8.textContent()).resolves.toContain("« Nombre de bénéficiaires de l'aide »");
    await expect(page.getByTestId('plan-fiches').locator('table').first().textContent()).resolves.toContain('moins de 3');
    await expect(page.getByTestId('plan-deadlines').textContent()).resolves.toContain('ouvrez le registre');
    await expect(page.getByTestId('chart-enveloppe-annees').locator('rect[data-bar="accorde"]').count()).resolves.toBe(2); // 2021 and 2022 hidden
    await screenshot(page, 'suivi-plan-public-1440');

    await page.getByTestId('register-open').locator('input[type=file]').setInputFiles(REGISTER);
    await expect.poll(() => page.getByTestId('register-counts').textContent()).toContain('69 lignes lues = 69 acceptées + 0 rejetée + 0 hors champ');
    await expect(page.getByTestId('register-report').textContent()).resolves.toContain('8 avertissements');
    await expect(page.getByTestId('plan-fiches').locator('table').first().textContent()).resolves.not.toContain('moins de 3');
    await page.getByTestId('plan-deadlines').getByLabel('À partir du').fill('2026-12-01');
    await expect(page.getByTestId('deadlines-retards').textContent()).resolves.toContain('fiche 8 la veut au plus tard 3 mois après');
    await expect(page.getByTestId('deadlines-conventions').locator('li').count()).resolves.toBeGreaterThan(0);
    await expect(page.getByTestId('deadlines-engagements').textContent()).resolves.toContain('À faire : Vérifier l\'exercice effectif');
    await page.getByTestId('plan-budget').screenshot({ caret: 'initial', path: 'test-results/screenshots/suivi-plan-budget-1440.png' });
    await page.getByTestId('plan-deadlines').screenshot({ caret: 'initial', path: 'test-results/screenshots/suivi-plan-echeances-1440.png' });

    // axe-core on the tab, register opened: no serious or critical WCAG 2.1 A/AA violation.
    await page.evaluate(AXE);
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (c: Element, o: object) => Promise<{ violations: Array<{ id: string; impact: string | null }> }> } }).axe;
      return (await axe.run(document.querySelector('[data-testid="plan-tab"]')!, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations;
    });
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

    // The public CSV stays guarded even from the opened register; the XLSX is the staff's.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter les agrégats publics (CSV)' }).click()]);
    const text = fs.readFileSync((await csv.path())!, 'utf8');
    expect(text).toContain('Exemple — données fictives');
    expect(text).toContain('moins de 3');
    expect(text).not.toMatch(/Fictif-Marsan|Exemplaire/);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter le registre et les indicateurs (XLSX)' }).click()]);
    expect(xlsx.suggestedFilename()).toBe('suivi-charente-maritime-exemple.xlsx');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('375 px : onglet lisible sans défilement horizontal de la page', async () => {
    const { page, errors } = await openPlan(375);
    await page.getByTestId('register-open').locator('input[type=file]').setInputFiles(REGISTER);
    await expect.poll(() => page.getByTestId('register-counts').textContent()).toContain('69 lignes lues');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'suivi-plan-375');
    await page.getByTestId('plan-budget').screenshot({ caret: 'initial', path: 'test-results/screenshots/suivi-plan-budget-375.png' });
    await page.getByTestId('plan-deadlines').getByLabel('À partir du').fill('2026-12-01');
    await page.getByTestId('plan-deadlines').screenshot({ caret: 'initial', path: 'test-results/screenshots/suivi-plan-echeances-375.png' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('375 px : le plan des Mauges, sa période et ses montants, sans enveloppe fixée par le plan', async () => {
    // Coming from the Charente-Maritime's plan tab in the same page: the Mauges' plan must replace it.
    const { page, errors } = await openPage(browser(), { width: 375, height: 900 });
    await page.goto(`${baseUrl}#/charente-maritime/suivi`);
    await page.getByRole('tab', { name: 'Plan' }).click();
    await page.getByTestId('plan-budget').waitFor();
    await page.evaluate(() => (location.hash = '#/mauges/suivi'));
    // The Mauges' page opens on its first tab (a page of its own): wait for it before choosing « Plan ».
    await expect.poll(() => page.getByRole('tab', { name: 'Installations et cessations' }).getAttribute('aria-selected')).toBe('true');
    await page.getByRole('tab', { name: 'Plan' }).click();
    await expect.poll(() => page.getByTestId('plan-budget').textContent()).toContain('COPIL du CLS 2.0) : le plan ne fixe pas de montant');
    await expect(page.getByTestId('plan-example').textContent()).resolves.toBe('Exemple — données fictives');
    await expect(page.getByTestId('budget-figures').textContent()).resolves.not.toContain('Reste à engager');
    await screenshot(page, 'suivi-plan-mauges-375');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('registre hostile : rejets nommés, texte jamais interprété, lignes valides gardées', async () => {
    const { page, errors } = await openPlan(1440);
    const header = fs.readFileSync(REGISTER, 'utf8').replace(/^\uFEFF/, '').split('\n')[0];
    const cols = header.split(';');
    const row = (cells: Record<string, string>) => cols.map((c) => cells[c] ?? '').join(';');
    const ok = { aide: 'fiche 3', beneficiaire_type: 'medecin', code_insee: '17300', date_reception: '2026-02-01', date_decision: '2026-03-01', montant_accorde: '800', statut: 'accordé' };
    const file = path.join(os.tmpdir(), `registre-hostile-${process.pid}.csv`);
    fs.writeFileSync(file, [
      header,
      row({ ...ok, dossier: 'H1', beneficiaire: '<img src=x onerror="window.__pwned=1">' }),
      row({ ...ok, dossier: 'H2', beneficiaire: '=HYPERLINK("http://exemple.invalid","clic")' }),
      row({ ...ok, dossier: 'H3', beneficiaire: 'Date', date_reception: '2026-02-30' }),
      row({ ...ok, dossier: 'H4', beneficiaire: 'Aide', aide: 'fiche 42' }),
      row({ ...ok, dossier: 'H4', beneficiaire: 'Doublon' }),
      '"H6;fiche 3;medecin;guillemet jamais fermé;17300;2026-02-01',
    ].join('\n'));
    await page.getByTestId('register-open').locator('input[type=file]').setInputFiles(file);
    const report = page.getByTestId('register-report');
    await expect.poll(() => page.getByTestId('register-counts').textContent()).toContain('6 lignes lues = 3 acceptées + 3 rejetées');
    const text = await report.textContent();
    expect(text).toContain('ligne 4, colonne « date_reception » : date « 2026-02-30 » illisible');
    expect(text).toContain('ligne 5, colonne « aide » : aide « fiche 42 » inconnue');
    expect(text).toContain('ligne 7, colonne « dossier » : guillemet ouvert et jamais fermé');
    await page.getByTestId('plan-communes').getByText('Dossiers', { exact: true }).first().click();
    await expect(page.getByTestId('plan-communes').textContent()).resolves.toContain('<img src=x onerror="window.__pwned=1">');
    await expect(page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).resolves.toBeUndefined();
    await expect(page.locator('[data-testid="plan-tab"] img').count()).resolves.toBe(0);
    await report.screenshot({ caret: 'initial', path: 'test-results/screenshots/suivi-plan-registre-hostile-1440.png' });
    fs.rmSync(file);
    expect(errors).toEqual([]);
  });
});

describe('données personnelles', () => {
  it("aucun nom, aucune note, aucun numéro de dossier des registres n'est dans dist/", () => {
    const secrets = new Set<string>();
    for (const t of ['charente-maritime', 'mauges']) {
      const [head, ...lines] = fs.readFileSync(`data/territories/${t}/suivi/dossiers-exemple.csv`, 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
      const cols = head.split(';');
      for (const l of lines) {
        const cells = l.split(';');
        for (const k of ['beneficiaire', 'notes', 'dossier']) if (cells[cols.indexOf(k)]) secrets.add(cells[cols.indexOf(k)]);
      }
    }
    expect(secrets.size).toBeGreaterThan(100);
    const files: string[] = [];
    const walk = (dir: string) => { for (const e of fs.readdirSync(dir, { withFileTypes: true })) e.isDirectory() ? walk(path.join(dir, e.name)) : files.push(path.join(dir, e.name)); };
    walk('dist');
    expect(files.some((f) => f.endsWith('suivi.json'))).toBe(true);
    const found: string[] = [];
    for (const f of files) {
      const content = fs.readFileSync(f).toString('utf8');
      for (const s of secrets) if (content.includes(s)) found.push(`${s} dans ${f}`);
    }
    expect(found).toEqual([]);
  });
});
