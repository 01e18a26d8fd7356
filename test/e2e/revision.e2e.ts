// « Révision annuelle » in the staff space, the whole cycle at 1440 px on the real indicators: the method said
// as an interpretation, a threshold edited (counts follow), map and table following each other (mouse and
// keyboard), a manual class blocked without a reason then argued, the comparison, the XLSX read back, the
// draft surviving a reload, the adoption giving next year's zonage file. Then the page at 375 px.
import fs from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser, openPage } from './browser.ts';

const baseUrl = inject('baseUrl');
const browser = useBrowser();
const SHOTS = process.env.SHOTS_DIR ?? 'test-results/screenshots';
const countOf = async (page: import('playwright-core').Page, cls: string) => Number((await page.locator(`[data-testid=counts] tr[data-class="${cls}"] td`).first().textContent())!.replace(/\s/g, ''));

describe('révision annuelle du zonage', () => {
  it('1440 px : seuil, sélection, classe manuelle argumentée, comparaison, export, adoption', async () => {
    const { page, errors } = await openPage(browser(), { width: 1440, height: 1000 });
    await page.route('**/tiles/**', (r) => r.fulfill({ status: 404, body: '' }));
    await page.goto(`${baseUrl}#/charente-maritime/gestion`);
    await page.getByRole('link', { name: 'révision annuelle' }).click();
    const note = page.getByTestId('interpretation');
    await expect(note.textContent()).resolves.toContain('Méthode par défaut : une interprétation.');
    await expect(page.getByRole('heading', { level: 2 }).textContent()).resolves.toBe('Révision annuelle du zonage départemental 2027');

    // A threshold edited: the counts are those of the new threshold at once.
    const before = await countOf(page, 'tres-fragile');
    expect(before).toBe(85);
    await page.getByLabel('APL au plus (très fragile)').fill('3.1');
    await expect.poll(() => countOf(page, 'tres-fragile')).toBeGreaterThan(before);
    await page.getByRole('button', { name: 'Seuils de la méthode' }).click();
    await expect.poll(() => countOf(page, 'tres-fragile')).toBe(before);

    // Table → map, map → table, keyboard.
    await page.getByTestId('revision-table').getByRole('button', { name: 'Agudelle' }).click();
    await expect(page.getByTestId('map-selected').count()).resolves.toBe(1);
    const detail = page.getByTestId('revision-detail');
    await expect(detail.textContent()).resolves.toMatch(/APL3,052023DREES, L'accessibilité potentielle localisée/);
    await expect(detail.textContent()).resolves.toContain('Proposée : Fragile — APL au plus au seuil fragile, ou zone d\'intervention prioritaire de l\'ARS (APL 2023 3,05 ≤ 3,5) — règle apl-bas-ou-zip.');
    await page.locator('[data-testid=revision-map] g[data-code="17003"]').click();
    await expect(page.locator('#rev-row-17003').getAttribute('aria-current')).resolves.toBe('true');
    await page.locator('#rev-row-17003 button').focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('#rev-row-17004').getAttribute('aria-current')).resolves.toBe('true');

    // A manual class without reason blocks the adoption.
    await page.getByTestId('revision-table').getByRole('button', { name: 'Agudelle' }).click();
    await detail.getByTestId('override-class').selectOption('tres-fragile');
    await page.getByLabel('Délibération').fill('Délibération n° 2026-12-01');
    await page.getByLabel('Date', { exact: true }).fill('2026-12-11');
    await expect(page.getByTestId('blockers').textContent()).resolves.toContain('Agudelle (17002) : classe manuelle, motif manquant');
    const adopt = page.getByRole('button', { name: 'Adopter et télécharger le zonage 2027' });
    await expect(adopt.isDisabled()).resolves.toBe(true);
    await detail.getByTestId('override-reason').selectOption('départ connu');
    await detail.getByTestId('override-comment').fill('Départ annoncé du médecin de la commune voisine.');
    await expect.poll(() => page.getByTestId('blockers').count()).toBe(0);
    await page.getByRole('checkbox', { name: 'classe manuelle' }).check();
    await expect(page.getByTestId('visible-count').textContent()).resolves.toBe('1 commune sur 462');
    await page.screenshot({ caret: 'initial', path: `${SHOTS}/revision-1440.png`, fullPage: false });
    await page.getByRole('checkbox', { name: 'classe manuelle' }).uncheck();

    // Compare: the transition matrix counts every commune.
    await expect(page.getByTestId('matrix-last').textContent()).resolves.toContain('De \\ vers');
    // Export: the XLSX read back.
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter en XLSX' }).click()]);
    expect(dl.suggestedFilename()).toBe('revision-2027-projet.xlsx');
    const book = XLSX.read(fs.readFileSync((await dl.path())!), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets['Communes']);
    expect(rows).toHaveLength(462);
    expect(rows.find((r) => r.code_insee === '17002')).toMatchObject({ classe_proposee: 'Fragile', classe_finale: 'Très fragile', motif: 'départ connu', apl: 3.05, apl_annee: '2023' });
    expect(XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['Synthèse'], { header: 1 })[0]).toEqual(['Zonage départemental 2027 — PROJET (brouillon « Brouillon 2027 »)']);

    const [word] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Annexe à la délibération (Word)' }).click()]);
    expect(word.suggestedFilename()).toBe('revision-2027-projet-annexe.docx');
    const xml = strFromU8(unzipSync(new Uint8Array(fs.readFileSync((await word.path())!)))['word/document.xml']);
    expect(xml).toContain('PROJET — liste non adoptée');
    expect(xml).toContain('Agudelle (17002) — classe manuelle : départ connu');

    // The draft survives a reload (IndexedDB). Its saving is debounced: waited for as a state, the stored
    // draft holding the argued class, not for a time.
    const stored = () =>
      page.evaluate(
        () =>
          new Promise<string>((resolve) => {
            const request = indexedDB.open('revision-zonage');
            request.onerror = () => resolve('');
            request.onsuccess = () => {
              const db = request.result;
              if (!db.objectStoreNames.contains('drafts')) return resolve((db.close(), ''));
              const all = db.transaction('drafts').objectStore('drafts').getAll();
              all.onsuccess = () => resolve((db.close(), JSON.stringify(all.result)));
              all.onerror = () => resolve((db.close(), ''));
            };
          }),
      );
    await expect.poll(stored).toContain('Départ annoncé du médecin de la commune voisine.');
    await page.reload();
    await page.getByTestId('revision-table').getByRole('button', { name: 'Agudelle' }).click();
    await expect(page.getByTestId('revision-detail').getByTestId('override-reason').inputValue()).resolves.toBe('départ connu');

    // Adoption: next year's zonage file, and the command that publishes it.
    await page.getByLabel('Délibération').fill('Délibération n° 2026-12-01');
    await page.getByLabel('Date', { exact: true }).fill('2026-12-11');
    const [zonage] = await Promise.all([page.waitForEvent('download'), adopt.click()]);
    expect(zonage.suggestedFilename()).toBe('zonage-2027.csv');
    const csv = fs.readFileSync((await zonage.path())!, 'utf8');
    expect(csv.split('\n')[0]).toBe('code_insee,zone');
    expect(csv).toContain('17002,tres-fragile\n');
    expect(csv.trim().split('\n')).toHaveLength(463);
    await expect(page.getByTestId('adopted').textContent()).resolves.toContain("revision adopt --territory charente-maritime --draft 'Brouillon 2027.json' --deliberation 'Délibération n° 2026-12-01' --date 2026-12-11");
    expect(errors.filter((e) => !/404/.test(e))).toEqual([]);
    await page.close();
  }, 120_000);

  it('375 px : la page se lit sur un téléphone', async () => {
    const { page, errors } = await openPage(browser(), { width: 375, height: 812 });
    await page.route('**/tiles/**', (r) => r.fulfill({ status: 404, body: '' }));
    await page.goto(`${baseUrl}#/charente-maritime/revision`);
    await page.getByTestId('interpretation').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ caret: 'initial', path: `${SHOTS}/revision-375.png`, fullPage: false });
    expect(errors.filter((e) => !/404/.test(e))).toEqual([]);
    await page.close();
  }, 60_000);
});
