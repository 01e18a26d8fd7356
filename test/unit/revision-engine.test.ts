// The revision engine on the Charente-Maritime's default method (data/territories/charente-maritime/
// revision.json) with fixture indicators: each rule, thresholds at their bounds, the pharmacy rule of fiche 1
// (« les communes classées en zone intermédiaire ou non prioritaire et ayant une pharmacie mais pas de médecin
// généraliste en exercice […] seront classées en zone "fragile" »), missing indicators → « à préciser ».
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMethod, propose, proposeCommune, parameterValues, RevisionError, type IndicatorReader, type Method, type RevisionIndicator } from '../../src/core/revision/index.ts';

const CLASSES = ['tres-fragile', 'fragile', 'intermediaire', 'non-prioritaire'];
const FILE = 'data/territories/charente-maritime/revision.json';
const method: Method = parseMethod(JSON.parse(fs.readFileSync(FILE, 'utf8')), FILE, CLASSES);
const label = (id: string) => id;

type Fixture = Partial<Record<RevisionIndicator, number | string | null>>;
const reader = (values: Record<string, Fixture>): IndicatorReader => (code, indicator, since) => {
  const v = values[code]?.[indicator];
  if (v === undefined) return undefined;
  return { indicator, label: indicator, value: v, source: 'fixture', ...(indicator === 'apl' ? { year: 2023 } : {}), ...(since ? { since } : {}) };
};
const one = (f: Fixture, edited: Record<string, number> = {}) =>
  proposeCommune(method, parameterValues(method, edited), { code: '17001', nom: 'Essai', population: 100 }, reader({ '17001': f }), 'fragile', label);

describe('méthode par défaut de la Charente-Maritime : chaque règle et ses bornes', () => {
  it.each([
    // apl, ARS class, GPs, pharmacies → class, rule
    [1.2, 'hors-zonage', 2, 0, 'tres-fragile', 'apl-tres-bas'],
    [2.5, 'hors-zonage', 2, 0, 'tres-fragile', 'apl-tres-bas'],
    [2.51, 'hors-zonage', 2, 0, 'fragile', 'apl-bas-ou-zip'],
    [3.5, 'hors-zonage', 2, 0, 'fragile', 'apl-bas-ou-zip'],
    [3.51, 'hors-zonage', 2, 0, 'intermediaire', 'apl-moyen-ou-zac'],
    [4, 'hors-zonage', 2, 0, 'intermediaire', 'apl-moyen-ou-zac'],
    [4.01, 'hors-zonage', 2, 0, 'non-prioritaire', 'autres'],
    [5.5, 'zip', 2, 0, 'fragile', 'apl-bas-ou-zip'],
    [5.5, 'zac', 2, 0, 'intermediaire', 'apl-moyen-ou-zac'],
    [2.0, 'zip', 2, 0, 'tres-fragile', 'apl-tres-bas'],
    [3.0, 'zac', 2, 0, 'fragile', 'apl-bas-ou-zip'],
  ])('APL %s, ARS %s, %s médecins, %s pharmacies → %s (%s)', (apl, ars, gps, ph, cls, rule) => {
    const p = one({ apl, 'classe-ars': ars, medecins: gps, pharmacies: ph });
    expect([p.proposed, p.rule]).toEqual([cls, rule]);
    expect(p.ars).toBe(ars);
    expect(p.lastYear).toBe('fragile');
    expect(p.readings.find((r) => r.indicator === 'apl')).toMatchObject({ value: apl, source: 'fixture', year: 2023 });
  });

  it('la raison cite le chiffre lu et le seuil', () => {
    expect(one({ apl: 2.1, 'classe-ars': 'hors-zonage', medecins: 1, pharmacies: 0 }).reason).toBe('tres-fragile — APL au plus au seuil très fragile (apl 2023 2,1 ≤ 2,5)');
  });

  it('un seuil modifié repropose aussitôt', () => {
    const f = { apl: 3.0, 'classe-ars': 'hors-zonage', medecins: 2, pharmacies: 0 };
    expect(one(f).proposed).toBe('fragile');
    expect(one(f, { 'apl-tres-fragile': 3.0 }).proposed).toBe('tres-fragile');
    expect(one(f, { 'apl-fragile': 2.9 }).proposed).toBe('intermediaire');
  });
});

describe('règle de la pharmacie (fiche 1), par-dessus les règles', () => {
  it.each([
    // apl, GPs, pharmacies → class, rule, before
    [3.8, 0, 1, 'fragile', 'pharmacie-sans-medecin', 'intermediaire'],
    [4.5, 0, 2, 'fragile', 'pharmacie-sans-medecin', 'non-prioritaire'],
    [4.5, 1, 1, 'non-prioritaire', 'autres', undefined],
    [4.5, 0, 0, 'non-prioritaire', 'autres', undefined],
    [3.0, 0, 1, 'fragile', 'apl-bas-ou-zip', undefined],
    [2.0, 0, 1, 'tres-fragile', 'apl-tres-bas', undefined],
  ])('APL %s, %s médecins, %s pharmacies → %s', (apl, gps, ph, cls, rule, before) => {
    const p = one({ apl, 'classe-ars': 'hors-zonage', medecins: gps, pharmacies: ph });
    expect([p.proposed, p.rule, p.beforePharmacy]).toEqual([cls, rule, before]);
  });
});

