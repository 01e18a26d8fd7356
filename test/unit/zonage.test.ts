// Fiche 1 (Plan santé de la Charente-Maritime, 2025) : « Une attention particulière sera portée aux
// communes classées en zone intermédiaire ou non prioritaire et ayant une pharmacie mais pas de médecin
// généraliste en exercice. Ces communes seront classées en zone « fragile » jusqu'à l'installation
// effective d'un médecin. »
import { describe, expect, it } from 'vitest';
import { effectiveZonage, type Pharmacy, type Practitioner, type Zonage } from '../../src/core/zonage/model.ts';
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
    const { classChanges } = await import('../../src/core/zonage/history.ts');
    const view = (classes: Record<string, string>) => ({
      zonage: zonage('fragile'),
      scheme,
      date: '2026-01-01',
      classes: new Map(Object.entries(classes).map(([code, c]) => [code, { code, base: c, effective: c, rule: null, reasons: [], gps: 0, pharmacies: 0 }])),
      counts: [],
      ruled: [],
      example: true,
      status: { state: 'en-vigueur' as const, inForce: true, text: '' },
      parts: {},
    });
    const before = view({ '17001': 'fragile', '17002': 'intermediaire', '17003': 'non-prioritaire' });
    const after = view({ '17001': 'tres-fragile', '17002': 'non-prioritaire', '17003': 'non-prioritaire' });
    expect(classChanges(before, after)).toEqual([
      { code: '17001', from: 'fragile', to: 'tres-fragile', direction: 'hausse' },
      { code: '17002', from: 'intermediaire', to: 'non-prioritaire', direction: 'baisse' },
    ]);
  });
});

describe("historique de la zone d'une commune", () => {
  it('donne la classe de chaque année publiée, effective à la date lue, et omet les années où la commune est absente', async () => {
    const { zoneHistory } = await import('../../src/core/zonage/history.ts');
    const year = (y: number, classes: Record<string, string>) => ({
      scheme: scheme.id, profession: 'medecin-generaliste', year: y, validFrom: `${y}-01-01`, validUntil: `${y}-12-31`,
      source: 'test', example: true, file: `zonages/${y}.csv`, classes,
    });
    const bundle = {
      territory: 'charente-maritime',
      schemes: cm.schemes,
      rules: cm.rules,
      zonages: [year(2026, { '17001': 'intermediaire' }), year(2024, { '17002': 'fragile' }), year(2025, { '17001': 'intermediaire' })],
      // Fiche 1: the last GP leaves on 2026-03-02, so 2026 read on 2026-06-01 is fragile.
      practitioners: { file: 'm.csv', source: 'test', example: true, rows: [gp('2010-01-01', '2026-03-02')] },
      pharmacies: { file: 'p.csv', source: 'test', example: true, rows: [pharmacy] },
    };
    const history = zoneHistory(bundle as never, '17001', 'medecin-generaliste', '2026-06-01');
    expect(history.map((h) => [h.year, h.date, h.base, h.effective])).toEqual([
      [2025, '2025-12-31', 'intermediaire', 'intermediaire'],
      [2026, '2026-06-01', 'intermediaire', 'fragile'],
    ]);
    expect(history[1].reason).toContain('règle « pharmacie sans médecin » (fiche 1)');
  });
});

describe('fiche 1 : depuis quand, et pourquoi (« jusqu\'à l\'installation effective d\'un médecin »)', () => {
  // One commune with a pharmacy; GPs come and go; the zonage 2026 runs from 2026-01-01.
  const at = (base: string, gps: Practitioner[], date: string, pharmacies: Pharmacy[] = [pharmacy]) =>
    effectiveZonage(zonage(base), scheme, cm.rules, gps, pharmacies, date).get('17001')!;
  it.each([
    // [cas, base, médecins, pharmacies, date, classe, depuis, phrase]
    ['départ du dernier médecin le 2 mars', 'intermediaire', [gp('2010-01-01', '2026-03-02')], [pharmacy], '2026-06-01', 'fragile', '2026-03-03', 'Fragile depuis le 3 mars 2026 : départ du dernier médecin généraliste'],
    ["la veille de son départ : rien n'a changé", 'intermediaire', [gp('2010-01-01', '2026-03-02')], [pharmacy], '2026-03-02', 'intermediaire', undefined, undefined],
    ["l'avant-dernier part : il reste un médecin", 'intermediaire', [gp('2010-01-01', '2026-03-02'), gp('2012-01-01')], [pharmacy], '2026-06-01', 'intermediaire', undefined, undefined],
    ['un médecin s\'installe le 15 juin', 'non-prioritaire', [gp('2026-06-15')], [pharmacy], '2026-07-01', 'non-prioritaire', '2026-06-15', "Non prioritaire depuis le 15 juin 2026 : installation d'un médecin généraliste"],
    ['départ puis installation : la dernière bascule compte', 'intermediaire', [gp('2010-01-01', '2026-03-02'), gp('2026-09-01')], [pharmacy], '2026-10-01', 'intermediaire', '2026-09-01', "Intermédiaire depuis le 1er septembre 2026 : installation d'un médecin généraliste"],
    ['une pharmacie ouvre sans médecin', 'non-prioritaire', [], [{ ...pharmacy, opened: '2026-04-10' }], '2026-05-01', 'fragile', '2026-04-10', "Fragile depuis le 10 avril 2026 : ouverture d'une pharmacie sans médecin généraliste en exercice"],
    ['la dernière pharmacie ferme', 'intermediaire', [], [{ ...pharmacy, closed: '2026-02-27' }], '2026-05-01', 'intermediaire', '2026-02-28', 'Intermédiaire depuis le 28 février 2026 : fermeture de la dernière pharmacie'],
    ['départ avant la période du zonage : pas de date dans ce zonage', 'intermediaire', [gp('2010-01-01', '2025-06-30')], [pharmacy], '2026-05-01', 'fragile', undefined, undefined],
    ['zone fragile de base : la règle ne la concerne pas', 'fragile', [gp('2010-01-01', '2026-03-02')], [pharmacy], '2026-06-01', 'fragile', undefined, undefined],
  ] as const)('%s', (_name, base, gps, pharmacies, date, effective, since, sentence) => {
    const r = at(base, [...gps], date, [...pharmacies]);
    expect(r.effective).toBe(effective);
    expect(r.since?.date).toBe(since);
    if (sentence) {
      expect(r.since!.cause).toBe(sentence);
      expect(r.reasons).toContain(`${sentence}.`);
    }
  });
});
