// Fiche 1 (Plan santé de la Charente-Maritime, 2025) : « Une attention particulière sera portée aux
// communes classées en zone intermédiaire ou non prioritaire et ayant une pharmacie mais pas de médecin
// généraliste en exercice. Ces communes seront classées en zone « fragile » jusqu'à l'installation
// effective d'un médecin. »
import { describe, expect, it } from 'vitest';
import { effectiveZonage, type Pharmacy, type Practitioner, type Zonage } from '../../src/core/zonage.ts';
import { loadZonageConfig } from '../../scripts/lib/inputs.ts';

const cm = loadZonageConfig('charente-maritime');
const scheme = cm.schemes[0];
const CLASSES = ['tres-fragile', 'fragile', 'intermediaire', 'non-prioritaire'];

const zonage = (base: string): Zonage => ({
  territory: 'charente-maritime',
  scheme: scheme.id,
  profession: 'medecin-generaliste',
  year: 2026,
  validFrom: '2026-01-01',
  validUntil: '2026-12-31',
  source: 'test',
  example: true,
  classes: new Map([['17001', base]]),
});
const gp = (start: string | null, end: string | null = null): Practitioner => ({ commune: '17001', profession: 'medecin-generaliste', mode: 'liberal', start, end });
const pharmacy: Pharmacy = { commune: '17001', opened: null, closed: null };

describe('fiche 1 : commune avec pharmacie mais sans médecin généraliste en exercice ⇒ fragile', () => {
  const cases = CLASSES.flatMap((base) =>
    [true, false].flatMap((hasPharmacy) =>
      [true, false].map((hasGp) => {
        const triggered = (base === 'intermediaire' || base === 'non-prioritaire') && hasPharmacy && !hasGp;
        return { base, hasPharmacy, hasGp, expected: triggered ? 'fragile' : base, triggered };
      }),
    ),
  );
  it.each(cases)('base $base, pharmacie $hasPharmacy, médecin $hasGp ⇒ $expected', ({ base, hasPharmacy, hasGp, expected, triggered }) => {
    const r = effectiveZonage(zonage(base), scheme, cm.rules, hasGp ? [gp('2020-01-01')] : [], hasPharmacy ? [pharmacy] : [], '2026-03-01').get('17001')!;
    expect(r.effective).toBe(expected);
    expect(r.base).toBe(base);
    expect(r.rule !== null).toBe(triggered);
    if (triggered) {
      expect(r.reasons[0]).toBe(`Fragile — règle « pharmacie sans médecin » (fiche 1) ; classement de base : ${base === 'intermediaire' ? 'intermédiaire' : 'non prioritaire'}`);
      expect(r.reasons[1]).toContain('1 pharmacie, aucun médecin généraliste en exercice au 1er mars 2026');
    }
  });

  it("le départ du dernier médecin rend la commune fragile dès le lendemain de son dernier jour", () => {
    const leaving = [gp('2010-05-01', '2026-03-02')];
    const at = (date: string) => effectiveZonage(zonage('intermediaire'), scheme, cm.rules, leaving, [pharmacy], date).get('17001')!.effective;
    expect(at('2026-03-02')).toBe('intermediaire');
    expect(at('2026-03-03')).toBe('fragile');
  });

  it("l'installation effective d'un médecin rend à la commune son classement de base, à sa date", () => {
    const installing = [gp('2026-06-15')];
    const at = (date: string) => effectiveZonage(zonage('non-prioritaire'), scheme, cm.rules, installing, [pharmacy], date).get('17001')!.effective;
    expect(at('2026-06-14')).toBe('fragile');
    expect(at('2026-06-15')).toBe('non-prioritaire');
  });

  it("un autre professionnel (infirmier) ou une pharmacie fermée ne comptent pas", () => {
    const nurse: Practitioner = { ...gp('2020-01-01'), profession: 'infirmier' };
    const closed: Pharmacy = { ...pharmacy, closed: '2025-12-31' };
    expect(effectiveZonage(zonage('intermediaire'), scheme, cm.rules, [nurse], [pharmacy], '2026-03-01').get('17001')!.effective).toBe('fragile');
    expect(effectiveZonage(zonage('intermediaire'), scheme, cm.rules, [], [closed], '2026-03-01').get('17001')!.effective).toBe('intermediaire');
  });

  it("la règle n'existe pas pour Mauges Communauté (zonages de l'ARS)", () => {
    const mauges = loadZonageConfig('mauges');
    expect(mauges.rules).toEqual([]);
  });
});

describe('changements d\'une année à l\'autre', () => {
  it('liste les communes dont la classe effective change, vers plus ou moins de priorité', async () => {
    const { classChanges } = await import('../../src/core/zonage-bundle.ts');
    const view = (classes: Record<string, string>) => ({
      zonage: zonage('fragile'),
      scheme,
      date: '2026-01-01',
      classes: new Map(Object.entries(classes).map(([code, c]) => [code, { code, base: c, effective: c, rule: null, reasons: [], gps: 0, pharmacies: 0 }])),
      counts: [],
      ruled: [],
      example: true,
    });
    const before = view({ '17001': 'fragile', '17002': 'intermediaire', '17003': 'non-prioritaire' });
    const after = view({ '17001': 'tres-fragile', '17002': 'non-prioritaire', '17003': 'non-prioritaire' });
    expect(classChanges(before, after)).toEqual([
      { code: '17001', from: 'fragile', to: 'tres-fragile', direction: 'hausse' },
      { code: '17002', from: 'intermediaire', to: 'non-prioritaire', direction: 'baisse' },
    ]);
  });
});
