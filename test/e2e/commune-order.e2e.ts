// The commune page in the order people look for (issue 28): the zone and why, what the zonage means in
// plain words, then « Je suis… » and the aids available here, then the rest; every zonage of the commune
// folded in « Tous les zonages », the GPs' open and the other professions' closed.
import fs from 'node:fs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { zoneResolver } from '../../src/core/zonage/resolver.ts';
import type { ZonageBundle } from '../../src/core/zonage/bundle.ts';
import { useBrowser, usePages, type OpenedPage, waitForMap } from './browser.ts';
import { parisToday } from '../../src/core/dates.ts';

const baseUrl = inject('baseUrl');
const browser = useBrowser({ nationalTiles: false });
// Pages shared with the other files, moving by hash (see usePages).
const pageAt = usePages(browser, baseUrl);
const SHOTS = '/tmp/shots-commune';

const bundle = JSON.parse(fs.readFileSync('public/data/charente-maritime/zonage.json', 'utf8')) as ZonageBundle;
const aids = JSON.parse(fs.readFileSync('public/data/charente-maritime/aides.json', 'utf8')).aids as Array<{ id: string; title: string }>;
const title = (id: string) => aids.find((a) => a.id === id)!.title;
const today = parisToday();
const communes = JSON.parse(fs.readFileSync('public/data/charente-maritime/communes.json', 'utf8')).communes as Array<{ code: string }>;
const zone = zoneResolver(bundle, today);
// An « intermédiaire » commune of the département's zonage: fiches 9, 10 and 13 open there, fiche 8 does not.
const code = communes.map((c) => c.code).find((c) => zone(c)('medecin-generaliste')?.effective === 'intermediaire')!;
const professions = new Set(bundle.zonages.map((z) => z.profession));

/** The commune page's section headings, in the order they appear on the screen (top to bottom). */
async function headings(page: Page): Promise<string[]> {
  return page.locator('section.commune h3').evaluateAll((els) =>
    els
      .map((e) => ({ text: e.textContent!.trim(), y: e.getBoundingClientRect().top + window.scrollY }))
      .sort((a, b) => a.y - b.y)
      .map((h) => h.text),
  );
}

describe.each([
  { width: 375, height: 812 },
  { width: 1440, height: 900 },
])('fiche de la commune dans l’ordre ($width px)', (viewport) => {
  let opened: OpenedPage;
  beforeAll(async () => {
    opened = await pageAt(`#/charente-maritime/commune/${code}`, viewport);
    await waitForMap(opened.page, 'charente-maritime');
    await opened.page.getByTestId('commune-aids').waitFor();
    await opened.page.getByTestId('commune-indicators').waitFor();
  });

  it('la zone, puis « Je suis… » et les aides, puis le reste', async () => {
    const { page, errors } = opened;
    const seen = await headings(page);
    const expected = ['Zone de la commune', 'Aides disponibles ici', 'Tous les zonages', 'Indicateurs de la commune', 'Identité et offre de soins', 'Historique de la zone', 'Ce que la commune propose', 'Installations et cessations', 'Communes voisines', 'Partager cette fiche'];
    expect(seen.filter((h) => expected.includes(h))).toEqual(expected);
    // « Je suis… » is in the aids, before every other section.
    const persona = await page.getByTestId('commune-aids').getByLabel('Je suis').boundingBox();
    const zonages = await page.getByTestId('commune-zonages').boundingBox();
    const zoneBox = await page.getByTestId('commune-zone').boundingBox();
    expect(persona!.y).toBeGreaterThan(zoneBox!.y);
    expect(persona!.y).toBeLessThan(zonages!.y);
    await page.getByTestId('commune-zone').scrollIntoViewIfNeeded();
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ caret: 'initial', path: `${SHOTS}/commune-zone-${viewport.width}.png` });
    expect(errors).toEqual([]);
  });

  it('ce que veut dire la zone, en mots simples', async () => {
    const { page } = opened;
    const meaning = page.getByTestId('zone-meaning');
    await expect(meaning.textContent()).resolves.toContain("Il ne refuse aucun soin aux habitants");
    await expect(meaning.textContent()).resolves.toContain("aides aux professionnels de santé qui s'installent ou restent");
    const current = (await meaning.getByTestId('zone-meaning-current').textContent())!;
    expect(current).toContain('« Intermédiaire »');
    expect(current).toContain(title('cd17-fiche-10'));
    expect(current).toContain(title('cd17-fiche-13'));
    expect(current).not.toContain(title('cd17-fiche-08'));
    // Every class, folded: the non prioritaire one opens none of the zoned aids, fiche 9 on a condition.
    const all = meaning.getByTestId('zone-meaning-all');
    expect(await all.getAttribute('open')).toBeNull();
    await all.locator('summary').click();
    const text = (await all.textContent())!;
    expect(text).toMatch(/Très fragile.*Fragile.*Intermédiaire \(cette commune\).*Non prioritaire/s);
    expect(text).toContain("Aucune des aides du plan réservées à certaines zones ne s'ouvre ici");
    expect(text).toContain(`Sous condition : « ${title('cd17-fiche-09')} »`);
    await all.locator('dl').scrollIntoViewIfNeeded();
    await page.screenshot({ caret: 'initial', path: `${SHOTS}/commune-meaning-${viewport.width}.png` });
  });

  it('« Tous les zonages » : une section par profession, les médecins généralistes ouverts', async () => {
    const { page } = opened;
    const section = page.getByTestId('commune-zonages');
    const folds = section.locator('details');
    await expect(folds.count()).resolves.toBe(professions.size);
    expect(professions.size).toBeGreaterThanOrEqual(6);
    const open = await folds.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-profession')}:${(e as HTMLDetailsElement).open}`));
    expect(open[0]).toBe('medecin-generaliste:true');
    expect(open.slice(1).every((o) => o.endsWith(':false'))).toBe(true);
    // The GPs' zonages are visible; another profession's only once unfolded.
    await expect(section.locator('li[data-scheme="ars-medecin-generaliste"]').isVisible()).resolves.toBe(true);
    const dentists = section.locator('details[data-profession="chirurgien-dentiste"]');
    await expect(dentists.locator('li').first().isVisible()).resolves.toBe(false);
    await dentists.locator('summary').click();
    await expect(dentists.locator('li').first().isVisible()).resolves.toBe(true);
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ caret: 'initial', path: `${SHOTS}/commune-zonages-${viewport.width}.png` });
  });
});
