// Installations and cessations (fiche 1): overlay with a timeline, the commune's movement history,
// and the follow-up page's charts.
import fs from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { ZonageBundle } from '../../src/core/zonage-bundle.ts';
import { useBrowser, openPage, waitForMap, screenshot } from './browser.ts';

const baseUrl = inject('baseUrl');
const browser = useBrowser();
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
    const { page, errors } = await openPage(browser(), { width: 1280, height: 900 });
    await page.goto(`${baseUrl}#/charente-maritime`);
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
    await page.close();
  });

  it("la fiche d'Andilly : départ déclaré du dernier médecin, « fragile depuis le 3 mars 2026 »", async () => {
    const { page, errors } = await openPage(browser(), { width: 1280, height: 1000 });
    await page.goto(`${baseUrl}#/charente-maritime/commune/17008?mouvements=2026-01-01..2026-06-01`);
    await waitForMap(page, 'charente-maritime');
    await expect.poll(() => page.getByTestId('commune-zone').textContent()).toContain('Fragile depuis le 3 mars 2026 : départ du dernier médecin généraliste.');
    const history = page.getByTestId('commune-movements').getByRole('listitem');
    expect(await history.first().textContent()).toMatch(/Cessation le 2 mars 2026 — médecin généraliste, libéral\s*· départ \(fin d'exercice\) · mouvement déclaré/);
    await screenshot(page, 'mouvements-fiche');
    expect(errors).toEqual([]);
    await page.close();
  });
});
