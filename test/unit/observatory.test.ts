// Fiche 1 : « assurer un suivi régulier dans les zones très fragiles, fragiles et intermédiaires des
// implantations et des cessations d'activité ».
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { communesToWatch, densityByClass, movementClass, movementsByYear, movementsByYearAndClass, NOT_CLASSED, pastMovements, periodCounts, ruleNotes } from '../../src/core/observatory.ts';
import { filterMovements } from '../../src/core/movements.ts';
import type { Movement } from '../../src/core/movements.ts';
import { zonageView, type ZonageBundle } from '../../src/core/zonage/bundle.ts';
import type { Commune } from '../../src/core/communes.ts';

const bundle = JSON.parse(fs.readFileSync('public/data/charente-maritime/zonage.json', 'utf8')) as ZonageBundle;
const communes = new Map((JSON.parse(fs.readFileSync('public/data/charente-maritime/communes.json', 'utf8')) as { communes: Commune[] }).communes.map((c) => [c.code, c]));
const mv = (type: Movement['type'], date: string, commune: string, profession = 'medecin-generaliste'): Movement => ({ type, date, commune, profession, mode: 'liberal', cause: 'arrivee', source: 'declaration' });

const label = (id: string) => bundle.schemes[0].classes.find((k) => k.id === id)?.label ?? id;

describe('classe effective d’une commune au moment de chaque mouvement (règle « pharmacie sans médecin » comprise)', () => {
  const classOf = movementClass(bundle, 'medecin-generaliste');
  const z2025 = bundle.zonages.find((z) => z.year === 2025 && z.scheme === 'cd17')!.classes;
  const z2026 = bundle.zonages.find((z) => z.year === 2026 && z.scheme === 'cd17')!.classes;
  // A commune whose class changed between 2025 and 2026, without pharmacy-rule effect at the dates below.
  const moved = Object.keys(z2026).find((c) => z2025[c] !== z2026[c] && !['intermediaire', 'non-prioritaire'].includes(z2026[c]) && !['intermediaire', 'non-prioritaire'].includes(z2025[c]))!;
  // 17053: a pharmacy and no GP all along (example data): fragile by the rule, intermédiaire or non prioritaire at base.
  const ruled = '17053';
  // A GP settling in the ruled commune: the register then has them from that date on.
  const withGp: ZonageBundle = {
    ...bundle,
    practitioners: { ...bundle.practitioners, rows: [...bundle.practitioners.rows, { commune: ruled, profession: 'medecin-generaliste', mode: 'liberal', start: '2026-05-04', end: null }] },
  };

  it.each([
    ['zonage 2025 à sa date', bundle, mv('installation', '2025-09-01', moved), { zone: z2025[moved], after: z2025[moved], base: z2025[moved] }],
    ['zonage 2026 à sa date', bundle, mv('cessation', '2026-02-01', moved), { zone: z2026[moved], after: z2026[moved], base: z2026[moved] }],
    ['avant tout zonage : non classée', bundle, mv('installation', '2020-01-01', moved), { zone: NOT_CLASSED, after: NOT_CLASSED, base: NOT_CLASSED }],
    [
      'Andilly, départ du dernier médecin le 2 mars 2026 : compté en intermédiaire, la commune devient fragile',
      bundle,
      mv('cessation', '2026-03-02', '17008'),
      { zone: 'intermediaire', after: 'fragile', base: 'intermediaire', rule: { ref: 'fiche 1', to: 'fragile' } },
    ],
    [
      'installation dans une commune rendue fragile par la règle : comptée en fragile, elle retrouve sa classe',
      withGp,
      mv('installation', '2026-05-04', ruled),
      { zone: 'fragile', after: z2026[ruled], base: z2026[ruled], rule: { ref: 'fiche 1', to: 'fragile' } },
    ],
    [
      'autre mouvement dans une commune rendue fragile : compté en fragile',
      bundle,
      mv('cessation', '2026-05-04', ruled),
      { zone: 'fragile', after: 'fragile', base: z2026[ruled], rule: { ref: 'fiche 1', to: 'fragile' } },
    ],
  ])('%s', (_, b, m, expected) => {
    expect(movementClass(b, 'medecin-generaliste')(m)).toEqual(expected);
  });

  it('la règle est expliquée là où elle a changé une classe, en français', () => {
    const notes = ruleNotes([mv('cessation', '2026-03-02', '17008'), mv('cessation', '2026-02-01', moved)], classOf, label);
    expect(notes.map((n) => n.text)).toEqual([
      "Cessation du 2 mars 2026, comptée en intermédiaire ; elle laisse la commune, qui a une pharmacie, sans médecin généraliste : fragile à partir du 3 mars 2026 (règle « pharmacie sans médecin », fiche 1 ; classement de base : intermédiaire).",
    ]);
    const back = ruleNotes([mv('installation', '2026-05-04', ruled)], movementClass(withGp, 'medecin-generaliste'), label);
    expect(back[0].text).toBe(
      `Installation du 4 mai 2026, comptée en fragile ; la commune était fragile par la règle « pharmacie sans médecin », fiche 1 ; elle retrouve ce jour-là sa classe de base, ${label(z2026[ruled]).toLowerCase()}.`,
    );
  });

  it('compte installations, cessations et solde ; ignore les autres professions', () => {
    const rows = movementsByYearAndClass(
      [mv('installation', '2025-09-01', moved), mv('cessation', '2026-02-01', moved), mv('cessation', '2026-03-01', moved), mv('installation', '2026-03-01', moved, 'chirurgien-dentiste')],
      classOf,
      'medecin-generaliste',
    );
    expect(rows).toEqual([
      { year: 2025, zone: z2025[moved], installations: 1, cessations: 0, balance: 1 },
      { year: 2026, zone: z2026[moved], installations: 0, cessations: 2, balance: -2 },
    ]);
    expect(movementsByYear(rows)).toEqual([
      { year: 2025, installations: 1, cessations: 0, balance: 1 },
      { year: 2026, installations: 0, cessations: 2, balance: -2 },
    ]);
  });

  it("la cessation d'Andilly compte en intermédiaire (sa classe le dernier jour), pas en fragile", () => {
    const rows = movementsByYearAndClass([mv('cessation', '2026-03-02', '17008')], classOf, 'medecin-generaliste');
    expect(rows).toEqual([{ year: 2026, zone: 'intermediaire', installations: 0, cessations: 1, balance: -1 }]);
  });
});

