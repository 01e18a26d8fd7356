// Installations and cessations (fiche 1): overlay with a timeline, the commune's movement history,
// and the follow-up page's charts.
import fs from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { ZonageBundle } from '../../src/core/zonage/bundle.ts';
import { useBrowser, usePages, waitForMap, screenshot } from './browser.ts';
import { parisToday } from '../../src/core/dates.ts';

const baseUrl = inject('baseUrl');
// Faint France around the territory is not what these tests look at: pages get the archive without tiles.
const browser = useBrowser({ nationalTiles: false });
// One page for the three tests, each going to its address by hash: the map is loaded once.
const pageAt = usePages(browser, baseUrl);
// The size of the pages the other files share (usePages): the map is often there already.
const SIZE = { width: 1280, height: 800 };
const bundle = JSON.parse(fs.readFileSync('public/data/charente-maritime/zonage.json', 'utf8')) as ZonageBundle;
const expected = (from: string, to: string, type: string) => bundle.movements.rows.filter((m) => m.type === type && m.date >= from && m.date <= to).length;

/** Movements drawn on screen, per kind: clusters count for their size; each cluster or point once. */
function drawn(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const map = (window as unknown as { __map: MapLibreMap }).__map;
    const out: Record<string, number> = {};
    for (const kind of ['installation', 'cessation']) {
      const seen = new Map<string, number>();
      for (const f of map.queryRenderedFeatures({ layers: [`mv-${kind}-symbol`] })) {
        const p = f.properties;
        const key = p.cluster ? `c${p.cluster_id}` : `p${JSON.stringify(p)}`;
        seen.set(key, p.cluster ? Number(p.point_count) : (seen.get(key) ?? 0) + 1);
      }
      out[kind] = [...seen.values()].reduce((a, b) => a + b, 0);
    }
    return out;
  });
}

