// The national table's filters kept in the link (issue 28): a shared link opens on the same communes (the
// Meuse's ZAC communes, the most populous first), each choice is a history entry that back/forward restores,
// and the CSV holds what is shown.
import fs from 'node:fs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { useBrowser, usePages, type OpenedPage } from './browser.ts';

const baseUrl = inject('baseUrl');
const browser = useBrowser({ nationalTiles: false });
// Pages shared with the other files, moving by hash (see usePages).
const pageAt = usePages(browser, baseUrl);
const SHOTS = '/tmp/shots-commune';
const classes = (JSON.parse(fs.readFileSync('public/data/ars/medecin-generaliste.json', 'utf8')) as { classes: Record<string, string> }).classes;
const inMeuse = (id: string) => classes[id].split(' ').filter((c) => c.startsWith('55')).length;
const LINK = '#/france?profession=medecin-generaliste&vue=tableau&dep=55&classe=zac&tri=-population';
const number = (s: string | null) => Number(s!.replace(/\D/g, ''));

describe.each([
  { width: 375, height: 812 },
  { width: 1440, height: 900 },
])('tableau national ouvert par un lien ($width px)', (viewport) => {
  let opened: OpenedPage;
  beforeAll(async () => {
    opened = await pageAt(`${LINK}`, viewport);
    await opened.page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="national-table-count"]')?.textContent ?? ''), null, { timeout: 30_000 });
  });

  it('le lien rend le département, la classe et le tri', async () => {
    const { page, errors } = opened;
    expect(page.url()).toBe(`${baseUrl}${LINK}`);
    await expect(page.getByRole('combobox', { name: 'Département' }).inputValue()).resolves.toBe('55');
    await expect(page.getByRole('combobox', { name: 'Classe' }).inputValue()).resolves.toBe('zac');
    await expect.poll(async () => number(await page.getByTestId('national-table-count').textContent())).toBe(inMeuse('zac'));
    await expect(page.locator('th[aria-sort="descending"]').textContent()).resolves.toContain('Population');
    const deps = await page.locator('.scroll tbody td[data-label="Département"]').allTextContents();
    expect(new Set(deps)).toEqual(new Set(['55 — Meuse']));
    const classesShown = await page.locator('.scroll tbody td[data-label="Classe ARS"]').allTextContents();
    expect(new Set(classesShown)).toEqual(new Set(["Zone d'action complémentaire (ZAC)"]));
    const populations = (await page.locator('.scroll tbody td[data-label="Population"]').allTextContents()).map(number);
    expect(populations).toEqual([...populations].sort((a, b) => b - a));
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ caret: 'initial', path: `${SHOTS}/national-link-${viewport.width}.png` });
    expect(errors).toEqual([]);
  });

  it('le CSV contient ce qui est filtré', async () => {
    const { page } = opened;
    const download = page.waitForEvent('download');
    await page.getByTestId('national-csv').click();
    const lines = fs.readFileSync((await (await download).path())!, 'utf8').trim().split('\r\n');
    expect(lines.length - 1).toBe(inMeuse('zac'));
    expect(lines.slice(1).every((l) => l.includes(';55;Meuse;') && l.includes(';zac;'))).toBe(true);
  });

  it('chaque choix va dans le lien ; retour et avance le rendent', async () => {
    const { page } = opened;
    const count = page.getByTestId('national-table-count');
    await page.getByRole('combobox', { name: 'Classe' }).selectOption('zip');
    await expect.poll(() => page.url()).toContain('classe=zip');
    await expect.poll(async () => number(await count.textContent())).toBe(inMeuse('zip'));
    // Typing replaces the current entry (no history entry per letter), and is in the link.
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill('bar');
    await expect.poll(() => page.url()).toContain('q=bar');
    const searched = number(await count.textContent());
    expect(searched).toBeLessThan(inMeuse('zip'));
    await page.goBack();
    await expect.poll(() => page.url()).toBe(`${baseUrl}${LINK}`);
    await expect.poll(() => page.getByRole('combobox', { name: 'Classe' }).inputValue()).toBe('zac');
    await expect(page.getByRole('searchbox', { name: 'Rechercher' }).inputValue()).resolves.toBe('');
    await expect.poll(async () => number(await count.textContent())).toBe(inMeuse('zac'));
    await page.goForward();
    await expect.poll(() => page.getByRole('combobox', { name: 'Classe' }).inputValue()).toBe('zip');
    await expect(page.getByRole('searchbox', { name: 'Rechercher' }).inputValue()).resolves.toBe('bar');
    await expect.poll(async () => number(await count.textContent())).toBe(searched);
    // The page of the table is kept too.
    await page.goto(`${baseUrl}#/france?profession=medecin-generaliste&vue=tableau&dep=55&page=2`);
    await expect.poll(() => page.getByTestId('national-table-page').textContent()).toContain('Page 2 sur');
    await page.getByRole('button', { name: 'Suivante' }).click();
    await expect.poll(() => page.url()).toContain('page=3');
    await page.goBack();
    await expect.poll(() => page.getByTestId('national-table-page').textContent()).toContain('Page 2 sur');
    await page.screenshot({ caret: 'initial', path: `${SHOTS}/national-link-page2-${viewport.width}.png` });
    // A département the file does not have (an old or mistyped link) is said, and every commune shown.
    await page.goto(`${baseUrl}#/france?profession=medecin-generaliste&vue=tableau&dep=99`);
    await expect.poll(() => page.getByTestId('national-table-unknown').textContent()).toBe('Aucune commune du département « 99 » dans le fichier ; voici tous les départements.');
    await expect(page.getByRole('combobox', { name: 'Département' }).inputValue()).resolves.toBe('');
  });

  it('la page nationale d’une commune dit à quoi sert le zonage', async () => {
    const { page, errors } = opened;
    await page.goto(`${baseUrl}#/france/commune/55545`);
    const purpose = page.getByTestId('zone-purpose');
    await purpose.waitFor();
    await expect(purpose.textContent()).resolves.toContain("Il ne refuse aucun soin aux habitants");
    // Said before the table of the professions' classes.
    const table = await page.locator('table.zonages').boundingBox();
    expect((await purpose.boundingBox())!.y).toBeLessThan(table!.y);
    await purpose.scrollIntoViewIfNeeded();
    await page.screenshot({ caret: 'initial', path: `${SHOTS}/national-commune-${viewport.width}.png` });
    expect(errors).toEqual([]);
  });
});
