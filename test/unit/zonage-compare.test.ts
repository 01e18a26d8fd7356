// What a publication changes (issue 28: « 379 → 6 practitioners passes without a word, and the rule-made
// fragile communes jump from 31 to 125 »): compared on the real published bundle of the Charente-Maritime.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareBundles } from '../../src/core/zonage/compare.ts';
import type { ZonageBundle } from '../../src/core/zonage/bundle.ts';

const published = (): ZonageBundle => JSON.parse(fs.readFileSync('public/data/charente-maritime/zonage.json', 'utf8')) as ZonageBundle;
const date = '2026-06-01';

describe('ce que change une publication', () => {
  it('rien quand rien ne change', () => {
    const c = compareBundles(published(), published(), date);
    expect(c.practitioners.added + c.practitioners.removed + c.pharmacies.added + c.pharmacies.removed).toBe(0);
    expect(c.zonages).toEqual([]);
    expect(c.warnings).toEqual([]);
  });

  it('une extraction de 6 professionnels : la chute est dite, et le saut des communes rendues fragiles par la règle', () => {
    const before = published();
    const after = published();
    // An imported extraction: the rule now reads its rows, not the real counts that stood in for the example list.
    after.practitioners = { ...after.practitioners, example: false, rows: after.practitioners.rows.slice(0, 6) };
    delete after.counts?.gps;
    const c = compareBundles(before, after, date);
    expect(c.practitioners.after).toBeLessThanOrEqual(6);
    expect(c.practitioners.removed).toBe(c.practitioners.before - c.practitioners.after);
    expect(c.warnings[0]).toMatch(/^Les professionnels en activité au 1er juin 2026 passent de [\d\u202f]+ à \d \(−\d+ %\)/);
    const departemental = c.zonages.find((z) => z.scheme === before.rules[0].scheme)!;
    expect(departemental.ruledAfter).toBeGreaterThan(departemental.ruledBefore);
    // Each commune that changes says why, in the words of the commune page.
    expect(departemental.changes.length).toBe(departemental.ruledAfter - departemental.ruledBefore);
    expect(departemental.changes.every((ch) => ch.to === 'fragile' && ch.why.length > 0)).toBe(true);
    expect(c.warnings.some((w) => w.startsWith('Les communes rendues fragiles par la règle « pharmacie sans médecin » passent de'))).toBe(true);
  });

  it('une nouvelle année de zonage est comparée au jour où elle commence', () => {
    const before = published();
    const after = published();
    const last = [...after.zonages].filter((z) => z.scheme === after.rules[0].scheme).sort((a, b) => b.year - a.year)[0];
    const code = Object.keys(last.classes)[0];
    const next = { ...last, year: last.year + 1, validFrom: `${last.year + 1}-01-01`, validUntil: `${last.year + 1}-12-31`, classes: { ...last.classes, [code]: last.classes[code] === 'tres-fragile' ? 'fragile' : 'tres-fragile' } };
    after.zonages = [...after.zonages, next];
    const c = compareBundles(before, after, date);
    const atStart = c.zonages.find((z) => z.date === next.validFrom)!;
    expect(atStart.year).toBe(next.year);
    expect(atStart.changes.map((ch) => ch.code)).toContain(code);
  });
});