describe('période : mêmes comptes que le panneau « Mouvements » de la carte ; rien après aujourd’hui', () => {
  const all = bundle.movements.rows;
  it.each([
    ['2026-01-01', '2026-11-23', undefined],
    ['2026-01-01', '2026-11-23', 'medecin-generaliste'],
    ['2025-01-01', '2026-11-23', 'medecin-generaliste'],
    ['2025-11-23', '2026-11-23', 'infirmier'],
    ['2026-03-02', '2026-03-02', undefined],
  ])('du %s au %s (%s)', (from, to, profession) => {
    const shown = filterMovements(all, { from, to, ...(profession ? { professions: [profession] } : {}) });
    expect(periodCounts(all, from, to, profession)).toEqual({
      installations: shown.filter((m) => m.type === 'installation').length,
      cessations: shown.filter((m) => m.type === 'cessation').length,
    });
  });

  it('un mouvement daté après aujourd’hui (cessation prévue le 26 novembre 2026) n’est pas compté comme passé', () => {
    const future = all.filter((m) => m.date > '2026-11-23');
    expect(future.length).toBeGreaterThan(0);
    const past = pastMovements(all, '2026-11-23');
    expect(past).toHaveLength(all.length - future.length);
    expect(past.some((m) => m.date > '2026-11-23')).toBe(false);
    const rows = movementsByYearAndClass(past, movementClass(bundle, 'medecin-generaliste'), 'medecin-generaliste');
    const y2026 = rows.filter((r) => r.year === 2026).reduce((a, r) => a + r.cessations, 0);
    expect(y2026).toBe(periodCounts(all, '2026-01-01', '2026-11-23', 'medecin-generaliste').cessations);
  });
});

describe('densité et communes à suivre (zonage 2026 au 1er juin 2026)', () => {
  const view = zonageView(bundle, 'medecin-generaliste', 2026, '2026-06-01')!;
  it('médecins pour 10 000 habitants par classe : la somme des médecins et des communes est celle du territoire', () => {
    const d = densityByClass(view, communes);
    expect(d.map((x) => x.zone)).toEqual(['tres-fragile', 'fragile', 'intermediaire', 'non-prioritaire']);
    expect(d.reduce((a, x) => a + x.communes, 0)).toBe(view.classes.size);
    expect(d.reduce((a, x) => a + x.gps, 0)).toBe([...view.classes.values()].reduce((a, c) => a + c.gps, 0));
    for (const x of d) if (x.per10k !== null) expect(x.per10k).toBeCloseTo((x.gps / x.population) * 10000, 1);
  });
  it('la règle lit les comptes réels (RPPS du 7 avril 2026) : aucun « depuis » tiré des mouvements d’exemple ; les communes à un seul médecin sont listées', () => {
    const w = communesToWatch(view);
    expect(bundle.counts?.gps?.label).toBe('RPPS du 7 avril 2026');
    // The rule's communes: a pharmacy and no GP in the counts, and no date drawn from fictitious movements.
    expect(w.lostLastGp.length).toBeGreaterThan(0);
    for (const c of w.lostLastGp) {
      expect(c.since).toBeUndefined();
      expect(bundle.counts!.pharmacies!.values[c.code]).toBeGreaterThan(0);
      expect(bundle.counts!.gps!.values[c.code]).toBeUndefined();
    }
    expect(w.singleGp.every((code) => view.classes.get(code)!.gps === 1 && bundle.counts!.gps!.values[code] === 1)).toBe(true);
    expect(w.singleGp.length).toBeGreaterThan(0);
  });
});

describe('communes ayant perdu leur dernier praticien sur une période', () => {
  it("Andilly (cessation déclarée le 2 mars 2026) ; rien avant la cessation ; une commune qui garde un médecin n'y figure pas", async () => {
    const { lostLast } = await import('../../src/core/observatory.ts');
    const lost = lostLast(bundle, 'medecin-generaliste', '2026-01-01', '2026-06-01');
    expect(lost).toContainEqual({ code: '17008', date: '2026-03-02' });
    expect(lostLast(bundle, 'medecin-generaliste', '2026-01-01', '2026-03-01').map((c) => c.code)).not.toContain('17008');
    const stillServed = new Set(bundle.practitioners.rows.filter((p) => p.profession === 'medecin-generaliste' && (!p.start || p.start <= '2026-06-01') && (!p.end || p.end >= '2026-06-01')).map((p) => p.commune));
    for (const c of lost) expect(stillServed.has(c.code)).toBe(false);
  });
});