describe('indicateur manquant : « à préciser », jamais une classe par défaut', () => {
  it.each([
    [{ 'classe-ars': 'hors-zonage', medecins: 1, pharmacies: 0 }, 'a-preciser', ['apl']],
    [{ apl: null, 'classe-ars': 'hors-zonage', medecins: 1, pharmacies: 0 }, 'a-preciser', ['apl']],
    // A ZIP commune without APL: « très fragile » cannot be decided before « fragile ».
    [{ 'classe-ars': 'zip', medecins: 1, pharmacies: 0 }, 'a-preciser', ['apl']],
    // The ARS class missing does not matter when the APL decides alone.
    [{ apl: 3.0, medecins: 1, pharmacies: 0 }, 'fragile', []],
    [{ apl: 4.5, medecins: 1, pharmacies: 0 }, 'a-preciser', ['classe-ars']],
    // The pharmacy rule needs both counts once the class is one it can move.
    [{ apl: 4.5, 'classe-ars': 'hors-zonage', pharmacies: 1 }, 'a-preciser', ['medecins']],
    [{ apl: 2.0, 'classe-ars': 'hors-zonage' }, 'tres-fragile', []],
  ] as Array<[Fixture, string, string[]]>)('%j → %s', (f, cls, missing) => {
    const p = one(f);
    expect(p.proposed).toBe(cls);
    expect(p.missing).toEqual(missing);
    if (cls === 'a-preciser') expect(p.reason).toMatch(/^À préciser/);
  });
});

describe('conditions tous / un des / évolution', () => {
  const m: Method = parseMethod(
    {
      ...method,
      parameters: [],
      rules: [
        { id: 'baisse', class: 'tres-fragile', label: 'baisse et peu de médecins', when: { all: [{ indicator: 'apl-evolution', op: '<', value: -0.5, since: 2019 }, { indicator: 'medecins-pour-10000', op: '<=', value: 5 }] } },
        { id: 'petite', class: 'fragile', label: 'petite commune', when: { indicator: 'population', op: '<', value: 500 } },
        { id: 'sinon', class: 'non-prioritaire', label: 'sinon', when: { always: true } },
      ],
      pharmacy: undefined,
    },
    'fixture',
    CLASSES,
  );
  it.each([
    [{ 'apl-evolution': -0.8, 'medecins-pour-10000': 4, population: 1000 }, 'tres-fragile'],
    [{ 'apl-evolution': -0.5, 'medecins-pour-10000': 4, population: 1000 }, 'non-prioritaire'],
    [{ 'apl-evolution': -0.8, 'medecins-pour-10000': 6, population: 300 }, 'fragile'],
    [{ 'apl-evolution': 0.2, population: 1000 }, 'non-prioritaire'],
    [{ 'medecins-pour-10000': 4, population: 1000 }, 'a-preciser'],
  ] as Array<[Fixture, string]>)('%j → %s', (f, cls) => {
    expect(proposeCommune(m, {}, { code: '17001', nom: 'E', population: 1 }, reader({ '17001': f }), null, label).proposed).toBe(cls);
  });
  it("l'évolution est lue depuis l'année de la règle", () => {
    const seen: Array<number | undefined> = [];
    const spy: IndicatorReader = (code, ind, since) => (seen.push(since), reader({ '17001': { 'apl-evolution': -1, 'medecins-pour-10000': 1 } })(code, ind, since));
    proposeCommune(m, {}, { code: '17001', nom: 'E', population: 1 }, spy, null, label);
    expect(seen[0]).toBe(2019);
  });
});

describe('déterminisme et ordre', () => {
  it('deux propositions identiques, dans l’ordre des communes', () => {
    const values: Record<string, Fixture> = {};
    const communes = Array.from({ length: 50 }, (_, i) => {
      const code = `17${String(i + 100).padStart(3, '0')}`;
      values[code] = { apl: (i % 12) / 2, 'classe-ars': i % 5 ? 'hors-zonage' : 'zip', medecins: i % 3, pharmacies: i % 2 };
      return { code, nom: code, population: i * 10 };
    });
    const a = propose(method, {}, communes, reader(values), new Map(), label);
    const b = propose(method, {}, communes, reader(values), new Map(), label);
    expect(a).toEqual(b);
    expect(a.map((p) => p.code)).toEqual(communes.map((c) => c.code));
    expect(new Set(a.map((p) => p.proposed))).toEqual(new Set(['tres-fragile', 'fragile', 'intermediaire', 'non-prioritaire']));
  });
});

describe('méthode mal écrite : message nommant le champ', () => {
  it.each([
    [{ rules: [{ id: 'x', class: 'inconnue', label: 'x', when: { always: true } }] }, /rules\.0\.class.*inconnue/],
    [{ rules: [{ id: 'x', class: 'fragile', label: 'x', when: { indicator: 'apl', op: '<=', param: 'absent' } }] }, /rules\.0\.when\.param.*absent/],
    [{ rules: [{ id: 'x', class: 'fragile', label: 'x', when: { indicator: 'apl-evolution', op: '<', value: 0 } }] }, /since/],
    [{ rules: [{ id: 'x', class: 'fragile', label: 'x', when: { indicator: 'inconnu', op: '<', value: 0 } }] }, /rules\.0\.when/],
    [{ version: 0 }, /version/],
  ])('%j', (patch, message) => {
    expect(() => parseMethod({ ...method, ...patch }, FILE, CLASSES)).toThrow(RevisionError);
    expect(() => parseMethod({ ...method, ...patch }, FILE, CLASSES)).toThrow(message);
  });
});