describe('installations et cessations', () => {
  it('la période choisie change les symboles dessinés ; les comptes suivent la frise', async () => {
    const { page, errors } = await pageAt('#/charente-maritime', SIZE);
    await waitForMap(page, 'charente-maritime');
    await page.getByRole('button', { name: 'Mouvements' }).click();
    await expect.poll(() => page.url()).toMatch(/\?mouvements=\d{4}-01-01\.\.\d{4}-\d{2}-\d{2}$/);
    const panel = page.getByTestId('movements-panel');
    await panel.waitFor();
    await panel.getByLabel('Du', { exact: true }).fill('2025-01-01');
    await panel.getByLabel('Du', { exact: true }).dispatchEvent('change');
    await panel.getByLabel('au', { exact: true }).fill('2026-11-23');
    await panel.getByLabel('au', { exact: true }).dispatchEvent('change');
    await expect.poll(() => page.url()).toContain('?mouvements=2025-01-01..2026-11-23');
    const wide = { installation: expected('2025-01-01', '2026-11-23', 'installation'), cessation: expected('2025-01-01', '2026-11-23', 'cessation') };
    expect(wide.installation + wide.cessation).toBeGreaterThan(20);
    await expect.poll(() => panel.getByTestId('mv-count-installation').textContent()).toBe(String(wide.installation));
    expect(await panel.getByTestId('mv-count-cessation').textContent()).toBe(String(wide.cessation));
    await expect.poll(() => drawn(page), { timeout: 15_000 }).toEqual(wide);
    await screenshot(page, 'mouvements-carte');

    // A narrower period: fewer symbols, exactly those of the period.
    await page.goto(`${baseUrl}#/charente-maritime?mouvements=2026-03-01..2026-03-31`);
    const march = { installation: expected('2026-03-01', '2026-03-31', 'installation'), cessation: expected('2026-03-01', '2026-03-31', 'cessation') };
    expect(march.cessation).toBeGreaterThanOrEqual(1); // Andilly, declared on 2026-03-02
    await expect.poll(() => drawn(page), { timeout: 15_000 }).toEqual(march);
    expect(errors).toEqual([]);
  });

  // The declared movements are examples; the rule of fiche 1 reads the real counts at their date (issue 24):
  // Andilly keeps its 3 GPs of the RPPS of 7 April 2026, so the fictitious departure is shown but changes nothing.
  it("la fiche d'Andilly : départ déclaré (exemple) dans l'historique ; la règle lit les comptes réels, Andilly reste intermédiaire", async () => {
    const { page, errors } = await pageAt('#/charente-maritime/commune/17008?mouvements=2026-01-01..2026-06-01', SIZE);
    await waitForMap(page, 'charente-maritime');
    await expect.poll(() => page.getByTestId('commune-zone').textContent()).toContain('3 médecins généralistes (RPPS du 7 avril 2026)');
    await expect(page.getByTestId('commune-zone').textContent()).resolves.not.toContain('Fragile depuis');
    const history = page.getByTestId('commune-movements').getByRole('listitem');
    expect(await history.first().textContent()).toMatch(/Cessation le 2 mars 2026 — médecin généraliste, libéral\s*· départ \(fin d'exercice\) · mouvement déclaré/);
    await screenshot(page, 'mouvements-fiche');
    expect(errors).toEqual([]);
  });
});

describe('page de suivi', () => {
  it('graphiques avec le nombre de barres attendu, tableau de repli, listes, export CSV', async () => {
    const { page, errors } = await pageAt('#/charente-maritime', SIZE);
    await waitForMap(page, 'charente-maritime');
    await page.getByRole('link', { name: 'Suivi' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/charente-maritime\/suivi$/);
    await page.getByRole('heading', { name: 'Suivi des installations et cessations' }).waitFor();
    expect(await page.title()).toBe('Suivi des installations et cessations — Charente-Maritime — Observatoire du zonage santé');

    // Per year: the last five years (a year without movement too), three bars (installations, cessations, solde) each.
    const today = parisToday();
    const year = Number(today.slice(0, 4));
    const perYear = page.getByTestId('chart-par-annee');
    const bars = (id: string) => perYear.locator(`rect[data-bar="${id}"]`).count();
    expect(await bars('installations')).toBe(5);
    expect(await bars('cessations')).toBe(5);
    // Labels of at least 12 px on screen; each bar's value written.
    const sizes = await page.locator('[data-testid^="chart-"] svg text').evaluateAll((ts) => ts.map((t) => parseFloat(getComputedStyle(t).fontSize) * (t.closest('svg')!.getBoundingClientRect().width / t.closest('svg')!.viewBox.baseVal.width)));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
    expect(await perYear.locator('text.value').count()).toBe(15);
    // No two values run together (two bars of 16 side by side read « 1616 »): their boxes never overlap.
    const boxes = await page.locator('[data-testid^="chart-"] svg text.value').evaluateAll((ts) => ts.map((t) => t.getBoundingClientRect().toJSON() as DOMRect));
    const overlapping = boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5).map(() => i));
    expect(overlapping).toEqual([]);
    // Per zone: four classes of the departmental zonage; density: four bars.
    expect(await page.getByTestId('chart-par-zone').locator('rect[data-bar="installations"]').count()).toBe(4);
    expect(await page.getByTestId('chart-densite').locator('rect[data-bar]').count()).toBe(4);
    // The table fallback holds the same figures as the bars.
    // Movements after today are not past: not counted.
    const thisYear = bundle.movements.rows.filter((m) => m.profession === 'medecin-generaliste' && m.date.startsWith(String(year)) && m.date <= today);
    await perYear.getByText('Tableau des données').click();
    const row = perYear.getByRole('row', { name: new RegExp(`^${year}`) });
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells.slice(0, 2)).toEqual([String(thisYear.filter((m) => m.type === 'installation').length), String(thisYear.filter((m) => m.type === 'cessation').length)]);

    expect(await page.getByTestId('lost-last').textContent()).toContain('Andilly — dernière cessation le 2 mars 2026');
    // The pharmacy rule explained where it changed a class: Andilly's last GP left, the commune became fragile.
    expect(await page.getByTestId('rule-notes').textContent()).toContain(
      "Andilly — Cessation du 2 mars 2026, comptée en intermédiaire ; elle laisse la commune, qui a une pharmacie, sans médecin généraliste : fragile à partir du 3 mars 2026",
    );
    // The year's totals are those of the map's movements panel on the same period (all professions).
    const all = { installation: expected(`${year}-01-01`, today, 'installation'), cessation: expected(`${year}-01-01`, today, 'cessation') };
    const counts = (await page.getByTestId('period-counts').textContent())!.replace(/\s+/g, ' ');
    expect(counts).toContain(`toutes professions : ${all.installation} installation${all.installation > 1 ? 's' : ''} et ${all.cessation} cessation${all.cessation > 1 ? 's' : ''}`);
    const future = bundle.movements.rows.filter((m) => m.date > today).length;
    if (future) expect(counts).toContain(`${future} mouvement${future > 1 ? 's datés' : ' daté'} après aujourd'hui`);
    await page.getByTestId('period-counts').getByRole('link', { name: 'carte sur la même période' }).click();
    await expect.poll(() => page.url()).toContain(`?mouvements=${year}-01-01..${today}`);
    const panel = page.getByTestId('movements-panel');
    await expect.poll(() => panel.getByTestId('mv-count-installation').textContent(), { timeout: 20_000 }).toBe(String(all.installation));
    expect(await panel.getByTestId('mv-count-cessation').textContent()).toBe(String(all.cessation));
    await page.goBack();
    await page.getByRole('heading', { name: 'Suivi des installations et cessations' }).waitFor();
    expect(await page.getByTestId('single-gp').getByRole('listitem').count()).toBeGreaterThan(0);
    await screenshot(page, 'suivi');
    await page.setViewportSize({ width: 1440, height: 1400 });
    await screenshot(page, 'suivi-1440');
    await page.setViewportSize({ width: 375, height: 812 });
    await page.getByTestId('chart-par-zone').scrollIntoViewIfNeeded();
    await screenshot(page, 'suivi-375');
    const narrow = await page.locator('[data-testid^="chart-"] svg text').evaluateAll((ts) => ts.map((t) => parseFloat(getComputedStyle(t).fontSize) * (t.closest('svg')!.getBoundingClientRect().width / t.closest('svg')!.viewBox.baseVal.width)));
    expect(Math.min(...narrow)).toBeGreaterThanOrEqual(12);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.setViewportSize(SIZE);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exporter les mouvements (CSV)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('mouvements-charente-maritime-exemple.csv');
    const text = fs.readFileSync((await file.path())!, 'utf8');
    expect(text.split('\n')[0]).toBe('date,type,code_insee,profession,mode,rpps,nom,cause,source,apres');
    expect(text.trim().split('\n')).toHaveLength(bundle.movements.rows.length + 1);
    expect(errors).toEqual([]);
  });
});
